"""Numbers, units and currencies normalised, so outlets can be compared on the value.

"€90 billion", "90 billion euros" and "EUR 90bn" are one value; "$106 billion"
in brackets right after a euro figure is a conversion of it, not a second claim.
Hand-written (a regex and two small tables) because the libraries that parse
quantities either miss scale words and currency symbols together or pull in
heavy dependencies; spaCy's NER is used upstream only to say where numbers are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "₽": "RUB", "¥": "JPY", "₴": "UAH"}
_CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rub": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "yen": "JPY",
    "yuan": "CNY",
}
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "dozen": 12,
    "hundred": 100,
}
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_WORD_NUMBERS = {w: i for i, w in enumerate(_UNITS.split())}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70})
_WORD_NUMBERS.update({"eighty": 80, "ninety": 90, "a": 1, "an": 1})
_PERCENT = {"%", "percent", "per cent", "pct"}
_APPROX = re.compile(
    r"\b(about|approximately|around|roughly|nearly|almost|some|over|more than)\s*$"
)

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(sorted((w for w in _WORD_NUMBERS if len(w) > 2), key=len, reverse=True))
_SCALE = r"thousand|million|billion|trillion|mln|bn|tn|mn|dozen|hundred|[kmb](?![a-z])"
_CUR_WORD = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
QUANTITY_RE = re.compile(
    rf"(?:(?P<sym>[€$£₽¥₴]|(?:US|U\.S\.)\$)|(?P<code>EUR|USD|GBP|RUB|UAH)\s)?\s?"
    rf"(?P<num>{_NUM}|(?:{_WORDNUM})(?:[- ](?:{_WORDNUM}))?|(?:a|an)(?=\s+(?:{_SCALE})\b))"
    rf"(?:\s?(?P<scale>{_SCALE}))?"
    rf"(?:\s?(?P<post>%|per cent|percent|{_CUR_WORD})(?![a-z]))?",
    re.IGNORECASE,
)
# Every match of QUANTITY_RE holds a digit, a number word, or "a"/"an" before a scale
# word; most sentences hold none, and these checks cost a fraction of the full pattern.
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = tuple(
    sorted(
        {w for w in _WORD_NUMBERS if len(w) > 2}
        | {"thousand", "million", "billion", "trillion", "dozen", "hundred"}
    )
)
_A_SHORT_SCALE = re.compile(r"an?\s+(?:mln|bn|tn|mn|[kmb])(?![a-z])", re.IGNORECASE)


def _fold(text: str) -> str:
    return text.replace("\u0130", "i").replace("\u0131", "i").casefold()


def _may_hold_quantity(text: str) -> bool:
    """False only when ``QUANTITY_RE`` cannot match ``text`` (a cheap test run first)."""
    if _DIGIT.search(text):
        return True
    # Folded as IGNORECASE folds letters: "ſix" and "sİx" read "six".
    low = text.casefold() if text.isascii() else _fold(text)
    return any(w in low for w in _NUMBER_WORDS) or _A_SHORT_SCALE.search(text) is not None


@dataclass(frozen=True)
class Quantity:
    """A number found in text: its value, its unit (a currency code, ``%`` or a counted noun).

    ``conversion`` marks a figure given in brackets as a conversion of the one before it.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    approx: bool = False
    conversion: bool = False


def _number(text: str) -> float | None:
    t = text.lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]", t):
        if part not in _WORD_NUMBERS:
            return None
        total += _WORD_NUMBERS[part]
    return total


def _unit(m: re.Match[str]) -> str | None:
    sym, post = m.group("sym"), m.group("post")
    if m.group("code"):
        return m.group("code").upper()
    if sym:
        return _CURRENCY_SYMBOLS.get(sym[-1], "USD")
    if post:
        low = post.lower()
        return "%" if low in _PERCENT else _CURRENCY_WORDS.get(low)
    return None


_IRREGULAR_PLURALS = "people|children|men|women|personnel|police|staff|civilians"
_NOUN_AFTER = re.compile(rf"\s+(?:[a-z]+-?\s+){{0,2}}?({_IRREGULAR_PLURALS}|[a-z]+s)\b")
_CONVERSION_BEFORE = re.compile(r"\(\s*(?:about|approximately|around|roughly|some|or)?\s*$", re.I)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number in ``text`` with its value, unit and whether it converts the previous one.

    Years (1900–2100 without unit or scale) and parts of dates are left out: they are dates.
    """
    found: list[Quantity] = []
    if not _may_hold_quantity(text):
        return found
    for m in QUANTITY_RE.finditer(text):
        raw = m.group("num")
        if not raw or (raw.lower() in {"a", "an"} and not m.group("scale")):
            continue
        if not _is_word_bounded(text, m):
            continue
        value = _number(raw)
        if value is None:
            continue
        scale = m.group("scale")
        if scale:
            value *= _SCALES[scale.lower()]
        unit = _unit(m)
        if unit is None and not scale and _looks_like_date(text, m, value):
            continue
        if unit is None:
            unit = _counted_noun(text, m.end())
        before = text[: m.start()]
        found.append(
            Quantity(
                start=offset + m.start() + (len(m.group(0)) - len(m.group(0).lstrip())),
                end=offset + m.end(),
                text=m.group(0).strip(),
                value=value,
                unit=unit,
                approx=bool(_APPROX.search(before[-25:])),
                conversion=bool(found and unit and _CONVERSION_BEFORE.search(before[-25:]))
                and found[-1].unit not in {None, unit},
            )
        )
    return found


def _is_word_bounded(text: str, m: re.Match[str]) -> bool:
    s, e = m.start("num"), m.end()
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-/.:"):
        return text[s - 1] == "-" and s > 1 and text[s - 2] == " "
    if e >= len(text):
        return True
    nxt = text[e]
    return not (nxt.isalnum() or nxt in "/:" or (nxt == "-" and text[e + 1 : e + 2].isalpha()))


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_DATE_NEAR = re.compile(rf"\b({_MONTHS})\.?\s*$|^\s*({_MONTHS})\b", re.I)


def _looks_like_date(text: str, m: re.Match[str], value: float) -> bool:
    """A bare year, or a day next to a month name, is a date, not a quantity."""
    if value.is_integer() and 1900 <= value <= 2100 and "," not in m.group("num"):
        return True
    before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 12]
    if _DATE_NEAR.search(before) or _DATE_NEAR.search(after):
        return True
    return bool(re.match(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|:)", after, re.I))


def _counted_noun(text: str, end: int) -> str | None:
    """The plural noun a bare count counts ("eight people" → ``people``), if any."""
    m = _NOUN_AFTER.match(text, end)
    if m is None or m.start(1) - end > 25:
        return None
    return m.group(1).lower()


def primary(quantities: list[Quantity]) -> list[Quantity]:
    """The figures a text states, without conversions given alongside them."""
    return [q for q in quantities if not q.conversion]


def same_value(a: Quantity, b: Quantity, tolerance: float = 0.02) -> bool:
    """Equal within rounding ("€90 billion" = "90bn euros"; "about 90 billion" ~ "89.7 billion")."""
    if a.unit != b.unit:
        return False
    if a.value == b.value:
        return True
    tol = 0.1 if (a.approx or b.approx) else tolerance
    return abs(a.value - b.value) <= tol * max(abs(a.value), abs(b.value))


def comparable(a: Quantity, b: Quantity) -> bool:
    """Two figures measure the same kind of thing: same currency, both percents, same noun."""
    return a.unit is not None and a.unit == b.unit


def describe(q: Quantity) -> str:
    """A normalised rendering for display: ``EUR 90,000,000,000``."""
    number = f"{q.value:,.0f}" if q.value.is_integer() else f"{q.value:,}"
    if q.unit is None:
        return number
    if q.unit == "%":
        return f"{number}%"
    if q.unit.isupper():
        return f"{q.unit} {number}"
    return f"{number} {q.unit}"
