"""Turn a speech cue's subject into a speaker: the words in the text and the name they stand for.

Why resolve here and not leave it to entity linking: a reader of a quote needs
"Marco Rubio", not "he" or "Rubio", and the answer lies in this one article
(the nearest person named before the pronoun, the full name given at first
mention, the outlet the article is citing when it says "the publication
notes"). Cross-article identity is the entity stage's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsweave.extract.quotes.cues import according_to
from newsweave.nlp import entities, entity_at
from newsweave.ranges import Ranges

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
# Nouns with which an article refers to the outlet it is citing ("the publication notes").
OUTLET_NOUNS = frozenset(
    [
        "publication",
        "newspaper",
        "paper",
        "outlet",
        "agency",
        "magazine",
        "site",
        "website",
        "broadcaster",
        "channel",
        "network",
        "daily",
        "tabloid",
        "journal",
        "newswire",
        "wire",
        "outlet",
    ]
)
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "president",
        "senator",
        "governor",
        "secretary",
        "minister",
        "prime",
        "chancellor",
        "mayor",
        "judge",
        "justice",
        "general",
        "sir",
        "lord",
        "lady",
        "representative",
        "congressman",
        "congresswoman",
        "chairman",
        "chairwoman",
        "speaker",
    ]
)
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nummod", "flat", "nmod", "case"})
_NAME_LABELS = frozenset({"PERSON"})
_GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class Speaker:
    """``start:end``: the words naming the speaker here; ``name``: the resolved name."""

    start: int
    end: int
    name: str | None


def _strip_possessive(words: list[str]) -> list[str]:
    if words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    if words and (words[-1].endswith("'s") or words[-1].endswith("’s")):
        words[-1] = words[-1][:-2]
    return words


def name_words(span: Span) -> list[str]:
    """The words of a person's name without titles or a possessive ending."""
    words = _strip_possessive([t.text for t in span])
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return words


class NameIndex:
    """Full names of the people an article mentions, keyed by surname, in order of mention.

    "Rubio" and "Mr. Rubio" expand to the first full name ending in "Rubio".
    """

    def __init__(self, doc: Doc) -> None:
        self.full: dict[str, str] = {}
        self.persons: list[Span] = [e for e in entities(doc) if e.label_ in _NAME_LABELS]
        for ent in self.persons:
            words = name_words(ent)
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                self.full.setdefault(words[-1].lower(), " ".join(words))
        for token in doc:
            if (
                token.dep_ == "nsubj"
                and token.pos_ == "PROPN"
                and token.ent_type_ not in _GROUP_LABELS
            ):
                words = name_words(proper_run(token))
                if len(words) >= 2 and all(w[:1].isupper() for w in words):
                    self.full.setdefault(words[-1].lower(), " ".join(words))
        self._doc = doc
        self._person_like: list[Span] | None = None

    @property
    def person_like(self) -> list[Span]:
        if self._person_like is None:
            self._person_like = _person_like(self._doc, self)
        return self._person_like

    def expand(self, words: Sequence[str]) -> str | None:
        if not words:
            return None
        full = self.full.get(words[-1].lower())
        if full is not None and len(words) <= len(full.split()):
            return full
        return " ".join(words)


def phrase_of(token: Token) -> Span:
    """The named entity containing ``token``, else the noun phrase it heads (without clauses)."""
    doc = token.doc
    if token.ent_iob_ in ("B", "I") and (ent := entity_at(token)) is not None:
        return ent
    start = token.i
    for child in token.lefts:
        if child.dep_ in _PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    if start > 0 and doc[start - 1].lower_ in ("the", "this", "that"):
        start -= 1
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("compound", "flat") or (
            child.dep_ == "prep" and child.lower_ in ("of", "for")
        ):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return doc[start:end]


def _is_outlet_phrase(span: Span, head: Token) -> bool:
    return head.lemma_.lower() in OUTLET_NOUNS and any(
        t.lower_ in ("the", "this", "that") for t in span if t.i < head.i
    )


def cited_outlet(doc: Doc, aliases: Sequence[str]) -> str | None:
    """The outlet an article cites: given by the caller, else the first one the text names.

    An outlet is "named" when a proper noun is the subject of "report"/"write",
    the agent of "reported by", or the object of "according to".
    """
    if aliases:
        return aliases[0]
    for token in doc:
        cand: Token | None = None
        if token.lemma_ in ("report", "write") and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj" and child.pos_ == "PROPN":
                    cand = child
                elif child.dep_ == "agent":
                    cand = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif token.lower_ == "according":
            cand = according_to(token)
        if cand is not None and cand.pos_ == "PROPN" and cand.ent_type_ != "PERSON":
            return phrase_of(cand).text
    return None


def _person_like(doc: Doc, names: NameIndex) -> list[Span]:
    """PERSON entities plus proper-noun runs whose last word is a known surname.

    The small model often labels a surname alone as ORG or GPE; a surname that
    was part of a full PERSON name earlier in the article is still a person.
    """
    out = list(names.persons)
    covered = {i for e in out for i in range(e.start, e.end)}
    for token in doc:
        if token.pos_ != "PROPN" or token.i in covered:
            continue
        subject = token.dep_ == "nsubj" and token.ent_type_ not in _GROUP_LABELS
        if token.lower_ in names.full or subject:
            run = proper_run(token)
            covered.update(range(run.start, run.end))
            out.append(run)
    return sorted(out, key=lambda e: e.start)


def _salience(ent: Span) -> int:
    """Main-clause subjects first, then other subjects, then any mention."""
    root = ent.root
    if root.dep_ == "ROOT":
        return 2
    if root.dep_ in ("nsubj", "nsubjpass"):
        return 2 if root.head.dep_ == "ROOT" or root.head.lemma_ in _SAY else 1
    return 0


def _antecedent(
    doc: Doc, pron: Token, cands: list[Span], quotes: list[tuple[int, int]]
) -> Span | None:
    """The nearest compatible mention before a pronoun: earlier sentences first, up to five back.

    A speaker pronoun ("…, he added") almost never points into its own clause,
    so the pronoun's own sentence is the last resort; mentions inside quoted
    words are what was said, not who said it.
    """
    quoted = Ranges(quotes)
    usable = [e for e in cands if e.start_char not in quoted]
    sent = pron.sent
    order = []
    cur = sent
    for _ in range(5):
        if cur.start == 0:
            break
        cur = doc[cur.start - 1].sent
        order.append(cur)
    order.append(sent)
    for sn in order:
        ents = [e for e in usable if sn.start <= e.start < sn.end and e.start < pron.i]
        if ents:
            return max(ents, key=lambda e: (_salience(e), e.start))
    return None


_SAY = frozenset({"say", "tell", "add", "write", "state", "note"})


def proper_run(token: Token) -> Span:
    """The run of proper nouns ending at ``token`` ("Tulsi Gabbard"), titles and places left out."""
    doc = token.doc
    start = token.i
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].ent_type_ not in _GROUP_LABELS
        and doc[start - 1].whitespace_ != ""
    ):
        start -= 1
    while start < token.i and doc[start].lower_.rstrip(".") in TITLES:
        start += 1
    return doc[start : token.i + 1]


def resolve(
    token: Token,
    names: NameIndex,
    outlet: str | None,
    quotes: list[tuple[int, int]],
) -> Speaker:
    """The speaker a subject token stands for (pronoun, surname, outlet noun or description)."""
    doc = token.doc
    low = token.lower_
    if token.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
        if low in PERSON_PRONOUNS:
            cands = names.person_like
        else:
            cands = [e for e in entities(doc) if e.label_ in _GROUP_LABELS]
            if low == "they":
                cands = sorted(cands + names.person_like, key=lambda e: e.start)
        ent = _antecedent(doc, token, cands, quotes)
        name = None
        if ent is not None:
            name = ent.text if ent.label_ in _GROUP_LABELS else names.expand(name_words(ent))
        return Speaker(token.idx, token.idx + len(token), name)
    span = phrase_of(token)
    if _is_outlet_phrase(span, token):
        return Speaker(span.start_char, span.end_char, outlet or span.text)
    if span.label_ == "PERSON" or (token.text[:1].isupper() and token.lower_ in names.full):
        return Speaker(span.start_char, span.end_char, names.expand(name_words(span)))
    if token.pos_ == "PROPN" and span.label_ not in _GROUP_LABELS:
        last = max((t for t in span if t.pos_ == "PROPN"), key=lambda t: t.i)
        words = name_words(proper_run(last))
        return Speaker(span.start_char, span.end_char, names.expand(words))
    body = span[1:] if len(span) > 1 and span[0].lower_ in ("the", "a", "an") else span
    return Speaker(span.start_char, span.end_char, body.text or span.text)
