"""Kill a run half-way and rerun it: the store must hold each article exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsweave.store import open_store
from tests.conftest import SAMPLES

TEMPLATE = (SAMPLES / "004_71254aafd8384b56.txt").read_text(encoding="utf-8")


def _make_inputs(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        # Each file differs, so each is a distinct article.
        (folder / f"a{i:04d}.txt").write_text(
            TEMPLATE.replace("eight", f"{i} people"), encoding="utf-8"
        )


def test_killed_run_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    inputs, db = tmp_path / "in", tmp_path / "n.db"
    _make_inputs(inputs, 600)
    # Exactly-once is a property of ingestion; the later stages' reruns are tested in
    # tests/stages. Stopping after dedupe keeps 600 spaCy parses out of the suite.
    command = [
        *(sys.executable, "-m", "newsweave", "run", str(inputs), "--db", str(db)),
        *("--until", "dedupe"),
    ]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        # Committed batches land in the write-ahead log before the database file.
        written = [p for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
        if sum(p.stat().st_size for p in written) > 200_000:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    interrupted = open_store(str(db))
    stored_before_rerun = interrupted.article_count()
    interrupted.close()
    assert stored_before_rerun < 600, "the run finished before it could be killed"
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    store = open_store(str(db))
    ids = [a.id for a in store.iter_articles()]
    store.close()
    assert len(ids) == 600 == len(set(ids))
