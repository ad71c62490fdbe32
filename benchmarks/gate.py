"""Run every benchmark with a pinned floor and fail if a score dropped below it.

Each benchmark prints ``key=value`` pairs on its last line; floors live in
``floors.json`` beside this file. This is a CI gate on development data, not a
unit test: the scores themselves are only ever measured, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import TypedDict

HERE = Path(__file__).resolve().parent


class Spec(TypedDict):
    command: list[str]
    floors: dict[str, float]


def last_line_scores(output: str) -> dict[str, float]:
    """Parse ``a=0.9 b=0.8`` from the last non-empty line of a benchmark's output."""
    lines = [line for line in output.splitlines() if line.strip()]
    scores: dict[str, float] = {}
    for pair in lines[-1].split() if lines else []:
        key, _, value = pair.partition("=")
        try:
            scores[key] = float(value)
        except ValueError:
            continue
    return scores


def run_one(name: str, spec: Spec, data: Path) -> list[str]:
    """Run one benchmark; return the failures it produced."""
    command = [part.format(data=data) for part in spec["command"]]
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, *command], capture_output=True, text=True, check=False, cwd=HERE.parent
    )
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        return [f"{name}: exited {proc.returncode}\n{proc.stderr[-2000:]}"]
    scores = last_line_scores(proc.stdout)
    failures = []
    for key, floor in spec["floors"].items():
        got = scores.get(key)
        verdict = "ok" if got is not None and got >= floor else "BELOW FLOOR"
        print(
            f"{name:12} {key:14} {got if got is not None else 'missing':>8} floor {floor:<6} "
            f"{verdict}  ({seconds:.0f}s)"
        )
        if verdict != "ok":
            failures.append(f"{name}: {key}={got} is below its floor {floor}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--only", nargs="*", help="benchmark names to run (default: all)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no evaluation data at {args.data}: benchmark gate not run")
        return 0
    specs = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))
    failures: list[str] = []
    for name, spec in specs.items():
        if name.startswith("_") or (args.only and name not in args.only):
            continue
        failures += run_one(name, spec, args.data)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
