"""TIMEX3 scores as the TempEval-3 scorer defines them (Task A; UzZaman et al. 2013).

A gold timex is found (relaxed) when a system timex overlaps it, and exactly
(strict) when the extents are equal; precision counts system timexes the same way.
Value and type F1 are the relaxed F1 times the value/type accuracy over the relaxed
matches (the best-overlapping system timex, an exact one first). Extents are compared
without edge punctuation and spaces. System timexes overlapping a span the document
tells the scorer to ignore (a DCT written in the text) or starting past the
annotated scope are not counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from benchmarks.corpora.timeml import GoldDoc

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
