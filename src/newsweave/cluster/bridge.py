"""Name keys that read the same in every language, so stories can cross languages.

The clusterer compares articles by their words, and an English and a Russian report of
one event share almost none: "Сергея Соколова" is not "Sergey Sokolov" to a word
vector. What they do share is who and where: this module turns a name written in
another script or language into the key an English article would give it, so that
names, numbers and dates carry a pair of articles across languages:

* Cyrillic words are put in their dictionary form (pymorphy3's Russian or Ukrainian
  dictionary: "Соколова" → "соколов", "Лондоне" → "лондон") and romanised the way
  the English press writes them (``extract.entities.script.latin``; the "-iy"/"-yy" of
  "Зеленский"/"Зеленський" → "zelensky");
* country and region names go through babel's CLDR tables, the local name to the
  English one ("Испании" → "spain", "Allemagne" → "germany"), and the product's alias
  table ("Евросоюз", "ЕС" → "european union").

English names (Latin script in an article that is English or of unknown language) are
returned unchanged: the English clusterer's features are exactly what they were.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from newsweave.extract.entities.names import alias_canonical
from newsweave.extract.entities.script import has_cyrillic, latin

_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff'’ʼ-]+|[^\W\d_]+|\d+")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_APOSTROPHES = re.compile(r"['’ʼ`]")
#: Russian "-ий"/"-ый" and Ukrainian "-ий" endings as the English press writes them.
_ENDING = re.compile(r"(?:iy|yy|ij|yj|ii)$")
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_NAME_POS = frozenset({"NOUN", "ADJF", "PRTF"})
#: Languages whose articles are keyed as English ones (names as written).
ENGLISH = frozenset({"en", None})


def _morph_language(word: str, language: str | None) -> str:
    return "uk" if language == "uk" or _UKRAINIAN_ONLY.search(word) else "ru"


@lru_cache(maxsize=2**16)
def lemma(word: str, language: str | None = None) -> str:
    """The dictionary form of one Cyrillic word, lower-cased: a proper-name reading first,
    then a noun or adjective, from the dictionary's readings before pymorphy3's guesses
    for words it does not know ("Зеленского" → "зеленский"); an acronym ("ЕС") or a word
    with neither reading stays as written."""
    if word.isupper() and len(word) > 1:
        return word.lower()
    from newsweave.extract.slavic.models import morph  # loaded only for Cyrillic text

    parses = morph(_morph_language(word, language)).parse(word.lower())
    known = [p for p in parses if p.is_known]
    for group in (known, parses):  # the dictionary's readings, then pymorphy3's guesses
        named = [p for p in group if _PROPER & p.tag.grammemes] or [
            p for p in group if p.tag.POS in _NAME_POS
        ]
        if named:
            return str(max(named, key=lambda p: p.score).normal_form).replace("ё", "е")
    return word.lower()


def romanise(word: str) -> str:
    """A lower-case Cyrillic dictionary form in the English press's Latin letters."""
    out = _APOSTROPHES.sub("", latin(word).lower())
    return _ENDING.sub("y", out)


@lru_cache(maxsize=64)
def _territories(language: str) -> dict[str, str]:
    """Local country/region name key → English name key, from babel's CLDR tables."""
    try:
        local = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    english = Locale("en").territories
    table: dict[str, str] = {}
    for code, name in local.items():
        if code in english:
            table.setdefault(_words_key(name, language), english[code].lower())
    return table


def _words_key(name: str, language: str | None) -> str:
    """The name's words in dictionary form, romanised (Cyrillic) or lower-cased."""
    words = [w.strip("-") for w in _CYRILLIC_WORD.findall(name)]
    out = []
    for w in words:
        if not any(ch.isalnum() for ch in w):
            continue
        out.append(romanise(lemma(w, language)) if has_cyrillic(w) else w.lower())
    return " ".join(out)


@lru_cache(maxsize=2**16)
def bridge_key(name: str, language: str | None) -> str:
    """``name`` as an English article's name key would read: the English form of a
    country or body when the tables know it, else the name's dictionary-form words
    romanised. English names (see :data:`ENGLISH`) come back lower-cased, as before."""
    if language in ENGLISH and not has_cyrillic(name):
        return name.lower()
    key = _words_key(name, language)
    if not key:
        return name.lower()
    tables = (language, "ru" if has_cyrillic(name) else None)
    for table in dict.fromkeys(t for t in tables if t):
        english = _territories(table).get(key)
        if english is not None:
            return english
    canonical = alias_canonical(name) or alias_canonical(key)
    return canonical if canonical is not None else key


def bridged_words(text: str, language: str | None) -> list[str]:
    """The Cyrillic words of ``text`` in dictionary form, romanised ("Соколова" →
    "sokolov"); other words are left out."""
    return [
        romanise(lemma(w, language))
        for w in _CYRILLIC_WORD.findall(text)
        if has_cyrillic(w) and any(ch.isalpha() for ch in w)
    ]


def crosses(name: str, language: str | None) -> bool:
    """Whether ``name`` is keyed by :func:`bridge_key` (not as an English name)."""
    return language not in ENGLISH or has_cyrillic(name)
