"""Run every benchmark with a pinned floor and fail if a score dropped below it.

Each benchmark prints ``key=value`` pairs on its last line (and a ``tuned_on=…
reported_on=…`` line before it, repeated here); floors live in ``floors.json`` beside
this file, with the data sets each benchmark reads. This is a CI gate on development
data, not a unit test: the scores themselves are only ever measured, never asserted
in tests. The gate fails (exit 2, before running anything) when the data folder or
one of the data sets a selected benchmark reads is missing: a gate that cannot
measure must not pass.

    python -m benchmarks.gate --data ../shared/data [--only quotes timex]
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
#: Exit status when the evaluation data is not there (a score below its floor exits 1).
NO_DATA = 2


class Spec(TypedDict):
    command: list[str]
    data: list[str]
    floors: dict[str, float]


def load_specs(path: Path = HERE / "floors.json") -> dict[str, Spec]:
    """Benchmark name → its command, data sets and floors (``_``-keys are notes)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {name: spec for name, spec in raw.items() if not name.startswith("_")}


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


def split_line(output: str) -> str | None:
    """The benchmark's last ``tuned_on=… reported_on=…`` line."""
    found = [line.strip() for line in output.splitlines() if line.strip().startswith("tuned_on=")]
    return found[-1] if found else None


def missing_data(data: Path, specs: dict[str, Spec]) -> list[str]:
    """What the selected benchmarks need and ``data`` lacks, one message each."""
    if not data.is_dir():
        return [
            f"no evaluation data folder at {data}: put the data sets there (see "
            "../shared/data/README.md) or point the gate at them with --data DIR "
            "(make bench-gate DATA=DIR)"
        ]
    out = []
    for name, spec in specs.items():
        for folder in spec["data"]:
            path = data / folder
            if not path.is_dir() or not any(path.iterdir()):
                out.append(
                    f"{name}: data set {folder!r} missing or empty at {path}: add it to "
                    f"{data} or run the gate with --only and the other benchmarks"
                )
    return out


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
    print(f"{name:14} {split_line(proc.stdout) or 'tuned_on/reported_on line MISSING'}")
    failures = []
    for key, floor in spec["floors"].items():
        got = scores.get(key)
        verdict = "ok" if got is not None and got >= floor else "BELOW FLOOR"
        print(
            f"{name:14} {key:16} {got if got is not None else 'missing':>8} floor {floor:<6} "
            f"{verdict}  ({seconds:.0f}s)"
        )
        if verdict != "ok":
            failures.append(f"{name}: {key}={got} is below its floor {floor}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    parser.add_argument("--only", nargs="*", help="benchmark names to run (default: all)")
    args = parser.parse_args(argv)
    specs = load_specs()
    unknown = sorted(set(args.only or ()) - set(specs))
    if unknown:
        print(f"FAIL unknown benchmark(s) {unknown}; known: {sorted(specs)}", file=sys.stderr)
        return NO_DATA
    chosen = {n: s for n, s in specs.items() if not args.only or n in args.only}
    absent = missing_data(args.data, chosen)
    if absent:
        for message in absent:
            print(f"FAIL {message}", file=sys.stderr)
        print("benchmark gate not run: it cannot measure without its data", file=sys.stderr)
        return NO_DATA
    started = time.monotonic()
    failures: list[str] = []
    for name, spec in chosen.items():
        failures += run_one(name, spec, args.data)
    print(f"gate: {len(chosen)} benchmarks in {time.monotonic() - started:.0f}s")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
