"""Direct and partial quotes in Russian and Ukrainian text, with their speakers.

Why rules of their own: these languages quote with «…» and „…“ (straight quotes too),
and report speech with a dash after the quote ("«…», — сказал Песков") or a colon
before it ("Песков заявил: «…»"), or as dialogue: a paragraph opening with a dash
("— Мы готовы, — сказал он."). The speaker is the person the attribution clause names,
or, for "он/она" (він/вона), the last person named before the quote; "по словам X" /
"за словами X" names one too. A quoted title without a speech verb near it
(«Северный поток — 2») is not a quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.extract.quotes.marks import (
    clause_before,
    last_person_before,
    marked_quotes,
    people,
    person_in,
)
from newsweave.extract.slavic.lexicon import lexicon
from newsweave.model import Mention, Quote

_QUOTED = re.compile(r"«(?P<a>[^«»]*(?:«[^«»]*»[^«»]*)*)»|„(?P<b>[^„“”]*)[“”]|\"(?P<c>[^\"\n]*)\"")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_DASH_AFTER = re.compile(r"^[,.!?…]?[ \t]*[—–-][ \t]*")
_DIALOGUE = re.compile(r"(?m)^[ \t]*[—–-][ \t]+(?P<q>[^\n]+?)(?=(?:[,.!?…]?[ \t]+[—–-][ \t]+)|$)")
_ACCORDING = re.compile(
    r"(?:по словам|по мнению|как сообщил\w*|за словами|на думку)\s+$", re.IGNORECASE
)


def _speech_verb(word: str, language: str) -> bool:
    low = word.lower()
    return any(low.startswith(stem) for stem in lexicon().speech_verbs.get(language, ()))


def _clause_after(text: str, end: int) -> tuple[int, int] | None:
    """The attribution after a quote: "», — сказал X" up to the sentence's end."""
    rest = text[end : end + 160]
    dash = _DASH_AFTER.match(rest)
    if dash is None:
        return None
    stop = re.search(r"[.!?\n]", rest[dash.end() :])
    clause_end = end + dash.end() + (stop.start() if stop else len(rest) - dash.end())
    return end + dash.end(), clause_end


def _attribution(
    text: str, span: tuple[int, int], language: str, people: list[Mention]
) -> tuple[Mention | None, str | None, int, int] | None:
    """(speaker mention, cue, speaker start, speaker end) when a speech verb attributes
    the words in ``span``; None when nothing does."""
    pronouns = lexicon().pronouns.get(language, frozenset())
    for clause in (clause_before(text, span[0]), _clause_after(text, span[1])):
        if clause is None:
            continue
        words = list(_WORD.finditer(text[clause[0] : clause[1]]))
        verbs = [w for w in words if _speech_verb(w.group(0), language)]
        if not verbs:
            continue
        cue = verbs[0].group(0)
        named = person_in(people, clause[0], clause[1])
        if named is not None:
            return named, cue, named.start, named.end
        pronoun = next((w for w in words if w.group(0).lower() in pronouns), None)
        if pronoun is not None:
            at = clause[0] + pronoun.start()
            return last_person_before(people, span[0]), cue, at, clause[0] + pronoun.end()
        return None, cue, -1, -1
    head = text[max(0, span[0] - 120) : span[0]]
    sentence = head[max(head.rfind(ch) for ch in ".!?\n") + 1 :]
    according = re.search(r"(?:по словам|за словами)\s+", sentence, re.IGNORECASE)
    if according is not None:
        base = span[0] - len(sentence) + according.end()
        named = person_in(people, base, span[0])
        if named is not None:
            return named, according.group(0).strip(), named.start, named.end
    return None


def extract_slavic_quotes(
    text: str, article_id: str, language: str, mentions: Sequence[Mention]
) -> list[Quote]:
    """Quotes in ``text`` with their speakers (``mentions``: the article's mentions)."""
    found = people(mentions)
    # a quote that is the whole utterance (colon, dash) is direct; inside a clause, partial
    return marked_quotes(
        text,
        article_id,
        quoted=_QUOTED,
        dialogue=_DIALOGUE,
        words=_WORD,
        attribution=lambda span: _attribution(text, span, language, found),
        clause_after=_clause_after,
        colon_window=2,
    )
