"""Mentions of people, organisations and places in Russian and Ukrainian text.

natasha's news NER (trained on Russian) finds the spans. On its own it scores 0.81
(Russian) and 0.41 (Ukrainian) mention F1 on the BSNLP tuning topics: it reads most
Ukrainian place names as people ("у Німеччині" → PER), misses many, glues neighbours
into one span ("Швеції та Нідерландів", "Раніше Барньє", "Великобританії Тереза
Мей") and leaves out "правительство Великобритании". The rules here correct it with
pymorphy3's dictionaries (``normal.word_info``; Ukrainian words are also looked up in
the Russian dictionary's toponyms and organisations under their Russian spelling) and
the word lists of ``data/slavic_lexicon.json``:

1. spans are cut at joining words, punctuation and where a place is followed by a
   person's name; leading and trailing function words are dropped; a one-word span
   the dictionary reads as an adjective ("Економічна"), or that opens a sentence and
   is a common noun or a personal pronoun ("Пілоти", "Вона"), is dropped;
2. a "person" the dictionary knows only as an inanimate noun or a toponym, or that
   stands in the locative after в/у/на, or a name ending in an English street word
   ("Даунинг-стрит"), is a place; a toponym or organisation in the
   dictionary takes that label;
3. an organisation noun qualified by a nationality adjective or a following place
   ("британского правительства", "МИД Великобритании") is one organisation (the
   adjective in Russian only); an organisation noun written with a capital
   mid-sentence, or after capitalised adjectives, is a name with its genitive
   complements ("Министерства иностранных дел Великобритании", "Таможенного союза");
4. acronyms, dictionary toponyms, lone Latin names ("easyJet") and Latin-script
   names opening with a given name ("Richard Parker") natasha left out are added
   (handles, hashtags and Latin words with a model number are none); products,
   platforms and events (the lexicon's ``products``, Latin names with a model
   number, English titles opening with "The", names right after a product noun such
   as "газопровод") are no mentions;
5. with a ``Gazetteer`` (names other articles agree on, ``gazetteer.py``) its names are
   found again and mentions take the label those articles gave them;
6. a name of the text is found again at its other occurrences and inflected forms and
   labelled as most of its mentions are (a quoted name after an organisation-kind noun,
   "партия «Единая Россия»", is an organisation and outweighs the others); an
   organisation span is not cut at a joining word before a lower-case word ("агентство
   по делам национальностей").

Every rule was chosen on the tuning topics of ``benchmarks.multilingual`` (brexit and
ryanair); no error of the check topics was looked at (their pooled figures were printed
beside the tuning ones while rules were chosen).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from newsweave.extract.entities.names import name_key
from newsweave.extract.slavic.gazetteer import Gazetteer
from newsweave.extract.slavic.lexicon import lexicon
from newsweave.extract.slavic.models import morph, ner
from newsweave.extract.slavic.normal import base_form, word_info
from newsweave.model import Mention, SpanField

#: natasha's labels → newsweave's (the English path's PERSON/ORG/GPE).
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_PLACE_PREPOSITIONS = frozenset({"в", "во", "у", "на"})
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?")
_ACRONYM = re.compile(r"[А-ЯЁІЇЄҐ]{2,6}")
_LATIN = re.compile(r"[A-Za-z]")
_CUT = re.compile(r"[,;()«»\"„“”:\n/]")


@dataclass(frozen=True)
class RawSpan:
    """A span: ``text[start:end]`` with a natasha label (PER/LOC/ORG)."""

    start: int
    end: int
    label: str


def natasha_spans(text: str) -> list[RawSpan]:
    """natasha's NER spans over ``text``, as it gives them (the peer in the benchmark)."""
    from natasha import Doc

    segmenter, tagger = ner()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [RawSpan(s.start, s.stop, s.type) for s in doc.spans if s.type in LABELS]


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [
        (start + m.start(), start + m.end(), m.group(0)) for m in _TOKEN.finditer(text[start:end])
    ]


def _place_like(word: str, language: str) -> bool:
    info = word_info(word, language)
    return info.place or (info.inanimate and not info.person)


def _split(text: str, span: RawSpan, language: str) -> list[RawSpan]:
    """Rule 1: the names a natasha span glued together, function words dropped."""
    tokens = _tokens(text, span.start, span.end)
    groups: list[list[tuple[int, int, str]]] = [[]]
    joiners = lexicon().joiners
    for i, tok in enumerate(tokens):
        if tok[2] in joiners and not (span.label == "ORG" and _lower_after(tokens, i)):
            groups.append([])
            continue
        if groups[-1]:
            prev = groups[-1][-1]
            gap = text[prev[1] : tok[0]]
            follows_place = (
                tok[2][:1].isupper()
                and not _initial(text, prev)
                and _place_like(prev[2], language)
                and not word_info(prev[2], language).person
                and not _place_like(tok[2], language)
                and not word_info(tok[2], language).adjective
            )
            if _CUT.search(gap) or follows_place:
                groups.append([])
        groups[-1].append(tok)
    out = []
    for group in groups:
        while group and (group[0][2][:1].islower() or _function(text, group[0], language)):
            group = group[1:]
        while group and _function(text, group[-1], language):
            group = group[:-1]
        group = _without_description(text, group, language)
        if group and any(t[2][:1].isupper() for t in group):
            out.append(RawSpan(group[0][0], group[-1][1], span.label))
    return out


def _lower_after(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """The token after ``i`` is written in lower case: a joiner before it continues an
    organisation's name ("агентство по делам национальностей") rather than joining two."""
    return i + 1 < len(tokens) and tokens[i + 1][2][:1].islower()


def _without_description(
    text: str, group: list[tuple[int, int, str]], language: str
) -> list[tuple[int, int, str]]:
    """Common words before a Latin-script name are a description, not part of it
    ("Ирландская авиакомпания-лоукостер Ryanair", "Бортпроводники Ryanair"); a Latin
    part glued to the word before it is no name of its own ("Цензор.net")."""
    for i, token in enumerate(group):
        if _LATIN.match(token[2]):
            if i and not text[group[i - 1][1] : token[0]].isspace():
                return group
            return group[i:] if i else group
        info = word_info(token[2].split("-")[0], language)
        if info.person or info.place or info.org or not (info.common or info.adjective):
            return group
    return group


def _initial(text: str, token: tuple[int, int, str]) -> bool:
    """An initial: one capital letter and a period ("Д." in "Д.Дэвис")."""
    return len(token[2]) == 1 and token[2].isupper() and text[token[1] : token[1] + 1] == "."


def _function(text: str, token: tuple[int, int, str], language: str) -> bool:
    """A function word, never an initial."""
    return not _initial(text, token) and word_info(token[2], language).function


def _previous_word(text: str, start: int) -> str:
    before = text[max(0, start - 20) : start].split()
    return before[-1].lower() if before else ""


#: English street words as Russian and Ukrainian write them ("Даунинг-стрит",
#: "Пенсильвания-авеню"): a name ending in one is a place.
_STREET_WORDS = frozenset({"стрит", "стріт", "авеню", "роуд", "сквер"})


def _relabel(text: str, span: RawSpan, language: str) -> str:
    """Rule 2: the label after the dictionary's evidence."""
    tokens = _tokens(text, span.start, span.end)
    words = [word_info(t[2], language) for t in tokens]
    if not words:
        return span.label
    if re.split(r"[\s\-]", tokens[-1][2].lower())[-1] in _STREET_WORDS:
        return "LOC"
    head = words[-1] if len(words) == 1 else next((w for w in words if not w.adjective), words[-1])
    if head.org and not head.person:
        return "ORG"
    if head.lemma in lexicon().org_nouns.get(language, frozenset()) and span.label == "LOC":
        return "ORG"
    if span.label != "PER":
        return "LOC" if span.label == "ORG" and head.place and not head.common else span.label
    if any(w.person for w in words):
        if _previous_word(text, span.start) in _PLACE_PREPOSITIONS and words[-1].place_locative:
            return "LOC"
        return span.label
    # the inanimate reading makes a place only in Ukrainian, where natasha (trained on
    # Russian) calls most places people; in Russian it trusts natasha's context over a
    # loanword's reading of a foreign surname ("Шредер", "Гросс": 0.000 change on the
    # Russian tuning topics, -0.005 on the Ukrainian ones without it)
    inanimate = language == "uk" and all(w.inanimate for w in words if not w.adjective)
    if any(w.place for w in words) or inanimate:
        return "LOC"
    if _previous_word(text, span.start) in _PLACE_PREPOSITIONS and words[-1].locative:
        return "LOC"
    return span.label


_VERB_FORMS = frozenset({"VERB", "INFN", "PRTS", "GRND"})


def _opening_word(text: str, span: RawSpan, language: str) -> bool:
    """A one-word span the dictionary reads as no name: an adjective anywhere (the
    first word of a title, "Економічна" of "Економічна правда", left alone) and, when it
    opens a sentence, a common noun ("Пілоти") or a personal pronoun ("Вона", which the
    Ukrainian dictionary also reads as a surname's genitive). natasha, trained on
    Russian, takes such capitalised words of Ukrainian text for names."""
    tokens = _tokens(text, span.start, span.end)
    if len(tokens) != 1:
        return False
    word = tokens[0][2]
    if word.isupper() or _LATIN.match(word):
        return False
    info = word_info(word, language)
    if info.adjective and not (info.person or info.place or info.org):
        return True
    known = [p for p in morph(language).parse(word.lower()) if p.is_known]
    if known and known[0].tag.POS in _VERB_FORMS and not (info.person or info.place):
        return True  # "Опубликовано" opening a caption line
    if not _sentence_start(text, span.start):
        return False
    if any(p.tag.POS == "NPRO" and "pers" in p.tag.grammemes for p in known):
        return True
    named = info.person or info.place or info.org
    return (info.common or info.adjective) and not named


def _nation_adjective(word: str) -> bool:
    low = word.lower()
    return any(low.startswith(stem) for stem in lexicon().nation_adjectives)


def _org_phrases(text: str, spans: list[RawSpan], language: str) -> list[RawSpan]:
    """Rule 3: organisation nouns made names by a nationality adjective (Russian only:
    on the Ukrainian tuning texts "британський уряд" is a description more often than a
    name), a place after or the lexicon's fixed complements ("кабинет министров",
    "палата общин")."""
    nouns = lexicon().org_nouns.get(language, frozenset())
    complements = lexicon().org_complements
    out = list(spans)
    tokens = _tokens(text, 0, len(text))
    for i, (start, end, word) in enumerate(tokens):
        info = word_info(word, language)
        if info.lemma not in nouns and word.lower() not in nouns:
            continue
        inside = [s for s in out if s.start <= start < s.end]
        if any(s.end > end for s in inside):
            continue  # the noun inside a longer name: that name stands
        first, last = start, end
        # a name ending in the noun keeps its start ("Верховный суд" + "Индии")
        first = min([s.start for s in inside if s.end == end and s.label == "ORG"] + [start])
        qualified = False
        if (
            i > 0
            and language == "ru"
            and _nation_adjective(tokens[i - 1][2])
            and text[tokens[i - 1][1] : start].isspace()
        ):
            first, qualified = tokens[i - 1][0], True
        j = i + 1
        while (
            j < len(tokens)
            and tokens[j][2].lower() in complements
            and text[last : tokens[j][0]].isspace()
        ):
            last = tokens[j][1]
            j += 1
        after = next((s for s in out if s.start > last and text[last : s.start].isspace()), None)
        if after is not None and after.label == "LOC":
            last, qualified = after.end, True
        if not qualified and j == i + 1:
            continue
        out = [s for s in out if s.end <= first or s.start >= last]
        out.append(RawSpan(first, last, "ORG"))
    return out


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.&'’\-]*")
_CAMEL = re.compile(r"[a-z]+[A-Z]")
_CYRILLIC_AFTER_HYPHEN = re.compile(r"-[а-яёіїєґА-ЯЁІЇЄҐ]")
_CONTINUERS = frozenset({"по", "и", "в", "з", "зі", "із", "у", "і", "та"})
_LONGEST_ORG = 9


def _named_orgs(text: str, spans: list[RawSpan], language: str) -> list[RawSpan]:
    """Rule 3b: an organisation noun written as a name is an organisation's name with
    what continues it: a capital mid-sentence on the noun or on adjectives right before
    it ("Таможенного союза", "Министерства иностранных дел Великобритании",
    "Европейской исследовательской группы"), then words in the genitive and the
    prepositions that join them ("по делам регионов и местного самоуправления"); a
    ministry or department in lower case is a name when such words follow it
    ("министерства энергетики", ``_DOMAIN_HEADS``)."""
    nouns = lexicon().org_nouns.get(language, frozenset())
    tokens = _tokens(text, 0, len(text))
    out = list(spans)
    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        if word_info(word, language).lemma not in nouns or word.isupper():
            i += 1
            continue
        first = i
        while (
            first > 0
            and tokens[first - 1][2][:1].isupper()
            and word_info(tokens[first - 1][2], language).adjective
            and text[tokens[first - 1][1] : tokens[first][0]] == " "
        ):
            first -= 1
        capital = first < i or word[:1].isupper()
        domain = not capital and word_info(word, language).lemma in _DOMAIN_HEADS
        if not (capital or domain) or (capital and _sentence_start(text, tokens[first][0])):
            i += 1
            continue
        last = i
        j = i + 1
        while j < len(tokens) and j - first < _LONGEST_ORG:
            if text[tokens[j - 1][1] : tokens[j][0]] != " ":
                break
            w = tokens[j][2]
            if w in _CONTINUERS and j + 1 < len(tokens) and tokens[j + 1][2][:1].islower():
                j += 1
                continue
            if j == i + 1 and _predicate_after(word, w, language):
                break
            if any(s.start == tokens[j][0] and s.label == "PER" for s in out):
                break  # a person's name begins: "Евросоюза" | "Жозеп Боррель"
            after_po = (
                tokens[j - 1][2] == "по"
                and word_info(word, language).lemma in _DOMAIN_BODIES
                and _dative(w, language)
            )
            if domain and j == i + 1 and w[:1].isupper():
                break  # "министерство Германии" is a description, not a name
            if not (after_po or _genitive(w, language)) or (
                w[:1].isupper() and not (_place_like(w, language) or word_info(w, language).org)
            ):
                break
            last = j
            j += 1
        if domain and last == i:
            i += 1
            continue
        begin, stop = tokens[first][0], tokens[last][1]
        inside = [s for s in out if s.start < stop and begin < s.end]
        if all(s.end - s.start < stop - begin for s in inside):
            out = [s for s in out if not (s.start < stop and begin < s.end)]
            out.append(RawSpan(begin, stop, "ORG"))
        i = last + 1
    return out


_QUOTED = re.compile(r"([^\W\d_]+)\s+[«\"„“]([^«»\"„“”\n]{1,60})[»\"“”]")


def _quoted_orgs(text: str, spans: list[RawSpan], language: str) -> list[RawSpan]:
    """Rule 3c: a quoted name right after a lower-case noun of a kind of organisation
    (the lexicon's ``org_kind_nouns``: "компания «Роснефть»", "партия «Единая Россия»")
    is that organisation's name, whatever the spans inside the quotes said ("Единая
    Россия" is no place there)."""
    nouns = lexicon().org_kind_nouns.get(language, frozenset())
    out = list(spans)
    for m in _QUOTED.finditer(text):
        noun, name = m.group(1), m.group(2)
        if not noun.islower() or not name[:1].isupper():
            continue
        if noun not in nouns and word_info(noun, language).lemma not in nouns:
            continue
        start = m.start(2) + len(name) - len(name.lstrip())
        end = m.start(2) + len(name.rstrip())
        out = [s for s in out if s.end <= start or s.start >= end]
        out.append(RawSpan(start, end, "ORG"))
    return out


#: Lower-case heads a ministry or department is named by with its domain in the
#: genitive or after "по" ("министерство энергетики", "департамент по делам регионов"):
#: written in lower case they are still that body's name. Russian only: with the
#: Ukrainian "міністерство" the Ukrainian tuning topics score 0.0005 lower.
_DOMAIN_HEADS = frozenset({"министерство", "департамент"})


#: Bodies named by their domain after "по" ("агентство по делам национальностей",
#: "комитет по международным делам"); a union or a party is not ("Евросоюз по условиям
#: выхода" is the union and what it negotiates).
_DOMAIN_BODIES = frozenset(
    {"министерство", "департамент", "агентство", "комитет", "комиссия", "служба",
     "управление", "совет", "центр", "ведомство"}
)  # fmt: skip


def _dative(word: str, language: str) -> bool:
    """A noun the dictionary reads in the dative ("по делам", "по вопросам")."""
    return any(
        p.is_known and p.tag.case == "datv" and p.tag.POS == "NOUN"
        for p in morph(language).parse(word.lower())
    )


def _predicate_after(noun: str, word: str, language: str) -> bool:
    """``word`` right after an organisation noun can be the verb it is the subject of:
    a past-tense verb agreeing with the noun in the nominative ("комиссия начала", not
    the genitive of "начало")."""
    heads = [
        p.tag for p in morph(language).parse(noun.lower())
        if p.is_known and p.tag.POS == "NOUN" and p.tag.case == "nomn"
    ]  # fmt: skip
    for p in morph(language).parse(word.lower()):
        if not p.is_known or p.tag.POS != "VERB":
            continue
        for h in heads:
            if p.tag.number == h.number and (p.tag.number == "plur" or p.tag.gender == h.gender):
                return True
    return False


def _genitive(word: str, language: str) -> bool:
    """A noun or adjective the dictionary reads in the genitive (a name's complement)."""
    if len(word) < 2 or word_info(word, language).function:
        return False
    return any(
        p.tag.case in ("gent", "gen2") and p.tag.POS in ("NOUN", "ADJF")
        for p in morph(language).parse(word.lower())
        if p.is_known and "Abbr" not in p.tag.grammemes
    )


_HANDLE_MARKS = frozenset("@#_/")
#: A model or index number after a name: glued, after a hyphen, or three digits after a
#: space (a day of the month, a count or a year after a name is no part of it).
_NUMBER_AFTER = re.compile(r"\d|-\d|[ \u00a0]\d{3}(?!\d)(?![.,]\d)")


def _handle_or_numbered(text: str, start: int, end: int) -> bool:
    """A Latin word that is a handle, hashtag or part of an address ("@Mark_Hughes",
    "#StopBrexit") or is followed by a number (a model, index or act: "FTSE 100",
    "EU 261"): no person, organisation or place."""
    if text[start - 1 : start] in _HANDLE_MARKS or "_" in text[start : end + 1]:
        return True
    return _NUMBER_AFTER.match(text, end) is not None


def _latin_names(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Rule 4b: a lone Latin-script name in Cyrillic text that no span covers is an
    organisation ("easyJet", "Verdi", "SPF"); Latin words beside other Latin words (or
    joined to them by "+") are left alone (a person's name in the original, a quoted
    English title or phrase, a key combination), and so is a Latin word glued by a hyphen
    to a Cyrillic one ("SMS-рассылка": a modifier), a handle, hashtag or part of an
    address ("@Mark_Hughes") and a word followed by a number ("FTSE 100")."""
    words = list(_LATIN_NAME.finditer(text))
    found: list[RawSpan] = []
    for i, m in enumerate(words):
        word = m.group(0).rstrip(".")
        if len(word) < 2 or not (word[:1].isupper() or _CAMEL.match(word)):
            continue
        if _CYRILLIC_AFTER_HYPHEN.match(text, m.end() - 1) or _CYRILLIC_AFTER_HYPHEN.match(
            text, m.end()
        ):
            continue  # a modifier glued to a Cyrillic word: "SMS-рассылка", "Telegram-канал"
        if word.lower() in lexicon().not_names:
            continue
        if _handle_or_numbered(text, m.start(), m.end()):
            continue
        near = [words[k] for k in (i - 1, i + 1) if 0 <= k < len(words)]
        if any(
            text[min(m.end(), n.end()) : max(m.start(), n.start())].strip(" -+") == ""
            for n in near
        ):
            continue
        if any(s.start < m.end() and m.start() < s.end for s in spans):
            continue
        found.append(RawSpan(m.start(), m.start() + len(word), "ORG"))
    return found


#: English spelling → Russian letters, digraphs first: a rough reading of a Latin-script
#: given name, enough for the Russian dictionary to know it ("Boris" → "борис",
#: "Theresa" → "тереса", "Richard" → "ричард").
_LATIN_READING = (
    ("sch", "ш"), ("sh", "ш"), ("ch", "ч"), ("th", "т"), ("ph", "ф"), ("kh", "х"),
    ("zh", "ж"), ("ts", "ц"), ("ee", "и"), ("oo", "у"), ("ea", "и"), ("ou", "у"),
    ("ey", "ей"), ("ay", "эй"), ("oy", "ой"), ("j", "дж"), ("a", "а"), ("b", "б"),
    ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "у"), ("x", "кс"),
    ("y", "и"), ("z", "з"),
)  # fmt: skip
_LATIN_RUN = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")


def _read_latin(word: str) -> str:
    low, out, i = word.lower(), [], 0
    while i < len(low):
        for latin, cyrillic in _LATIN_READING:
            if low.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(low[i])
            i += 1
    return "".join(out)


def _latin_given_name(word: str) -> bool:
    """A Latin-script word the Russian dictionary knows as a given name once read in
    Russian letters."""
    return any(
        p.is_known and "Name" in p.tag.grammemes and p.tag.case == "nomn"
        for p in morph("ru").parse(_read_latin(word))
    )


def _latin_people(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Rule 4c: two or three capitalised Latin-script words opening with a given name
    ("Richard Parker" in a photo credit or a quoted post's signature) are a
    person where no span covers them; natasha, trained on Cyrillic text, misses them
    (where it calls them an organisation it stands: on the tuning topics relabelling
    those scored 0.0002 lower)."""
    out = list(spans)
    for m in _LATIN_RUN.finditer(text):
        if (m.start() and _LATIN.match(text, m.start() - 1)) or _LATIN.match(text, m.end()):
            continue  # part of a longer Latin phrase or word
        if any(s.start < m.end() and m.start() < s.end for s in out):
            continue
        if _latin_given_name(m.group(0).split()[0]):
            out.append(RawSpan(m.start(), m.end(), "PER"))
    return out


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(' «"„(')
    return not before or before[-1] in ".!?\n:—–"


def _extra_spans(text: str, spans: list[RawSpan], language: str) -> list[RawSpan]:
    """Rule 4: acronyms and dictionary toponyms no span covers."""
    found: list[RawSpan] = []
    not_names = lexicon().not_names
    for start, end, token in _tokens(text, 0, len(text)):
        if any(s.start <= start < s.end for s in spans) or token.lower() in not_names:
            continue
        info = word_info(token, language)
        if _ACRONYM.fullmatch(token):
            if info.function:
                continue  # "ЗА", "ТАКОЖ" in a headline written in capitals
            if info.place:
                found.append(RawSpan(start, end, "LOC"))
            elif info.org or not info.common:
                found.append(RawSpan(start, end, "ORG"))
            continue
        if not token[:1].isupper() or info.person:
            continue
        if info.place and not (info.common and _sentence_start(text, start)):
            found.append(RawSpan(start, end, "LOC"))
        elif info.org and not info.common:
            found.append(RawSpan(start, end, "ORG"))
    return _with_adjectives(text, found, language)


def _with_adjectives(text: str, spans: list[RawSpan], language: str) -> list[RawSpan]:
    """A toponym keeps the capitalised adjective before it ("Північної Ірландії")."""
    out = []
    for s in spans:
        before = _tokens(text, max(0, s.start - 30), s.start)
        if before and text[before[-1][1] : s.start].isspace():
            b = before[-1]
            if b[2][:1].isupper() and word_info(b[2], language).adjective:
                s = RawSpan(b[0], s.end, s.label)
        out.append(s)
    return out


def find_slavic_mentions(
    text: str,
    language: str,
    article_id: str,
    *,
    field: SpanField = "text",
    index: int | None = None,
    spans: list[RawSpan] | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Mention]:
    """Mentions in ``text`` (ru or uk) with exact spans and nominative base forms
    (``spans``: natasha's spans of ``text`` when the caller has them already;
    ``gazetteer``: names other articles gave, found again and labelled as they agree)."""
    raw = natasha_spans(text) if spans is None else spans
    pieces = [p for s in raw for p in _split(text, s, language)]
    pieces = [RawSpan(p.start, p.end, _relabel(text, p, language)) for p in pieces]
    pieces = [p for p in pieces if not _opening_word(text, p, language)]
    pieces = _org_phrases(text, pieces, language)
    pieces = _named_orgs(text, pieces, language)
    before = set(pieces)
    pieces = _quoted_orgs(text, pieces, language)
    quoted = {(p.start, p.end) for p in pieces if p not in before}
    pieces += _extra_spans(text, pieces, language)
    pieces += _latin_names(text, pieces)
    pieces = _latin_people(text, pieces)
    not_names = lexicon().not_names
    out: list[Mention] = []
    for piece in sorted(pieces, key=lambda s: (s.start, -s.end)):
        s = _trimmed(text, piece, language)
        if s is None:
            continue
        surface = text[s.start : s.end]
        if surface.lower() in not_names or _product(surface, language):
            continue
        if _after_product_noun(text, s.start, language):
            continue
        if _LATIN.match(surface) and _handle_or_numbered(text, s.start, s.end):
            continue
        if out and out[-1].end > s.start:
            continue
        label = LABELS[s.label]
        out.append(
            Mention(
                article_id=article_id,
                start=s.start,
                end=s.end,
                text=surface,
                label=label,
                field=field,
                index=index,
                base=base_form(surface, label, language),
            )
        )
    if gazetteer:
        out = _with_gazetteer(text, out, language, gazetteer, (article_id, field, index))
    own = _own_names(out, gazetteer, quoted)
    if own:
        surnames = _surname_keys(out)
        out = _with_gazetteer(
            text, out, language, own, (article_id, field, index), trusted=surnames
        )
    out = [
        m for m in out if not (_LATIN.match(m.text) and _handle_or_numbered(text, m.start, m.end))
    ]
    return _same_surname(out)


#: Votes of a mention whose organisation-kind noun says what it is (rule 3c): that
#: cue outweighs the guesses of a name's other mentions in the text.
_CUED_VOTES = 3


def _own_names(
    mentions: list[Mention], known: Gazetteer | None, cued: set[tuple[int, int]]
) -> Gazetteer:
    """Rule 6: the text's own names as a gazetteer (one vote per mention, or
    ``_CUED_VOTES`` for one at a ``cued`` span; the label most votes give when more than
    half agree), so that a name found once is found at its other occurrences and
    inflected forms, and labelled alike; names the ``known`` gazetteer labels keep its
    label."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        key = name_key(m.name)
        if len(key.replace(" ", "")) < 2:
            continue
        weight = _CUED_VOTES if (m.start, m.end) in cued else 1
        votes.setdefault(key, Counter())[m.label] += weight
    surnames = _surname_keys(mentions)
    for key in surnames:
        votes.setdefault(key, Counter())["PERSON"] += _CUED_VOTES
    labels = {}
    for key, counts in votes.items():
        label, top = counts.most_common(1)[0]
        if known is not None and key in known.labels and key not in surnames:
            continue
        if 2 * top > sum(counts.values()):
            labels[key] = label
    return Gazetteer(labels)


def _trimmed(text: str, span: RawSpan, language: str) -> RawSpan | None:
    """``span`` without the lower-case function words it ends in (a chain of genitives
    that stopped before its object: "департаменте по выходу Британии из") or, for a
    person, any lower-case word it ends in ("Иванов И. И. номер"); None when nothing
    is left."""
    tokens = _tokens(text, span.start, span.end)
    if not tokens:
        return None
    kept = len(tokens)
    while kept > 1 and tokens[kept - 1][2].islower():
        parses = morph(language).parse(tokens[kept - 1][2])
        closed = any(p.is_known and p.tag.POS in ("PREP", "CONJ", "PRCL") for p in parses)
        if not (closed or span.label == "PER"):
            break  # ("из" is also a name's genitive to the dictionary: no word_info here)
        kept -= 1  # a person's name ends in a capitalised word or an initial
    return span if kept == len(tokens) else RawSpan(span.start, tokens[kept - 1][1], span.label)


#: The longest word sequence looked up in a gazetteer.
_GAZETTEER_WORDS = 4


def _surname_keys(mentions: list[Mention]) -> frozenset[str]:
    """Name keys of the last word of the text's full names of people ("Герхард
    Шредер" → Шредер's key): that word alone names the same person there, even where
    the dictionary reads it as a common word ("Шредера" opening a sentence) or a
    guess called it a place."""
    keys = set()
    for m in mentions:
        words = m.name.split()
        if m.label == "PERSON" and len(words) >= 2 and not _initial_word(words[-1]):
            key = name_key(words[-1])
            if len(key) >= 3:
                keys.add(key)
    return frozenset(keys)


def _initial_word(word: str) -> bool:
    return len(word.rstrip(".")) <= 1


def _with_gazetteer(
    text: str,
    mentions: list[Mention],
    language: str,
    gazetteer: Gazetteer,
    where: tuple[str, SpanField, int | None],
    *,
    trusted: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Rule 5: labels as the gazetteer's articles agree, and its names no span covers
    (runs of capitalised words, longest first; a lone word that is also a common word
    is left alone, in Ukrainian only at a sentence's start, unless its key is
    ``trusted``: a surname of a full name in the same text)."""
    out = []
    for m in mentions:
        label = gazetteer.label_of(m.name)
        if label and label != m.label:
            m = replace(m, label=label, base=base_form(m.text, label, language))
        out.append(m)
    taken = [(m.start, m.end) for m in out]
    runs: list[list[tuple[int, int, str]]] = []
    for tok in _tokens(text, 0, len(text)):
        if not tok[2][:1].isupper() or any(s < tok[1] and tok[0] < e for s, e in taken):
            runs.append([])
            continue
        if runs and runs[-1] and text[runs[-1][-1][1] : tok[0]] != " ":
            runs.append([])
        if not runs:
            runs.append([])
        runs[-1].append(tok)
    not_names = lexicon().not_names
    article_id, field, index = where
    for run in runs:
        i = 0
        while i < len(run):
            for n in range(min(_GAZETTEER_WORDS, len(run) - i), 0, -1):
                start, end = run[i][0], run[i + n - 1][1]
                surface = text[start:end]
                if surface.lower() in not_names or _product(surface, language):
                    continue
                if n == 1 and not _ACRONYM.fullmatch(surface) and not _LATIN.match(surface):
                    info = word_info(surface, language)
                    named = info.place or info.org or info.person
                    # the Ukrainian dictionary marks no toponyms ("Німеччини" reads as
                    # a common noun there), so in Ukrainian only a sentence's first
                    # word is left to that doubt
                    common = (
                        info.common
                        and not named
                        and (language != "uk" or _sentence_start(text, start))
                    )
                    if (info.function or info.adjective or common) and not (
                        info.common
                        and not info.function
                        and name_key(base_form(surface, "PERSON", language)) in trusted
                    ):
                        continue
                found = gazetteer.lookup(surface, language)
                if found is None:
                    continue
                label, base = found
                found_at = Mention(article_id, start, end, surface, label, None, field, index, base)
                out.append(found_at)
                i += n
                break
            else:
                i += 1
    return sorted(out, key=lambda m: (m.start, -m.end))


#: A model number: a Latin name, a space or hyphen and a number ("Boeing-737", "Airbus
#: A320"), or one or two capitals glued to three digits or more ("A320"); a name with a
#: digit glued to it is still a name ("G4S", "G20").
_MODEL = re.compile(r"[A-Za-z][\w.]*[\s\-](?:[A-Z]{1,2})?\d|[A-Z]{1,2}\d{3}")


def _product(surface: str, language: str) -> bool:
    """A product, platform or event, not a person, organisation or place: a word of
    the lexicon's ``products`` ("Twitter", "Брекзита"), or a Latin name with a model
    number ("Boeing-737", "Airbus A320"), or a title opening with "The" ("The Times")."""
    if _MODEL.match(surface) or surface.startswith("The "):
        return True
    products = lexicon().products
    return any(
        w.lower() in products or word_info(w, language).lemma in products
        for _, _, w in _tokens(surface, 0, len(surface))
    )


def _after_product_noun(text: str, start: int, language: str) -> bool:
    """A name right after a noun of a product, work or project ("газопровод «Сила
    Сибири»", "самолет Boeing") names that thing, not a body or place."""
    before = text[max(0, start - 40) : start]
    gap = len(before) - len(before.rstrip(" «\"„“"))
    words = _tokens(before, 0, len(before) - gap)
    if not words or words[-1][1] != len(before) - gap:
        return False
    nouns = lexicon().product_nouns.get(language, frozenset())
    word = words[-1][2]
    return word.islower() and word_info(word, language).lemma in nouns


def _same_surname(mentions: list[Mention]) -> list[Mention]:
    """A lone surname whose base form is a full name's surname plus a case ending
    ("Соколова" beside "Иван Соколов") takes that surname: the dictionary alone
    cannot tell a woman's surname from a man's in the genitive."""
    surnames = {
        m.name.split()[-1] for m in mentions if m.label == "PERSON" and len(m.name.split()) >= 2
    }
    out = []
    for m in mentions:
        if m.label == "PERSON" and " " not in m.name and m.name not in surnames:
            for s in surnames:
                if m.name.startswith(s) and len(m.name) - len(s) <= 2:
                    m = Mention(m.article_id, m.start, m.end, m.text, m.label, m.role,
                                m.field, m.index, base=s)  # fmt: skip
                    break
        out.append(m)
    return out
