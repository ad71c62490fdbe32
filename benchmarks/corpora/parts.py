"""The development pages' tuning/check split, one for every task on the same pages.

Why one split: the HTML task, the flattened-text task and the multi-page dumps
read the same article-extraction-benchmark pages; with one split a page studied
while tuning any of them is in no task's check part. The cut is by ``sha1(id)``'s
LAST hex digit (0-7: tuning, 8-f: check); the data sets' dev/test cut uses the
FIRST digit, so the two are independent.
"""

from __future__ import annotations

import hashlib

TUNING, CHECK = "tuning", "check"
PARTS = (TUNING, CHECK)


def part(page_id: str) -> str:
    """Tuning or check part of a page, by the last hex digit of ``sha1(id)``."""
    return TUNING if hashlib.sha1(page_id.encode()).hexdigest()[-1] in "01234567" else CHECK
