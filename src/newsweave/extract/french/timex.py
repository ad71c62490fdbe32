"""Dates in French text, resolved against the publication date.

Why rules of their own: French names its months and days in its own words ("le 7
décembre", "mardi dernier", "la semaine prochaine", "il y a trois jours"). The
expressions are found by the patterns below; dateparser (its French tables) turns the
calendar dates and the named days ("hier", "avant-hier", "il y a 3 jours") into
dates, relative to the publication date. Weekdays and this/last/next week, month and
year are French rules of their own: "mardi dernier" looks back, "mardi prochain"
forward, a bare "mardi" looks back unless the clause is in the future tense ("se
réunira mardi"). Values and precision follow the English finder (``extract.timex``).
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser  # type: ignore[import-untyped]

from newsweave.extract.timex import parse_dct
from newsweave.extract.timex.calendar import precision
from newsweave.model import Timex

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
_MONTH = "|".join(_MONTHS)
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DATE = re.compile(
    rf"\b(?:(?:{'|'.join(_WEEKDAYS)})\s+)?(?P<day>1er|[0-3]?\d)\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>(?:19|20)\d\d))?\b|\b(?P<bare>{_MONTH})\s+(?P<myear>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:en|depuis|dès)\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
_DAY = re.compile(r"\b(?:avant-hier|après-demain|aujourd['’]hui|hier|demain)\b", re.IGNORECASE)
_AGO = re.compile(
    r"\bil y a\s+(?P<n>\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
    r"(?P<unit>jours?|semaines?|mois|ans?|années?)\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    rf"\b(?P<w>{'|'.join(_WEEKDAYS)})(?:\s+(?P<dir>dernier|prochain))?\b", re.IGNORECASE
)
_UNIT = re.compile(
    r"\b(?:(?:la|le|l['’])\s*(?P<unit>semaine|mois|année)\s+(?P<dir>dernière|dernier|"
    r"prochaine|prochain|passée|passé)|(?:cette|ce|cet)\s+(?P<this>semaine|mois|année)"
    r"(?:-ci)?)\b",
    re.IGNORECASE,
)
#: Future tense ("se réunira", "iront") or "va/vont" + infinitive near a weekday.
_FUTURE = re.compile(r"\b\w+(?:era|eront|ira|iront|ra|ront)\b|\b(?:va|vont)\s+\w+(?:er|ir|re)\b")


def _timex(text: str, start: int, end: int, value: str | None, anchor: str | None) -> Timex:
    return Timex(start, end, text[start:end], "DATE", value, precision(value, "DATE"), anchor)


def _parse(phrase: str, day0: dt.date | None) -> dt.date | None:
    """dateparser's reading of one French expression, relative to ``day0``."""
    base = dt.datetime(day0.year, day0.month, day0.day) if day0 else None
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    got = dateparser.parse(phrase, languages=["fr"], settings=settings)
    return got.date() if got is not None else None


def _step(word: str | None, text: str, start: int, end: int) -> int:
    """-1 past, 0 this, 1 next: from the modifier, else the tense of the clause."""
    w = (word or "").lower()
    if w.startswith(("dernier", "dernière", "pass")):
        return -1
    if w.startswith("prochain"):
        return 1
    left = max(text.rfind(ch, 0, start) for ch in ".!?\n;") + 1
    right = min([i for i in (text.find(ch, end) for ch in ".!?\n;") if i >= 0] or [len(text)])
    return 1 if _FUTURE.search(text[left:right]) else -1


def find_french_timexes(text: str, dct: str | None) -> list[Timex]:
    """Temporal expressions in French ``text``, in order (see the module docstring)."""
    day0 = parse_dct(dct)
    anchor = day0.isoformat() if day0 else None
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []
    value: str | None

    def add(start: int, end: int, value: str | None, relative: bool) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        if relative and day0 is None:
            value = None
        found.append(_timex(text, start, end, value, anchor if relative and value else None))

    for m in _NUMERIC.finditer(text):
        try:
            value = dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            continue
        add(m.start(), m.end(), value, False)
    for m in _DATE.finditer(text):
        if m["bare"]:
            month = _MONTHS.index(m["bare"].lower()) + 1
            add(m.start(), m.end(), f"{int(m['myear']):04d}-{month:02d}", False)
            continue
        phrase = f"{m['day']} {m['month']}" + (f" {m['year']}" if m["year"] else "")
        got = _parse(phrase.replace("1er", "1"), day0)
        add(m.start(), m.end(), got.isoformat() if got else None, m["year"] is None)
    for m in _YEAR.finditer(text):
        add(m.start("y"), m.end("y"), m["y"], False)
    for m in (*_DAY.finditer(text), *_AGO.finditer(text)):
        ago = m.re is _AGO
        value = None
        if day0 is not None:
            got = _parse(m.group(0), day0)
            if got is not None and ago and m["unit"].lower().startswith(("an", "ann")):
                value = f"{got.year:04d}"
            elif got is not None and ago and m["unit"].lower() == "mois":
                value = f"{got.year:04d}-{got.month:02d}"
            elif got is not None and ago and m["unit"].lower().startswith("semaine"):
                iso = got.isocalendar()
                value = f"{iso.year:04d}-W{iso.week:02d}"
            elif got is not None:
                value = got.isoformat()
        add(m.start(), m.end(), value, True)
    for m in _WEEKDAY.finditer(text):
        value = None
        if day0 is not None:
            weekday = _WEEKDAYS.index(m["w"].lower())
            step = _step(m["dir"], text, m.start(), m.end())
            delta = (weekday - day0.weekday()) % 7
            if step < 0:
                # the last such day: the DCT itself for a bare weekday, not for "dernier"
                delta = delta - 7 if delta or m["dir"] else 0
            elif delta == 0:
                delta = 7
            value = (day0 + dt.timedelta(days=delta)).isoformat()
        add(m.start(), m.end(), value, True)
    for m in _UNIT.finditer(text):
        unit = (m["unit"] or m["this"]).lower()
        step = 0 if m["this"] else _step(m["dir"], text, m.start(), m.end())
        value = None
        if day0 is not None:
            if unit == "semaine":
                iso = (day0 + dt.timedelta(weeks=step)).isocalendar()
                value = f"{iso.year:04d}-W{iso.week:02d}"
            elif unit == "mois":
                index = day0.year * 12 + day0.month - 1 + step
                value = f"{index // 12:04d}-{index % 12 + 1:02d}"
            else:
                value = f"{day0.year + step:04d}"
        add(m.start(), m.end(), value, True)
    return sorted(found, key=lambda t: t.start)
