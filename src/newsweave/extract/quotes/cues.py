"""Speech cues: the verb (or "according to") that attributes words to someone, and its subject.

Why the dependency parse and not word windows: in "The minister said that talks were
"productive," but "discussions did not yield breakthroughs," the newspaper reports"
the nearest verb to the second fragment is "reports", yet the parse hangs the
fragment under "said". So the syntactic governor is tried first, the words
around the quote second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsweave.extract.quotes.lexicon import (
    BARE_LEMMAS,
    NOUN_LIKE_CUES,
    SPEECH_LEMMAS,
)
from newsweave.nlp import entity_at, text_of
from newsweave.ranges import Ranges

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp", "dep", "prep"})


@dataclass(frozen=True)
class Cue:
    """A speech cue: ``verb`` is the cue word, ``subject`` the token heading the speaker phrase."""

    verb: Token
    subject: Token | None
    text: str


_RELATIVE = frozenset({"who", "which", "that"})
_WHEN_LABELS = frozenset({"DATE", "TIME"})
_CLOSING = frozenset({'"', "”", "''", "’", "»"})


def is_speech(token: Token) -> bool:
    """A verb of saying (also "saying"), never an auxiliary; "states" after a noun counts too."""
    if token.pos_ in ("VERB", "AUX"):
        if token.lemma_ in BARE_LEMMAS:
            return token.dep_ != "aux" and not any(
                c.dep_ in ("xcomp", "dobj", "prep") for c in token.children
            )
        return token.dep_ != "aux" and token.lemma_ in SPEECH_LEMMAS
    if token.lower_ in NOUN_LIKE_CUES and token.i > 0:
        prev = token.nbor(-1)
        return prev.pos_ in ("NOUN", "PROPN", "PRON") and not prev.is_punct
    return False


def _lemma(token: Token) -> str:
    if token.pos_ not in ("VERB", "AUX") and token.lower_ in NOUN_LIKE_CUES:
        return token.lower_[:-1]
    return token.lemma_


def according_to(token: Token) -> Token | None:
    """The source of "according to X" when ``token`` is "according", else None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def subject_of(verb: Token, quoted: Ranges | Sequence[tuple[int, int]] = ()) -> Token | None:
    """The speaker token of a speech verb: its subject, a passive agent, or its governor's.

    "saying that …" and "adding …" borrow the subject of the verb they hang from;
    "Graham, who said …" takes the noun the relative clause modifies.
    """
    src = according_to(verb)
    if src is not None:
        return src
    quoted = Ranges.of(quoted)
    said = verb
    seen = 0
    while seen < 4:
        seen += 1
        for child in verb.children:
            if _inside(child, quoted) or _bare_gerund_subject(child, verb):
                continue
            if child.dep_ in _SUBJECT_DEPS and not (
                child.dep_ == "nsubjpass" and child.lower_ == "it"
            ):
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return _same_paragraph(child, verb)
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    if verb.pos_ not in ("VERB", "AUX"):
        return _nearest_before(verb)
    return _named_after_quote(said)


def _named_after_quote(verb: Token) -> Token | None:
    """``"…," Jane Doe, a top adviser, said``, parsed with the name inside the quote's clause.

    The small model often hangs an inverted speaker under the quoted clause
    and leaves "said" without a subject; the speaker is then the first name,
    pronoun or noun after the closing mark, before the verb.
    """
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and verb.i - i <= 15 and doc[i].text not in _CLOSING and "\n" not in doc[i].text:
        i -= 1
    if i < 0 or doc[i].text not in _CLOSING:
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        return nxt if nxt is not None and nxt.pos_ == "PROPN" else None  # "Continued Stone:"
    window = doc[i + 1 : verb.i]
    first = next((t for t in window if t.pos_ in ("PROPN", "PRON", "NOUN")), None)
    if first is None:
        return None
    ent = entity_at(first)
    if ent is not None:
        return doc[ent.end - 1]
    while first.i + 1 < verb.i and doc[first.i + 1].dep_ in ("compound", "flat"):
        first = doc[first.i + 1]
    while first.i + 1 < verb.i and first.dep_ in ("compound", "flat") and first.head.i > first.i:
        first = first.head
    return first


def _bare_gerund_subject(child: Token, verb: Token) -> bool:
    """ "showered him with praise saying …": a bare noun before "saying" is a misparse."""
    if child.dep_ not in _SUBJECT_DEPS or verb.tag_ != "VBG" or child.pos_ != "NOUN":
        return False
    return not any(c.dep_ in ("det", "poss") for c in child.children)


def _same_paragraph(subject: Token, verb: Token) -> Token | None:
    """The parse may take a heading above as the subject; then the nearest name before wins."""
    lo, hi = sorted((subject.idx, verb.idx))
    if "\n" not in text_of(subject.doc)[lo:hi]:
        return subject
    return _nearest_before(verb)


def _nearest_before(verb: Token) -> Token | None:
    """The closest proper noun, pronoun or noun before ``verb`` on its line."""
    i = verb.i - 1
    while i >= 0 and "\n" not in verb.doc[i].whitespace_ + verb.doc[i].text:
        tok = verb.doc[i]
        if tok.pos_ in ("PROPN", "PRON", "NOUN") and tok.ent_type_ not in _WHEN_LABELS:
            return tok
        if tok.is_punct and tok.text not in "'’":
            return None
        i -= 1
    return None


def cue_lemma(cue: Cue) -> str:
    return "according" if cue.text == "according to" else _lemma(cue.verb)


def make_cue(verb: Token, quoted: Ranges | Sequence[tuple[int, int]] = ()) -> Cue:
    text = "according to" if verb.lower_ == "according" else verb.text
    return Cue(verb, subject_of(verb, quoted), text)


def colon_cue(doc: Doc, start: int, open_at: int) -> Cue | None:
    """``Bush: "The mission is …"``: a short lead-in ending in a name and a colon is a cue.

    Transcripts, live blogs and round-ups introduce speakers this way, with no verb.
    """
    span = doc.char_span(start, open_at, alignment_mode="contract")
    lead = [t for t in span or [] if not t.is_space]
    if len(lead) < 2 or len(lead) > 8 or lead[-1].text != ":":
        return None
    name = lead[-2]
    if name.pos_ != "PROPN" or name.ent_type_ in _WHEN_LABELS:
        return None
    return Cue(lead[-1], name, ":")


def lead_in_cue(doc: Doc, para: tuple[int, int], inside: Ranges) -> Cue | None:
    """``He said:`` ending the paragraph before a quote that opens its own paragraph."""
    p_start, p_end = para
    if not text_of(doc)[p_start:p_end].rstrip().endswith(":"):
        return None
    cues = cues_in(doc, p_start, p_end, inside)
    return cues[-1] if cues else colon_cue(doc, p_start, p_end)


def last_reported_cue(doc: Doc, para: tuple[int, int], inside: Ranges) -> Cue | None:
    """``X said the effort would grow.¶"To my knowledge, …"``: the last speaker reported."""
    p_start, p_end = para
    span = doc.char_span(p_start, p_end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    sent = span[-1].sent
    cues = cues_in(doc, max(p_start, sent.start_char), p_end, inside)
    return cues[-1] if cues else None


def governing_cue(root: Token, inside: Ranges | Iterable[tuple[int, int]]) -> Cue | None:
    """The first speech verb above ``root`` in the parse that lies outside every quote."""
    spans = Ranges.of(inside)
    token = root
    steps = 0
    while token.head.i != token.i and steps < 12:
        token = token.head
        steps += 1
        if _inside(token, spans):
            continue
        if is_speech(token) or according_to(token) is not None:
            return make_cue(token, spans)
    return None


def cues_in(
    doc: Doc, start: int, end: int, inside: Ranges | Iterable[tuple[int, int]]
) -> list[Cue]:
    """Speech cues whose word lies in ``[start, end)`` and outside every quote, in text order."""
    spans = Ranges.of(inside)
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    out = []
    for token in span:
        if _inside(token, spans):
            continue
        if is_speech(token) or according_to(token) is not None:
            out.append(make_cue(token, spans))
    return out


def _inside(token: Token, spans: Ranges | Sequence[tuple[int, int]]) -> bool:
    return token.idx in Ranges.of(spans)


def quote_root(doc: Doc, start: int, end: int) -> Token | None:
    """The token of ``[start, end)`` whose head lies outside it (the quote's syntactic root)."""
    span: Span | None = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    for token in span:
        if not (start <= token.head.idx < end) or token.head.i == token.i:
            return token
    return span.root
