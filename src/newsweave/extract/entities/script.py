"""Cyrillic names in Latin letters, so that one key compares "Сергей Петренко" with
"Sergey Petrenko", "Вінниця" with "Vinnytsya" and "Норвегія" with "Норвегия".

Russian goes through anyascii, whose Cyrillic table is the English press's rendering
("Петренко" → "Petrenko", "Хмельницкий" → "Khmel'nitskiy"). anyascii reads Ukrainian
letters as if they were Russian ones ("Вінниця" → "Vinnitsya", "и" → "i"), so Ukrainian
names (a name with і, ї, є or ґ) use the table below: Ukraine's national romanisation for
the vowels ("и" → "y", "ї" → "yi", "є" → "ye": "Вінниця" → "Vinnytsya") but "г" → "g"
as in Russian, so that the same name written in the two languages ("Норвегія",
"Норвегия") gets one key; the English "Honcharenko" and the Russian "Goncharenko" are
then left to string similarity. The skeleton rules
(``data/entity_translit.json``) fold what spelling variation remains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")

#: Lower-case Ukrainian letters; see the module docstring for the choices.
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu",
    "я": "ya", "'": "", "’": "", "ʼ": "",
}  # fmt: skip


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _ukrainian(text: str) -> str:
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        if low not in _UK:
            out.append(ch)
            continue
        latin = _UK[low]
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def latin(text: str) -> str:
    """``text`` with its Cyrillic letters romanised (text without any is returned as is)."""
    if not has_cyrillic(text):
        return text
    if _UKRAINIAN_ONLY.search(text):
        return _ukrainian(text)
    return "".join(anyascii(ch) if _CYRILLIC.match(ch) else ch for ch in text)


def script_of(name: str) -> str:
    """The script of ``name``: Cyrillic (wins in a mixed name), Latin, or other."""
    if has_cyrillic(name):
        return "Cyrillic"
    if any("a" <= ch.lower() <= "z" for ch in unicodedata.normalize("NFKD", name)):
        return "Latin"
    return "other"


def names_by_script(names: Iterable[str]) -> dict[str, list[str]]:
    """Distinct names grouped by script, in the order given ("Latin" first when present)."""
    out: dict[str, list[str]] = {}
    for name in names:
        group = out.setdefault(script_of(name), [])
        if name not in group:
            group.append(name)
    order = {"Latin": 0, "Cyrillic": 1}
    return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], 2)))
