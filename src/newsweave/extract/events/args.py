"""Arguments of an event trigger: who took part, where, and which date governs it.

Why from the dependency parse: in "X said on Saturday that the talks advanced"
Saturday dates the saying, not the talks; in "talks in Geneva with X" Geneva is
the place and X a participant; in "the president's envoy, Jane Roe" the envoy is
the participant, not the man whose envoy he is. Each of these is a walk over
heads and children, bounded by clause edges (reported speech, relative clauses
and "after …" clauses have times of their own).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from newsweave.extract.events.triggers import Trigger
from newsweave.model import Mention, Timex

PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CLAUSE_EDGES = frozenset({"ccomp", "relcl", "acl", "parataxis", "csubj", "csubjpass"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
_PARTY_PREPS = frozenset({"with", "between", "among", "against", "into", "by", "of"})
_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
_SETTING_PREPS = frozenset({"in", "at", "during"})
_RELATIVE = frozenset({"that", "which", "who", "whom"})
_NOUN_MODS = frozenset({"amod", "compound", "nmod"})
_TRIGGER_MODS = frozenset({"amod", "compound", "nmod", "poss"})
_OPEN_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "prep", "pobj", "dobj"})


def clause_edge(tok: Token) -> bool:
    """Leaving ``tok`` upward leaves a clause with its own time or speaker."""
    if tok.dep_ in _CLAUSE_EDGES:
        return True
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children)


class MentionIndex:
    """Mentions of one parsed text, looked up by token."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self._by_token: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self._by_token.setdefault(tok.i, m)

    def at(self, tok: Token) -> Mention | None:
        return self._by_token.get(tok.i)


def _heads(tok: Token, appositive: bool = False) -> Iterator[tuple[Token, bool]]:
    """An argument and what it stands for: conjuncts, appositions, "leaders of X"."""
    yield tok, appositive
    for child in tok.children:
        if child.dep_ in ("conj", "appos"):
            yield from _heads(child, appositive or child.dep_ == "appos")
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield from _heads(pobj, appositive)


def _arg_mentions(tok: Token, index: MentionIndex) -> list[Mention]:
    """Mentions an argument names; "Russian officials" names the Russian side (but
    "the palace envoy" in an apposition describes, it does not add a party)."""
    found: list[Mention] = []
    for head, appositive in _heads(tok):
        m = index.at(head)
        if m is not None:
            found.append(m)
        elif head.pos_ == "NOUN" and not appositive:
            for child in head.children:
                mod = index.at(child) if child.dep_ in _NOUN_MODS else None
                if mod is not None and mod.label in ("NORP", "GPE", "ORG"):
                    found.append(mod)
    return found


def subject_token(anchor: Token, index: MentionIndex) -> Token | None:
    """The named subject of a clause, climbing from open complements and participles.

    "teams held talks and agreed to pursue" gives "agreed" the subject of
    "held"; "the delegation that will meet" gives "meet" the delegation.
    """
    tok = anchor
    while True:
        for child in tok.children:
            if child.dep_ not in _SUBJECTS:
                continue
            if child.lower_ in _RELATIVE and tok.dep_ == "relcl":
                return tok.head
            if _arg_mentions(child, index):
                return child
        if clause_edge(tok) or tok.head.i == tok.i:
            return None
        tok = tok.head


def subject_of(anchor: Token, index: MentionIndex) -> list[Mention]:
    """Mentions the clause's (possibly inherited) subject names."""
    subject = subject_token(anchor, index)
    return _arg_mentions(subject, index) if subject is not None else []


def setting_of(trigger: Trigger) -> Token | None:
    """The verb an event noun is the setting of: "offered no compromise *during his
    press conference*" — the noun shares that clause's subject and date."""
    tok = trigger.token
    if (
        trigger.nominal
        and trigger.anchor.i == tok.i
        and tok.dep_ == "pobj"
        and tok.head.lower_ in _SETTING_PREPS
        and tok.head.head.i != tok.head.i
    ):
        return tok.head.head
    return None


def syntactic_subject(anchor: Token) -> Token | None:
    """The grammatical subject of a clause, named or not, climbing open complements."""
    tok = anchor
    while True:
        for child in tok.children:
            if child.dep_ in _SUBJECTS:
                return tok.head if child.lower_ in _RELATIVE and tok.dep_ == "relcl" else child
        if clause_edge(tok) or tok.head.i == tok.i or tok.dep_ not in _OPEN_DEPS:
            return None
        tok = tok.head


def participants(trigger: Trigger, index: MentionIndex) -> list[Mention]:
    """Named parties: subject, objects, "with/between/against …", and the trigger's own
    modifiers ("Russian missile strike"); a setting noun ("during his press
    conference") takes the subject of the clause it sets."""
    anchor, tok = trigger.anchor, trigger.token
    found: list[Mention] = []
    setting = setting_of(trigger)
    if anchor.i != tok.i or not trigger.nominal:
        found += subject_of(anchor, index)
    elif setting is not None:
        found += subject_of(setting, index)
    for head in [anchor] if anchor.i == tok.i else [anchor, tok]:
        for child in head.children:
            if child.dep_ in _OBJECTS and child.i != tok.i:
                found += _arg_mentions(child, index)
            elif child.dep_ in ("prep", "agent") and child.lower_ in _PARTY_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += _arg_mentions(pobj, index)
    for child in tok.children if trigger.nominal else ():
        m = index.at(child) if child.dep_ in _TRIGGER_MODS else None
        if m is not None and m.label in PARTICIPANT_LABELS:
            found.append(m)
    return [m for m in dict.fromkeys(found) if m.label in PARTICIPANT_LABELS]


def _place_of(pobj: Token, index: MentionIndex, prep: str) -> list[Token]:
    """Tokens naming a place under a locative preposition, following "X in Y, Z"."""
    m = index.at(pobj)
    labels = PLACE_LABELS | ({"ORG"} if prep == "at" else set())
    out: list[Token] = []
    named_mod = pobj.pos_ == "NOUN" and any(
        (cm := index.at(c)) is not None and cm.label in PLACE_LABELS
        for c in pobj.children
        if c.dep_ in ("compound", "poss")
    )
    if (m is not None and m.label in labels) or named_mod:
        out.append(pobj)
    for child in pobj.children:
        if child.dep_ in ("appos", "conj"):
            out += _place_of(child, index, prep)
        elif child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    out += _place_of(grand, index, prep)
    return out


def place_tokens(trigger: Trigger, index: MentionIndex) -> list[Token]:
    """Heads of the place phrases: "in Geneva", "at the palace in Oslo", "to Geneva"
    for a trip, and "Geneva, where the talks took place"."""
    preps = _PLACE_PREPS | ({"to", "for"} if trigger.kind == "trip" else set())
    out: list[Token] = []
    anchor, tok = trigger.anchor, trigger.token
    for head in [anchor] if anchor.i == tok.i else [anchor, tok]:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out += _place_of(pobj, index, child.lower_)
        if head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children):
            out += _place_of(head.head, index, "in")
    return list(dict.fromkeys(out))


def place_text(tokens: Sequence[Token], index: MentionIndex) -> str | None:
    """The place as written: mention texts, or the noun phrase ("Ukraine's southern region")."""
    names: list[str] = []
    for tok in tokens:
        m = index.at(tok)
        if m is not None:
            names.append(_name(m))
        else:
            left = min(t.i for t in tok.subtree if t.dep_ not in ("prep", "pobj") and t.i <= tok.i)
            names.append(tok.doc[left : tok.i + 1].text)
    names = list(dict.fromkeys(n for n in names if n))
    return ", ".join(names) or None


def _name(m: Mention) -> str:
    name = m.text.strip()
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip()


def names(mentions: Sequence[Mention], exclude: Sequence[Token], index: MentionIndex) -> list[str]:
    """Participant names in order, without possessives and without the place."""
    places = {id(index.at(t)) for t in exclude}
    out = [_name(m) for m in mentions if id(m) not in places]
    return list(dict.fromkeys(n for n in out if n))


def timex_roots(
    doc: Doc, timexes: Sequence[Timex], start: int, end: int
) -> list[tuple[Timex, Token]]:
    """Dated timexes inside ``[start, end)`` with the token heading each."""
    out: list[tuple[Timex, Token]] = []
    for tx in timexes:
        if tx.start < start or tx.end > end or tx.value is None or not _dated(tx):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((tx, span.root))
    return out


_DATED = ("time", "daypart", "day", "week", "month", "quarter", "half", "season", "year")


def _dated(tx: Timex) -> bool:
    return tx.type in ("DATE", "TIME") and tx.precision in _DATED


def precision_rank(precision: str | None) -> int:
    """0 for a time of day, growing with coarseness; unknown sorts last."""
    return _DATED.index(precision) if precision in _DATED else len(_DATED)
