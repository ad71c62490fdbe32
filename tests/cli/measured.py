"""Run ``newsweave`` in a child process and measure it: exit code, output, seconds and peak
memory (the child's own ``ru_maxrss``, read by a wrapper process that waits for it alone, so
other children of the test session do not count)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

#: Runs argv[2:] as a child, then writes its exit code and peak RSS (KiB) to argv[1].
_WRAPPER = """
import json, resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(json.dumps({"code": code, "peak_kib": peak}))
"""


@dataclass(frozen=True)
class Measured:
    code: int
    out: str
    err: str
    seconds: float
    peak_mib: float


def run_measured(
    *args: str,
    tmp: Path,
    env: dict[str, str] | None = None,
    stdin: bytes | Path | None = None,
    timeout: float = 300,
) -> Measured:
    """``newsweave ARGS`` in a fresh interpreter (as a user runs it), measured."""
    result_file = tmp / f"measured-{time.monotonic_ns()}.json"
    child_env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "HF_HUB_OFFLINE": "1",
        **(env or {}),
    }
    command = [sys.executable, "-c", _WRAPPER, str(result_file)]
    command += [sys.executable, "-m", "newsweave", *args]
    started = time.perf_counter()
    if isinstance(stdin, Path):
        with stdin.open("rb") as handle:
            done = subprocess.run(
                command, stdin=handle, capture_output=True, env=child_env, timeout=timeout
            )
    else:
        done = subprocess.run(
            command,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            env=child_env,
            timeout=timeout,
        )
    seconds = time.perf_counter() - started
    measured = json.loads(result_file.read_text())
    return Measured(
        code=int(measured["code"]),
        out=done.stdout.decode("utf-8", "replace"),
        err=done.stderr.decode("utf-8", "replace"),
        seconds=seconds,
        peak_mib=measured["peak_kib"] / 1024,
    )
