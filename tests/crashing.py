"""Batch functions whose worker process dies on some inputs, for the mappers' tests: kept
apart from the test modules so that a spawned worker imports nothing heavy."""

from __future__ import annotations

import os
import signal


def doubled_or_die(batch: list[int]) -> list[int]:
    """Doubles each number; a negative one kills the worker process outright (SIGKILL),
    as a crash in compiled code or the kernel's out-of-memory killer would."""
    if any(n < 0 for n in batch):
        os.kill(os.getpid(), signal.SIGKILL)
    return [2 * n for n in batch]


def died(n: int, why: str) -> int:
    assert "worker process" in why
    return 0
