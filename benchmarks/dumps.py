"""Multi-page dumps: is a text file holding several whole web pages split into its articles?

Why: scrapers that append pages deliver one file with several articles, each
with its site's chrome; an article lost in its neighbour is an article the
whole pipeline never sees. The dumps are built from the article-extraction
benchmark's development pages (``benchmarks.corpora.dumps``: 2-4 flattened pages
a file, seeded); a file is split right when every gold body is matched by a
different output article with body F1 >= 0.7 (``benchmarks.metrics.splits``).
Beside it, in the same run: the same dumps cut by the hand rules instead of the
learned page-boundary model (``split.PAGE_DECIDER``), the ceiling (each page of
the dump cleaned alone, the page boundaries given: the articles of all its pages
are matched the same way), and how many single pages cleaned alone come out as
more than one article (false splits). The splitter's thresholds are chosen on
the tuning part (``benchmarks.corpora.parts``: sha1 of the page id, last hex
digit 0-7, the split of every extraction task); the check part (8-f) is the
reported figure.

Example:
    .venv/bin/python -m benchmarks.dumps --data ../shared/data/article-extraction-benchmark \
        --single ../shared/data/dragnet
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.corpora.aeb import Page, flatten, load_pages
from benchmarks.corpora.dumps import Dump, build_dumps
from benchmarks.corpora.parts import CHECK, PARTS, TUNING, part
from benchmarks.metrics.splits import FileScore, score_file, summarise

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"


def clean_text(name: str, raw: str) -> list[tuple[str, tuple[int, int] | None]]:
    """newsweave's plain-text cleaner: each article's text and the raw range it was copied from."""
    from newsweave.clean.text import clean_plain_text
    from newsweave.model import Document, sha256_hex

    doc = Document(name, raw, "text", "utf-8", sha256_hex(raw), {})
    out = []
    for article in clean_plain_text(doc):
        segs = article.offsets.segments
        span = (segs[0].raw_start, max(s.raw_start + s.length for s in segs)) if segs else None
        out.append((article.text, span))
    return out


def _inside_one_page(span: tuple[int, int] | None, dump: Dump) -> bool:
    return span is not None and any(a <= span[0] and span[1] <= b for a, b in dump.spans)


def rules_scores(dumps: list[Dump]) -> list[FileScore]:
    """The same dumps split by the hand rules instead of the learned boundary model."""
    from newsweave.clean import split

    saved = split.PAGE_DECIDER
    split.PAGE_DECIDER = "rules"
    try:
        return [score_file(d.golds, [t for t, _ in clean_text(d.name, d.text)]) for d in dumps]
    finally:
        split.PAGE_DECIDER = saved


def run_part(
    pages: list[Page], which: str, count: int, flat: dict[str, str], worst: int
) -> tuple[list[FileScore], list[FileScore], int, int, list[FileScore]]:
    """Scores of the dumps, of their pages cleaned alone (the ceiling), offset checks, and
    the dumps' scores under the hand rules."""
    dumps = build_dumps(pages, which, count, flat=flat)
    alone = {pid: clean_text(pid, flat[pid]) for d in dumps for pid in d.page_ids}
    scores, ceiling = [], []
    articles = inside = 0
    for dump in dumps:
        found = clean_text(dump.name, dump.text)
        articles += len(found)
        inside += sum(_inside_one_page(span, dump) for _, span in found)
        scores.append(score_file(dump.golds, [text for text, _ in found]))
        singles = [text for pid in dump.page_ids for text, _ in alone[pid]]
        ceiling.append(score_file(dump.golds, singles))
    wrong = [(d, s) for d, s in zip(dumps, scores, strict=True) if not s.right]
    for dump, s in wrong[:worst]:
        ids = " ".join(pid[:8] for pid in dump.page_ids)
        print(f"  {which} wrong: {dump.name} pages {ids}: {s.outputs} articles, "
              f"{s.matched} matched")  # fmt: skip
    return scores, ceiling, articles, inside, rules_scores(dumps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--files", type=int, default=40, help="dumps per part")
    parser.add_argument("--worst", type=int, default=5, help="list N wrongly split tuning files")
    parser.add_argument(
        "--part", choices=(*PARTS, "both"), default="both", help="score one part only (tuning)"
    )
    parser.add_argument(
        "--single", type=Path, action="append", default=[],
        help="also count false splits among this folder's pages, per part",
    )  # fmt: skip
    args = parser.parse_args(argv)
    pages = load_pages(args.data)
    flat: dict[str, str] = {}
    figures: dict[str, float] = {}
    print(f"{'part':8} {'files':>5} {'right':>6} {'share':>6} {'exact n':>7} {'bodies':>9} "
          f"{'ceiling':>7} {'offsets in own page':>20} {'false splits':>12}")  # fmt: skip
    for which in PARTS if args.part == "both" else (args.part,):
        worst = args.worst if which == TUNING else 0
        scores, ceiling, articles, inside, rules = run_part(pages, which, args.files, flat, worst)
        total, best, by_rules = summarise(scores), summarise(ceiling), summarise(rules)
        single = [p for p in pages if part(p.id) == which]
        for page in single:
            if page.id not in flat:
                flat[page.id] = flatten(page.html).strip("\n")
        false = sum(len(clean_text(p.id, flat[p.id])) > 1 for p in single)
        if not total.files:
            continue
        in_page = inside / articles if articles else 0.0
        print(
            f"{which:8} {total.files:5d} {total.right:6d} {total.share_right:6.3f} "
            f"{total.exact_count:7d} {total.bodies_matched:4d}/{total.bodies:<4d} "
            f"{best.share_right:7.3f} {in_page:20.3f} {false:5d}/{len(single):<6d}"
        )
        print(
            f"{'  rules':8} {by_rules.files:5d} {by_rules.right:6d} {by_rules.share_right:6.3f} "
            f"{by_rules.exact_count:7d} {by_rules.bodies_matched:4d}/{by_rules.bodies:<4d}"
        )
        figures[which] = total.share_right
        figures[f"{which}_rules"] = by_rules.share_right
        figures[f"{which}_ceiling"] = best.share_right
        figures[f"{which}_false"] = false
    for folder in args.single:
        counts = {which: [0, 0] for which in PARTS}
        for page in load_pages(folder):
            found = clean_text(page.id, flatten(page.html).strip("\n"))
            counts[part(page.id)][0] += len(found) > 1
            counts[part(page.id)][1] += 1
        shares = " ".join(f"{which} {n}/{total}" for which, (n, total) in counts.items())
        print(f"false splits among {folder.name} pages: {shares}")
    print("(false splits: single pages of the part cleaned alone that came out as 2+ articles; "
          "rules: the same dumps cut by the hand rules instead of the learned boundary model)")
    print("tuned_on=aeb-dev-sha1-last-0-7 reported_on=aeb-dev-sha1-last-8-f")
    print(
        f"split_right={figures.get(CHECK, 0.0):.4f} "
        f"split_right_tuning={figures.get(TUNING, 0.0):.4f} "
        f"split_right_rules={figures.get(f'{CHECK}_rules', 0.0):.4f} "
        f"split_right_rules_tuning={figures.get(f'{TUNING}_rules', 0.0):.4f} "
        f"ceiling={figures.get(f'{CHECK}_ceiling', 0.0):.4f} "
        f"ceiling_tuning={figures.get(f'{TUNING}_ceiling', 0.0):.4f} "
        f"false_splits={figures.get(f'{CHECK}_false', 0):.0f} "
        f"false_splits_tuning={figures.get(f'{TUNING}_false', 0):.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
