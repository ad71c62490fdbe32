"""Guess whether the words around an expression look back or ahead.

Why without a parser: ``find_timexes`` must work on any text, fast, before any
NLP has run. "met on Monday" and "will meet on Monday" differ only in the verb
next to the date, so the nearest tense marker in the same clause decides: a
modal or going-to future looks ahead, a past-tense verb or auxiliary looks
back. A caller with a parser can do better through ``tense_hint``.
"""

from __future__ import annotations

import re

_FUTURE = frozenset({
    "will", "'ll", "shall", "won't", "wo", "upcoming", "next", "plans", "plan", "planned",
    "scheduled", "expected", "expects", "expect", "due", "intends", "aims", "set", "going",
    "would", "could", "tomorrow", "until", "till", "forecast", "forecasts", "projected",
    "hopes", "hope", "await", "awaits", "should", "might", "pending", "payable",
    "effective", "through", "expire", "expires", "starting", "beginning",
})  # fmt: skip
_PAST = frozenset({
    "was", "were", "had", "did", "said", "told", "met", "made", "took", "went", "came", "gave",
    "held", "began", "saw", "found", "left", "got", "won", "lost", "ran", "sent", "spoke",
    "wrote", "brought", "thought", "bought", "fell", "rose", "sold", "paid", "struck", "hit",
    "led", "fled", "flew", "drew", "grew", "knew", "threw", "broke", "chose", "fought",
    "sought", "caught", "felt", "kept", "stood", "heard", "built", "spent", "became", "shot",
    "ago", "yesterday", "last", "earlier", "since", "killed", "quit", "overtook", "swept",
    "wounded", "meant", "arose", "bore", "ate", "forgot", "hung", "laid", "lay", "lent",
    "slid", "split", "spread", "stole", "stuck", "swore", "tore", "woke", "wore", "dealt",
    "agreed", "announced", "reported", "has", "have", "been",
})  # fmt: skip
# Words ending in -ed that are not past tenses.
_NOT_PAST = frozenset({
    "need", "speed", "red", "bed", "hundred", "seed", "feed", "indeed", "deed", "shed",
    "creed", "greed", "weed", "bled", "united", "based", "scheduled", "expected", "planned",
    "proposed", "projected", "limited", "related", "detailed", "advanced", "reed", "breed",
    "wed", "embed", "led", "ted", "fred", "ned", "ed", "ahmed", "mohammed", "mohamed",
    "preferred", "skilled", "armed", "concerned", "interested", "qualified", "so-called",
    "listed", "unlisted", "unidentified", "undisclosed", "unnamed", "continued",
})  # fmt: skip
_WORD = re.compile(r"[A-Za-z']+")
_CLAUSE_END = re.compile(r"[.!?;:]\s+(?=[A-Z\"'“‘(])|\n")
_WINDOW = 90


def _marker(word: str) -> int:
    w = word.lower()
    if w in _FUTURE or w.endswith("'ll"):
        return 1
    if w in _PAST:
        return -1
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST:
        return -1
    return 0


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - _WINDOW)
    right = min(len(text), end + _WINDOW)
    for m in _CLAUSE_END.finditer(text, left, start):
        left = m.end()
    stop = _CLAUSE_END.search(text, end, right)
    return left, (stop.start() if stop else right)


def infer_tense(text: str, start: int, end: int, reach: int = 99) -> int:
    """-1 (past), +1 (future) or 0 from the nearest marker around ``[start, end)``.

    Markers before the expression count by word distance, markers after it
    count one word further away, so "will meet on Monday" and "Monday's talks
    will" both look ahead while "said Friday it will" looks back. Markers more
    than ``reach`` words away are not trusted.
    """
    left, right = _clause(text, start, end)
    before = [_marker(w) for w in _WORD.findall(text, left, start)][::-1]
    after = [_marker(w) for w in _WORD.findall(text, end, right)]
    best, best_dist = 0, reach + 1
    for dist, mark in enumerate(before):
        if mark:
            best, best_dist = mark, dist
            break
    for dist, mark in enumerate(after):
        if mark and dist + 1 < best_dist:
            best = mark
            break
    return best


def tense_word(direction: int) -> str | None:
    return {-1: "past", 1: "future"}.get(direction)


def direction_of(hint: str | None) -> int | None:
    """Map a caller's tense label ("past", "PRESENT", "future") to a direction."""
    if hint is None:
        return None
    h = hint.lower()
    if h.startswith("fut"):
        return 1
    if h.startswith("past") or h.startswith("pret"):
        return -1
    return 0
