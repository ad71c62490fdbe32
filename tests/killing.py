"""Kill ``newsweave run`` with SIGKILL at random moments of chosen stages, again and again.

Run as ``python -m tests.killing PLAN.json``, by tests/test_pipeline_kill.py. This process
imports newsweave and loads the spaCy model once, then forks each run from itself, so a
run killed during the cluster stage does not first spend seconds importing and loading
what the last one already had: each child runs the real ``newsweave run`` command (the
Click entry point) in a process of its own and is killed with a real SIGKILL. Forking is
safe here because this process starts no threads and closes its own database
connections before each fork.

Each child writes its progress to a pipe as it would to a terminal (``TTY_COMPATIBLE=1``):
one bar per stage, named as the stage, appears when the stage starts. That is how a kill
is aimed: wait for the target stage's bar, then for a random part of the time that stage
took in an uninterrupted run, then kill. Where the kill landed is the last bar seen.
The plan, the seed, and for every kill its target, delay and landing are printed as JSON
lines for the test to check and report.
"""

from __future__ import annotations

import json
import os
import random
import re
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any

#: Every phase of a run, in order: reading the inputs, then the store stages.
PHASES = ("read", "dedupe", "extract", "cluster", "entities", "events", "compare", "brief")
_BAR = re.compile(r"\b(" + "|".join(PHASES) + r")\b")
#: A stage's bar shows ``done/total`` units; the total is what this run has to do.
_TOTAL = re.compile(r"\b(" + "|".join(PHASES[1:]) + r")\b[^\r\n]*?\b\d+/(\d+)(?=\s)")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: The part of a phase's uninterrupted time a kill is aimed in (see ``_window``).
WINDOW_SHARE = 0.35


def _warm() -> None:
    """Import everything a run imports and load what it loads once (spaCy, the model of
    the clusterer), so that every forked run starts with them."""
    import newsweave.brief.summary
    import newsweave.cli
    import newsweave.compare.story
    import newsweave.extract.analyse
    import newsweave.extract.entities.book
    import newsweave.extract.events  # noqa: F401
    from newsweave.cluster import ClusterModel
    from newsweave.nlp import english

    english()
    ClusterModel.load()


def _child(inputs: str, db: str, err_fd: int) -> None:
    """In the forked process: ``newsweave run INPUTS --db DB --workers 1``, progress to
    ``err_fd`` as to a terminal; never returns."""
    code = 1
    try:
        os.environ["TTY_COMPATIBLE"] = "1"
        os.environ["COLUMNS"] = "120"
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(err_fd, 2)
        from newsweave.cli import main

        main(["run", inputs, "--db", db, "--workers", "1"], prog_name="newsweave")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os._exit(code)


def _one_run(
    inputs: str,
    db: str,
    target: str,
    plan: dict[str, Any],
    rng: random.Random,
    scale: float = 1.0,
) -> dict[str, Any]:
    """Fork a run and kill it during ``target`` (or the first phase after it that runs):
    after a random part of the time the phase took in the uninterrupted run, scaled by how
    many units it has to do this time, times ``scale``; return what happened."""
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(inputs, db, write_fd)
    os.close(write_fd)
    seen: list[str] = []
    totals: dict[str, int] = {}
    tail = ""  # the end of the output so far: a bar may come in two reads
    fraction = rng.random() * scale
    delay: float | None = None
    kill_at: float | None = None
    while True:
        ready, _, _ = select.select([read_fd], [], [], 0.02)
        if ready:
            tail = (tail + os.read(read_fd, 65536).decode("utf-8", "replace"))[-8192:]
            shown = _ANSI.sub("", tail)
            for name in _BAR.findall(shown):
                if name not in seen:
                    seen.append(name)
            for name, total in _TOTAL.findall(shown):
                totals.setdefault(name, int(total))
        now = time.monotonic()
        reached = [n for n in seen if PHASES.index(n) >= PHASES.index(target)]
        if kill_at is None and reached and (reached[0] == "read" or reached[0] in totals):
            delay = fraction * _window(reached[0], totals.get(reached[0]), plan)
            kill_at = now + delay
        if kill_at is not None and now >= kill_at:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            break
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    os.close(read_fd)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return {
        "target": target,
        "delay": None if delay is None else round(delay, 3),
        "killed": killed,
        "landed": max(seen, key=PHASES.index) if killed and seen else None,
        "exit": None if killed else os.WEXITSTATUS(status),
        "seconds": round(time.monotonic() - started, 2),
    }


def _window(phase: str, units: int | None, plan: dict[str, Any]) -> float:
    """How long ``phase`` should take this time: its time in the uninterrupted run, scaled
    by the units it has to do now (a resumed stage has fewer), cut to its first third so
    the kill lands inside: a stage's time also covers what it does before its bar shows
    and its closing write, and a stage of a fraction of a second (cluster, on an idle
    machine) that a kill misses is done for good, leaving its later kills nothing."""
    seconds, units_then = plan["windows"][phase]
    if units is not None and units_then:
        seconds *= units / units_then
    return max(WINDOW_SHARE * seconds, 0.03)


def main(plan_path: str) -> None:
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    seed = int(plan["seed"])
    rng = random.Random(seed)
    print(json.dumps({"seed": seed, "plan": plan["kills"]}), flush=True)
    warm_started = time.monotonic()
    _warm()
    print(json.dumps({"warm_seconds": round(time.monotonic() - warm_started, 2)}), flush=True)
    for target, count in plan["kills"]:
        # A kill that lands after its phase (a loaded machine ran the phase faster or the
        # pipe was read late) is followed by another with an earlier moment, a few times
        # at most, so every phase with work left is interrupted as planned.
        landed = misses = 0
        while landed < count and landed + misses < count + 3:
            result = _one_run(plan["inputs"], plan["db"], target, plan, rng, 0.5**misses)
            print(json.dumps(result), flush=True)
            if not result["killed"]:
                return  # the run finished: nothing left to interrupt
            if result["landed"] == target:
                landed += 1
            else:
                misses += 1


if __name__ == "__main__":
    main(sys.argv[1])
