"""Month and weekday names in the languages newsweave reads, and helpers over word lists.

Kept apart from the date recognisers (:mod:`newsweave.clean.dates`) because several
cleaners (sources, bylines, URL dates) need the vocabulary without the recognisers.
"""

from __future__ import annotations

import re

__all__ = ["MONTHS", "MONTH_WORDS_RE", "WEEKDAY_WORDS", "alternation", "month_number", "word_set"]


def word_set(text: str) -> frozenset[str]:
    """Word lists are kept as prose strings so they read (and diff) like the data they are."""
    return frozenset(text.split())


# Month names and abbreviations (nominative and genitive) per language: en ru uk fr de es it pt.
_MONTH_WORDS: tuple[str, ...] = (
    (
        "january jan январь января янв січень січня січ janvier janv januar jänner enero ene "
        "gennaio gen janeiro"
    ),
    (
        "february feb febr февраль февраля фев февр лютий лютого лют février fevrier févr fevr "
        "februar febrero febbraio fevereiro fev"
    ),
    "march mar март марта березень березня бер mars märz maerz mär marzo março",
    "april apr апрель апреля апр квітень квітня квіт avril avr abril abr aprile",
    "may май мая травень травня трав mai mayo maggio mag maio",
    "june jun июнь июня июн червень червня черв juin juni junio giugno giu junho",
    "july jul июль июля июл липень липня лип juillet juil juli julio luglio lug julho",
    "august aug август августа авг серпень серпня серп août aout agosto ago",
    (
        "september sep sept сентябрь сентября сен сент вересень вересня вер septembre "
        "septiembre setiembre settembre set setembro"
    ),
    (
        "october oct октябрь октября окт жовтень жовтня жовт octobre oktober okt octubre "
        "ottobre ott outubro out"
    ),
    "november nov ноябрь ноября нояб ноя листопад листопада лист novembre noviembre novembro",
    (
        "december dec декабрь декабря дек грудень грудня груд décembre decembre déc dezember dez "
        "diciembre dic dicembre dezembro"
    ),
)
#: Month word (lower case) → month number.
MONTHS: dict[str, int] = {
    word: number for number, words in enumerate(_MONTH_WORDS, start=1) for word in words.split()
}
WEEKDAY_WORDS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun понедельник вторник среда среду четверг пятница пятницу суббота субботу "
    "воскресенье пн вт ср чт пт сб вс понеділок вівторок середа середу четвер п'ятниця "
    "п'ятницю пʼятниця субота суботу неділя неділю lundi mardi mercredi jeudi vendredi samedi "
    "dimanche montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag lunes martes "
    "miércoles miercoles jueves viernes sábado sabado domingo"
)


def alternation(words: list[str]) -> str:
    """Longest first, so a regex alternation prefers "December" over "Dec"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


#: Any month name or abbreviation (no group, no boundaries): other modules build on it.
MONTH_WORDS_RE = alternation(list(MONTHS))


def month_number(word: str) -> int | None:
    """Month 1-12 for a month name or abbreviation in any supported language."""
    return MONTHS.get(word.casefold().rstrip("."))
