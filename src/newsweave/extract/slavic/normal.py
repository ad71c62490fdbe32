"""What pymorphy3's dictionaries say about a word, and names put in the nominative.

Base forms follow the BSNLP convention: the whole name in the nominative as it would be
cited, only the inflecting words changed ("Ивана Соколова" → "Иван Соколов",
"Верховным судом" → "Верховный суд", "Организации потребителей и пользователей" →
"Организация потребителей и пользователей"); acronyms and Latin words stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsweave.extract.slavic.models import morph

_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
_PROPER_TAGS = _PERSON_TAGS | {"Geox", "Orgn", "Trad"}
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2")
_WORD = re.compile(r"[А-ЯЁІЇЄҐа-яёіїєґ'’]+")


@dataclass(frozen=True)
class Word:
    """Dictionary evidence for one word (only parses the dictionary knows count)."""

    person: bool  # a given name, surname or patronymic
    place: bool  # a toponym (Geox in the Russian dictionary)
    org: bool  # an organisation (Orgn in the Russian dictionary: "ЕС", "НАТО", "МИД")
    inanimate: bool  # known, a noun, and only ever inanimate
    locative: bool  # has a locative reading
    place_locative: bool  # has a locative reading that is not a name's
    common: bool  # has a common-noun reading (so capitalised ≠ name)
    function: bool  # a pronoun, conjunction, preposition, particle, adverb or verb
    adjective: bool  # its likeliest reading is an adjective
    lemma: str


#: Ukrainian letters → the Russian spelling of the same word ("Іспанія" → "испания"), so
#: that the Russian dictionary's toponyms and organisations serve Ukrainian text too.
_UK_TO_RU = str.maketrans({"і": "и", "и": "ы", "є": "е", "ї": "йи", "ґ": "г", "'": "ъ", "’": "ъ"})
_FUNCTION_POS = frozenset({"NPRO", "CONJ", "PREP", "PRCL", "ADVB", "VERB", "INFN", "INTJ", "PRED"})


#: Ukrainian letters → their Russian counterparts, likeliest first: і and ї where Russian
#: keeps an older о or е ("Львів" = "Львов", "Бориспіль" =
#: "Борисполь"), и as ы or и ("Рига" = "Рига").
_ALTERNATIONS = {"і": ("и", "о", "е"), "ї": ("йи", "и", "е"), "и": ("ы", "и"), "є": ("е", "э")}
_MAX_SPELLINGS = 24


def _ru_spellings(lemma: str) -> list[str]:
    """Russian spellings a Ukrainian ``lemma`` may have, the letter-for-letter one first
    (at most ``_MAX_SPELLINGS``)."""
    out = [""]
    for ch in lemma:
        options = _ALTERNATIONS.get(ch) or (ch.translate(_UK_TO_RU),)
        out = [o + x for o in out for x in options][:_MAX_SPELLINGS]
    return out


def _ru_marks(lemma: str) -> set[str]:
    """Proper-name grammemes the Russian dictionary gives a Russian spelling of ``lemma``."""
    found: set[str] = set()
    for spelling in _ru_spellings(lemma):
        for p in morph("ru").parse(spelling):
            if p.is_known and p.tag.case == "nomn":
                found |= {"Geox", "Orgn"} & p.tag.grammemes
        if found:
            break
    return found


def _known(parses: list[Any]) -> list[Any]:
    return [p for p in parses if p.is_known]


@lru_cache(maxsize=2**16)
def word_info(word: str, language: str) -> Word:
    """Dictionary evidence for ``word`` in ``language`` (cached: names recur)."""
    all_parses = morph(language).parse(word.lower())
    parses = _known(all_parses)
    tags = [p.tag for p in parses]
    marks = [t.grammemes for t in tags]  # the Ukrainian tag set lacks some grammemes
    nouns = [g for g, t in zip(marks, tags, strict=True) if t.POS == "NOUN"]
    person = [t for t in tags if _PERSON_TAGS & t.grammemes]
    proper = {g for m in marks for g in m} & {"Geox", "Orgn"}
    noun_lemmas = [p.normal_form for p in parses if p.tag.POS == "NOUN"]
    if language == "uk" and noun_lemmas:
        proper |= _ru_marks(noun_lemmas[0])
    lemma = noun_lemmas[0] if noun_lemmas else (all_parses[0].normal_form if all_parses else word)
    return Word(
        person=bool(person),
        place="Geox" in proper,
        org="Orgn" in proper,
        inanimate=bool(nouns)
        and all("anim" not in g for g in nouns)
        and any("inan" in g for g in nouns),
        locative=any(t.case in ("loct", "loc2") for t in tags),
        place_locative=any(t.case in ("loct", "loc2") for t in tags if t not in person),
        common=any(
            t.POS == "NOUN" and not (_PROPER_TAGS & t.grammemes) and "Abbr" not in t.grammemes
            for t in tags
        ),
        function=bool(tags)
        and (
            tags[0].POS in _FUNCTION_POS
            or any(t.POS in {"NPRO", "CONJ", "PREP", "PRCL"} for t in tags)
        )
        and not person,
        adjective=bool(tags) and tags[0].POS in ("ADJF", "PRTF"),
        lemma=lemma,
    )


def _shape(like: str, word: str) -> str:
    """``word`` written with the capitalisation of ``like``."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _nominative(parse: Any, gender: str | None = None) -> str | None:
    """The nominative of one parse (plural stays plural; an adjective takes ``gender``)."""
    if parse.tag.case in (None, "nomn"):
        return None
    wanted = {"nomn"}
    if parse.tag.number == "plur" or "Pltm" in parse.tag.grammemes:
        wanted.add("plur")
    elif gender and parse.tag.POS in ("ADJF", "PRTF"):
        wanted.add(gender)
    inflected = parse.inflect(wanted)
    return str(inflected.word) if inflected is not None else None


#: The dictionary's mark for the kind of name a label is ("Львов" read as the city, not
#: as the genitive plural of "лев").
_LABEL_MARKS = {"GPE": "Geox", "LOC": "Geox", "FAC": "Geox", "ORG": "Orgn"}


def _parses(word: str, language: str, person: bool, mark: str | None = None) -> list[Any]:
    """Readings of ``word`` as a name's part: person names for people, else the others;
    those with the dictionary's ``mark`` of the name's kind first when there are any."""
    parses = [p for p in morph(language).parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    named = [p for p in parses if _PERSON_TAGS & p.tag.grammemes]
    if person:
        return named or parses
    marked = [p for p in parses if mark and mark in p.tag.grammemes]
    return marked or [p for p in parses if p not in named] or parses


def _shared_case(
    words: list[str], language: str, person: bool, mark: str | None = None
) -> str | None:
    """The likeliest case every inflecting word of a name can be in."""
    scores: dict[str, float] = {}
    seen = 0
    for w in words:
        parses = _parses(w.lower(), language, person, mark)
        if not parses:
            continue
        seen += 1
        mine: dict[str, float] = {}
        singular = any(p.tag.number != "plur" for p in parses)
        for p in parses:
            if p.tag.case:
                # a place or body is one: a singular reading beats a plural one
                # ("України" is Україна in the genitive, not "України" in the plural),
                # and a plural-only reading too when the word has a singular one
                # ("Європи" is Європа in the genitive, not a plurale tantum)
                plural = p.tag.number == "plur" and (singular or "Pltm" not in p.tag.grammemes)
                score = p.score / 2 if plural and not person else p.score
                mine[p.tag.case] = max(mine.get(p.tag.case, 0.0), score)
        scores = mine if seen == 1 else {c: s + mine[c] for c, s in scores.items() if c in mine}
    if not scores:
        return None
    return max(scores, key=lambda c: (scores[c], c == "nomn"))


def _fixed(word: str) -> bool:
    """Words written as they are: acronyms, Latin, names with an apostrophe (О'Лірі)."""
    return (word.isupper() and len(word) > 1) or any(ch in word for ch in "'’")


def base_form(surface: str, label: str, language: str) -> str:
    """``surface`` (a name found in ru/uk text) in the nominative.

    People: every word in the case the words share. Other names: the leading words
    that agree with the first noun, up to and including it (its modifiers in the
    genitive stay)."""
    matches = [m for m in _WORD.finditer(surface) if not _fixed(m.group(0))]
    if not matches or (len(matches) < len(surface.split()) and label != "PERSON"
                       and _fixed(surface.split()[0])):  # fmt: skip
        return surface
    person = label == "PERSON"
    words = [m.group(0) for m in matches]
    mark = _LABEL_MARKS.get(label)
    case = _shared_case(words if person else words[:1], language, person, mark)
    if case is None or case == "nomn":
        return surface
    chosen: list[tuple[Any, Any]] = []  # (match, parse) of the words that change
    for m in matches:
        parses = _parses(m.group(0).lower(), language, person, mark)
        found = [p for p in parses if p.tag.case == case]
        if not found:
            if person:
                continue
            break
        chosen.append((m, found[0]))
        if not person and found[0].tag.POS == "NOUN":
            break
    nouns = [p for _, p in chosen if p.tag.POS == "NOUN"]
    gender = nouns[0].tag.gender if nouns else None
    out, pos = [], 0
    for m, parse in chosen:
        new = _nominative(parse, gender)
        if new and new != m.group(0).lower():
            if "ё" not in m.group(0).lower():
                new = new.replace("ё", "е")
            out.append(surface[pos : m.start()] + _shape(m.group(0), new))
            pos = m.end()
    out.append(surface[pos:])
    return "".join(out)
