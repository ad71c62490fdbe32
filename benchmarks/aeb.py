"""The article-extraction-benchmark metric and data loading.

Metric (SOURCE.md of the data set): tokens are ``\\w+`` matches (case kept),
shingles are 4 consecutive tokens counted with multiplicity; per page
precision = shared / predicted shingles, recall = shared / gold shingles;
precision and recall are averaged over pages (macro) and F1 is computed from
the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        # Short texts still count: the whole token run is one shingle.
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_pr(predicted: str, gold: str) -> tuple[float, float]:
    """Per-page (precision, recall) on 4-token shingles with multiplicity."""
    pred, ref = shingles(predicted), shingles(gold)
    shared = sum((pred & ref).values())
    p_total, r_total = sum(pred.values()), sum(ref.values())
    if p_total == 0 and r_total == 0:
        return 1.0, 1.0
    precision = shared / p_total if p_total else 0.0
    recall = shared / r_total if r_total else 0.0
    return precision, recall


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


def score(predictions: dict[str, str], gold: dict[str, str]) -> Score:
    """Macro P and R over gold pages; F1 from the averages."""
    pairs = [page_pr(predictions.get(pid, ""), text) for pid, text in gold.items()]
    if not pairs:
        return Score(0.0, 0.0, 0.0, 0)
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, len(pairs))


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str
    gold: str


def load_pages(data_dir: Path) -> list[Page]:
    """Pages of the benchmark folder (``html/<id>.html.gz`` + ``ground-truth.json``)."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        path = data_dir / "html" / f"{pid}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append(Page(pid, truth[pid].get("url", ""), html, truth[pid]["articleBody"]))
    return pages


def load_peer(data_dir: Path, name: str) -> dict[str, str] | None:
    path = data_dir / "peer_outputs" / f"{name}.json.gz"
    if not path.exists():
        return None
    data = json.loads(gzip.decompress(path.read_bytes()))
    return {pid: (v or {}).get("articleBody") or "" for pid, v in data["output"].items()}


def flatten(html: str) -> str:
    """The page as a scraper's plain text: every line, chrome included (inscriptis)."""
    from inscriptis import get_text

    return str(get_text(html))
