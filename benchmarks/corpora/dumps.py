"""Multi-page dumps: whole flattened web pages glued back to back, as some scrapers deliver them.

Each dump is two to four article-extraction-benchmark pages, each flattened with
everything a reader sees (menus, teasers, footers: inscriptis, as the extraction
benchmark's flattened-text task does), in random order, joined by a newline, a
blank line or two blank lines. Pages and dumps are drawn with a fixed seed, and
a dump only holds pages of one part of the development split: the tuning part
(page ids starting 0-3) or the check part (4-7), the split the extraction
benchmark uses, so no check page is ever seen while tuning.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.corpora.aeb import Page, flatten

#: Page-id first hex digits of each part (the extraction benchmark's split).
PARTS = {"tuning": "0123", "check": "4567"}
JOINERS = ("\n", "\n\n", "\n\n\n")


@dataclass(frozen=True)
class Dump:
    """One glued file: its text, and per page the id, gold body and raw span in the file."""

    name: str
    text: str
    page_ids: tuple[str, ...]
    golds: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def part_of(page_id: str) -> str | None:
    first = page_id[:1].lower()
    return next((name for name, chars in PARTS.items() if first in chars), None)


def build_dumps(
    pages: list[Page], part: str, count: int, seed: int = 13, flat: dict[str, str] | None = None
) -> list[Dump]:
    """``count`` dumps of 2-4 distinct pages of ``part``, deterministic for ``seed``."""
    members = sorted((p for p in pages if part_of(p.id) == part), key=lambda p: p.id)
    if len(members) < 2:
        return []
    rng = random.Random(f"{seed}:{part}")
    flat = flat if flat is not None else {}
    dumps = []
    for n in range(count):
        k = min(rng.choice((2, 3, 4)), len(members))
        chosen = rng.sample(members, k)
        joiner = rng.choice(JOINERS)
        pieces, spans, pos = [], [], 0
        for i, page in enumerate(chosen):
            if page.id not in flat:
                flat[page.id] = flatten(page.html).strip("\n")
            if i:
                pieces.append(joiner)
                pos += len(joiner)
            body = flat[page.id]
            pieces.append(body)
            spans.append((pos, pos + len(body)))
            pos += len(body)
        dumps.append(
            Dump(
                name=f"{part}-{n:03d}",
                text="".join(pieces) + "\n",
                page_ids=tuple(p.id for p in chosen),
                golds=tuple(p.gold for p in chosen),
                spans=tuple(spans),
            )
        )
    return dumps
