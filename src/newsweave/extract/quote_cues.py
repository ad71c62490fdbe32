"""Speech cues: the verb (or "according to") that attributes words to someone, and its subject.

Why the dependency parse and not word windows: in "Witkoff said that talks were
"productive," but "discussions did not yield breakthroughs," Politico reports"
the nearest verb to the second fragment is "reports", yet the parse hangs the
fragment under "said". So the syntactic governor is tried first, the words
around the quote second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# Verbs of saying, writing and reporting (lemmas). General English, no names.
SPEECH_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "note",
        "argue",
        "warn",
        "write",
        "claim",
        "insist",
        "explain",
        "declare",
        "announce",
        "report",
        "reply",
        "respond",
        "answer",
        "ask",
        "acknowledge",
        "admit",
        "recall",
        "remark",
        "comment",
        "conclude",
        "suggest",
        "predict",
        "promise",
        "vow",
        "pledge",
        "urge",
        "tweet",
        "post",
        "testify",
        "assert",
        "contend",
        "concede",
        "confirm",
        "deny",
        "agree",
        "complain",
        "joke",
        "quip",
        "shout",
        "yell",
        "whisper",
        "indicate",
        "stress",
        "emphasize",
        "emphasise",
        "observe",
        "mention",
        "caution",
        "boast",
        "brag",
        "lament",
        "charge",
        "allege",
        "maintain",
        "reiterate",
        "repeat",
        "counter",
        "retort",
        "inform",
        "disclose",
        "reveal",
        "estimate",
        "propose",
        "recommend",
        "demand",
        "threaten",
        "accuse",
        "describe",
        "call",
        "dub",
        "label",
        "praise",
        "criticize",
        "criticise",
        "blast",
        "slam",
        "mock",
        "speak",
        "interject",
        "muse",
        "wonder",
        "quote",
        "cite",
        "opine",
        "proclaim",
        "admonish",
        "recount",
        "scoff",
        "snap",
        "sniff",
        "chime",
        "blurt",
        "exclaim",
        "announce",
        "brief",
        "hint",
        "signal",
        "point",
        "chant",
        "read",
        "assure",
        "denounce",
        "decry",
        "chide",
        "bark",
        "echo",
        "email",
        "plead",
        "scold",
        "rant",
        "gush",
        "marvel",
        "scream",
        "cry",
    ]
)
# Verbs that are cues only when nothing else follows them ("he continued: …", not
# "prices continued to rise").
_BARE_LEMMAS = frozenset(["continue"])
# Verbs that name words but do not attribute a quotation to a speaker on their own:
# "describing it as a "special military operation"" or "called it a "hoax"" are scare quotes.
NAMING_LEMMAS = frozenset(["describe", "call", "dub", "label", "term", "brand", "nickname"])
# Verbs whose clause complement is reported speech ("X said that …").
INDIRECT_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "note",
        "argue",
        "warn",
        "write",
        "claim",
        "insist",
        "explain",
        "declare",
        "announce",
        "report",
        "reply",
        "respond",
        "answer",
        "acknowledge",
        "admit",
        "recall",
        "remark",
        "comment",
        "conclude",
        "suggest",
        "predict",
        "promise",
        "vow",
        "pledge",
        "tweet",
        "post",
        "testify",
        "assert",
        "contend",
        "concede",
        "confirm",
        "deny",
        "complain",
        "indicate",
        "stress",
        "emphasize",
        "emphasise",
        "observe",
        "mention",
        "caution",
        "boast",
        "allege",
        "maintain",
        "reiterate",
        "repeat",
        "counter",
        "retort",
        "disclose",
        "reveal",
        "estimate",
    ]
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp", "dep", "prep"})


@dataclass(frozen=True)
class Cue:
    """A speech cue: ``verb`` is the cue word, ``subject`` the token heading the speaker phrase."""

    verb: Token
    subject: Token | None
    text: str


# Third-person forms the tagger often reads as plural nouns ("the publication states").
_NOUN_LIKE_CUES = frozenset(
    [
        "says",
        "states",
        "notes",
        "writes",
        "reports",
        "adds",
        "argues",
        "warns",
        "claims",
        "indicates",
        "explains",
    ]
)
_RELATIVE = frozenset({"who", "which", "that"})
_WHEN_LABELS = frozenset({"DATE", "TIME"})


def is_speech(token: Token) -> bool:
    """A verb of saying (also "saying"), never an auxiliary; "states" after a noun counts too."""
    if token.pos_ in ("VERB", "AUX"):
        if token.lemma_ in _BARE_LEMMAS:
            return token.dep_ != "aux" and not any(
                c.dep_ in ("xcomp", "dobj", "prep") for c in token.children
            )
        return token.dep_ != "aux" and token.lemma_ in SPEECH_LEMMAS
    if token.lower_ in _NOUN_LIKE_CUES and token.i > 0:
        prev = token.nbor(-1)
        return prev.pos_ in ("NOUN", "PROPN", "PRON") and not prev.is_punct
    return False


def _lemma(token: Token) -> str:
    if token.pos_ not in ("VERB", "AUX") and token.lower_ in _NOUN_LIKE_CUES:
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


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a speech verb: its subject, a passive agent, or its governor's.

    "saying that …" and "adding …" borrow the subject of the verb they hang from;
    "Graham, who said …" takes the noun the relative clause modifies.
    """
    src = according_to(verb)
    if src is not None:
        return src
    seen = 0
    while seen < 4:
        seen += 1
        for child in verb.children:
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
    return _nearest_before(verb) if verb.pos_ not in ("VERB", "AUX") else None


def _same_paragraph(subject: Token, verb: Token) -> Token | None:
    """The parse may take a heading above as the subject; then the nearest name before wins."""
    lo, hi = sorted((subject.idx, verb.idx))
    if "\n" not in subject.doc.text[lo:hi]:
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


def make_cue(verb: Token) -> Cue:
    text = "according to" if verb.lower_ == "according" else verb.text
    return Cue(verb, subject_of(verb), text)


def governing_cue(root: Token, inside: Iterable[tuple[int, int]]) -> Cue | None:
    """The first speech verb above ``root`` in the parse that lies outside every quote."""
    spans = list(inside)
    token = root
    steps = 0
    while token.head.i != token.i and steps < 12:
        token = token.head
        steps += 1
        if _inside(token, spans):
            continue
        if is_speech(token) or according_to(token) is not None:
            return make_cue(token)
    return None


def cues_in(doc: Doc, start: int, end: int, inside: Iterable[tuple[int, int]]) -> list[Cue]:
    """Speech cues whose word lies in ``[start, end)`` and outside every quote, in text order."""
    spans = list(inside)
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    out = []
    for token in span:
        if _inside(token, spans):
            continue
        if is_speech(token) or according_to(token) is not None:
            out.append(make_cue(token))
    return out


def _inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    return any(s <= token.idx < e for s, e in spans)


def quote_root(doc: Doc, start: int, end: int) -> Token | None:
    """The token of ``[start, end)`` whose head lies outside it (the quote's syntactic root)."""
    span: Span | None = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    for token in span:
        if not (start <= token.head.idx < end) or token.head.i == token.i:
            return token
    return span.root
