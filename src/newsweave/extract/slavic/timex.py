"""Dates in Russian and Ukrainian text, resolved against the publication date.

Why rules of their own: the English grammar's words ("last Friday") do not occur, and
the languages say relative dates differently ("на прошлой неделе", "минулого тижня",
"в понедельник" with the past tense looking back). Each pattern below is one TIMEX3
rule: month names (both languages' genitive and nominative stems), numeric dates,
years, the named days (сегодня/вчера/завтра …), weekdays, and this/last/next
week, month and year. Values and precision follow the English finder
(``extract.timex``): "2018-07-09" (day), "2018-W27" (week), "2018-07", "2018".
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.extract.timex import parse_dct
from newsweave.extract.timex.calendar import precision
from newsweave.model import Timex

_MONTHS = (
    ("январ", "січ"), ("феврал", "лют"), ("март", "берез"), ("апрел", "квіт"),
    ("ма[йяе]", "трав"), ("июн", "черв"), ("июл", "лип"), ("август", "серп"),
    ("сентябр", "верес"), ("октябр", "жовт"), ("ноябр", "листопад"), ("декабр", "груд"),
)  # fmt: skip
_MONTH_ALT = "|".join(f"(?P<m{i}>(?:{ru}|{uk})[а-яёіїєґ]*)" for i, (ru, uk) in enumerate(_MONTHS))
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|року|рік|р\.))?"
_DATE = re.compile(
    rf"\b(?:(?P<day>[0-3]?\d)(?:-(?:го|е|го|ого))?\s+)?(?:{_MONTH_ALT})\b"
    rf"(?:\s+(?P<year>(?:19|20)\d\d){_YEAR_WORD})?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:в|у|во)?\s*(?P<y>(?:19|20)\d\d)\s*(?:года|году|год|г\.|року|рік|р\.)")
_DAYS = {
    "позавчера": -2, "позавчора": -2, "вчера": -1, "вчора": -1, "учора": -1,
    "сегодня": 0, "сьогодні": 0, "завтра": 1, "послезавтра": 2, "післязавтра": 2,
}  # fmt: skip
_DAY = re.compile(r"\b(" + "|".join(sorted(_DAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_WEEKDAYS = (
    ("понедельник", "понеділ"), ("вторник", "вівтор"), ("сред[уаы]", "серед"),
    ("четверг", "четвер"), ("пятниц", "п'ятниц|п’ятниц|пʼятниц"), ("суббот", "субот"),
    ("воскресень", "неділ"),
)  # fmt: skip
_WEEKDAY_ALT = "|".join(f"(?P<w{i}>{ru}|{uk})" for i, (ru, uk) in enumerate(_WEEKDAYS))
_WEEKDAY = re.compile(
    rf"\b(?:(?:в|во|у)\s+)?(?:(?P<dir>прошл\w*|минул\w*|следующ\w*|наступн\w*|эт\w*|ц\w*)\s+)?"
    rf"(?:{_WEEKDAY_ALT})[а-яёіїєґ]*",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"\b(?:(?:на|в|во|у)\s+)?(?P<dir>прошл\w*|минул\w*|следующ\w*|наступн\w*|эт\w*|ц(?:ього|ей|ьому|я|і)|текущ\w*|поточн\w*)"
    r"\s+(?P<unit>недел\w*|тиж\w*|месяц\w*|місяц\w*|год[уа]?|році|року|рік)\b",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"\b(?P<n>\d+)\s+(?P<unit>дн\w*|день|недел\w*|тиж\w*|месяц\w*|місяц\w*|лет|год\w*|рок\w*)"
    r"\s+(?:назад|тому)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ'’]+")
_FUTURE = re.compile(r"\b(?:будет|будут|буде|будуть|планиру\w*|план\w*|намер\w*|збира\w*)\b")


def _direction(word: str | None, text: str, start: int, end: int) -> int:
    """-1 past, 0 this, 1 next: from the modifier, else the verbs beside the expression."""
    w = (word or "").lower()
    if w.startswith(("прошл", "минул")):
        return -1
    if w.startswith(("следующ", "наступн")):
        return 1
    if w:
        return 0
    window = text[max(0, start - 60) : end + 60]
    if _FUTURE.search(window.lower()):
        return 1
    return verb_direction(text, start, end)


def verb_direction(text: str, start: int, end: int) -> int:
    """+1 when the nearest verb of the clause is in the future tense (Russian and
    Ukrainian perfective present forms are future: "встретится", "зустрінеться"), else -1."""
    from newsweave.extract.slavic.models import morph

    left = max(text.rfind(ch, 0, start) for ch in ".!?\n,;") + 1
    right = min([i for i in (text.find(ch, end) for ch in ".!?\n,;") if i >= 0] or [len(text)])
    verbs: list[tuple[int, str]] = []
    for m in _WORDS.finditer(text, left, right):
        parse = morph(_language(m.group(0))).parse(m.group(0).lower())[0]
        if parse.tag.POS == "VERB" and parse.tag.tense:
            verbs.append((abs(m.start() - start), str(parse.tag.tense)))
    if not verbs:
        return -1
    return 1 if min(verbs)[1] == "futr" else -1


def _language(word: str) -> str:
    return "uk" if re.search(r"[іїєґ]", word.lower()) else "ru"


def _which(match: re.Match[str], prefix: str) -> int:
    return next(int(k[1:]) for k, v in match.groupdict().items() if k.startswith(prefix) and v)


def _timex(
    text: str, start: int, end: int, kind: str, value: str | None, anchor: str | None
) -> Timex:
    return Timex(start, end, text[start:end], kind, value, precision(value, kind), anchor)


def find_slavic_timexes(text: str, dct: str | None) -> list[Timex]:
    """Temporal expressions in Russian or Ukrainian ``text``, in order (see the module)."""
    day0 = parse_dct(dct)
    anchor = day0.isoformat() if day0 else None
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, value: str | None, relative: bool) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        if relative and day0 is None:
            value = None
        found.append(_timex(text, start, end, kind, value, anchor if relative and value else None))

    for m in _NUMERIC.finditer(text):
        try:
            day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        add(m.start(), m.end(), "DATE", day.isoformat(), False)
    for m in _DATE.finditer(text):
        month = _which(m, "m") + 1
        if m["day"] is None and m["year"] is None and month == 5 and m.group(0)[:1].islower():
            continue  # "мая" alone is the month; "мае"/"май" alone is often another word
        year = int(m["year"]) if m["year"] else None
        relative = year is None
        if year is None and day0 is not None:
            year = day0.year  # a month without a year: the DCT's year, or the one before
            if dt.date(year, month, 1) > day0 + dt.timedelta(days=60):
                year -= 1
        if year is None:
            value = None
        elif m["day"]:
            try:
                value = dt.date(year, month, int(m["day"])).isoformat()
            except ValueError:
                continue
        else:
            value = f"{year:04d}-{month:02d}"
        add(m.start(), m.end(), "DATE", value, relative)
    for m in _YEAR.finditer(text):
        add(m.start("y"), m.end(), "DATE", m["y"], False)
    for m in _DAY.finditer(text):
        shift = _DAYS[m.group(1).lower()]
        value = (day0 + dt.timedelta(days=shift)).isoformat() if day0 else None
        add(m.start(), m.end(), "DATE", value, True)
    for m in _WEEKDAY.finditer(text):
        weekday = _which(m, "w")
        value = None
        if day0 is not None:
            step = _direction(m["dir"], text, m.start(), m.end())
            delta = (weekday - day0.weekday()) % 7
            if step < 0:
                delta = delta - 7 if delta else 0  # the last such day, the DCT itself included
            elif step > 0 and delta == 0:
                delta = 7
            value = (day0 + dt.timedelta(days=delta)).isoformat()
        add(m.start(), m.end(), "DATE", value, True)
    for m in _UNIT.finditer(text):
        step = _direction(m["dir"], text, m.start(), m.end())
        unit = m["unit"].lower()
        value = None
        if day0 is not None:
            if unit.startswith(("недел", "тиж")):
                iso = (day0 + dt.timedelta(weeks=step)).isocalendar()
                value = f"{iso.year:04d}-W{iso.week:02d}"
            elif unit.startswith(("месяц", "місяц")):
                month_index = day0.year * 12 + day0.month - 1 + step
                value = f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
            else:
                value = f"{day0.year + step:04d}"
        add(m.start(), m.end(), "DATE", value, True)
    for m in _AGO.finditer(text):
        n, unit = int(m["n"]), m["unit"].lower()
        value = None
        if day0 is not None:
            if unit.startswith(("дн", "день")):
                value = (day0 - dt.timedelta(days=n)).isoformat()
            elif unit.startswith(("недел", "тиж")):
                iso = (day0 - dt.timedelta(weeks=n)).isocalendar()
                value = f"{iso.year:04d}-W{iso.week:02d}"
            elif unit.startswith(("месяц", "місяц")):
                month_index = day0.year * 12 + day0.month - 1 - n
                value = f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
            else:
                value = f"{day0.year - n:04d}"
        add(m.start(), m.end(), "DATE", value, True)
    return sorted(found, key=lambda t: t.start)
