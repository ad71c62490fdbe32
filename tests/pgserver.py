"""A throwaway real PostgreSQL server for the tests, started once per session.

The server runs from the Debian ``postgresql`` package's binaries (initdb, pg_ctl) in a
temporary folder, listening on a free 127.0.0.1 port with trust authentication and no
fsync (nothing here needs to survive a crash). One migrated template database is made at
start; a test copies it or, cheaper, gets the one shared database with its tables emptied.
PostgreSQL refuses to run as root, so under root the folder is handed to the ``postgres``
user the package creates and the binaries run as that user. Missing binaries fail the
tests with the command that installs them: a PostgreSQL test that silently skipped would
hide that the PostgreSQL store is untested.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from newsweave.store import open_store
from newsweave.store.postgres import driver_url

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: the store tests run on a real "
    "PostgreSQL server. Install it with `apt-get install -y postgresql` (or `make system-deps`)."
)
#: The database every test database is copied from: already migrated, so a test only pays for
#: CREATE DATABASE ... TEMPLATE (a file copy), not for running the migrations again.
TEMPLATE = "newsweave_template"
_TABLES = (
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
    "AND tablename <> 'alembic_version' ORDER BY tablename"
)


def find_bindir(path: str | None = None, debian: str = "/usr/lib/postgresql/*/bin") -> Path:
    """The folder holding initdb and pg_ctl: ``PATH`` first, then Debian's versioned folders
    (the package does not put them on ``PATH``), newest version first."""
    on_path = shutil.which("pg_ctl", path=path)
    if on_path and shutil.which("initdb", path=path):
        return Path(os.path.realpath(on_path)).parent
    for candidate in sorted(glob.glob(debian), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    pytest.fail(INSTALL_HINT, pytrace=False)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """A running server. ``emptied_database()`` gives the URL of an empty store cheaply;
    ``new_database()`` a database of a test's own (for tests that open it several times)."""

    def __init__(self, bindir: Path, folder: Path, port: int, user: str | None) -> None:
        self.bindir, self.folder, self.port, self.user = bindir, folder, port, user
        self._names = itertools.count(1)
        admin_url = driver_url(self.url("postgres"))
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self._shared: Engine | None = None
        self._shared_url = ""

    def url(self, database: str) -> str:
        """A ``postgresql://`` URL as a user would pass it to ``--db``."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync",
                  "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = self.folder / "server.log"
        self._run("pg_ctl", "start", "-w", "-D", str(data), "-l", str(log), "-o", options)
        opened = open_store(self.url(self._create()))  # migrate the template once
        opened.close()

    def _create(self, name: str = TEMPLATE, template: str = "template0") -> str:
        # FILE_COPY: for a small database, copying its files beats logging every block.
        query = f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY'
        with self._admin.connect() as conn:
            conn.execute(text(query))
        return name

    def new_database(self, migrated: bool = True) -> str:
        """The URL of a new database: holding the empty newsweave schema, or nothing at all."""
        template = TEMPLATE if migrated else "template0"
        return self.url(self._create(f"test_{next(self._names)}", template))

    def emptied_database(self) -> str:
        """The URL of one shared database with every newsweave table emptied, for tests that
        need an empty store: TRUNCATE costs milliseconds, CREATE DATABASE a good fraction of
        a second on a busy machine."""
        if self._shared is None:
            self._shared_url = self.new_database()
            self._shared = create_engine(driver_url(self._shared_url))
        with self._shared.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))  # a leaked connection: fail
            names = ", ".join('"' + t + '"' for t in conn.execute(text(_TABLES)).scalars())
            conn.execute(text(f"TRUNCATE {names}"))
        return self._shared_url

    def stop(self) -> None:
        if self._shared is not None:
            self._shared.dispose()
        self._admin.dispose()
        self._run("pg_ctl", "stop", "-D", str(self.folder / "data"), "-m", "immediate")


@contextmanager
def running_server() -> Iterator[PgServer]:
    """Start a server in a fresh temporary folder, yield it, stop it and remove the folder."""
    bindir = find_bindir()
    user: str | None = None
    root = os.geteuid() == 0
    # Under root the server's user must reach the folder: /tmp, not a private TMPDIR.
    folder = Path(tempfile.mkdtemp(prefix="newsweave-pg-", dir="/tmp" if root else None))
    if root:
        user = "postgres"
        try:
            shutil.chown(folder, user, user)
        except LookupError:
            pytest.fail(f"no 'postgres' user to run the server as. {INSTALL_HINT}", pytrace=False)
    server = PgServer(bindir, folder, _free_port(), user)
    try:
        server.start()
        yield server
    finally:
        if (folder / "data" / "postmaster.pid").exists():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
