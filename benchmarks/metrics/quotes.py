"""Quote and speaker scores on PolNeAR-style gold attributions.

A predicted quote matches a gold Content (the union of its pieces) when it covers
at least half of the gold characters; matching is one-to-one, greedily by overlap.
A matched quote's speaker is right when the predicted speaker span overlaps the gold
Source, or the predicted name and the gold source text name the same person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.corpora.polnear import Attribution, GoldArticle

_SKIP_WORDS = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "said", "says"})


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    speaker: str | None
    speaker_span: tuple[int, int] | None


@dataclass
class Score:
    pred: int = 0
    gold: int = 0
    quote_tp: int = 0
    speaker_tp: int = 0
    seconds: float = 0.0

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def chars(pieces: Sequence[tuple[int, int]]) -> set[int]:
    return {i for s, e in pieces for i in range(s, e)}


def _words(text: str) -> set[str]:
    words = (re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Za-z][\w'’-]+", text.lower()))
    return {w for w in words if w not in _SKIP_WORDS}


def speaker_right(pred: Pred, gold: Attribution, text: str) -> bool:
    """Overlap with the gold Source, or the same name (containment or shared surname)."""
    if not gold.source:
        return False
    if pred.speaker_span is not None:
        s, e = pred.speaker_span
        if any(s < ge and gs < e for gs, ge in gold.source):
            return True
    if not pred.speaker:
        return False
    gold_text = " ".join(text[s:e] for s, e in gold.source).lower()
    name = pred.speaker.lower()
    if name in gold_text or gold_text in name:
        return True
    surname = name.split()[-1] if name.split() else ""
    return bool(surname) and surname in _words(gold_text) and surname[:1].isalpha()


def score_article(preds: list[Pred], art: GoldArticle, apostrophes: bool = True) -> Score:
    golds = art.quotes_with(apostrophes=apostrophes)
    gchars = [chars(g.content) for g in golds]
    pairs = []
    for pi, p in enumerate(preds):
        pc = set(range(p.start, p.end))
        for gi, gc in enumerate(gchars):
            ov = len(pc & gc)
            if gc and ov * 2 >= len(gc):
                pairs.append((ov, pi, gi))
    used_p: set[int] = set()
    used_g: set[int] = set()
    sc = Score(pred=len(preds), gold=len(golds))
    for _ov, pi, gi in sorted(pairs, reverse=True):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        sc.quote_tp += 1
        sc.speaker_tp += speaker_right(preds[pi], golds[gi], art.text)
    return sc
