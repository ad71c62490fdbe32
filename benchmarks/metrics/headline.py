"""Headline accuracy: word F1 between a predicted and a gold headline, right at ≥ 0.8.

Why word F1 and not exact match: a headline with one word of punctuation-level
difference ("U.S." vs "US") is still the page's headline, while one with the
site name glued on ("… | Al Bawaba") or a section name alone is not; at 0.8 a
five-word headline tolerates one wrong word, a "… - CBS News" suffix on a
six-word headline does not pass.

Gold: a data set's ``headline`` field where it has one. Dragnet's gold has
none but its body starts with the headline, somewhere in the opening lines
(after a date or section line on many pages); there a prediction is right when
it matches one of the first ``OPENING_LINES`` non-empty gold lines (lenient:
a dek line would count too; a byline or date line cannot reach F1 0.8 against
a headline-like prediction unless the prediction is that line).
"""

from __future__ import annotations

import re
from collections import Counter

RIGHT_AT = 0.8
OPENING_LINES = 6

_WORD = re.compile(r"\w+")


def word_f1(predicted: str, gold: str) -> float:
    """F1 of the two headlines' lower-cased ``\\w+`` words, counted with multiplicity."""
    pred = Counter(w.lower() for w in _WORD.findall(predicted or ""))
    ref = Counter(w.lower() for w in _WORD.findall(gold or ""))
    shared = sum((pred & ref).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(pred.values()), shared / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def opening_lines(body: str, n: int = OPENING_LINES) -> list[str]:
    """The first ``n`` non-empty lines of a gold body that starts with its headline."""
    lines = [" ".join(line.split()) for line in body.splitlines()]
    return [line for line in lines if _WORD.search(line)][:n]


def is_right(predicted: str | None, candidates: list[str]) -> bool:
    """Word F1 ≥ ``RIGHT_AT`` against any candidate gold line."""
    return bool(predicted) and any(word_f1(predicted or "", c) >= RIGHT_AT for c in candidates)
