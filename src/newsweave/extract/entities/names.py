"""Name normalisation shared by mention finding and entity resolution.

Why a separate module: the mention finder (which strips titles and possessives)
and the resolver (which compares names across articles) must agree on what a
name's "key" is. A key is the name folded to plain lower-case ASCII words with
honorifics dropped; a *skeleton* further maps transliteration variants of a
word to one spelling ("Yuriy", "Yuri", "Jurij" → "yury"; "Qaddafi", "Kadhafi"
→ "kadafy") so that spelling variants of the same name compare equal before any
fuzzy similarity is needed. The word lists live in ``data/entity_*.json`` so that a
new title or transliteration rule is data, not code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any

from newsweave.extract.entities.script import has_cyrillic, latin

APOSTROPHES = "'’‘`ʼ"
_POSSESSIVE = re.compile(r"(?:['’‘`ʼ][sS]|s['’‘`ʼ]|['’‘`ʼ])$")
_NON_WORD = re.compile(r"[^a-z0-9'\- ]+")
#: An initial glued to the word after it ("Т.Мэй", "J.Smith"): one capital and a period
#: before a word of two or more letters, so "U.S." and "U.S.A." stay one word.
_GLUED_INITIAL = re.compile(r"(?<!\w)([A-ZÀ-ÞА-ЯЁІЇЄҐ])\.(?=[^\W\d_]{2})")


def _load(name: str) -> dict[str, Any]:
    text = resources.files("newsweave").joinpath(f"data/{name}").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class Lexicon:
    """Word lists that describe people (titles, honorifics, role nouns)."""

    honorifics: frozenset[str]
    titles: frozenset[str]
    role_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    name_particles: frozenset[str]
    abbreviations: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared lexicon, read once from ``data/entity_lexicon.json``."""
    data = _load("entity_lexicon.json")
    return Lexicon(
        honorifics=frozenset(data["honorifics"]),
        titles=frozenset(data["titles"]),
        role_nouns=frozenset(data["role_nouns"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        place_nouns=frozenset(data["place_nouns"]),
        name_particles=frozenset(data["name_particles"]),
        abbreviations=dict(data["abbreviations"]),
    )


@lru_cache(maxsize=1)
def _rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = _load("entity_translit.json")
    return tuple((re.compile(pat), rep) for pat, rep in data["rewrites"])


@lru_cache(maxsize=1)
def _alias_groups() -> dict[str, str]:
    """Folded surface form → canonical folded form, from ``data/entity_aliases.json``."""
    table: dict[str, str] = {}
    for group in _load("entity_aliases.json")["groups"]:
        canonical = fold(group[0])
        for form in group:
            table[fold(form)] = canonical
    return table


@lru_cache(maxsize=2**16)
def fold(text: str) -> str:
    """Lower-case ASCII words: accents, periods and curly apostrophes removed (cached:
    entity resolution folds the same names hundreds of times per article).

    "U.S." and "US" fold alike, as do "Orbán" and "Orban"; Cyrillic is romanised first
    ("Соколов" → "sokolov", see ``script``); an initial glued to a name is a word of its
    own ("Т.Мэй" → "t mey", as "Т. Мэй").
    """
    text = _GLUED_INITIAL.sub(r"\1. ", text)
    text = unicodedata.normalize("NFKD", latin(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    text = text.lower().replace(".", "")
    text = _NON_WORD.sub(" ", text.replace("-", " "))
    words = [w for w in text.split() if w not in {"the", "'"}]
    return " ".join(words)


def strip_possessive(text: str) -> str:
    """``"Trump's"`` → ``"Trump"``, ``"Russia’s"`` → ``"Russia"``, ``"States'"`` → ``"States"``."""
    match = _POSSESSIVE.search(text)
    if match is None:
        return text
    if match.group(0)[0] in "sS":  # "States'": keep the s, drop the mark
        return text[: match.start() + 1]
    return text[: match.start()]


def name_words(text: str) -> list[str]:
    """Folded words of a name without honorifics ("Mr. John Smith" → john, smith)."""
    honorifics = lexicon().honorifics
    return [w for w in fold(text).split() if w not in honorifics]


@lru_cache(maxsize=2**18)
def skeleton(word: str) -> str:
    """Transliteration-insensitive spelling of one folded word (cached: names recur)."""
    for pattern, replacement in _rewrites():
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=1)
def _cyrillic_territories() -> dict[str, str]:
    """Folded Russian and Ukrainian country and region names → the folded English name,
    from babel's CLDR tables ("Україна", "Украина" → "ukraine"; "Польща" → "poland")."""
    from babel import Locale

    english = Locale("en").territories
    table: dict[str, str] = {}
    for language in ("ru", "uk"):
        for code, name in Locale(language).territories.items():
            if code in english and not code.isdigit():
                table.setdefault(fold(name), fold(english[code]))
    return table


@lru_cache(maxsize=1)
def _compass() -> tuple[tuple[str, str], ...]:
    """(romanised Russian or Ukrainian word beginning, English compass point), from
    ``data/entity_aliases.json``."""
    table = _load("entity_aliases.json")["compass"]
    return tuple((start, english) for english, starts in table.items() for start in starts)


def _word_alias(word: str) -> str:
    """One romanised word of a Cyrillic name in a common spelling: a compass adjective
    as the English word ("pivnichna" → "north"), a word the alias table knows alone as
    its canonical form ("mzs" → "mid", "ssha" → "united states"), else as it is."""
    compass = next((english for start, english in _compass() if word.startswith(start)), None)
    return compass or _alias_groups().get(word, word)


def canonical_words(text: str) -> list[str]:
    """Folded words of a name, honorifics dropped, known alternatives ("US") mapped, a
    country named in Russian or Ukrainian by its English name (CLDR), and in a Cyrillic
    name the compass adjectives in English ("Північна Ірландія" = "Северная Ирландия")
    and the words the alias table knows alone ("МЗС Британії" = "МИД Британии")."""
    folded = fold(text)
    alias = _alias_groups().get(folded)
    if alias is None and has_cyrillic(text):
        alias = _cyrillic_territories().get(folded)
        if alias is None:
            words = [_word_alias(w) for w in folded.split()]
            folded = " ".join(words)
    if alias is not None:
        folded = alias
    lex = lexicon()
    words = [w for w in folded.split() if w not in lex.honorifics]
    if len(words) >= 2:  # "Mt Cook" = "Mount Cook"; a lone "St" stays as it is
        words = [lex.abbreviations.get(w, w) for w in words]
    return words


def name_key(text: str) -> str:
    """Skeleton of a whole name, honorifics dropped; places through the alias table."""
    return " ".join(skeleton(w) for w in canonical_words(text))


def alias_canonical(text: str) -> str | None:
    """The conventional name of a country or body when ``text`` is a known alternative."""
    return _alias_groups().get(fold(text))


@lru_cache(maxsize=2**18)
def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two skeletons (difflib ratio; 1.0 when equal); cached,
    since the resolver compares the same surnames over and over."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def acronym(text: str) -> str:
    """Initials of the capitalised words: "European Union" → "eu" (function words skipped)."""
    letters = [w[0] for w in re.split(r"[\s\-]+", text) if w[:1].isupper()]
    return "".join(letters).lower() if len(letters) >= 2 else ""


def is_initial(word: str) -> bool:
    """A folded one-letter word ("j" from "J.")."""
    return len(word) == 1 and word.isalpha()


def given_names_compatible(a: str, b: str) -> bool:
    """Two folded given names can denote the same person ("J" ~ "John", variants)."""
    if not a or not b:
        return True
    if is_initial(a) or is_initial(b):
        return a[0] == b[0]
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    if min(len(sa), len(sb)) >= 2 and (sa.startswith(sb) or sb.startswith(sa)):
        return True  # "Vlad" / "Vladimir", "Mo" / "Maurice"
    return similarity(sa, sb) >= 0.8
