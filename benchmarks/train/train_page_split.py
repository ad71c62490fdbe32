"""Fit the page-boundary model of ``newsweave.clean.split`` on tuning pages only.

    python -m benchmarks.train.train_page_split \\
        --data ../shared/data/article-extraction-benchmark --more ../shared/data/dragnet

Training data: multi-page dumps (``benchmarks.corpora.dumps``: 2-4 flattened
pages glued, random joiners) built from the tuning pages
(``benchmarks.corpora.parts``: sha1 of the id, last hex digit 0-7) of every
folder. Every gap between two body segments is an example
(``split.GAP_FEATURES``), labelled by whether a page of the dump starts inside
it; the splitter walks the dump with the true decisions (teacher forcing), so
features that depend on the cuts before (the current page's comments, its body
so far) are those of the right split. Every other training dump has its
indentation stripped (as many scrapers deliver text), so that the model does not
lean on indentation alone. A logistic regression
(``cluster.model.fit_logistic``) is fitted on them; its decision threshold is
chosen on the same tuning dumps: the most files split right whose single-page F1
(the benchmark's flattened-text task, tuning pages) is at least that of the
cleaner without page cuts, then the fewest false splits (single tuning pages
cleaned into 2+ articles). The hand rules are scored beside it. The check part
is never read. The weights it prints go into ``split.GAP_WEIGHTS``, ``GAP_BIAS``
and ``PAGE_LOGIT``.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.corpora.aeb import Page, flatten, load_pages
from benchmarks.corpora.dumps import Dump, build_dumps
from benchmarks.corpora.parts import TUNING, part
from benchmarks.dumps import DEFAULT_DATA, clean_text
from benchmarks.metrics.aeb import score
from benchmarks.metrics.splits import score_file, summarise
from newsweave.clean import split
from newsweave.clean.lines import split_lines
from newsweave.clean.structure import classify_all
from newsweave.cluster.model import fit_logistic

THRESHOLDS = (-1.5, -1.0, -0.5, 0.0, 0.5)


def dedent(dump: Dump) -> Dump:
    """The dump without indentation, as a scraper that strips lines delivers it."""
    pieces, spans, pos = [], [], 0
    for n, (lo, hi) in enumerate(dump.spans):
        gap = dump.text[dump.spans[n - 1][1] : lo] if n else ""
        page = "\n".join(line.lstrip() for line in dump.text[lo:hi].split("\n"))
        pieces += [gap, page]
        pos += len(gap)
        spans.append((pos, pos + len(page)))
        pos += len(page)
    text = "".join(pieces) + dump.text[dump.spans[-1][1] :]
    return Dump(dump.name, text, dump.page_ids, dump.golds, tuple(spans))


def examples(dump: Dump) -> tuple[list[tuple[float, ...]], list[float]]:
    """Features and labels of every gap of one dump, the true cuts taken (teacher forcing)."""
    infos = classify_all(split_lines(dump.text, 0))
    starts = [info.line.start for info in infos]
    firsts = [bisect_left(starts, lo) for lo, _ in dump.spans[1:]]
    xs: list[tuple[float, ...]] = []
    ys: list[float] = []

    def oracle(gap: split.Gap) -> bool:
        label = any(gap.start <= line <= gap.stop for line in firsts)
        xs.append(gap.features)
        ys.append(1.0 if label else 0.0)
        return label

    split.page_cuts(infos, 0, len(infos), decide=oracle)
    return xs, ys


def evaluate(
    dumps: list[Dump], flat: dict[str, str], gold: dict[str, str]
) -> tuple[int, int, float]:
    """Files split right, false splits among single pages, single-page F1."""
    right = summarise(
        [score_file(d.golds, [t for t, _ in clean_text(d.name, d.text)]) for d in dumps]
    ).right
    outs = {pid: clean_text(pid, text) for pid, text in flat.items()}
    false = sum(len(found) > 1 for found in outs.values())
    joined = {pid: "\n\n".join(t for t, _ in found) for pid, found in outs.items()}
    scored = {pid: g for pid, g in gold.items() if pid in joined}
    return right, false, score(joined, scored).f1


def _tuning(folder: Path) -> list[Page]:
    return [p for p in load_pages(folder) if part(p.id) == TUNING]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--more", type=Path, action="append", default=[],
                        help="more folders whose tuning pages make training dumps")  # fmt: skip
    parser.add_argument("--files", type=int, default=40, help="benchmark dumps (tuning part)")
    parser.add_argument("--train-files", type=int, default=400, help="training dumps")
    parser.add_argument("--eval-files", type=int, default=100, help="extra scored dumps")
    args = parser.parse_args(argv)
    main_pages = _tuning(args.data)
    more_pages = [p for folder in args.more for p in _tuning(folder)]
    flat = {p.id: flatten(p.html).strip("\n") for p in [*main_pages, *more_pages]}
    bench = build_dumps(main_pages, TUNING, args.files, flat=flat)
    pool = [*main_pages, *more_pages]
    train = build_dumps(pool, TUNING, args.train_files, seed=101, flat=flat)
    extra = (
        build_dumps(more_pages, TUNING, args.eval_files, seed=7, flat=flat) if more_pages else []
    )
    xs: list[tuple[float, ...]] = []
    ys: list[float] = []
    for n, dump in enumerate(train):
        x, y = examples(dedent(dump) if n % 2 else dump)
        xs += x
        ys += y
    w, b = fit_logistic(np.array(xs), np.array(ys), l2=1e-3)
    print(f"{len(ys)} gaps from {len(train)} dumps, {int(sum(ys))} page boundaries")
    for name, coef in zip(split.GAP_FEATURES, w, strict=True):
        print(f"  {name:14} {coef:+.3f}")
    print(f"  {'bias':14} {b:+.3f}")
    single = {p.id: flat[p.id] for p in main_pages}
    gold = {p.id: p.gold for p in main_pages}
    others = {p.id: flat[p.id] for p in more_pages}

    def run(label: str, setup: Callable[[], None]) -> tuple[int, int, float]:
        setup()
        right, false, f1 = evaluate(bench, single, gold)
        more = summarise(
            [score_file(d.golds, [t for t, _ in clean_text(d.name, d.text)]) for d in extra]
        ).right
        false += sum(len(clean_text(pid, text)) > 1 for pid, text in others.items())
        print(f"{label:22} right={right}/{len(bench)} more_right={more}/{len(extra)} "
              f"false_splits={false}/{len(single) + len(others)} "
              f"single_page_f1={f1:.4f}")  # fmt: skip
        return right + more, false, f1

    def rules() -> None:
        split.PAGE_DECIDER = "rules"

    def no_cuts() -> None:
        split.PAGE_DECIDER = "none"

    run("rules", rules)
    _, _, floor = run("no page cuts", no_cuts)
    split.PAGE_DECIDER = "learned"
    split.GAP_WEIGHTS, split.GAP_BIAS = tuple(float(c) for c in w), float(b)
    results = []
    for threshold in THRESHOLDS:

        def learned(t: float = threshold) -> None:
            split.PAGE_LOGIT = t

        right, false, f1 = run(f"learned logit>={threshold}", learned)
        results.append((right, -false, f1, threshold))
    allowed = [r for r in results if r[2] >= floor] or results
    best = max(allowed, key=lambda r: (r[0], r[1]))
    print(f"chosen: PAGE_LOGIT={best[3]} (right {best[0]}, false splits {-best[1]})")
    split.PAGE_LOGIT = best[3]
    gated = split.learned_decides
    split.learned_decides = lambda gap: split.repeats_or_logit(gap)
    run("  without comments gate", lambda: None)
    split.learned_decides = gated
    bench, extra = [dedent(d) for d in bench], [dedent(d) for d in extra]
    run("dedented dumps: rules", rules)
    run("dedented dumps: learned", lambda: setattr(split, "PAGE_DECIDER", "learned"))
    print("GAP_WEIGHTS = (" + ", ".join(f"{c:.3f}" for c in w) + f")\nGAP_BIAS = {b:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
