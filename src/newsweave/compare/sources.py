"""Who a claim is attributed to, who each outlet quotes, and which sources each outlet relies on.

"according to RIA Novosti", "Politico reports", "a source told Reuters", "Russian media
reported": the speech-cue parse of the quote extractor finds the attributing phrase;
a source is an attribution to an organisation or to the media, a speaker is anyone quoted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsweave.extract.quotes import according_to, is_speech, subject_of
from newsweave.model import Article, Quote
from newsweave.model import Span as TextSpan
from newsweave.nlp import entity_at, text_of

# Reporting verbs whose subject (or object, for "told") is a source the outlet relies on.
_REPORT_LEMMAS = frozenset({"report", "write", "say", "state", "note", "tell", "cite", "quote"})
# Nouns that name the press in general ("Russian media", "state news agency"); general English.
_MEDIA_NOUNS = frozenset(
    {
        "media",
        "agency",
        "newspaper",
        "outlet",
        "broadcaster",
        "channel",
        "daily",
        "publication",
        "press",
        "television",
        "tv",
        "radio",
        "website",
        "tabloid",
        "journal",
    }
)
_NAME_DEPS = frozenset({"compound", "amod", "poss", "case", "det", "nmod", "flat"})


@dataclass(frozen=True)
class SourceUse:
    """One outlet relying on one source, at the words that say so."""

    outlet: str
    source: str
    cue: str
    span: TextSpan


def name_phrase(tok: Token) -> str:
    """The name at a head token: its named entity, an apposed name, or compounds and modifiers."""
    named = entity_at(tok) or _apposed_name(tok)
    if named is not None:
        return named.text.removesuffix("'s").removesuffix("’s")
    left = tok
    for child in tok.lefts:
        if child.dep_ in _NAME_DEPS and child.i < left.i:
            left = child
    words = [t for t in tok.doc[left.i : tok.i + 1] if t.dep_ != "det" and t.text not in "'’"]
    text = " ".join(t.text for t in words).replace(" 's", "'s")
    return text or tok.text


def _apposed_name(tok: Token) -> Span | None:
    """ "the state news agency RIA Novosti": the name right after (or apposed to) a common noun."""
    if tok.pos_ != "NOUN":
        return None
    for child in tok.rights:
        if child.dep_ == "appos" and child.ent_type_:
            return entity_at(child)
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "B":
        return entity_at(tok.doc[tok.i + 1])
    return None


def attribution_of(span: Span) -> str | None:
    """Who the claim is attributed to: the subject of its main speech verb or "according to X"."""
    for tok in span:
        src = according_to(tok)
        if src is not None:
            return name_phrase(src)
    for tok in span:
        if is_speech(tok) and (tok.dep_ in ("ROOT", "conj", "parataxis") or tok.head == tok):
            subject = subject_of(tok)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                return name_phrase(subject)
    return None


def _is_media(tok: Token) -> bool:
    return tok.lemma_.lower() in _MEDIA_NOUNS or tok.lower_ in _MEDIA_NOUNS


def _is_source_token(tok: Token, strict: bool = False) -> bool:
    """An organisation (not for bare "say") or a word naming the press."""
    if _is_media(tok):
        return True
    return not strict and tok.ent_type_ == "ORG"


def find_sources(article: Article, doc: Doc, outlet: str) -> list[SourceUse]:
    """Sources an article relies on: cited outlets and organisations or media it attributes to."""
    found: list[SourceUse] = []
    named: list[str] = []
    for tok in doc:
        src, cue = _source_at(tok)
        if src is None or cue is None:
            continue
        left, right = min(src.left_edge.i, cue.i), max(src.i, cue.i)
        start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
        if "\n" in text_of(doc)[start:end]:
            continue
        name = name_phrase(src)
        if _is_media(src) and name.lower() == src.text.lower():
            # "the publication says", "according to the agency": the source named before it.
            name = _referent(src, named, article.cited_outlets) or name
        elif name.casefold() == outlet.casefold():
            continue  # "…, writes UNN" in UNN's own article: the outlet itself, not a source
        elif not _is_media(src) or _has_name(src):
            named.append(name)  # a named source; "Russian media" names none
        found.append(SourceUse(outlet, name, cue.lemma_.lower(), TextSpan(article.id, start, end)))
    for name in article.cited_outlets:
        at = article.text.find(name)
        if at >= 0 and not any(u.source == name for u in found):
            found.append(SourceUse(outlet, name, "cites", TextSpan(article.id, at, at + len(name))))
    return found


def _has_name(tok: Token) -> bool:
    """ "the Interfax news agency" names a source; "state media" does not."""
    named = entity_at(tok) or _apposed_name(tok)
    if named is not None and named.label_ != "NORP":
        return True
    return any(
        c.ent_type_ in ("ORG", "PERSON") or (c.pos_ == "PROPN" and c.ent_type_ != "NORP")
        for c in tok.lefts
        if c.dep_ in _NAME_DEPS
    )


def _referent(noun: Token, named: Sequence[str], cited: Sequence[str]) -> str | None:
    """What "the agency" refers to: the latest source named with that noun, else the latest one."""
    word = noun.lower_.rstrip("s")
    for name in reversed(named):
        if word in name.lower():
            return name
    if named:
        return named[-1]
    return cited[0] if cited else None


def _source_at(tok: Token) -> tuple[Token | None, Token | None]:
    """(source, cue) when ``tok`` is a cue attributing to an organisation or the media."""
    src = according_to(tok)
    if src is not None:
        return (src, tok) if _is_source_token(src) else (None, None)
    if tok.lemma_.lower() not in _REPORT_LEMMAS or not is_speech(tok):
        return None, None
    if tok.lemma_.lower() == "tell":
        for child in tok.children:
            if child.dep_ in ("dobj", "dative") and child.ent_type_ == "ORG":
                return child, tok
        return None, None
    subject = subject_of(tok)
    strict = tok.lemma_.lower() in ("say", "state", "note")
    if subject is not None and subject.i != tok.i and _is_source_token(subject, strict):
        return subject, tok
    return None, None


def sources_by_outlet(uses: Sequence[SourceUse]) -> dict[str, dict[str, list[TextSpan]]]:
    """Outlet → source → the spans where the outlet relies on it."""
    table: dict[str, dict[str, list[TextSpan]]] = defaultdict(lambda: defaultdict(list))
    for u in uses:
        table[u.outlet][u.source].append(u.span)
    return {o: dict(s) for o, s in table.items()}


def quotes_by_speaker(
    quotes: Sequence[Quote], outlet_of: Mapping[str, str], names: Mapping[str, str] | None = None
) -> dict[str, dict[str, list[Quote]]]:
    """Speaker → outlet → the quotes that outlet carries; resolved entity names first."""
    table: dict[str, dict[str, list[Quote]]] = defaultdict(lambda: defaultdict(list))
    for q in quotes:
        if q.article_id not in outlet_of:
            continue
        speaker = None
        if q.speaker_entity_id and names:
            speaker = names.get(q.speaker_entity_id)
        speaker = speaker or q.speaker or "(unattributed)"
        table[speaker][outlet_of[q.article_id]].append(q)
    return {s: dict(o) for s, o in table.items()}
