"""Body-extraction quality and speed on pages in the article-extraction-benchmark layout.

Why: cleaning is only worth its complexity if it beats the extractor it builds
on, on pages it was not tuned on, at a comparable cost. Task ``html`` runs
newsweave's ``clean_html`` and trafilatura (default, ``favor_precision``, and
without comments and with metadata, for its title; every setting's best counts)
side by side on the same pages of every ``--data``
folder, timing each (ms per page); task ``text`` flattens each page to a
scraper's plain text (inscriptis) and asks whether newsweave's plain-text
cleaner removes the chrome. Metric: token-shingle F1 (the benchmark's own, see
``metrics/aeb.py``); headline accuracy where the gold has a headline (word F1
≥ 0.8, ``metrics/headline.py``).

Split: every folder's pages are cut by ``sha1(id)``'s LAST hex digit (0-7:
tuning part, 8-f: check part; the data sets' dev/test cut uses the FIRST
digit, so the two are independent). Rules and thresholds are chosen on the
tuning part (``--worst`` lists tuning pages only); the check part is THE
reported figure. The last line holds ``key=value`` figures for the gate: per
folder ``f1_html_<set>`` (check; ``f1_html_<set>_learned`` with the learned
line model of ``clean/line_model.py`` instead of the line rules),
``gain_html_<set>`` (newsweave minus the better trafilatura setting, check),
``headline_<set>`` (check), ``f1_text_<set>``, their ``*_tuning`` twins, the
macro ``f1_html``/``f1_text`` over folders (check) and ``ms_ratio`` (newsweave
ms/page over trafilatura default's).

Example:
    .venv/bin/python -m benchmarks.extraction --data ../shared/data/article-extraction-benchmark \\
        --data ../shared/data/dragnet
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.corpora.aeb import Page, flatten, load_pages, load_peer
from benchmarks.corpora.parts import CHECK, TUNING, part
from benchmarks.metrics.aeb import Score, page_pr, score
from benchmarks.metrics.headline import is_right, opening_lines

if TYPE_CHECKING:
    from newsweave.clean.html import BodyFilter

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"
PEERS = ("trafilatura", "rs_trafilatura", "readability", "readability_js", "newspaper", "goose3")
ALL = "all"
#: Short names for the figures' keys; any other folder goes by its own name.
ALIASES = {"article-extraction-benchmark": "aeb"}
#: Folders whose gold body opens with the headline (their SOURCE.md says so) and
#: which have no ``headline`` field: the headline is judged against the opening lines.
HEADLINE_IN_BODY = {"dragnet"}

#: A page's output: body text and headline (None when the system gives none).
Output = tuple[str, str | None]


@dataclass
class Row:
    name: str
    scores: dict[str, Score]  # by part, and ALL
    seconds_per_page: float | None
    headlines: dict[str, tuple[int, int]] = field(default_factory=dict)  # part -> (right, pages)

    def f1(self, which: str) -> float:
        return (self.scores.get(which) or self.scores[ALL]).f1

    def headline_share(self, which: str) -> float | None:
        right, total = self.headlines.get(which, (0, 0))
        return right / total if total else None


@dataclass
class Folder:
    alias: str
    pages: list[Page]
    headline_gold: dict[str, list[str]]  # page id -> candidate gold headline lines

    def ids(self, which: str) -> set[str]:
        return {p.id for p in self.pages if which == ALL or part(p.id) == which}


def load_folder(path: Path) -> Folder:
    pages = load_pages(path)
    gold: dict[str, list[str]] = {}
    if path.name in HEADLINE_IN_BODY:
        gold = {p.id: opening_lines(p.gold) for p in pages}
    else:
        gold = {p.id: [p.headline] for p in pages if p.headline}
    return Folder(ALIASES.get(path.name, path.name), pages, gold)


def _run(pages: list[Page], fn: Callable[[Page], Output]) -> tuple[dict[str, Output], float]:
    start = time.perf_counter()
    out = {p.id: fn(p) for p in pages}
    return out, (time.perf_counter() - start) / max(len(pages), 1)


def _row(name: str, outputs: dict[str, Output], folder: Folder, secs: float | None) -> Row:
    texts = {pid: text or "" for pid, (text, _) in outputs.items()}
    row = Row(name, {}, secs)
    for which in (TUNING, CHECK, ALL):
        ids = folder.ids(which)
        if ids:
            row.scores[which] = score(texts, {p.id: p.gold for p in folder.pages if p.id in ids})
        judged = [pid for pid in ids if pid in folder.headline_gold]
        if judged and any(outputs[pid][1] is not None for pid in outputs):
            right = sum(is_right(outputs[pid][1], folder.headline_gold[pid]) for pid in judged)
            row.headlines[which] = (right, len(judged))
    return row


def newsweave_html(page: Page, body_filter: BodyFilter = "rules") -> Output:
    from newsweave.clean.html import clean_html
    from newsweave.model import Document, sha256_hex

    doc = Document(page.id, page.html, "html", "utf-8", sha256_hex(page.html), {"url": page.url})
    articles = clean_html(doc, body_filter)
    text = "\n\n".join(a.text for a in articles)
    return text, (articles[0].headline if articles else None)


def newsweave_line_model(page: Page) -> Output:
    """newsweave with the learned line model instead of its line rules, to measure both."""
    return newsweave_html(page, "model")


def _trafilatura(favor_precision: bool) -> Callable[[Page], Output]:
    import trafilatura

    def run(page: Page) -> Output:
        text = trafilatura.extract(page.html, url=page.url, favor_precision=favor_precision)
        return text or "", None

    return run


def _trafilatura_metadata(favor_precision: bool) -> Callable[[Page], Output]:
    """trafilatura's body without comments, with its metadata: the peer for headlines.

    Its default keeps comments; the gold of both data sets leaves them out, so
    this setting is often its best one here.
    """
    import trafilatura

    def run(page: Page) -> Output:
        doc: Any = trafilatura.bare_extraction(
            page.html,
            url=page.url,
            with_metadata=True,
            include_comments=False,
            favor_precision=favor_precision,
        )
        if doc is None:
            return "", ""
        return doc.text or "", doc.title or ""

    return run


#: The trafilatura settings run beside newsweave: (row name, run); the first is
#: the speed reference, the third the headline peer and full-job time.
def trafilatura_settings() -> list[tuple[str, Callable[[Page], Output]]]:
    return [
        ("trafilatura default", _trafilatura(False)),
        ("trafilatura precision", _trafilatura(True)),
        ("trafilatura no-comments+meta", _trafilatura_metadata(False)),
        ("trafilatura precision+meta", _trafilatura_metadata(True)),
    ]


def run_interleaved(
    pages: list[Page], systems: list[tuple[str, Callable[[Page], Output]]]
) -> tuple[dict[str, dict[str, Output]], dict[str, float]]:
    """Every system on page 1, then every system on page 2, …: outputs and seconds per page.

    Interleaving makes a shared machine's load fall on all systems alike, so the
    ratio of their times holds even when the absolute times do not; the order
    turns by one system a page, so that no system is always the first to meet
    a page (or the garbage the previous one left).
    """
    outputs: dict[str, dict[str, Output]] = {name: {} for name, _ in systems}
    seconds = dict.fromkeys(outputs, 0.0)
    for i, page in enumerate(pages):
        turn = i % max(len(systems), 1)
        for name, fn in systems[turn:] + systems[:turn]:
            start = time.perf_counter()
            outputs[name][page.id] = fn(page)
            seconds[name] += time.perf_counter() - start
    return outputs, {name: secs / max(len(pages), 1) for name, secs in seconds.items()}


def task_html(folder: Folder, data: Path) -> tuple[list[Row], dict[str, Output]]:
    systems = [
        ("newsweave clean_html", newsweave_html),
        *trafilatura_settings(),
        ("newsweave learned lines", newsweave_line_model),
    ]
    outputs, secs = run_interleaved(folder.pages, systems)
    rows = [_row(name, outputs[name], folder, secs[name]) for name, _ in systems]
    for peer in PEERS:
        stored = load_peer(data, peer)
        if stored is not None:
            got: dict[str, Output] = {p.id: (stored.get(p.id, ""), None) for p in folder.pages}
            rows.append(_row(f"peer file: {peer}", got, folder, None))
    return rows, outputs["newsweave clean_html"]


def task_text(folder: Folder) -> list[Row] | None:
    try:
        from newsweave.clean.text import clean_plain_text
    except ImportError:
        print("task text unavailable: newsweave.clean.text.clean_plain_text is not there yet")
        return None
    from newsweave.model import Document, sha256_hex

    flat = {p.id: flatten(p.html) for p in folder.pages}

    def clean(page: Page) -> Output:
        raw = flat[page.id]
        doc = Document(page.id, raw, "text", "utf-8", sha256_hex(raw), {"url": page.url})
        return "\n\n".join(a.text for a in clean_plain_text(doc)), None

    ours, secs = _run(folder.pages, clean)
    filtered: dict[str, Output] = {pid: (line_filter(text), None) for pid, text in flat.items()}
    unclean: dict[str, Output] = {pid: (text, None) for pid, text in flat.items()}
    return [
        _row("newsweave clean_plain_text", ours, folder, secs),
        _row("line length + punctuation filter", filtered, folder, None),
        _row("flattened text (uncleaned)", unclean, folder, None),
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


def _cell(value: float | None, width: int = 7) -> str:
    return f"{value:{width}.4f}" if value is not None else f"{'-':>{width}}"


def print_table(title: str, folder: Folder, rows: list[Row]) -> None:
    n = {w: len(folder.ids(w)) for w in (TUNING, CHECK)}
    print(f"\n{title} [{folder.alias}: {n[TUNING]} tuning + {n[CHECK]} check pages]")
    print(
        f"{'system':30} {'P':>6} {'R':>6} {'F1':>6} {'F1 tun':>7} {'F1 chk':>7} "
        f"{'ms/page':>8} {'head tun':>8} {'head chk':>8}"
    )
    for r in rows:
        t = r.scores[ALL]
        ms = f"{r.seconds_per_page * 1000:8.1f}" if r.seconds_per_page is not None else f"{'-':>8}"
        tun, chk = (r.scores.get(w) for w in (TUNING, CHECK))
        print(
            f"{r.name:30} {t.precision:6.4f} {t.recall:6.4f} {t.f1:6.4f} "
            f"{_cell(tun.f1 if tun else None)} {_cell(chk.f1 if chk else None)} {ms} "
            f"{_cell(r.headline_share(TUNING), 8)} {_cell(r.headline_share(CHECK), 8)}"
        )
    print(
        "(F1 tun/chk: tuning part = sha1(id) last hex 0-7, check part = 8-f (reported); "
        "head: share of headlines with word F1 >= 0.8)"
    )


def print_worst(folder: Folder, outputs: dict[str, Output], n: int) -> None:
    """Tuning pages where newsweave loses most: the place to look for general causes."""
    tuning = [p for p in folder.pages if part(p.id) == TUNING]
    pr = sorted(((sum(page_pr(outputs[p.id][0], p.gold)), p) for p in tuning), key=lambda t: t[0])
    print(f"\nworst {n} tuning pages for newsweave (P R id url):")
    for _, p in pr[:n]:
        prec, rec = page_pr(outputs[p.id][0], p.gold)
        print(f"  {prec:.3f} {rec:.3f} {p.id[:10]} {p.url[:70]}")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="data folder (repeatable)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages only (smoke run)")
    parser.add_argument("--task", choices=("html", "text", "both"), default="both")
    parser.add_argument("--worst", type=int, default=8, help="list the N worst tuning pages")
    parser.add_argument(
        "--part",
        choices=("both", CHECK),
        default="both",
        help="check: score the check part only (the gate's figures, in half the time)",
    )
    args = parser.parse_args(argv)
    figures: dict[str, float | None] = {}
    macro: dict[str, list[float]] = {"f1_html": [], "f1_text": []}
    timing = {"ours": 0.0, "theirs": 0.0, "meta": 0.0}
    tuned, reported = [], []
    for path in args.data or [DEFAULT_DATA]:
        folder = load_folder(path)
        folder.pages = folder.pages[: args.limit]
        if args.part == CHECK:
            folder.pages = [p for p in folder.pages if part(p.id) == CHECK]
        a = folder.alias
        checked = bool(folder.ids(CHECK))
        which = CHECK if checked else ALL
        print(f"{len(folder.pages)} pages from {path}")
        tuned.append(f"{a}-sha1-last-0-7")
        reported.append(f"{a}-sha1-last-8-f" if checked else f"{a}-all-pages")
        if args.task in ("html", "both"):
            rows, ours = task_html(folder, path)
            print_table("task a: HTML pages -> article body", folder, rows)
            print_worst(folder, ours, args.worst)
            mine, theirs = rows[0], rows[1:5]
            figures[f"f1_html_{a}"] = mine.f1(which)
            figures[f"f1_html_{a}_tuning"] = mine.f1(TUNING)
            figures[f"gain_html_{a}"] = mine.f1(which) - max(r.f1(which) for r in theirs)
            figures[f"gain_html_{a}_tuning"] = mine.f1(TUNING) - max(r.f1(TUNING) for r in theirs)
            learned = rows[5]
            figures[f"f1_html_{a}_learned"] = learned.f1(which)
            figures[f"f1_html_{a}_learned_tuning"] = learned.f1(TUNING)
            figures[f"headline_{a}"] = mine.headline_share(which)
            figures[f"headline_{a}_tuning"] = mine.headline_share(TUNING)
            figures[f"headline_trafilatura_{a}"] = rows[3].headline_share(which)
            macro["f1_html"].append(mine.f1(which))
            pages = len(folder.pages)
            timing["ours"] += (mine.seconds_per_page or 0) * pages
            timing["theirs"] += (rows[1].seconds_per_page or 0) * pages
            timing["meta"] += (rows[3].seconds_per_page or 0) * pages
        if args.task in ("text", "both"):
            text_rows = task_text(folder)
            if text_rows is not None:
                print_table("task b: flattened text -> cleaned body", folder, text_rows)
                figures[f"f1_text_{a}"] = text_rows[0].f1(which)
                figures[f"f1_text_{a}_tuning"] = text_rows[0].f1(TUNING)
                macro["f1_text"].append(text_rows[0].f1(which))
    if args.part == CHECK:  # no tuning page was run: no tuning figure to give
        figures = {k: None if k.endswith("_tuning") else v for k, v in figures.items()}
    figures["f1_html"] = _mean(macro["f1_html"])
    figures["f1_text"] = _mean(macro["f1_text"])
    if timing["theirs"]:
        figures["ms_ratio"] = timing["ours"] / timing["theirs"]
        figures["ms_ratio_metadata"] = timing["ours"] / timing["meta"]
        print(
            "\nms/page over all pages: newsweave / trafilatura default = "
            f"{figures['ms_ratio']:.2f}, / trafilatura no-comments+meta = "
            f"{figures['ms_ratio_metadata']:.2f}"
        )
    print(f"tuned_on={','.join(tuned)} reported_on={','.join(reported)}")
    first = ("f1_html", "f1_text")
    print(" ".join(f"{k}={_fmt(figures[k])}" for k in (*first, *sorted(set(figures) - set(first)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
