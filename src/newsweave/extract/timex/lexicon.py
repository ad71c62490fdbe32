"""Word lists for temporal expressions, and the regex pieces built from them.

Why one lexicon module: the grammar (``grammar``) and the rules
(``named``, ``relative``) must agree on every word ("Sept." is month 9, "fall" is
season FA, "nearly" is mod LESS_THAN). Keeping the words and their meanings in
one place means a new word is added once, HeidelTime-style.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a half": 0, "half a": 0,
    "half an": 0,
}  # fmt: skip

# Quantities that say "some number of": their value uses X (P3Y vs PXY).
VAGUE_NUMBERS = frozenset({
    "several", "a few", "few", "many", "some", "numerous", "a number of", "recent",
    "past few", "the past few", "coming", "next few", "the next few", "the coming",
    "the last few", "the past several", "the last several",
})  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "final": 4, "last": 4,
}  # fmt: skip

# unit word -> (TIMEX3 duration letter, is-time-part, calendar granularity)
UNITS: dict[str, tuple[str, bool, str]] = {
    "year": ("Y", False, "year"), "month": ("M", False, "month"),
    "week": ("W", False, "week"), "day": ("D", False, "day"),
    "hour": ("H", True, "time"), "minute": ("M", True, "time"),
    "second": ("S", True, "time"), "decade": ("DE", False, "decade"),
    "century": ("CE", False, "century"), "quarter": ("Q", False, "quarter"),
    "fortnight": ("W", False, "week"), "weekend": ("WE", False, "week"),
    "night": ("D", False, "day"), "half": ("H", False, "half"), "season": ("S", False, "season"),
    "summer": ("S", False, "season"), "winter": ("S", False, "season"),
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "tonight": "NI",
}  # fmt: skip

# Words before an expression that set TimeML's ``mod`` (and stay in the extent).
POINT_MODS: dict[str, str] = {
    "early": "START", "the early": "START", "late": "END", "the late": "END",
    "mid": "MID", "the mid": "MID", "middle": "MID", "the start of": "START",
    "the beginning of": "START", "the end of": "END", "the middle of": "MID",
    "end of": "END", "the close of": "END", "the turn of": "START",
}  # fmt: skip
QUANT_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "well over": "MORE_THAN", "only": "EQUAL_OR_LESS",
}  # fmt: skip

HOLIDAYS: dict[str, str] = {
    "christmas day": "12-25", "christmas eve": "12-24", "christmas": "12-25",
    "new year's day": "01-01", "new year's eve": "12-31", "halloween": "10-31",
    "independence day": "07-04", "valentine's day": "02-14", "boxing day": "12-26",
}  # fmt: skip

# Symbolic references: word -> TIMEX3 value.
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "the time being": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PAST_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "earlier": "PAST_REF", "in the past": "PAST_REF", "once": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the long term": "FUTURE_REF", "later": "FUTURE_REF",
    "shortly": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "eventually": "FUTURE_REF",
    "the coming months": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "the coming days": "FUTURE_REF", "the coming years": "FUTURE_REF",
    "coming months": "FUTURE_REF", "coming weeks": "FUTURE_REF", "coming days": "FUTURE_REF",
    "coming years": "FUTURE_REF", "the short term": "FUTURE_REF",
}  # fmt: skip


def alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "Sept" beats "Sep"; spaces match any blank."""
    items = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def cap(pattern: str) -> str:
    """Case-sensitive group: a capital letter keeps "may", "march", "sun" out."""
    return f"(?-i:{pattern})"


def _capitalised(words: list[str]) -> str:
    forms = [w.capitalize() for w in words] + [w.upper() for w in words if len(w) > 3]
    return cap(alt(forms))


_LONG_MONTHS = [w for w in MONTHS if len(w) > 3 and w != "sept"]
_SHORT_MONTHS = [w for w in MONTHS if len(w) <= 4 and w not in _LONG_MONTHS]
# "Dec." or "December"; a bare abbreviation without its dot is allowed too
# ("Dec 2"), except "Mar"/"Jun" style words that are ordinary English.
MONTH = r"(?:" + _capitalised(_LONG_MONTHS) + r"|" + _capitalised(_SHORT_MONTHS) + r"\.?)"
MONTH_NO_MAY = (
    r"(?:"
    + _capitalised([w for w in _LONG_MONTHS if w != "may"])
    + (r"|" + _capitalised(_SHORT_MONTHS) + r"\.?)")
)
WEEKDAY = r"(?:" + _capitalised(list(WEEKDAYS)) + r")"
DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
YEAR = r"(?:" + YEAR4 + r"|'\d\d)"
NUMBER_WORD = alt([w for w in NUMBERS if w not in ("a", "an")])
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER = (
    r"(?:\d{1,3}(?:\.\d+)?|" + TENS + r"[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
    r"|" + NUMBER_WORD + r"|an?)"
)
VAGUE = alt(VAGUE_NUMBERS)
UNIT = alt([u for u in UNITS if u not in ("half", "season", "summer", "winter", "night")])
SEASON = alt(list(SEASONS))
DAY_PART = r"(?:morning|afternoon|evening|night)"
ORDINAL = alt(list(ORDINALS))
QMOD = alt(QUANT_MODS)
PMOD = alt(POINT_MODS)


def number_value(word: str) -> float | None:
    """Integer or decimal value of a number word or digits ("twenty-five" -> 25)."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w in NUMBERS:
        return float(NUMBERS[w])
    try:
        return float(w.replace(",", ""))
    except ValueError:
        pass
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
    return None
