"""Framing: the different words outlets use for the same thing, found from the story's own text.

No list of loaded terms. Two noun phrases with different heads are taken to name
the same thing when (a) the text renames one as the other ("X, describing it as
Y", "X, known as Y", "what they call Y"), or (b) different outlets use them in
the same slot of the same content verb ("end the war" / "end the hostilities" /
"conclude the conflict" share the object slot of "end"/"conclude" only if both
occur with one verb). Each group then lists, per outlet, the phrases it uses:
the terms one outlet uses and another does not are its framing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsweave.model import Span as TextSpan
from newsweave.nlp import noun_chunk_at, noun_chunks, text_of

_SLOT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "nsubj", "attr"})
_RENAME_VERBS = frozenset(
    {
        "describe",
        "call",
        "term",
        "label",
        "brand",
        "dub",
        "characterise",
        "characterize",
        "refer",
        "know",
        "style",
    }
)
_DROP_DEPS = frozenset({"det", "poss", "predet", "case", "punct", "nummod", "quantmod"})
_MIN_OUTLETS = 2


@dataclass(frozen=True)
class Phrase:
    """One noun phrase occurrence: its normalised form and where it stands."""

    key: str
    head: str
    outlet: str
    span: TextSpan
    slots: frozenset[str]


@dataclass
class FramingGroup:
    """Names for one thing: phrase → outlet → spans. ``renamed`` pairs come from the text."""

    label: str
    terms: dict[str, dict[str, list[TextSpan]]] = field(default_factory=dict)
    renamed: list[tuple[str, str]] = field(default_factory=list)

    def outlets(self) -> set[str]:
        return {o for by in self.terms.values() for o in by}


def _phrase_tokens(chunk: Span) -> list[Token]:
    kept = [t for t in chunk if t.dep_ not in _DROP_DEPS and not t.is_punct]
    while kept and not kept[0].is_alpha:
        kept.pop(0)
    return kept


def _key(doc: Doc, tokens: Sequence[Token]) -> str:
    """The phrase as written, lower-cased, without its article or possessor."""
    text = text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return " ".join(text.lower().split()).strip("\"“”'‘’ ")


def _slots(head: Token) -> frozenset[str]:
    """The content-verb slots the phrase fills: ``end:dobj``, ``launch:dobj``, ``end:pobj:to``."""
    gov = head.head
    slots: set[str] = set()
    if head.dep_ == "pobj" and gov.dep_ == "prep":
        verb = gov.head
        if verb.pos_ == "VERB" and not verb.is_stop:
            slots.add(f"{verb.lemma_.lower()}:{gov.lower_}")
    elif head.dep_ in _SLOT_DEPS and gov.pos_ == "VERB" and not gov.is_stop:
        slots.add(f"{gov.lemma_.lower()}:{head.dep_}")
    return frozenset(slots)


def phrases(doc: Doc, article_id: str, outlet: str) -> list[Phrase]:
    """Common-noun phrases of a parsed article (names of people and places are not framing)."""
    found: list[Phrase] = []
    for chunk in noun_chunks(doc):
        head = chunk.root
        if head.pos_ != "NOUN" or head.ent_type_:
            continue
        tokens = _phrase_tokens(chunk)
        if not tokens or "\n" in chunk.text:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        found.append(
            Phrase(
                _key(doc, tokens),
                head.lemma_.lower(),
                outlet,
                TextSpan(article_id, start, end),
                _slots(head),
            )
        )
    return found


def renamings(doc: Doc) -> list[tuple[Span, Span]]:
    """(thing, other name) pairs the text states: "X, describing it as Y", "X, known as Y"."""
    pairs: list[tuple[Span, Span]] = []
    for tok in doc:
        if tok.lemma_.lower() not in _RENAME_VERBS:
            continue
        named = _as_object(tok)
        if named is None:
            continue
        thing = _renamed_thing(tok)
        if thing is not None and thing.root.lemma_ != named.root.lemma_:
            pairs.append((thing, named))
    return pairs


def _as_object(verb: Token) -> Span | None:
    """Y in "describe it as Y" / "known as Y" / "call it Y"."""
    for child in verb.children:
        if child.lower_ == "as" and child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_chunk_at(obj)
        if child.dep_ == "oprd":
            return noun_chunk_at(child)
    return None


def _renamed_thing(verb: Token) -> Span | None:
    """What is renamed: the object of the verb the renaming hangs from, or the noun it modifies."""
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        return noun_chunk_at(verb.head)
    gov = verb.head if verb.dep_ in ("advcl", "conj", "xcomp") else None
    if gov is None:
        return None
    for child in gov.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN":
            return noun_chunk_at(child)
    return None


def framing_groups(
    found: Sequence[Phrase], renamed: Sequence[tuple[Phrase, Phrase]] = ()
) -> list[FramingGroup]:
    """Groups of different phrases for one thing used across at least two outlets.

    Complete-link: two groups merge only when every head of one is linked to every
    head of the other, so "end the war" / "end the talks" cannot chain war to plan.
    """
    links = _slot_links(found)
    for pa, pb in renamed:
        links[frozenset((pa.head, pb.head))] = links.get(frozenset((pa.head, pb.head)), 0) + 10
    heads = sorted({p.head for p in found})
    group_of = {h: i for i, h in enumerate(heads)}
    members: dict[int, set[str]] = {i: {h} for i, h in enumerate(heads)}
    for pair, _ in sorted(links.items(), key=lambda kv: (-kv[1], sorted(kv[0]))):
        a, b = sorted(pair)
        ga, gb = group_of[a], group_of[b]
        if ga == gb or not all(
            frozenset((x, y)) in links for x in members[ga] for y in members[gb]
        ):
            continue
        for h in members.pop(gb):
            group_of[h] = ga
            members[ga].add(h)
    return _collect(found, renamed, group_of)


def _slot_links(found: Sequence[Phrase]) -> dict[frozenset[str], int]:
    """Head pairs → how many verb slots they share, counting slots filled by 2+ outlets."""
    slot_heads: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for p in found:
        for slot in p.slots:
            slot_heads[slot][p.head].add(p.outlet)
    links: dict[frozenset[str], int] = defaultdict(int)
    for heads in slot_heads.values():
        items = list(heads.items())
        for i, (h1, o1) in enumerate(items):
            for h2, o2 in items[i + 1 :]:
                if len(o1 | o2) >= _MIN_OUTLETS:
                    links[frozenset((h1, h2))] += 1
    return links


def _collect(
    found: Sequence[Phrase], renamed: Sequence[tuple[Phrase, Phrase]], group_of: dict[str, int]
) -> list[FramingGroup]:
    groups: dict[int, FramingGroup] = {}
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in found:
        g = group_of[p.head]
        group = groups.setdefault(g, FramingGroup(label=p.head))
        group.terms.setdefault(p.key, {}).setdefault(p.outlet, []).append(p.span)
        counts[g][p.head] += 1
    for a, b in renamed:
        groups[group_of[a.head]].renamed.append((a.key, b.key))
    out = []
    for g, group in groups.items():
        heads = counts[g]
        if len(heads) < 2 or len(group.outlets()) < _MIN_OUTLETS:
            continue
        group.label = max(heads, key=lambda h: (heads[h], h))
        out.append(group)
    return sorted(out, key=lambda g: (-bool(g.renamed), -divergence(g), g.label))


def divergence(group: FramingGroup) -> int:
    """How many terms some of the group's outlets use and others do not."""
    n = len(group.outlets())
    return sum(1 for by in group.terms.values() if len(by) < n)


def by_outlet(group: FramingGroup) -> dict[str, list[str]]:
    """Outlet → the terms it uses for the group's thing, most used first (side by side)."""
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for term, outlets in group.terms.items():
        for outlet, spans in outlets.items():
            table[outlet][term] = len(spans)
    return {o: sorted(t, key=lambda k: (-t[k], k)) for o, t in sorted(table.items())}
