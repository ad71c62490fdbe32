"""Recognise date, timestamp and relative-time lines in scraped text.

Scrapes carry their publication date on a line of its own in many shapes and
languages. Regexes recognise the common shapes cheaply and decide whether the
*whole* line is a date line (a sentence that merely mentions a date is not);
``dateparser`` is only asked about spans already recognised as date-like,
because it is slow and finds dates in almost anything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsweave.clean.date_words import MONTHS, WEEKDAY_WORDS, alternation, month_number, word_set
from newsweave.clean.relative_time import NUM, UNIT, resolve_relative

__all__ = [
    "Found",
    "date_line",
    "find_date",
    "is_relative_timestamp",
    "iso_from_parts",
]


@dataclass(frozen=True)
class Found:
    """A metadata value plus the span ``[start, end)`` of its evidence in the input string."""

    value: str
    start: int
    end: int


_DATEPARSER_SETTINGS: dict[str, object] = {
    "STRICT_PARSING": True,
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


# Languages whose month names the table below lacks; naming them spares dateparser a detection.
_FOREIGN_LANGUAGES = sorted(
    word_set("pl cs sk sl hr sr bg be ro hu lt lv et fi sv da nb nl tr el ka hy az kk ca id ms")
    | {"it", "pt"}
)


_L = r"[^\W\d_]"  # one letter, any script
# Name shapes capture any short word as the month and check it in the table afterwards:
# a generic letter run is far cheaper to scan than an alternation of 150 month names.
_MONTH = rf"(?<!{_L})(?P<mon>{_L}{{3,12}})\.?(?!{_L})"
_DAY = r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|-?го|-?е)?\.?(?!\d)"
_YEAR = r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*(?:г\.|года|год|року|р\.|рік))?"
_TIME = r"\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"

# Each shape is its own pattern (Python forbids repeated group names in one alternation).
_DATE_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
            r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
        ),
    ),
    ("ymd", re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)(?!\d)")),
    (
        "dmy",
        re.compile(
            r"(?<![\d.])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
    ),
    ("mdy_name", re.compile(rf"{_MONTH}\s*{_DAY},?\s*{_YEAR}", re.IGNORECASE)),
    ("dmy_name", re.compile(rf"{_DAY}\s*(?:de\s+)?{_MONTH},?\s*(?:de\s+)?{_YEAR}", re.IGNORECASE)),
    ("my_name", re.compile(rf"{_MONTH},?\s*(?:de\s+)?{_YEAR}", re.IGNORECASE)),
    ("md_name", re.compile(rf"{_MONTH}\s*{_DAY}", re.IGNORECASE)),
    ("dm_name", re.compile(rf"{_DAY}\s*(?:de\s+)?{_MONTH}", re.IGNORECASE)),
)
# A word, a day and a year in either order: a date in a language the table lacks.
_FOREIGN_DATE = re.compile(
    rf"(?<!\d)[0-3]?\d\.?\s+{_L}{{3,}}\.?,?\s+(?:19|20)\d\d(?!\d)"
    rf"|(?<!{_L}){_L}{{3,}}\.?\s+[0-3]?\d,?\s+(?:19|20)\d\d(?!\d)"
)

# What may surround a date on a date line: labels, times, zones, weekdays, read-time counters.
_FILLER = re.compile(
    r"(?:last\s+)?(?:updated|modified|published|posted|created|edited|date|time|on|at|by|"
    r"the|am|um|uhr|h|hs|hrs|stand|aktualisiert|veröffentlicht|zuletzt|erstellt|le|à|a|mis\s+à\s+jour|"
    r"publié|publie|modifié|actualizado|publicado|el|del|de|a\s+las|las|обновлено|опубликовано|"
    r"обновлен[оа]?|изменено|дата|публикации|в|оновлено|опубліковано|о|об|г|р|года|року|"
    r"sec|secs|\d+\s*(?:min(?:ute)?s?|мин|хв)\.?\s*(?:read|de\s+lecture|чтения|читання|lesezeit)|"
    r"\d[\d,.]*\s*(?:views?|comments?|shares?|просмотр\w*|переглядів|перегляд\w*|коммент\w*)|"
    rf"{_TIME}|(?:gmt|utc|msk|mez|mesz)(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?|[+-]\d\d:?\d\d|"
    rf"{alternation(list(WEEKDAY_WORDS))}|(?-i:[A-Z]{{2,4}}T))(?!{_L})|[\s,.;:|•·/@()\[\]–—-]+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
_BYLINE_START = re.compile(r"\s*(?i:by|von|par|por|автор|от|від)(?!\w)")
_NAME_GLUE = word_set("and und et y и і та & van von der de la le")
# Lower-case words a date line may hold besides the date (a quick gate before _FILLER).
_FILLER_WORDS = (
    word_set(
        "updated modified published posted created edited date time on at by the am um uhr stand "
        "aktualisiert veröffentlicht zuletzt erstellt le à a mis jour publié publie modifié "
        "actualizado publicado el del de las обновлено опубликовано обновлен обновлена изменено "
        "дата публикации в оновлено опубліковано о об г г. р р. года року sec secs min mins read "
        "lecture чтения читання lesezeit views view comments shares am pm a.m. p.m. last ago h hs"
    )
    | WEEKDAY_WORDS
)
_MAX_DATE_LINE = 160


def iso_from_parts(year: int, month: int, day: int | None = None) -> str | None:
    """ISO date ("YYYY-MM-DD", or "YYYY-MM" without a day) if the parts form a real date."""
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _shape_value(
    kind: str, m: re.Match[str], reference: dt.date | None, month_first: bool = False
) -> str | None:
    """One shape match as ISO; "12/20/2025" is read month-first since day-first is impossible,
    "05/02/2007" day-first unless ``month_first`` (a US time zone on the line)."""
    groups = m.groupdict()
    month = month_number(groups["mon"]) if groups.get("mon") else int(groups["m"])
    if month is None:
        return None
    day = int(groups["d"]) if groups.get("d") else None
    if groups.get("y") is None:
        return _infer_year(month, day, reference) if day is not None else None
    year = int(groups["y"])
    slashed = kind == "dmy" and groups.get("sep") == "/"
    if slashed and day is not None and _reads_month_first(day, month, month_first):
        month, day = day, month
    return iso_from_parts(year, month, day)


def _reads_month_first(first: int, second: int, us_zone: bool) -> bool:
    """Whether numbers "first/second/year" are month/day: when the second cannot be a month
    ("12/20/2025"), or a US time zone on the line says so and the first can be one."""
    return first <= 12 and (second > 12 or us_zone)


def _infer_year(month: int, day: int, reference: dt.date | None) -> str | None:
    """A day-month without a year belongs to the reference's year, or the one before if later."""
    if reference is None:
        return None
    for year in (reference.year, reference.year - 1):
        iso = iso_from_parts(year, month, day)
        if iso is not None and dt.date.fromisoformat(iso) <= reference + dt.timedelta(days=1):
            return iso
    return None


_LETTERS = re.compile(rf"{_L}+")
_NUMERIC_SHAPES = 3  # the first shapes need no month word


def _candidates(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Shape matches in ``text``; name shapes are only tried in windows around month words.

    Scanning a long alternation of month names at every offset costs ~40 µs a
    line; looking words up in a dict first keeps a body sentence in microseconds.
    """
    for kind, pattern in _DATE_SHAPES[:_NUMERIC_SHAPES]:
        for m in pattern.finditer(text):
            yield kind, m
    for word in _LETTERS.finditer(text):
        if word.group().casefold() not in MONTHS:
            continue
        lo, hi = max(0, word.start() - 8), min(len(text), word.end() + 18)
        for kind, pattern in _DATE_SHAPES[_NUMERIC_SHAPES:]:
            for m in pattern.finditer(text, lo, hi):
                yield kind, m


def find_date(
    text: str, reference: dt.date | None = None, month_first: bool = False
) -> Found | None:
    """The first date expression anywhere in ``text`` (earliest, then longest), normalised;
    ``month_first`` reads an ambiguous "05/02/2007" as May 2 (US)."""
    best: tuple[int, int, str] | None = None
    for kind, m in _candidates(text):
        value = _shape_value(kind, m, reference, month_first)
        if value is None:
            continue
        if best is None or (m.start(), -m.end()) < (best[0], -best[1]):
            best = (m.start(), m.end(), value)
    if best is None:
        return None
    return Found(best[2], best[0], best[1])


def _wordy(text: str) -> bool:
    """Cheap gate: too many words, or lower-case words no date line holds, mean a sentence."""
    words = text.split()
    if len(words) > 16:
        return True
    lower = 0
    for w in words:
        if w[:1].islower():
            key = w.strip(",.;:|()").casefold()
            if key not in _FILLER_WORDS and key not in MONTHS:
                lower += 1
    return lower > 2


def _only_filler(text: str) -> bool:
    """True if ``text`` holds nothing but date-line filler and at most a short section label.

    A section label ("Politics", "World News") is up to two capitalised words, so
    a Title Case headline with a date ("Trump Putin Summit December 2025") is not
    a date line; after a byline word ("By Jane Doe and John Roe") names may run
    longer. Lower-case words betray a sentence ("Russia launched its invasion in").
    """
    if _wordy(text):
        return False
    limit = 8 if _BYLINE_START.match(text) else 2
    rest = _FILLER.sub(" ", text)
    words = _WORD.findall(rest)
    if len(words) > limit:
        return False
    return all(
        w[0].isupper() or (w[0].isdigit() and len(w) <= 2) or w.casefold() in _NAME_GLUE
        for w in words
    )


def _dateparser_value(span: str) -> str | None:
    """Ask dateparser about a span already shaped like a date (a month word it may know)."""
    import dateparser  # type: ignore[import-untyped]  # lazy: slow to import, rarely needed

    parsed = dateparser.parse(span, languages=_FOREIGN_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if isinstance(parsed, dt.datetime) else None


#: A numeric date with a two-digit year ("11/28/05", "POSTED: 05/02/07, 9:00 PM PDT"):
#: taken only when it and filler make up the whole line, never from running text.
_SHORT_YEAR = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d\d)(?![\d/.-])"
)
#: A US time zone on a date line ("PDT", "ET"): its numeric dates are month first.
_US_ZONE = re.compile(r"(?<![A-Za-z])[ECMP][SD]?T(?![A-Za-z])")


def _short_year_date(line: str, reference: dt.date | None, month_first: bool) -> Found | None:
    """A two-digit-year date line. Day and month are told apart by a number above 12 or a
    US time zone; otherwise ("8/2/13") the line is left undated, as a wrong month would
    misplace the article worse than no date. The century is the one that does not put
    the date more than a year after the reference (today without one). Hyphens are not
    read ("3-1-12" is as likely a score)."""
    m = _SHORT_YEAR.search(line)
    if m is None or not _only_filler(line[: m.start()] + " " + line[m.end() :]):
        return None
    a, b, yy = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a <= 12 and b <= 12 and not month_first:
        return None
    month, day = (a, b) if _reads_month_first(a, b, month_first) else (b, a)
    year = 2000 + yy
    if year > (reference or dt.date.today()).year + 1:
        year -= 100
    value = iso_from_parts(year, month, day)
    return Found(value, m.start(), m.end()) if value else None


def date_line(line: str, reference: dt.date | None = None) -> Found | None:
    """The date if the WHOLE line is a date, timestamp or byline-date line, else None.

    Relative timestamps ("2 hours ago") resolve only against ``reference``.
    """
    if len(line) > _MAX_DATE_LINE or not line.strip():
        return None
    if any(c.isdigit() for c in line) and not _wordy(line):
        month_first = _US_ZONE.search(line) is not None
        found = find_date(line, reference, month_first) or _short_year_date(
            line, reference, month_first
        )
        if found is not None:
            rest = line[: found.start] + " " + line[found.end :]
            again = find_date(rest, reference)  # "Posted: <date> … Last Updated: <date>"
            if again is not None:
                rest = rest[: again.start] + " " + rest[again.end :]
            return found if _only_filler(rest) else None
        m = _FOREIGN_DATE.search(line)
        if m is not None and _only_filler(line[: m.start()] + " " + line[m.end() :]):
            if any(w.casefold() in MONTHS for w in _LETTERS.findall(m.group())):
                return None  # a month we know, so the date itself is impossible ("June 31")
            value = _dateparser_value(m.group())
            return Found(value, m.start(), m.end()) if value else None
    return _relative_line(line, reference)


# --- relative timestamps ---------------------------------------------------------------

_RELATIVE = re.compile(
    rf"(?:(?:{NUM}\s*{UNIT}\.?,?\s*(?:and\s+)?){{1,3}}ago"
    rf"|(?:(?:{NUM}\s*)?{UNIT}\.?\s*){{1,3}}(?:назад|тому)"
    rf"|(?:il\s+y\s+a|vor|hace|há)\s+(?:{NUM}\s*{UNIT}\.?\s*(?:et\s+|und\s+|y\s+)?){{1,3}}"
    r"|day\s+before\s+yesterday|yesterday|today|just\s+now|позавчера|вчера|сегодня|только\s+что"
    r"|позавчора|вчора|сьогодні|щойно|avant-hier|hier|aujourd'hui|à\s+l'instant|vorgestern"
    r"|gestern|heute|anteayer|ayer|hoy)(?!\w)",
    re.IGNORECASE,
)


_REL_ANCHORS = word_set(
    "ago назад тому il vor hace há yesterday today now позавчера вчера сегодня только позавчора "
    "вчора сьогодні щойно hier aujourd instant vorgestern gestern heute anteayer ayer hoy"
)


def _relative_match(line: str) -> re.Match[str] | None:
    """The relative expression if it, plus filler, is the whole line; cheap gates first."""
    if len(line) > 80 or len(line.split()) > 8:  # "Updated 55 min 41 sec ago" is short
        return None
    if _REL_ANCHORS.isdisjoint(_LETTERS.findall(line.casefold())):
        return None
    m = _RELATIVE.search(line)
    if m is None or not _only_filler(line[: m.start()] + " " + line[m.end() :]):
        return None
    return m


def is_relative_timestamp(line: str) -> bool:
    """True if the whole line is a relative timestamp ("Updated 5 min ago", "вчера", "hier")."""
    return _relative_match(line) is not None


def _relative_line(line: str, reference: dt.date | None) -> Found | None:
    """A relative line as an ISO date; without a reference its date is unknowable."""
    m = _relative_match(line)
    if m is None or reference is None:
        return None
    return Found(resolve_relative(m.group(), reference).isoformat(), m.start(), m.end())
