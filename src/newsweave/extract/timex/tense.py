"""Guess whether the words around an expression look back or ahead.

Why without a parser: ``find_timexes`` must work on any text, fast, before any
NLP has run. "met on Monday" and "will meet on Monday" differ only in the verb
next to the date, so the nearest tense marker in the same clause decides. News
writes the present and the progressive ("talks continue on Friday", "is meeting
on Friday") about the day just past, so only a real future looks ahead: a
modal, "going/due/set/scheduled/plans to", "is to", "next". Words that only
look like futures ("a peace plan", "set aside", "next to", "had been due to")
do not count. A caller with a parser can do better through ``tense_hint``.
"""

from __future__ import annotations

import re

# Futures on their own: modals and words that only point ahead.
_FUTURE = frozenset({
    "will", "'ll", "shall", "won't", "wo", "upcoming", "next", "tomorrow", "would", "could",
    "should", "might", "scheduled", "slated", "due", "expected", "forecast", "forecasts",
    "projected", "await", "awaits", "pending", "payable", "effective", "until", "till",
    "starting", "beginning", "soon",
})  # fmt: skip
# Modals that say more about the clause after the expression than about it.
_CONDITIONAL = frozenset({"would", "could", "should", "might"})
# Futures only when an infinitive follows ("plans to meet", "is set to", "going to").
_FUTURE_TO = frozenset({
    "plan", "plans", "planning", "expects", "expect", "intends", "intend", "aims", "aim",
    "set", "going", "hopes", "hope", "likely", "poised", "ready", "preparing", "is", "are",
    "am", "due", "scheduled", "slated", "expected",
})  # fmt: skip
# A perfect or past auxiliary turns "had been due to" into the past.
_PERFECT = frozenset({"had", "been"})
_PASSIVE = frozenset({"be", "being", "is", "are", "am"})
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
    "creed", "greed", "weed", "bled", "united", "based", "scheduled", "expected",
    "proposed", "projected", "limited", "related", "detailed", "advanced", "reed", "breed",
    "wed", "embed", "led", "ted", "fred", "ned", "ed", "ahmed", "mohammed", "mohamed",
    "preferred", "skilled", "armed", "concerned", "interested", "qualified", "so-called",
    "listed", "unlisted", "unidentified", "undisclosed", "unnamed", "continued",
})  # fmt: skip
_WORD = re.compile(r"[A-Za-z']+")
_CLAUSE_END = re.compile(r"[.!?;:]\s+(?=[A-Z\"'“‘(`])|\n")
_WINDOW = 90


def _marker(words: list[str], i: int) -> int:
    """-1, +1 or 0 for ``words[i]`` read with its neighbours (lower-cased words)."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    prev = words[i - 1] if i > 0 else ""
    if w in _FUTURE_TO and nxt == "to":
        return -1 if prev in _PERFECT else 1
    if w in _FUTURE or w.endswith("'ll"):
        if w == "next" and nxt == "to":
            return 0
        return -1 if prev in _PERFECT else 1
    if prev in _PASSIVE and (w in _PAST or w.endswith("ed")):
        return 0  # "is held", "to be signed": a passive, not a past
    if w in _PAST:
        return -1
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST and not w.startswith("un"):
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
    will" both look ahead while "said Friday it will" looks back; a conditional
    after the expression ("…, could last days") belongs to the next clause.
    Markers more than ``reach`` words away are not trusted.
    """
    left, right = _clause(text, start, end)
    before = [w.lower() for w in _WORD.findall(text, left, start)]
    words = before + [w.lower() for w in _WORD.findall(text, end, right)]
    best, best_dist = 0, reach + 1
    for dist in range(min(len(before), reach + 1)):
        if mark := _marker(words, len(before) - 1 - dist):
            best, best_dist = mark, dist
            break
    for dist in range(min(len(words) - len(before), best_dist - 1)):
        if words[len(before) + dist] in _CONDITIONAL:
            continue  # "talks, which continue on Friday, could last days"
        if mark := _marker(words, len(before) + dist):
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
