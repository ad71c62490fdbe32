"""Fit the HTML body-line model on the TUNING part of the development pages.

    python -m benchmarks.train.train_html_lines \\
        --data ../shared/data/article-extraction-benchmark --data ../shared/data/dragnet

Writes ``src/newsweave/data/html_line_model.json``. Only pages whose ``sha1(id)``
ends in 0-7 (``benchmarks/corpora/parts.py``) are read; the check part stays
untouched for ``benchmarks.extraction``. Each candidate body line (what
``clean_html`` has left after the repeated headline and the captions) is a
positive example when at least half of its 4-token shingles are in the page's
gold body. Examples are weighted by their share of their page's shingles, so
that every page counts alike, as in the benchmark's macro average; every data
folder weighs the same in total. The model is an L2-regularised logistic
regression (Newton's method, numpy only: fourteen features and a few tens of
thousands of lines need nothing more); the keep threshold is the one that
maximises the mean over folders of the benchmark's F1 on the tuning pages.
Deterministic: no sampling, no random start.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from benchmarks.corpora.aeb import load_pages
from benchmarks.corpora.parts import TUNING, part
from benchmarks.metrics.aeb import score, shingles
from newsweave.clean.html import line_candidates
from newsweave.clean.line_model import FEATURES, LineModel
from newsweave.model import Document, sha256_hex
from newsweave.words import word_count

OUT = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "data" / "html_line_model.json"
L2 = 1e-3
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 19))
#: What ``clean_html`` needs to call a body an article (mirrors ``html._is_article``).
MIN_SENTENCE_WORDS, MIN_BODY_WORDS = 10, 50


@dataclass
class PageLines:
    folder: str
    page_id: str
    lines: list[str]
    rows: list[list[float]]
    gold: str


def read_pages(folders: list[Path]) -> list[PageLines]:
    out = []
    for folder in folders:
        for page in load_pages(folder):
            if part(page.id) != TUNING:
                continue
            doc = Document(
                page.id, page.html, "html", "utf-8", sha256_hex(page.html), {"url": page.url}
            )
            lines, rows = line_candidates(doc)
            out.append(PageLines(folder.name, page.id, lines, rows, page.gold))
    return out


def examples(
    pages: list[PageLines],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Feature rows, labels and weights of every candidate line that has a shingle."""
    per_folder = {p.folder: 0 for p in pages}
    for p in pages:
        per_folder[p.folder] += 1
    xs, ys, ws = [], [], []
    for p in pages:
        gold = shingles(p.gold)
        counts = [shingles(line) for line in p.lines]
        total = sum(sum(c.values()) for c in counts)
        for row, c in zip(p.rows, counts, strict=True):
            n = sum(c.values())
            if not n:
                continue
            xs.append(row)
            ys.append(float(sum((c & gold).values()) >= 0.5 * n))
            ws.append(n / total / per_folder[p.folder])
    return np.array(xs), np.array(ys), np.array(ws)


def fit_weighted_logistic(
    x: NDArray[np.float64], y: NDArray[np.float64], w: NDArray[np.float64], l2: float = L2
) -> tuple[NDArray[np.float64], float]:
    """Weighted L2-regularised logistic regression by Newton's method (IRLS)."""
    n, d = x.shape
    w = w / w.sum() * n
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    reg = np.full(d + 1, l2 * n)
    reg[-1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + reg * beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return beta[:-1].copy(), float(beta[-1])


def _is_article(lines: list[str]) -> bool:
    counts = [word_count(line) for line in lines]
    return bool(counts) and (max(counts) >= MIN_SENTENCE_WORDS or sum(counts) >= MIN_BODY_WORDS)


def tuning_f1(model: LineModel, pages: list[PageLines]) -> dict[str, float]:
    """The benchmark's F1 per folder on the tuning pages, lines kept by ``model``."""
    by_folder: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for p in pages:
        kept = [line for line, ok in zip(p.lines, model.keep(p.rows), strict=True) if ok]
        text = "\n".join(kept if _is_article(kept) else p.lines)
        preds, golds = by_folder.setdefault(p.folder, ({}, {}))
        preds[p.page_id], golds[p.page_id] = text, p.gold
    return {name: score(preds, golds).f1 for name, (preds, golds) in by_folder.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", required=True)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    pages = read_pages(args.data)
    x, y, w = examples(pages)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit_weighted_logistic((x - mean) / scale, y, w)
    print(f"{len(pages)} tuning pages, {len(y)} lines, {y.mean():.3f} positive")
    for name, value in zip(FEATURES, weights, strict=True):
        print(f"  {name:24} {value:+.3f}")
    best: tuple[float, float] | None = None
    for threshold in THRESHOLDS:
        model = LineModel(
            tuple(weights.tolist()), bias, tuple(mean.tolist()), tuple(scale.tolist()), threshold
        )
        f1 = tuning_f1(model, pages)
        macro = sum(f1.values()) / len(f1)
        print(f"  threshold {threshold:.2f}: " + " ".join(f"{k} {v:.4f}" for k, v in f1.items()))
        if best is None or macro > best[0]:
            best = (macro, threshold)
    assert best is not None
    model = LineModel(
        tuple(round(v, 6) for v in weights.tolist()),
        round(bias, 6),
        tuple(round(v, 6) for v in mean.tolist()),
        tuple(round(v, 6) for v in scale.tolist()),
        best[1],
    )
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"threshold {best[1]} (mean tuning F1 {best[0]:.4f}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
