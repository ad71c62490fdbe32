"""Direct and partial quotes in French text, with their speakers.

Why rules of their own: French quotes with «…» (a space inside the marks) and “…”, and
attributes speech with an inverted clause after the quote ("« … », a déclaré Emmanuel
Macron", "« … », a-t-il ajouté"), a colon before it ("Le ministre a déclaré : « … »"),
"selon X" / "d'après X", or as dialogue: a paragraph opening with a dash ("— Nous
sommes prêts, a dit la ministre."). The speaker is the person the attribution clause
names, or, for "il/elle" ("a-t-il dit"), the last person named before the quote. A
quoted title without a speech verb near it is not a quote.
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
from newsweave.model import Mention, Quote

_QUOTED = re.compile(r"«\s*(?P<a>[^«»]*?)\s*»|“(?P<b>[^“”]*)”|\"(?P<c>[^\"\n]*)\"")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_AFTER = re.compile(r"^[ \t]*[,.!?…]?[ \t]*(?:[—–-][ \t]*)?")
_DIALOGUE = re.compile(r"(?m)^[ \t]*[—–][ \t]+(?P<q>[^\n]+?)(?=,[ \t]+|[ \t]+[—–][ \t]+|$)")
_ACCORDING = re.compile(r"(?:selon|d['’]après)\s+$", re.IGNORECASE)
#: Stems of French speech verbs (past participles and present forms alike).
SPEECH_VERBS = (
    "déclar", "affirm", "dit", "dis", "expliqu", "ajout", "estim", "assur", "soulign",
    "précis", "indiqu", "annonc", "confi", "répond", "insist", "prévien", "prévenu",
    "rappel", "martel", "lanc", "accus", "dénonc", "réclam", "promet", "promis", "écri",
    "tranch", "commenté", "concéd", "admet", "admis", "avert", "plaid", "jug",
)  # fmt: skip
PRONOUNS = frozenset({"il", "elle", "t-il", "t-elle", "-il", "-elle"})


def _speech_verb(word: str) -> bool:
    low = word.lower().split("-")[0]
    return any(low.startswith(stem) for stem in SPEECH_VERBS)


def _clause_after(text: str, end: int) -> tuple[int, int] | None:
    """The inverted attribution after a quote: "», a déclaré X" up to the sentence's end."""
    rest = text[end : end + 160]
    lead = _AFTER.match(rest)
    if lead is None or not lead.group(0).strip():
        return None
    stop = re.search(r"[.!?\n]", rest[lead.end() :])
    clause_end = end + lead.end() + (stop.start() if stop else len(rest) - lead.end())
    return end + lead.end(), clause_end


def _attribution(
    text: str, span: tuple[int, int], people: list[Mention]
) -> tuple[Mention | None, str | None, int, int] | None:
    """(speaker mention, cue, speaker start, speaker end) when a speech verb attributes
    the words in ``span``, or "selon X" names the source; None when nothing does."""
    for clause in (clause_before(text, span[0]), _clause_after(text, span[1])):
        if clause is None:
            continue
        part = text[clause[0] : clause[1]]
        words = list(_WORD.finditer(part))
        verbs = [w for w in words if _speech_verb(w.group(0))]
        if not verbs:
            continue
        cue = verbs[0].group(0).split("-")[0]
        named = person_in(people, clause[0], clause[1])
        if named is not None:
            return named, cue, named.start, named.end
        pronoun = re.search(r"(?:-t)?-(?:il|elle)\b|\b(?:il|elle)\b", part)
        if pronoun is not None:
            at = clause[0] + pronoun.start()
            return last_person_before(people, span[0]), cue, at, clause[0] + pronoun.end()
        return None, cue, -1, -1
    head = text[max(0, span[0] - 120) : span[0]]
    sentence = head[max(head.rfind(ch) for ch in ".!?\n") + 1 :]
    according = re.search(r"(?:selon|d['’]après)\s+", sentence, re.IGNORECASE)
    if according is not None:
        base = span[0] - len(sentence) + according.end()
        named = person_in(people, base, span[0])
        if named is not None:
            return named, according.group(0).strip(), named.start, named.end
    after = text[span[1] : span[1] + 120]
    tail = re.match(r"[ \t]*,?[ \t]*(?:selon|d['’]après)\s+", after, re.IGNORECASE)
    if tail is not None:
        named = person_in(people, span[1] + tail.end(), span[1] + len(after))
        if named is not None and named.start == span[1] + tail.end():
            return named, tail.group(0).strip(" ,"), named.start, named.end
    return None


def extract_french_quotes(text: str, article_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Quotes in French ``text`` with their speakers (``mentions``: the article's)."""
    found = people(mentions)
    return marked_quotes(
        text,
        article_id,
        quoted=_QUOTED,
        dialogue=_DIALOGUE,
        words=_WORD,
        attribution=lambda span: _attribution(text, span, found),
        clause_after=_clause_after,
        colon_window=3,  # "a déclaré : «": French sets a space before the colon
    )
