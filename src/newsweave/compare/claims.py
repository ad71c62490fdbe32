"""Split an article into claims: sentences, cut further at coordinated clauses with their own
subject and at semicolons, each kept as exact offsets into the article text.

A claim carries what alignment needs: content lemmas, entity keys, quantities,
resolved dates and who the text attributes it to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsweave.compare.numbers import Quantity, find_quantities
from newsweave.compare.sources import attribution_of
from newsweave.model import Article
from newsweave.nlp import entities_within, text_of

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_MIN_WORDS = 5
#: Offsets → entity key; lets the stage use resolved entity ids and tests use plain names.
EntityKeyer = Callable[[str, int, int], str | None]


@dataclass(frozen=True)
class ClaimUnit:
    """One claim as one article states it: ``text == article.text[start:end]``."""

    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    position: int
    terms: tuple[str, ...]
    entities: frozenset[str]
    quantities: tuple[Quantity, ...] = ()
    dates: frozenset[str] = field(default_factory=frozenset)
    attribution: str | None = None
    #: The names in it as (start, end, name key): ``entities`` holds each one's entity id
    #: where it is resolved, else its name key (see :func:`with_entity_keys`).
    entity_spans: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class DatedSpan:
    """A resolved date in the article text (a timex), as alignment needs it."""

    start: int
    end: int
    value: str
    precision: str | None


def split_claims(
    article: Article,
    doc: Doc,
    outlet: str,
    dates: Sequence[DatedSpan] = (),
    entity_key: EntityKeyer | None = None,
) -> list[ClaimUnit]:
    """Claims of one parsed article, in text order; headings and fragments are left out."""
    units: list[ClaimUnit] = []
    for sent in _lines(doc):
        for start, end in _clauses(sent):
            piece = doc.char_span(start, end, alignment_mode="expand")
            if piece is None or not _is_statement(piece):
                continue
            units.append(_unit(article, piece, outlet, len(units), dates, entity_key))
    return units


def _lines(doc: Doc) -> list[Span]:
    """Sentences, cut again at line breaks: the parser sometimes runs across a paragraph."""
    out: list[Span] = []
    for sent in doc.sents:
        begin = sent.start
        for tok in sent:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                end = tok.i if tok.is_space else tok.i + 1
                if end > begin:
                    out.append(doc[begin:end])
                begin = tok.i + 1
        if begin < sent.end:
            out.append(doc[begin : sent.end])
    return out


def _clauses(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of the independent clauses of a sentence."""
    cuts: list[int] = []
    for tok in sent:
        if tok.text == ";" and tok.i > sent.start:
            cuts.append(tok.i)
    root = sent.root
    for conj in root.children:
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX") and _has_subject(conj):
            left = conj.left_edge.i
            while left > sent.start and sent.doc[left - 1].dep_ in ("cc", "punct"):
                left -= 1
            if left > sent.start:
                cuts.append(left)
    bounds: list[tuple[int, int]] = []
    begin = sent.start
    for cut in sorted(set(cuts)):
        bounds.append((begin, cut))
        begin = cut
    bounds.append((begin, sent.end))
    doc = sent.doc
    return [r for b, e in bounds if (r := _trim(doc, b, e)) is not None]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _trim(doc: Doc, begin: int, end: int) -> tuple[int, int] | None:
    """Drop leading conjunctions/punctuation and trailing separators; keep closing quotes."""
    while begin < end and (
        (doc[begin].is_punct and doc[begin].text not in "\"“'‘(")
        or doc[begin].dep_ == "cc"
        or doc[begin].is_space
    ):
        begin += 1
    while end > begin and (doc[end - 1].text in {";", ",", "-", "—"} or doc[end - 1].is_space):
        end -= 1
    if begin >= end:
        return None
    start, stop = doc[begin].idx, doc[end - 1].idx + len(doc[end - 1].text)
    text = text_of(doc)[start:stop]
    if "\n" in text.strip():
        return None
    return start, stop


def _is_statement(span: Span) -> bool:
    """A claim has a verb and enough words; headings and captions' fragments do not."""
    words = [t for t in span if t.is_alpha]
    if len(words) < _MIN_WORDS:
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _unit(
    article: Article,
    span: Span,
    outlet: str,
    position: int,
    dates: Sequence[DatedSpan],
    entity_key: EntityKeyer | None,
) -> ClaimUnit:
    start, end = span.start_char, span.end_char
    spans = tuple(
        (ent.start_char, ent.end_char, _name_key(ent))
        for ent in entities_within(span)
        if ent.label_ in _ENTITY_LABELS
    )
    return ClaimUnit(
        article_id=article.id,
        outlet=outlet,
        start=start,
        end=end,
        text=article.text[start:end],
        position=position,
        terms=content_terms(span),
        entities=_entities(article.id, spans, entity_key),
        entity_spans=spans,
        quantities=tuple(find_quantities(span.text, offset=start)),
        dates=frozenset(d.value for d in dates if start <= d.start and d.end <= end),
        attribution=attribution_of(span),
    )


def content_terms(span: Span) -> tuple[str, ...]:
    """Lower-cased lemmas of content words; speech verbs count as little as stop words."""
    return tuple(
        t.lemma_.lower()
        for t in span
        if t.pos_ in _CONTENT_POS and not t.is_stop and t.is_alpha and len(t.text) > 1
    )


def _entities(
    article_id: str, spans: Sequence[tuple[int, int, str]], entity_key: EntityKeyer | None
) -> frozenset[str]:
    keys: set[str] = set()
    for start, end, name in spans:
        key = entity_key(article_id, start, end) if entity_key else None
        keys.add(key or name)
    return frozenset(keys)


def with_entity_keys(unit: ClaimUnit, entity_key: EntityKeyer | None) -> ClaimUnit:
    """``unit`` with its names keyed by resolved entity where ``entity_key`` knows them: a
    unit found before entities were resolved is keyed once they are."""
    return replace(unit, entities=_entities(unit.article_id, unit.entity_spans, entity_key))


def _name_key(ent: Span) -> str:
    """Without resolved entities: the last word of a name ("Vladimir Putin" = "Putin")."""
    words = [t.text for t in ent if t.is_alpha or ("." in t.text and len(t.text) > 2)]
    return (words[-1] if words else ent.text).casefold()
