"""Body-extraction quality on the article-extraction-benchmark pages.

Why: cleaning is only worth its complexity if it beats the extractor it builds
on, on pages it was not tuned on. Task ``html`` runs newsweave's ``clean_html``
and trafilatura (default and ``favor_precision``) side by side on the same
pages, next to the stored peer outputs; task ``text`` flattens each page to a
scraper's plain text (inscriptis) and asks whether newsweave's plain-text
cleaner removes the chrome. Scores are split by id prefix: pages whose id starts
0-3 are the tuning half (the cleaners' rules are shaped on them), 4-7 the check
half, 8-f the held-out test pages (absent here). The check half is THE reported
figure: the last line's ``f1_html`` and ``f1_text`` are on ids 4-7 (on all pages
when no page of the check half is present), then ``*_tuning`` on ids 0-3 and
``*_all`` on every page, after a ``tuned_on=… reported_on=…`` line.

Example:
    .venv/bin/python -m benchmarks.extraction --data ../shared/data/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpora.aeb import Page, flatten, load_pages, load_peer
from benchmarks.metrics.aeb import Score, page_pr, score

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"
PEERS = ("trafilatura", "rs_trafilatura", "readability", "readability_js", "newspaper", "goose3")
GROUPS = {"ids 0-3": "0123", "ids 4-7": "4567", "ids 8-f": "89abcdef"}
TUNING, CHECK = "ids 0-3", "ids 4-7"


@dataclass
class Row:
    name: str
    total: Score
    groups: dict[str, Score]
    seconds_per_page: float | None


def _run(pages: list[Page], fn: Callable[[Page], str]) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    out = {p.id: fn(p) or "" for p in pages}
    return out, (time.perf_counter() - start) / max(len(pages), 1)


def _row(name: str, preds: dict[str, str], pages: list[Page], secs: float | None) -> Row:
    gold = {p.id: p.gold for p in pages}
    groups = {}
    for label, chars in GROUPS.items():
        part = {k: v for k, v in gold.items() if k[:1].lower() in chars}
        if part:
            groups[label] = score(preds, part)
    return Row(name, score(preds, gold), groups, secs)


def _newsweave_html(page: Page) -> str:
    from newsweave.clean.html import clean_html
    from newsweave.model import Document, sha256_hex

    doc = Document(page.id, page.html, "html", "utf-8", sha256_hex(page.html), {"url": page.url})
    articles = clean_html(doc)
    return "\n\n".join(a.text for a in articles)


def _trafilatura(favor_precision: bool) -> Callable[[Page], str]:
    import trafilatura

    def run(page: Page) -> str:
        return trafilatura.extract(page.html, url=page.url, favor_precision=favor_precision) or ""

    return run


def task_html(pages: list[Page], data: Path) -> tuple[list[Row], dict[str, str]]:
    rows = []
    ours, secs = _run(pages, _newsweave_html)
    rows.append(_row("newsweave clean_html", ours, pages, secs))
    for name, precise in (("trafilatura default", False), ("trafilatura precision", True)):
        preds, secs = _run(pages, _trafilatura(precise))
        rows.append(_row(name, preds, pages, secs))
    for peer in PEERS:
        stored = load_peer(data, peer)
        if stored is not None:
            rows.append(_row(f"peer file: {peer}", stored, pages, None))
    return rows, ours


def task_text(pages: list[Page]) -> list[Row] | None:
    try:
        from newsweave.clean.text import clean_plain_text
    except ImportError:
        print("task text unavailable: newsweave.clean.text.clean_plain_text is not there yet")
        return None
    from newsweave.model import Document, sha256_hex

    flat = {p.id: flatten(p.html) for p in pages}

    def clean(page: Page) -> str:
        raw = flat[page.id]
        doc = Document(page.id, raw, "text", "utf-8", sha256_hex(raw), {"url": page.url})
        return "\n\n".join(a.text for a in clean_plain_text(doc))

    ours, secs = _run(pages, clean)
    filtered = {pid: line_filter(text) for pid, text in flat.items()}
    return [
        _row("newsweave clean_plain_text", ours, pages, secs),
        _row("line length + punctuation filter", filtered, pages, None),
        _row("flattened text (uncleaned)", flat, pages, None),
    ]


def line_filter(text: str) -> str:
    """The simple baseline: keep lines of 8+ words that end like a sentence, or of 20+ words."""
    kept = []
    for line in text.splitlines():
        words = line.split()
        stripped = line.rstrip()
        if len(words) >= 20 or (len(words) >= 8 and stripped.endswith(_SENTENCE_END)):
            kept.append(line.strip())
    return "\n".join(kept)


_SENTENCE_END = (".", "!", "?", '"', "”", "’", "»", ":", ")")


def print_table(title: str, rows: list[Row]) -> None:
    labels = list(GROUPS)
    head = f"{'system':32} {'P':>6} {'R':>6} {'F1':>6} " + " ".join(f"{g:>8}" for g in labels)
    print(f"\n{title}\n{head}   ms/page")
    for r in rows:
        grp = " ".join(f"{r.groups[g].f1:8.4f}" if g in r.groups else f"{'-':>8}" for g in labels)
        ms = f"{r.seconds_per_page * 1000:8.1f}" if r.seconds_per_page is not None else f"{'-':>8}"
        t = r.total
        print(f"{r.name:32} {t.precision:6.4f} {t.recall:6.4f} {t.f1:6.4f} {grp} {ms}")
    print("(group columns: F1 on ids starting 0-3 = tuning half, 4-7 = check half (reported), "
          "8-f = held out)")  # fmt: skip


def print_worst(pages: list[Page], preds: dict[str, str], n: int) -> None:
    """Pages where newsweave loses most: the place to look for general causes."""
    pr = sorted(((sum(page_pr(preds[p.id], p.gold)), p) for p in pages), key=lambda t: t[0])
    print(f"\nworst {n} pages for newsweave (P R id url):")
    for _, p in pr[:n]:
        prec, rec = page_pr(preds[p.id], p.gold)
        print(f"  {prec:.3f} {rec:.3f} {p.id[:10]} {p.url[:70]}")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only (smoke run)")
    parser.add_argument("--task", choices=("html", "text", "both"), default="both")
    parser.add_argument("--worst", type=int, default=8, help="list the N worst pages")
    args = parser.parse_args(argv)
    pages = load_pages(args.data)[: args.limit]
    print(f"{len(pages)} pages from {args.data}")
    checked = any(p.id[:1].lower() in GROUPS[CHECK] for p in pages)
    figures: dict[str, float | None] = {}
    for task, label in (("html", "task a: HTML pages -> article body"),
                        ("text", "task b: flattened text -> cleaned body")):  # fmt: skip
        rows: list[Row] | None = None
        if args.task in (task, "both"):
            if task == "html":
                rows, ours = task_html(pages, args.data)
            else:
                rows = task_text(pages)
        if rows is not None:
            print_table(label, rows)
            if task == "html":
                print_worst(pages, ours, args.worst)
        mine = rows[0] if rows else None
        figures[f"f1_{task}"] = (
            None if mine is None else (mine.groups[CHECK] if checked else mine.total).f1
        )
        tuning = mine.groups.get(TUNING) if mine else None
        figures[f"f1_{task}_tuning"] = tuning.f1 if tuning else None
        figures[f"f1_{task}_all"] = mine.total.f1 if mine else None
    reported = "aeb-dev-ids-4-7" if checked else "aeb-dev-all-pages"
    print(f"tuned_on=aeb-dev-ids-0-3 reported_on={reported}")
    order = ("f1_html", "f1_text", "f1_html_tuning", "f1_text_tuning", "f1_html_all", "f1_text_all")
    print(" ".join(f"{key}={_fmt(figures[key])}" for key in order))
    return 0


if __name__ == "__main__":
    sys.exit(main())
