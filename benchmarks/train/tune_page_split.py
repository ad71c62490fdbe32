"""Choose the page-boundary thresholds of ``newsweave.clean.split`` on the tuning pages only.

    python -m benchmarks.train.tune_page_split --data ../shared/data/article-extraction-benchmark

Grid over the header lines a cut needs after a page's footer; each setting is
scored on the tuning part of ``benchmarks.corpora.dumps`` (``benchmarks.corpora.parts``): files
split right, single tuning pages cleaned alone that come out as two or more
articles (false splits: a page's teasers or forms stored as an article of their
own), and the token F1 of those single pages (the extraction benchmark's
flattened-text task). Page splitting must not cost single pages any text: the
chosen setting has the most files right among those whose single-page F1 is at
least that of the cleaner without page cuts (the fewer false splits on a tie).
The check part is never read here.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from benchmarks.corpora.aeb import flatten, load_pages
from benchmarks.corpora.dumps import build_dumps
from benchmarks.corpora.parts import part
from benchmarks.dumps import DEFAULT_DATA, clean_text
from benchmarks.metrics.aeb import score
from benchmarks.metrics.splits import score_file, summarise
from newsweave.clean import split

STAGES: tuple[dict[str, tuple[float, ...]], ...] = ({"PAGE_HEADER_LINES": (0, 5, 10, 20)},)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--files", type=int, default=40)
    args = parser.parse_args(argv)
    pages = [p for p in load_pages(args.data) if part(p.id) == "tuning"]
    flat = {p.id: flatten(p.html).strip("\n") for p in pages}
    dumps = build_dumps(pages, "tuning", args.files, flat=flat)
    gold = {p.id: p.gold for p in pages}

    def single_pages() -> tuple[int, float]:
        outs = {p.id: clean_text(p.id, flat[p.id]) for p in pages}
        joined = {pid: "\n\n".join(t for t, _ in found) for pid, found in outs.items()}
        return sum(len(found) > 1 for found in outs.values()), score(joined, gold).f1

    split.PAGE_HEADER_LINES, saved = 10**9, split.PAGE_HEADER_LINES  # no page cuts
    _, floor = single_pages()
    split.PAGE_HEADER_LINES = saved
    print(f"single-page F1 without page cuts: {floor:.4f}")
    for grid in STAGES:
        results = []
        for values in itertools.product(*grid.values()):
            setting = dict(zip(grid, values, strict=True))
            for name, value in setting.items():
                setattr(split, name, value)
            total = summarise([score_file(d.golds, [t for t, _ in clean_text(d.name, d.text)])
                               for d in dumps])  # fmt: skip
            false, f1 = single_pages()
            results.append((total.right, -false, f1, setting))
            print(f"{setting} right={total.right}/{total.files} "
                  f"false_splits={false}/{len(pages)} single_page_f1={f1:.4f}")  # fmt: skip
        allowed = [r for r in results if r[2] >= floor] or results
        best = max(allowed, key=lambda r: (r[0], r[1]))
        for name, value in best[3].items():
            setattr(split, name, value)
        print(f"chosen: {best[3]} right={best[0]} false_splits={-best[1]} f1={best[2]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
