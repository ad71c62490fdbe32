"""Arithmetic of relative timestamps ("5 min ago", "вчера", "il y a 3 heures").

Split from ``dates`` so that module stays about recognising date lines; this
one only turns a recognised relative expression into a calendar date.
"""

from __future__ import annotations

import datetime as dt
import re

_L = r"[^\W\d_]"  # one letter, any script

NUM = r"(?:\d+|an?|one|une?|un|ein(?:e|en|em)?|один|одну|одна|одного)"
UNIT = (
    r"(?:sec\w*|s|segund\w*|sekund\w*|сек\w*|min\w*|m|минут\w*|мин|хвилин\w*|хв|hrs?|hours?|h|"
    r"heures?|stunden?|std|horas?|час\w*|ч|годин\w*|год|days?|d|jours?|tag\w*|d[ií]as?|дн\w*|"
    r"день|доб\w*|weeks?|wks?|w|semaines?|wochen?|semanas?|недел\w*|тиж\w*|months?|mos?|mois|"
    r"monat\w*|mes\w*|месяц\w*|місяц\w*|years?|yrs?|y|ans?|années?|jahr\w*|años?|лет|рок\w*|рік)"
)
_AMOUNT = re.compile(rf"(?P<n>{NUM})?\s*(?P<u>{UNIT})(?!{_L})", re.IGNORECASE)
_REL_WORDS = re.compile(r"(?i:il\s+y\s+a|vor|hace|há|ago|назад|тому|and|und|et|y)(?!\w)")
_DAY_WORDS = {
    "today": 0,
    "сегодня": 0,
    "сьогодні": 0,
    "aujourd'hui": 0,
    "heute": 0,
    "hoy": 0,
    "yesterday": 1,
    "вчера": 1,
    "вчора": 1,
    "hier": 1,
    "gestern": 1,
    "ayer": 1,
    "day before yesterday": 2,
    "позавчера": 2,
    "позавчора": 2,
    "avant-hier": 2,
    "vorgestern": 2,
    "anteayer": 2,
}
# Unit prefixes (casefolded) → (kind, size); first match wins, so longer prefixes come first.
_UNIT_KINDS: tuple[tuple[str, str, int], ...] = (
    ("mois", "month", 1),
    ("mes", "month", 1),
    ("mon", "month", 1),
    ("mo", "month", 1),
    ("месяц", "month", 1),
    ("місяц", "month", 1),
    ("min", "second", 60),
    ("минут", "second", 60),
    ("мин", "second", 60),
    ("хв", "second", 60),
    ("m", "second", 60),
    ("semaine", "day", 7),
    ("semana", "day", 7),
    ("se", "second", 1),
    ("sek", "second", 1),
    ("сек", "second", 1),
    ("s", "second", 1),
    ("h", "second", 3600),
    ("std", "second", 3600),
    ("stund", "second", 3600),
    ("час", "second", 3600),
    ("ч", "second", 3600),
    ("годин", "second", 3600),
    ("d", "day", 1),
    ("jour", "day", 1),
    ("tag", "day", 1),
    ("дн", "day", 1),
    ("день", "day", 1),
    ("доб", "day", 1),
    ("w", "day", 7),
    ("недел", "day", 7),
    ("тиж", "day", 7),
    ("y", "year", 1),
    ("an", "year", 1),
    ("jahr", "year", 1),
    ("лет", "year", 1),
    ("год", "year", 1),
    ("рок", "year", 1),
    ("рік", "year", 1),
    ("a", "year", 1),
)


def _unit_kind(unit: str, ukrainian: bool) -> tuple[str, int]:
    """Kind and size of a time unit word; Ukrainian "год" is hours, Russian "год" is a year."""
    u = unit.casefold()
    if ukrainian and u == "год":
        return "second", 3600
    if u in {"días", "dias", "día", "dia"}:
        return "day", 1
    for prefix, kind, size in _UNIT_KINDS:
        if u.startswith(prefix):
            return kind, size
    return "second", 0


def resolve_relative(expr: str, reference: dt.date) -> dt.date:
    """Subtract the amounts in ``expr`` from the reference date (hours within a day count as 0)."""
    key = " ".join(expr.casefold().split())
    if key in _DAY_WORDS:
        return reference - dt.timedelta(days=_DAY_WORDS[key])
    ukrainian = key.endswith("тому")
    body = _REL_WORDS.sub(" ", expr)
    amounts = [m for m in _AMOUNT.finditer(body) if m.group("n")]
    if not amounts:  # "час назад": a bare unit means one of it
        amounts = list(_AMOUNT.finditer(body))[:1]
    seconds = days = months = 0
    for m in amounts:
        n_text = (m.group("n") or "1").casefold()
        n = int(n_text) if n_text.isdigit() else 1
        kind, size = _unit_kind(m.group("u"), ukrainian)
        if kind == "second":
            seconds += n * size
        elif kind == "day":
            days += n * size
        else:
            months += n * size * (12 if kind == "year" else 1)
    result = reference - dt.timedelta(days=days + seconds // 86400)
    return _minus_months(result, months)


def _minus_months(day: dt.date, months: int) -> dt.date:
    """Calendar month subtraction, clamping the day ("31 March minus 1 month" → 28/29 Feb)."""
    if not months:
        return day
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in range(day.day, 27, -1):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(day.day, 28))
