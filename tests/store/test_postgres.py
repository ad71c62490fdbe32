"""The same pipeline, CLI and store behaviour on a real PostgreSQL server as on SQLite."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from newsweave.cli import main
from newsweave.errors import StoreError
from newsweave.pipeline import run
from newsweave.present import export_json
from newsweave.store import SqlStore, open_store
from tests.conftest import SAMPLES
from tests.pgserver import PgServer, find_bindir


def _export(target: str) -> dict[str, Any]:
    opened = open_store(target)
    try:
        return export_json(opened)
    finally:
        opened.close()


def test_pipeline_until_cluster_stores_what_sqlite_stores(
    pg_server: PgServer, tmp_path: Path
) -> None:
    exports = {}
    for name, target in [("sqlite", str(tmp_path / "n.db")), ("pg", pg_server.new_database())]:
        opened = open_store(target)
        report = run([str(SAMPLES)], opened, until="cluster")
        assert report.articles_stored == 6, name
        opened.close()
        exports[name] = _export(target)
    sqlite, pg = exports["sqlite"], exports["pg"]
    assert len(pg["articles"]) == 6 and pg["stories"]
    assert pg["articles"] == sqlite["articles"]
    assert pg["stories"] == sqlite["stories"]
    assert pg["overlaps"] == sqlite["overlaps"]


def test_every_stage_on_postgresql_matches_the_sqlite_sample_store(
    pg_server: PgServer, sample_db: str
) -> None:
    url = pg_server.new_database()
    opened = open_store(url)
    run([str(SAMPLES)], opened)
    again = run([str(SAMPLES)], opened)
    opened.close()
    assert again.articles_stored == 0 and again.stages.get("extract") == 0
    pg, sqlite = _export(url), _export(sample_db)
    assert pg["entities"] and pg["quotes"] and pg["events"]
    for part in sqlite:
        assert pg[part] == sqlite[part], part


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_cli_runs_and_exports_with_a_postgresql_url(pg_server: PgServer) -> None:
    url = pg_server.new_database()
    code, out = _cli("run", str(SAMPLES), "--db", url, "--until", "cluster")
    assert code == 0 and "stored 6 new article(s) from 5 document(s)" in out, out
    code, out = _cli("run", str(SAMPLES), "--db", url, "--until", "cluster")
    assert code == 0 and "stored 0 new article(s)" in out, out
    code, out = _cli("export", "--db", url)
    assert code == 0, out
    exported = json.loads(out)
    assert len(exported["articles"]) == 6
    story_ids = {s["id"] for s in exported["stories"]}
    assert story_ids and {a["story_id"] for a in exported["articles"]} <= story_ids
    for story in exported["stories"]:
        assert story["article_ids"], story


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open the database") as raised:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/newsweave")
    assert "s3cret" not in str(raised.value)
    assert "127.0.0.1" in str(raised.value)


def test_two_processes_opening_a_new_database_at_once_both_succeed(pg_server: PgServer) -> None:
    url = pg_server.new_database(migrated=False)
    opened: list[SqlStore] = []
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(open_store(url))
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert [s.article_count() for s in opened] == [0, 0, 0]
    for s in opened:
        s.close()


def test_string_columns_are_unbounded_and_byte_ordered_as_in_sqlite(pg_server: PgServer) -> None:
    store = open_store(pg_server.new_database())
    with store.engine.connect() as conn:
        kinds = conn.execute(
            text(
                "SELECT DISTINCT data_type, collation_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name <> 'alembic_version' "
                "AND data_type IN ('character varying', 'text')"
            )
        ).all()
    store.close()
    assert kinds == [("text", "C")]


def test_missing_server_binaries_fail_with_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y postgresql"):
        find_bindir(path=str(tmp_path), debian=str(tmp_path / "*" / "bin"))


@pytest.mark.parametrize("scheme", ["postgresql://", "postgres://"])
def test_plain_postgresql_urls_use_the_pinned_psycopg_driver(
    pg_server: PgServer, scheme: str
) -> None:
    url = pg_server.emptied_database().replace("postgresql://", scheme)
    opened = open_store(url)
    assert (opened.engine.dialect.name, opened.engine.dialect.driver) == ("postgresql", "psycopg")
    assert opened.article_count() == 0
    opened.close()
