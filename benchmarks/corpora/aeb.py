"""Read the article-extraction-benchmark layout: gzipped HTML pages, gold bodies, peer outputs.

The scorer is :mod:`benchmarks.metrics.aeb`.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str
    gold: str
    headline: str = ""  # the gold headline, where the data set has one


def load_pages(data_dir: Path) -> list[Page]:
    """Pages of the benchmark folder (``html/<id>.html.gz`` + ``ground-truth.json``)."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        path = data_dir / "html" / f"{pid}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        item = truth[pid]
        pages.append(
            Page(pid, item.get("url", ""), html, item["articleBody"], item.get("headline") or "")
        )
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
