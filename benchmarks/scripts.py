"""Extraction quality per writing system: do pages outside the Latin script come out whole?

Why: a cleaner that counts words by spaces rejects pages written without them
("no article text found"), and a score averaged over mostly-Latin pages hides
it. This runner groups the pages of each data folder (article-extraction-benchmark
layout) by the script most of the gold body's letters belong to and reports,
per group, pages, empty outputs and token F1 (the benchmark's metric) for
newsweave's HTML and plain-text cleaners beside trafilatura (default and
favor_precision) and the line-filter baseline on the same flattened text, in
one run. Nothing here is tuned: the word-count estimate for unspaced scripts
(``newsweave.words``) is fixed from typical word lengths, not from these pages,
so every page is a check page.

Example:
    .venv/bin/python -m benchmarks.scripts --data ../shared/data/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpora.aeb import Page, flatten, load_pages
from benchmarks.extraction import line_filter
from benchmarks.metrics.aeb import score

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"

#: Unicode name prefixes of letters → the script group they are reported under.
_GROUPS = {
    "LATIN": "Latin",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "HANGUL": "Hangul",
    "CJK": "Han/kana",
    "HIRAGANA": "Han/kana",
    "KATAKANA": "Han/kana",
    "THAI": "Thai/Lao/Khmer/Myanmar",
    "LAO": "Thai/Lao/Khmer/Myanmar",
    "KHMER": "Thai/Lao/Khmer/Myanmar",
    "MYANMAR": "Thai/Lao/Khmer/Myanmar",
    "ARABIC": "Arabic/Hebrew",
    "HEBREW": "Arabic/Hebrew",
}


def script_group(text: str) -> str:
    """The group of the script most letters of ``text`` are written in ("other" if unknown)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            first = unicodedata.name(ch, "UNKNOWN").split()[0]
            counts[_GROUPS.get(first, "other")] += 1
    return counts.most_common(1)[0][0] if counts else "other"


def _newsweave(fmt: str) -> Callable[[Page], str]:
    from newsweave.clean import clean_document
    from newsweave.model import Document, sha256_hex

    def run(page: Page) -> str:
        raw = page.html if fmt == "html" else flatten(page.html)
        doc = Document(page.id, raw, fmt, "utf-8", sha256_hex(raw), {"url": page.url})  # type: ignore[arg-type]
        return "\n\n".join(a.text for a in clean_document(doc))

    return run


def _trafilatura(precise: bool) -> Callable[[Page], str]:
    import trafilatura

    def run(page: Page) -> str:
        return trafilatura.extract(page.html, url=page.url, favor_precision=precise) or ""

    return run


SYSTEMS: dict[str, Callable[[], Callable[[Page], str]]] = {
    "newsweave html": lambda: _newsweave("html"),
    "trafilatura default": lambda: _trafilatura(False),
    "trafilatura precision": lambda: _trafilatura(True),
    "newsweave text (flattened)": lambda: _newsweave("text"),
    "line filter (flattened)": lambda: lambda page: line_filter(flatten(page.html)),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="AEB-layout folder (repeat)")
    args = parser.parse_args(argv)
    pages: list[Page] = []
    for folder in args.data or [DEFAULT_DATA]:
        pages += load_pages(folder)
    groups: dict[str, list[Page]] = {}
    for page in pages:
        groups.setdefault(script_group(page.gold), []).append(page)
    print(f"{len(pages)} pages: " + ", ".join(f"{g} {len(ps)}" for g, ps in sorted(groups.items())))
    print(f"\n{'system':28} {'group':24} {'pages':>5} {'empty':>5} {'F1':>6}")
    f1: dict[tuple[str, str], float] = {}
    empty_non_latin = 0
    for name, make in SYSTEMS.items():
        run = make()
        preds = {p.id: run(p) for p in pages}
        for group, members in sorted(groups.items()):
            gold = {p.id: p.gold for p in members}
            empty = sum(1 for p in members if not preds[p.id].strip())
            f1[name, group] = score(preds, gold).f1
            if name.startswith("newsweave") and group != "Latin":
                empty_non_latin += empty
            print(f"{name:28} {group:24} {len(members):5d} {empty:5d} {f1[name, group]:6.4f}")
    print("tuned_on=none reported_on=all-pages-by-script")
    figures = [f"newsweave_empty_non_latin={empty_non_latin}"]
    for name, key in (("newsweave html", "html"), ("newsweave text (flattened)", "text")):
        others = [g for g in groups if g != "Latin"]
        if "Latin" in groups and others:
            gap = max(f1[name, "Latin"] - f1[name, g] for g in others)
            figures.append(f"{key}_worst_gap_to_latin={gap:.4f}")
    print(" ".join(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
