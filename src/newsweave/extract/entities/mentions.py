"""Find mentions of people, organisations and places in a parsed article.

The small English model finds most names but mislabels many of them in news
copy: a surname alone is often tagged ORG ("Trump said"), an institution used
as a speaker becomes PERSON ("the Kremlin said"), a city after "in" becomes
PERSON, and titles or possessives are glued into the span ("Donald Trump's").
Rather than trusting each span, this module reads every mention of the article
together and fixes a label with evidence from the others: a word that is the
surname of a full PERSON name in the same article is a PERSON; a name tagged
differently in different sentences takes its majority label; a name right
after a role noun ("negotiator Rustem Umerov") is a person. Roles the text
attaches to a person (premodifiers and appositions) are kept, because they
are what tells two people with the same surname apart later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsweave.extract.entities.names import fold, lexicon, name_words, strip_possessive
from newsweave.model import Mention, SpanField
from newsweave.nlp import entities, text_of

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_ROLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "NUM"})
_MAX_ROLE_TOKENS = 8
_CLAUSE_WORDS = frozenset({"who", "which", "that", "whose", "whom"})


def find_mentions(
    doc: Doc, article_id: str, *, field: SpanField = "text", index: int | None = None
) -> list[Mention]:
    """Mentions in ``doc`` with exact character spans, corrected labels and roles.

    ``doc`` must be the parse of the text the offsets point into (the article's
    cleaned ``text``, or caption ``index`` when ``field="caption"``).
    """
    found: list[tuple[Mention, Span]] = []
    for ent in entities(doc):
        if ent.label_ not in LABELS:
            continue
        trimmed = _trim(ent)
        if trimmed is None:
            continue
        start, end, glued_role = trimmed
        text = text_of(doc)[start:end]
        mention = Mention(
            article_id=article_id,
            start=start,
            end=end,
            text=text,
            label=ent.label_,
            role=glued_role,
            field=field,
            index=index,
        )
        found.append((mention, ent))
    roles = [_roles(m, ent) for m, ent in found]
    mentions = [
        replace(m, role=pre or app) for (m, _), (pre, app) in zip(found, roles, strict=True)
    ]
    ents = [ent for _, ent in found]
    mentions = _relabel(mentions, ents)
    missed = _missed_surnames(doc, mentions, ents, article_id, field, index)
    mentions += [m for m, _ in missed]
    roles += [(None, None)] * len(missed)
    out: list[Mention] = []
    for m, (pre, app) in zip(mentions, roles, strict=True):
        role = (pre or app) if m.label == "PERSON" else app if m.label == "ORG" else None
        if fold(m.text) in lexicon().titles:
            continue  # "State" in "Secretary of State": part of a title, not a name
        out.append(m if role == m.role else replace(m, role=role))
    return sorted(out, key=lambda m: m.start)


def _missed_surnames(
    doc: Doc,
    mentions: Sequence[Mention],
    ents: Sequence[Span],
    article_id: str,
    field: SpanField,
    index: int | None,
) -> list[tuple[Mention, Token]]:
    """Surnames of the article's people that the tagger left untagged elsewhere.

    The small model often tags "Shevchenko" once and misses it in the next
    sentence; a capitalised word equal to the surname of a full PERSON name in
    the same article is a mention of that person.
    """
    surnames = {
        m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2
    }
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    missed: list[tuple[Mention, Token]] = []
    for tok in doc:
        if tok.i in covered or not tok.is_title or tok.text not in surnames:
            continue
        if tok.i > 0 and doc[tok.i - 1].is_title and doc[tok.i - 1].i not in covered:
            continue  # part of a longer untagged name
        m = Mention(
            article_id, tok.idx, tok.idx + len(tok.text), tok.text, "PERSON", None, field, index
        )
        missed.append((m, tok))
    return missed


def _trim(ent: Span) -> tuple[int, int, str | None] | None:
    """Character bounds of the name inside ``ent``, and a title glued to its front.

    Drops a leading "the", trailing possessives ("Trump's", "Russia’s",
    "States'"), punctuation, and for people leading titles and honorifics
    ("President", "Mr."), which become the role.
    """
    tokens = list(ent)
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        if tokens[-1].text in {".", ")"} and len(tokens[-1].text) == 1 and len(tokens) > 1:
            prev = tokens[-2]
            if len(prev.text) <= 2 and prev.text[:1].isupper():
                break  # "U.S." split oddly: keep the final period
        tokens.pop()
    title_words: list[Token] = []
    if ent.label_ == "PERSON":
        lex = lexicon()
        while len(tokens) > 1 and fold(tokens[0].text) in lex.titles | lex.honorifics:
            title_words.append(tokens.pop(0))
    if not tokens:
        return None
    start = tokens[0].idx
    text = text_of(ent.doc)[start : tokens[-1].idx + len(tokens[-1].text)]
    text = strip_possessive(text).rstrip(" ,;:")
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return None
    titles = [t.text for t in title_words if fold(t.text) not in lexicon().honorifics]
    return start, start + len(text), (" ".join(titles) or None)


def _roles(mention: Mention, ent: Span) -> tuple[str | None, str | None]:
    """Role from a premodifier (with any title glued into the span) and from an apposition.

    Kept apart because only a person takes a premodifier role ("envoy X"),
    while an organisation may take an apposition ("RIA Novosti, the state
    news agency").
    """
    premodifier = _premodifier_role(ent)
    if mention.role:  # a title that was glued into the span
        glued = mention.role
        premodifier = glued if premodifier is None else f"{premodifier} {glued}"
    return premodifier, _apposition_role(ent)


def _is_role_head(token: Token) -> bool:
    """A word that can head a description of a person placed before a name."""
    word = fold(token.text)
    lex = lexicon()
    if token.pos_ == "NOUN" and token.is_lower:
        return True
    return word in lex.titles or word in lex.role_nouns


def _premodifier_role(ent: Span) -> str | None:
    """ "Finnish envoy Pekka Haavisto" → "Finnish envoy"; "British Secretary of State" too."""
    doc = ent.doc
    first = ent.start
    while first < ent.end and (doc[first].lower_ == "the" or doc[first].tag_ == "POS"):
        first += 1
    i = first - 1
    if i < 0 or not _is_role_head(doc[i]) or fold(doc[i].text) in lexicon().honorifics:
        return None
    left = i
    while left - 1 >= 0 and i - left + 1 < _MAX_ROLE_TOKENS:
        tok = doc[left - 1]
        if tok.ent_type_ == "PERSON" or tok.is_sent_end or tok.is_space or "\n" in tok.text:
            break
        if not tok.whitespace_ and tok.pos_ != "PART" and tok.tag_ != "POS":
            left -= 1  # a hyphenated word: "son-in-law"
            continue
        if tok.lower_ == "of" and not (left >= 2 and doc[left - 2].is_title):
            break  # "Secretary of State", but not "capture of Venezuelan President"
        if tok.pos_ in _ROLE_POS or tok.lower_ == "of" or tok.tag_ == "POS":
            left -= 1
            continue
        break
    while left <= i and (doc[left].lower_ == "of" or doc[left].tag_ == "POS"):
        left += 1
    words = doc[left : i + 1]
    return words.text if len(words) else None


def _apposition_role(ent: Span) -> str | None:
    """ "Amina Mohamed, the Kenyan minister," or "the minister, Amina Mohamed," → the role."""
    root = ent.root
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= ent.end and child.pos_ == "NOUN":
            return _phrase(child)
    head = root.head
    if root.dep_ == "appos" and head.i < ent.start and head.pos_ == "NOUN":
        return _phrase(head, stop=ent.start)
    return None


def _phrase(head: Token, stop: int | None = None) -> str | None:
    """The words of ``head``'s phrase up to a comma or a relative clause, without "the"."""
    doc = head.doc
    start = head.left_edge.i
    end = head.right_edge.i + 1 if stop is None else stop
    words: list[Token] = []
    for tok in doc[start:end]:
        if tok.i > head.i and tok.whitespace_ == "" and tok.is_punct and tok.text == "-":
            words.append(tok)
            continue
        if tok.i > head.i and (
            tok.is_punct or tok.lower_ in _CLAUSE_WORDS or tok.pos_ in {"VERB", "AUX"}
        ):
            break
        if tok.i < head.i and tok.is_punct:
            words = []
            continue
        words.append(tok)
    while words and words[0].pos_ == "DET":
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if not words or len(words) > _MAX_ROLE_TOKENS + 4:
        return None
    return doc[words[0].i : words[-1].i + 1].text


def _person_names(mentions: Sequence[Mention]) -> tuple[set[tuple[str, ...]], dict[str, str]]:
    """Full PERSON names (≥ 2 words) and their surnames, with the given name of each."""
    full: set[tuple[str, ...]] = set()
    surnames: dict[str, str] = {}
    for m in mentions:
        words = tuple(name_words(m.text))
        if m.label == "PERSON" and len(words) >= 2:
            full.add(words)
            surnames.setdefault(words[-1], words[0])
    return full, surnames


def _relabel(mentions: list[Mention], ents: list[Span]) -> list[Mention]:
    """Fix labels with evidence from the other mentions of the same name."""
    full, surnames = _person_names(mentions)
    is_person = [
        (words := tuple(name_words(m.text))) in full or (len(words) == 1 and words[0] in surnames)
        for m in mentions
    ]
    seen = [
        _place_evidence(m, ent, ents, mentions) if not person else m.label
        for m, ent, person in zip(mentions, ents, is_person, strict=True)
    ]
    votes: dict[str, Counter[str]] = {}
    for m, label in zip(mentions, seen, strict=True):
        # Syntactic evidence ("Slovakia and Hungary") outweighs a bare tag.
        votes.setdefault(fold(m.text), Counter())[label] += 1 + (label != m.label)
    lex = lexicon()
    out: list[Mention] = []
    for m, ent, person, label in zip(mentions, ents, is_person, seen, strict=True):
        words = tuple(name_words(m.text))
        if person and label in {"ORG", "GPE", "FAC", "LOC"}:
            label = "PERSON"
        elif not person:
            count = votes[fold(m.text)]
            best, n = count.most_common(1)[0]
            if best != label and n > count[label]:
                label = best
        titled = all(t.is_title for t in ent if not t.is_punct)
        if label != "PERSON" and m.role and role_says_person(m.role) and titled:
            label = "PERSON"
        if label == "PERSON" and not person and len(words) == 1:
            prev = ent.doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and prev.lower_ in lex.place_prepositions:
                label = "GPE"
        if label in {"GPE", "PERSON"} and len(ent) == 1 and ent[0].tag_ == "JJ":
            label = "NORP"
        if label == "PERSON" and not person and _after_article(ent):
            label = "ORG"  # "the Kremlin said": an institution, not a person
        out.append(m if label == m.label else replace(m, label=label))
    return out


def _place_evidence(
    m: Mention, ent: Span, ents: Sequence[Span], mentions: Sequence[Mention]
) -> str:
    """GPE for a one-word ORG/PERSON name the syntax shows to be a place, else its label.

    Two cues the small model ignores: the name modifies a place noun ("the
    Sumy region", "Sumy and Donetsk regions"), or it is coordinated with a
    name tagged GPE ("ties with Slovakia and Hungary").
    """
    if m.label not in {"ORG", "PERSON"} or len(ent) != 1:
        return m.label
    root = ent.root
    head = root.head if root.dep_ != "conj" else root.head.head
    if root.dep_ in {"compound", "nmod", "conj"} and head.lower_ in lexicon().place_nouns:
        return "GPE"
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [t for t in root.children if t.dep_ == "conj"]
    for other_m, other in zip(mentions, ents, strict=True):
        if other_m.label == "GPE" and any(other.start <= t.i < other.end for t in partners):
            return "GPE"
    return m.label


def _after_article(ent: Span) -> bool:
    """The name directly follows "the" (people are not named with an article)."""
    first = ent[0] if ent[0].lower_ != "the" else None
    if first is None:
        return True
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def role_says_person(role: str) -> bool:
    """The last word of a role is a noun or title for a person ("top negotiator")."""
    words = fold(role).split()
    lex = lexicon()
    return bool(words) and words[-1] in lex.role_nouns
