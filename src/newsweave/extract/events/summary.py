"""A short extractive summary of an event: subject + trigger + object, within its clause.

Why extractive: a summary that cites an article must be words the article
wrote. We keep the clause's core (subject, verb, auxiliaries, objects and
complements, prepositional phrases) and drop what belongs elsewhere (relative
and adverbial clauses, appositions, parentheses, the date words, which the
event carries separately), then join the kept words with their own spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from newsweave.extract.events.args import setting_of, syntactic_subject
from newsweave.extract.events.triggers import Trigger
from newsweave.nlp import entity_at

MAX_TOKENS = 28
_DROP = frozenset(
    {"relcl", "acl", "advcl", "appos", "parataxis", "mark", "intj", "meta", "dep", "punct"}
)
_CORE = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "aux",
        "auxpass",
        "neg",
        "prt",
        "dobj",
        "dative",
        "attr",
        "acomp",
        "oprd",
        "xcomp",
        "prep",
        "agent",
    }
)
_FUNCTION = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "PRON", "AUX"})
_SPEECH_KINDS = frozenset({"statement", "announcement"})
_VERBAL = frozenset({"VERB", "AUX"})
_SEAM_PUNCT = frozenset({",", "-", "–", "/", "'", "’"})


def _parenthesised(tok: Token) -> bool:
    depth = 0
    for t in tok.sent:
        if t.i >= tok.i:
            break
        depth += (t.text == "(") - (t.text == ")")
    return depth > 0


def _clausal_conj(child: Token) -> bool:
    return child.dep_ in ("conj", "cc") and child.head.pos_ in ("VERB", "AUX")


def _grow(tok: Token, keep: set[int], skip: set[int]) -> None:
    keep.add(tok.i)
    for child in tok.children:
        named_appos = child.dep_ == "appos" and child.pos_ == "PROPN" and tok.pos_ == "NOUN"
        if (child.dep_ in _DROP and not named_appos) or child.i in skip:
            continue
        if _clausal_conj(child) or _parenthesised(child) or _empty_prep(child, skip):
            continue
        _grow(child, keep, skip)


def _empty_prep(child: Token, skip: set[int]) -> bool:
    """A preposition whose object is dropped (the date) goes with it."""
    return child.dep_ == "prep" and all(g.i in skip for g in child.children if g.dep_ == "pobj")


def _core(anchor: Token, kind: str, keep: set[int], skip: set[int]) -> None:
    """The verb, its own core dependents, and (for speech) what was said; a fronted
    phrase ("On nuclear cooperation, …") is scene-setting, not the event."""
    keep.add(anchor.i)
    core = _CORE | ({"ccomp"} if kind in _SPEECH_KINDS else set())
    subjects = [c.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
    first = min([anchor.i, *subjects])
    for child in anchor.children:
        if child.i in skip or child.dep_ not in core or _empty_prep(child, skip):
            continue
        if child.dep_ == "prep" and child.i < first:
            continue
        _grow(child, keep, skip)


def _seams(keep: set[int], doc_len: int, tokens: Sequence[Token]) -> None:
    """Keep a comma or hyphen that sits between two kept words ("son-in-law")."""
    for tok in tokens:
        if (
            tok.pos_ == "PUNCT"
            and tok.text in _SEAM_PUNCT
            and tok.i - 1 in keep
            and tok.i + 1 < doc_len
            and tok.i + 1 in keep
        ):
            keep.add(tok.i)


def summary_tokens(trigger: Trigger, skip: set[int], *, named_subject: bool = False) -> list[Token]:
    """Tokens of the summary, in text order; ``skip`` holds date and quoted words.

    An event noun that is the setting of a clause with a named subject is told by
    that clause ("the minister offered no compromise during his press conference").
    """
    keep: set[int] = set()
    setting = setting_of(trigger)
    anchor = trigger.anchor
    if setting is not None and setting.pos_ in _VERBAL and named_subject:
        anchor = setting
    if trigger.nominal and anchor.i == trigger.token.i:
        _grow(trigger.token, keep, skip)
    else:
        _core(anchor, trigger.kind, keep, skip)
        subject = syntactic_subject(anchor)
        if subject is not None and subject.i not in keep:
            _grow(subject, keep, skip)
    doc = anchor.doc
    _seams(keep, len(doc), list(anchor.sent))
    return [doc[i] for i in sorted(keep)][:MAX_TOKENS]


def summary_text(tokens: list[Token]) -> str:
    """Join kept tokens with the text's own spacing; tidy the seams left by dropped words."""
    while tokens and tokens[-1].pos_ in _FUNCTION and len(tokens) > 1:
        tokens = tokens[:-1]
    while tokens and tokens[0].pos_ == "PUNCT":
        tokens = tokens[1:]
    parts: list[str] = []
    for pos, tok in enumerate(tokens):
        nxt_tok = tokens[pos + 1] if pos + 1 < len(tokens) else None
        if nxt_tok is not None and nxt_tok.i != tok.i + 1 and tok.lower_ in ("a", "an"):
            parts.append(_article_for(tok.text, nxt_tok.text))  # "an [overnight] Russian strike"
            parts.append(" ")
            continue
        parts.append(tok.text)
        if pos + 1 < len(tokens):
            nxt = tokens[pos + 1]
            parts.append(tok.whitespace_ if nxt.i == tok.i + 1 else " ")
    text = "".join(parts)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;:-—")


_A_BEFORE_VOWEL = ("eu", "uni", "one", "use", "usu", "ukr")
_AN_BEFORE_CONSONANT = ("hour", "honest", "honou", "heir")


def _article_for(article: str, word: str) -> str:
    """ "a" or "an" for ``word`` once the words between them were dropped.

    Why a spelling rule: the summary is plain text, and a letter-based guess with
    the usual exceptions ("a European", "an hour") is right for news vocabulary.
    """
    w = word.lower()
    vowel = w[:1] in "aeiou" and not w.startswith(_A_BEFORE_VOWEL)
    vowel = vowel or w.startswith(_AN_BEFORE_CONSONANT)
    chosen = "an" if vowel else "a"
    return chosen.capitalize() if article[:1].isupper() else chosen


def figure_of(tokens: Iterable[Token], labels: frozenset[str]) -> str | None:
    """The first number the summary states as fact ("90 billion", "eight")."""
    for tok in tokens:
        if tok.ent_type_ in labels:
            ent = entity_at(tok)
            if ent is not None:
                return ent.text
    return None
