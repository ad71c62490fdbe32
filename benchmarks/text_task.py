"""Task b of the extraction benchmark: clean the flattened page text.

Each page is flattened to plain text (``aeb.flatten``: every line, menus
included), wrapped in a text ``Document`` and run through
``clean_plain_text``; the articles' bodies (not headlines: the gold is the
body only) are joined and scored. Usage::

    python benchmarks/text_task.py [DATA_DIR] [--ids 0-3] [--show]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aeb

from newsweave.clean.text import clean_plain_text
from newsweave.model import Document, sha256_hex

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
)


def page_text(flat: str, source: str = "page") -> str:
    """Cleaned body text of one flattened page (articles joined by blank lines)."""
    doc = Document(source, flat, "text", "utf-8", sha256_hex(flat))
    return "\n\n".join(article.text for article in clean_plain_text(doc))


def run_text_task(
    data_dir: Path = DEFAULT_DATA, keep: Callable[[str], bool] | None = None
) -> aeb.Score:
    """Score ``clean_plain_text`` on flattened benchmark pages (optionally a subset of ids)."""
    pages = [p for p in aeb.load_pages(data_dir) if keep is None or keep(p.id)]
    predictions = {p.id: page_text(aeb.flatten(p.html), p.id) for p in pages}
    return aeb.score(predictions, {p.id: p.gold for p in pages})


def _prefix_filter(spec: str | None) -> Callable[[str], bool] | None:
    if not spec:
        return None
    lo, _, hi = spec.partition("-")
    return lambda pid: lo <= pid[0] <= (hi or lo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--ids", help="first-hex-digit range of page ids, e.g. 0-3")
    args = parser.parse_args()
    began = time.perf_counter()
    result = run_text_task(args.data_dir, _prefix_filter(args.ids))
    took = time.perf_counter() - began
    print(
        f"text task: F1 {result.f1:.3f}  P {result.precision:.3f}  R {result.recall:.3f}  "
        f"pages {result.pages}  ({took:.1f}s)"
    )


if __name__ == "__main__":
    main()
