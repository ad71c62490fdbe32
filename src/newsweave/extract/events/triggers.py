"""Find event triggers in a parsed sentence: verbs and event nouns from the lexicon.

Why the parse and not a word list alone: "held talks" is one event carried by
a light verb, "decided to allocate" is one decision, "did not hold talks" and
"may join the talks" are no event at all, and a trigger inside quotation marks
is something a speaker said, not something the article reports as happened.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsweave.extract.events.lexicon import Lexicon, lexicon
from newsweave.ranges import Ranges

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_LIGHT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_NOUN_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "conj"})
_ADJECTIVAL = frozenset({"amod", "compound"})
_NUMERIC_DEPS = frozenset({"dobj", "attr", "npadvmod", "advmod"})
_NUMERIC_PREPS = frozenset({"to", "at", "by", "above", "over"})
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True)
class Trigger:
    """One event trigger: ``token`` names the event, ``anchor`` carries its clause.

    For "held talks" the token is "talks" and the anchor "held"; for a verb or a
    bare event noun the anchor is the token itself. ``start:end`` are document
    character offsets of the trigger words.
    """

    kind: str
    token: Token
    anchor: Token
    start: int
    end: int
    tense: str | None
    nominal: bool = False


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paired within a paragraph.

    Straight quotes toggle; an unclosed quote ends at the paragraph break so one
    stray mark never swallows the rest of the article.
    """
    ranges: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and closer == '"':
            ranges.append((open_at, i))
            open_at = None
        elif open_at is None and (ch in _OPEN_QUOTES or ch == '"'):
            open_at, closer = i, _OPEN_QUOTES.get(ch, '"')
        elif open_at is not None and ch == closer:
            ranges.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        ranges.append((open_at, len(text)))
    return ranges


def _inside(offset: int, ranges: Ranges | Sequence[tuple[int, int]]) -> bool:
    return offset in Ranges.of(ranges)


def _child_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children} | {c.lemma_.lower() for c in tok.children}


def _has_number(tok: Token, lex: Lexicon) -> bool:
    """A figure verb counts only with a number as its complement ("rose to eight")."""

    def numeric(t: Token) -> bool:
        return t.like_num or t.ent_type_ in lex.figure_labels

    for child in tok.children:
        if child.dep_ in _NUMERIC_DEPS and numeric(child):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in _NUMERIC_PREPS
            and any(numeric(p) for p in child.children if p.dep_ == "pobj")
        ):
            return True
    return False


def _verb_kind(tok: Token, lex: Lexicon) -> str | None:
    for vo in lex.verb_objects:
        if tok.lemma_.lower() != vo.verb:
            continue
        objects = {c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"}
        if vo.object in objects and (not vo.prep or vo.prep in _child_words(tok)):
            return vo.kind
    entry = lex.verbs.get(tok.lemma_.lower())
    if entry is None:
        return None
    kind, needs = entry
    if needs and not needs & _child_words(tok):
        return None
    if kind == "figure" and not _has_number(tok, lex):
        return None
    return kind


def _noun_kind(tok: Token, lex: Lexicon) -> str | None:
    entry = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    if entry is None:
        return None
    kind, needs = entry
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
    if needs and not needs & mods:
        return None
    return kind


def _anchor(tok: Token, lex: Lexicon) -> Token:
    """The light verb of an event noun ("held talks", "launched an invasion")."""
    head = tok.head
    if tok.dep_ in _LIGHT_DEPS and head.pos_ in _VERBAL and head.lemma_.lower() in lex.light_verbs:
        return head
    return tok


def _xcomp_chain(tok: Token) -> Iterator[Token]:
    """The token and the verbs it is the open complement of ("set to meet")."""
    yield tok
    while tok.dep_ == "xcomp" and tok.head.i != tok.i:
        tok = tok.head
        yield tok


def _tense(anchor: Token, lex: Lexicon) -> str | None:
    if anchor.pos_ not in _VERBAL:
        return None
    for tok in _xcomp_chain(anchor):
        auxes = {c.lemma_.lower() for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lex.future_auxes or (tok.i != anchor.i and tok.lemma_ in lex.future_heads):
            return "future"
    if anchor.tag_ in ("VBD", "VBN"):
        return "past"
    return "present"


def _unasserted(tok: Token, anchor: Token, lex: Lexicon) -> bool:
    """Negated, modal, intended or conditional: reported as not (yet) having happened."""
    if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in tok.children):
        return True
    for t in _xcomp_chain(anchor):
        kids = list(t.children)
        if any(c.dep_ == "neg" for c in kids):
            return True
        if any(c.dep_ == "aux" and c.lemma_.lower() in lex.modal_auxes for c in kids):
            return True
        if t.i != anchor.i and t.lemma_.lower() in lex.hypothetical_heads:
            return True
    for t in [anchor, *anchor.ancestors]:
        if t.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lex.conditional_marks for c in t.children
        ):
            return True
    return False


def _extent(tok: Token) -> tuple[int, int]:
    """Trigger words: a noun with its compound modifiers, a verb with its particle."""
    left = tok
    for child in tok.lefts:
        if child.dep_ == "compound" and child.i == left.i - 1:
            left = child
    right = tok
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == right.i + 1:
            right = child
    return left.idx, right.idx + len(right.text)


def _candidates(sent: Span, lex: Lexicon) -> Iterator[tuple[Token, str, bool]]:
    """(token, kind, nominal); a "verb" in a noun's slot ("talks in Geneva were …")
    is read as the noun the small model mistook it for."""
    for tok in sent:
        if tok.pos_ in _VERBAL and tok.dep_ not in _ADJECTIVAL:
            kind = _verb_kind(tok, lex)
            if kind is not None:
                yield tok, kind, False
                continue
        if tok.pos_ in _NOMINAL or (tok.pos_ in _VERBAL and tok.dep_ in _NOUN_DEPS):
            kind = _noun_kind(tok, lex)
            if kind is not None:
                yield tok, kind, True


def find_triggers(sent: Span, quoted: Ranges | Sequence[tuple[int, int]] = ()) -> list[Trigger]:
    """Asserted event triggers of one sentence, one per clause anchor and family."""
    lex = lexicon()
    quoted = Ranges.of(quoted)
    found: list[Trigger] = []
    seen: set[tuple[int, str]] = set()
    for tok, kind, nominal in _candidates(sent, lex):
        anchor = _anchor(tok, lex) if nominal else tok
        if _inside(tok.idx, quoted) or _unasserted(tok, anchor, lex):
            continue
        key = (anchor.i, lex.family(kind))
        if key in seen:
            continue
        seen.add(key)
        start, end = _extent(tok)
        tense = _tense(anchor, lex) if anchor.i != tok.i or not nominal else None
        found.append(Trigger(kind, tok, anchor, start, end, tense, nominal))
    return _collapse(found, lex)


def _nested_in(t: Trigger, anchors: set[tuple[int, str]], lex: Lexicon) -> bool:
    """Whether ``t`` restates a same-family trigger it depends on.

    "decided to allocate" is one decision; "meet … for the latest talks" is one
    meeting.
    """
    family = lex.family(t.kind)
    if t.anchor.dep_ == "xcomp" and t.anchor.head.i != t.anchor.i:
        return (t.anchor.head.i, family) in anchors
    tok = t.token
    if t.anchor.i == tok.i and tok.dep_ == "pobj" and tok.head.head.i != tok.head.i:
        return (tok.head.head.i, family) in anchors
    return False


def _collapse(found: list[Trigger], lex: Lexicon) -> list[Trigger]:
    anchors = {(t.anchor.i, lex.family(t.kind)) for t in found}
    return [t for t in found if not _nested_in(t, anchors, lex)]
