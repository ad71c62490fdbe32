"""Choose the page-boundary thresholds of ``newsweave.clean.split``'s hand rules on tuning pages.

The splitter's default is the learned model (``benchmarks.train.train_page_split``);
the rules stay as its comparison (``benchmarks.dumps`` prints both) and decide
below a page's comments heading.

    python -m benchmarks.train.tune_page_split --data ../shared/data/article-extraction-benchmark \\
        --single ../shared/data/dragnet

A staged grid (one threshold at a time, the others at their current values);
each setting is scored on the tuning part (``benchmarks.corpora.parts``) of
``benchmarks.corpora.dumps``: files split right; single tuning pages of every
folder (the benchmark's and ``--single`` ones), flattened and cleaned alone,
that come out as two or more articles (false splits: a page's comments, teasers
or cookie notice stored as an article of their own); and the token F1 of the
benchmark's single pages (the extraction benchmark's flattened-text task). Page
splitting must not cost single pages text: the chosen setting has the most files
right among those whose single-page F1 is at least that of the cleaner without
page cuts (among all settings when none is), then the fewest false splits, then
the smallest value. The check part is never read here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.corpora.aeb import flatten, load_pages
from benchmarks.corpora.dumps import build_dumps
from benchmarks.corpora.parts import TUNING, part
from benchmarks.dumps import DEFAULT_DATA, clean_text
from benchmarks.metrics.aeb import score
from benchmarks.metrics.splits import score_file, summarise
from newsweave.clean import split

STAGES: tuple[tuple[str, tuple[float, ...]], ...] = (
    ("PAGE_GAP", (100.0, 120.0, 150.0, 200.0)),
    ("PAGE_HEADER_GAP", (20.0, 30.0, 45.0, 60.0)),
    ("PAGE_AFTER_FOOTER", (20.0, 30.0, 45.0, 90.0)),
    ("PAGE_ARTICLE", (60.0, 100.0, 120.0, 150.0)),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--single", type=Path, action="append", default=[],
                        help="more folders whose tuning pages count false splits")  # fmt: skip
    parser.add_argument("--files", type=int, default=40)
    args = parser.parse_args(argv)
    split.PAGE_DECIDER = "rules"  # the thresholds tuned here are the hand rules'
    pages = [p for p in load_pages(args.data) if part(p.id) == TUNING]
    flat = {p.id: flatten(p.html).strip("\n") for p in pages}
    others = {
        f"{folder.name}/{p.id}": flatten(p.html).strip("\n")
        for folder in args.single
        for p in load_pages(folder)
        if part(p.id) == TUNING
    }
    dumps = build_dumps(pages, TUNING, args.files, flat=flat)
    gold = {p.id: p.gold for p in pages}

    def single_pages() -> tuple[int, float]:
        outs = {pid: clean_text(pid, text) for pid, text in flat.items()}
        joined = {pid: "\n\n".join(t for t, _ in found) for pid, found in outs.items()}
        false = sum(len(found) > 1 for found in outs.values())
        false += sum(len(clean_text(pid, text)) > 1 for pid, text in others.items())
        return false, score(joined, gold).f1

    saved = (split.PAGE_GAP, split.PAGE_AFTER_FOOTER, split.PAGE_HEADER_GAP)
    split.PAGE_GAP = split.PAGE_AFTER_FOOTER = split.PAGE_HEADER_GAP = float("inf")  # no page cuts
    _, floor = single_pages()
    split.PAGE_GAP, split.PAGE_AFTER_FOOTER, split.PAGE_HEADER_GAP = saved
    print(f"single-page F1 without page cuts: {floor:.4f}")
    for name, values in STAGES:
        results = []
        for value in values:
            setattr(split, name, value)
            total = summarise([score_file(d.golds, [t for t, _ in clean_text(d.name, d.text)])
                               for d in dumps])  # fmt: skip
            false, f1 = single_pages()
            results.append((total.right, -false, f1, value))
            print(f"{name}={value} right={total.right}/{total.files} "
                  f"false_splits={false}/{len(flat) + len(others)} "
                  f"single_page_f1={f1:.4f}")  # fmt: skip
        allowed = [r for r in results if r[2] >= floor] or results
        best = max(allowed, key=lambda r: (r[0], r[1]))
        setattr(split, name, best[3])
        print(f"chosen: {name}={best[3]} right={best[0]} false_splits={-best[1]} f1={best[2]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
