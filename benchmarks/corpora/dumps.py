"""Multi-page dumps: whole flattened web pages glued back to back, as some scrapers deliver them.

Each dump is two to four article-extraction-benchmark pages, each flattened with
everything a reader sees (menus, teasers, footers: inscriptis, as the extraction
benchmark's flattened-text task does), in random order, joined by a newline, a
blank line or two blank lines. Pages and dumps are drawn with a fixed seed, and
a dump only holds pages of one part of the development split
(``benchmarks.corpora.parts``: sha1 of the id, the split every extraction task
uses), so no check page is ever seen while tuning.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.corpora.aeb import Page, flatten
from benchmarks.corpora.parts import part

JOINERS = ("\n", "\n\n", "\n\n\n")


@dataclass(frozen=True)
class Dump:
    """One glued file: its text, and per page the id, gold body and raw span in the file."""

    name: str
    text: str
    page_ids: tuple[str, ...]
    golds: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def build_dumps(
    pages: list[Page], which: str, count: int, seed: int = 13, flat: dict[str, str] | None = None
) -> list[Dump]:
    """``count`` dumps of 2-4 distinct pages of part ``which``, deterministic for ``seed``."""
    members = sorted((p for p in pages if part(p.id) == which), key=lambda p: p.id)
    if len(members) < 2:
        return []
    rng = random.Random(f"{seed}:{which}")
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
                name=f"{which}-{n:03d}",
                text="".join(pieces) + "\n",
                page_ids=tuple(p.id for p in chosen),
                golds=tuple(p.gold for p in chosen),
                spans=tuple(spans),
            )
        )
    return dumps
