"""Kill ``newsweave run`` with SIGKILL and rerun it: the store must hold each article exactly
once, pass SQLite's integrity check, and hold the stories and facts of a run never killed.

The second test kills a run two dozen times, at random moments of every phase (reading,
dedupe, extract, cluster, entities, events, compare, brief), aimed by the progress bars the
run shows (see tests/killing.py, which forks each run warm so that the spaCy model is loaded
once). Its seed is printed; ``NEWSWEAVE_KILL_SEED=N`` replays one.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from newsweave.present import export_json
from newsweave.store import open_store
from tests.conftest import ROOT, SAMPLES
from tests.feed import write_feed

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


#: Kills per phase of a run, in order: each phase can be interrupted only until it is done.
KILLS = [
    ("read", 3),
    ("dedupe", 2),
    ("extract", 3),
    ("cluster", 4),
    ("entities", 4),
    ("events", 2),
    ("compare", 4),
    ("brief", 2),
]
FEED_FILES = 240
_STAGE_TIME = re.compile(r"(\w+) (?:(\d+) in )?([\d.]+) s")


def _newsweave_run(inputs: Path, db: Path) -> str:
    """A real ``newsweave run`` to completion; its summary line of stage times."""
    done = subprocess.run(
        [sys.executable, "-m", "newsweave", "run", str(inputs), "--db", str(db), "--workers", "1"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _stage_windows(summary: str) -> dict[str, tuple[float, int | None]]:
    """Seconds each phase took in an uninterrupted run and how many units (articles or
    stories) it did, by the names of the progress bars (reading is ``read``)."""
    line = next(x for x in summary.splitlines() if x.startswith("stages: "))
    windows = {name: (float(s), int(n) if n else None) for name, n, s in _STAGE_TIME.findall(line)}
    windows["read"] = windows.pop("ingest")
    return windows


def test_runs_killed_at_random_moments_of_every_stage_finish_as_one_uninterrupted_run(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "feed"
    write_feed(inputs, FEED_FILES, paragraphs=(1, 2))
    started = time.monotonic()
    reference_db = tmp_path / "whole.db"
    summary = _newsweave_run(inputs, reference_db)
    reference_seconds = time.monotonic() - started
    reference = open_store(str(reference_db))
    expected = export_json(reference)
    reference.close()
    stored = len(expected["articles"])
    assert stored + len(expected["rejected"]) == FEED_FILES  # an article or a reason each
    assert expected["stories"] and expected["entities"] and expected["claims"]

    seed = int(os.environ.get("NEWSWEAVE_KILL_SEED", random.SystemRandom().randrange(10**6)))
    print(f"kill test seed {seed} (rerun with NEWSWEAVE_KILL_SEED={seed})")
    db = tmp_path / "killed.db"
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "seed": seed,
                "inputs": str(inputs),
                "db": str(db),
                "kills": KILLS,
                "windows": _stage_windows(summary),
            }
        ),
        encoding="utf-8",
    )
    killing_started = time.monotonic()
    driver = subprocess.run(
        [sys.executable, "-m", "tests.killing", str(plan)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    killing_seconds = time.monotonic() - killing_started
    lines = [json.loads(x) for x in driver.stdout.splitlines()]
    runs = [x for x in lines if "target" in x]
    kills = [x for x in runs if x["killed"]]
    landed = Counter(x["landed"] for x in kills)
    print(f"{len(kills)} kills, landed {dict(landed)}; {lines[1]}")
    print(f"reference run {reference_seconds:.1f} s, kill rounds {killing_seconds:.1f} s")
    assert len(kills) >= 20, runs
    assert all(landed[s] > 0 for s in ("read", "extract", "cluster", "entities", "compare")), runs

    _newsweave_run(inputs, db)  # the rerun to completion
    store = open_store(str(db))
    try:
        assert store.integrity_problems() == []
        ids = [a.id for a in store.iter_articles()]
        assert len(ids) == len(set(ids)) == stored
        assert export_json(store) == expected
    finally:
        store.close()
