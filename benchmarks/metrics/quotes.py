"""Quote and speaker scores on PolNeAR-style gold attributions, with strict matching.

Quote rule: a predicted quote matches a gold Content (the union of its pieces, in
characters) when their overlap is at least 50% of the gold Content AND at least 50%
of the predicted span, so a prediction far longer than its gold earns nothing;
matching is one-to-one, greedily by overlap (largest first).

Speaker rule, for a matched quote: the predicted speaker is right when
(a) its span lies on the gold Source: it overlaps a Source piece and at least half
of the predicted span's characters are inside the Source (a pronoun "he" is right
where the gold Source is that "he"), or
(b) it names the same person in whole words: the predicted name's words and the gold
Source's words (lower case, possessive 's dropped, titles, articles and pronouns left
out) are both non-empty and one set contains the other ("John Smith" and "Mr. Smith";
not "Smithers" and "Smith", not "Bob Doe" and "Jane Doe", never a name and "he").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks.corpora.polnear import Attribution, GoldArticle

#: Words that never identify a person by themselves: titles, articles, speech verbs
#: and pronouns (a pronoun source is checked by position only).
_SKIP_WORDS = frozenset(
    {"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "said", "says"}
    | {"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her"}
    | {"it", "its", "they", "them", "their", "one", "who"}
)
_WORD = re.compile(r"[A-Za-z][\w'’-]+")


@dataclass(frozen=True)
class Pred:
    """A predicted quote: its span and its speaker (name and where the text names it)."""

    start: int
    end: int
    speaker: str | None
    speaker_span: tuple[int, int] | None


@dataclass
class Score:
    """Counts over articles; ``prf(tp)`` turns them into precision, recall and F1."""

    pred: int = 0
    gold: int = 0
    quote_tp: int = 0
    speaker_tp: int = 0
    seconds: float = 0.0

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def chars(pieces: Iterable[tuple[int, int]]) -> set[int]:
    """Character positions covered by ``(start, end)`` pieces."""
    return {i for s, e in pieces for i in range(s, e)}


def quote_matches(start: int, end: int, gold: set[int]) -> bool:
    """The quote rule: overlap >= 50% of the gold characters and of the predicted span."""
    overlap = len(gold.intersection(range(start, end)))
    return bool(gold) and end > start and 2 * overlap >= len(gold) and 2 * overlap >= end - start


def name_words(text: str) -> set[str]:
    """Lower-case whole words of a name, possessive 's dropped, non-identifying words out."""
    words = (re.sub(r"['’]s$", "", w) for w in _WORD.findall(text.lower()))
    return {w for w in words if w and w not in _SKIP_WORDS}


def speaker_right(pred: Pred, gold: Attribution, text: str) -> bool:
    """The speaker rule of the module docstring: on the gold Source, or the same name."""
    if not gold.source:
        return False
    if pred.speaker_span is not None:
        s, e = pred.speaker_span
        inside = len(chars(gold.source).intersection(range(s, e)))
        if inside and 2 * inside >= e - s:
            return True
    if not pred.speaker:
        return False
    said = name_words(pred.speaker)
    source = name_words(" ".join(text[s:e] for s, e in gold.source))
    return bool(said) and bool(source) and (said <= source or source <= said)


def score_article(preds: Sequence[Pred], art: GoldArticle, apostrophes: bool = True) -> Score:
    """Quote and speaker true positives of one article (one-to-one, largest overlap first)."""
    golds = art.quotes_with(apostrophes=apostrophes)
    gchars = [chars(g.content) for g in golds]
    pairs = []
    for pi, p in enumerate(preds):
        for gi, gc in enumerate(gchars):
            if quote_matches(p.start, p.end, gc):
                pairs.append((len(gc.intersection(range(p.start, p.end))), pi, gi))
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
