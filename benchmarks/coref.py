"""Cross-document ENTITY coreference on ECB+: newsweave's resolver vs the same-head-lemma baseline.

Setting (the standard one of Barhom et al. 2019 and later work): gold entity
mentions are the input (participants, locations and times in the validated
sentences, singletons included) and a system clusters them within each gold
topic (``--scope subtopic`` clusters within the gold sub-topic instead).
Scores: MUC, B³, CEAF-e and their CoNLL average, computed by
``benchmarks.metrics.coref`` after the CoNLL-2012 reference definitions.

- Baseline: mentions whose head lemma is identical are one cluster (the
  "same head lemma" baseline the literature reports).
- newsweave: names (a proper-noun or named-entity head) go through
  ``resolve_entities`` exactly as articles' mentions do — spaCy's mention
  finder supplies label and role, the resolver merges across documents with
  string similarity plus context; a personal pronoun joins the nearest
  preceding name of a person in its document; common nouns and times fall back
  to their head lemma.

Data: the archives in ``--data``: the dev archive when present (topics 2 5 12
18 21 23 34 35), else the test archive, else every archive. The last line
prints ``conll_f1=…`` for newsweave.

Example: ``.venv/bin/python -m benchmarks.coref --data ../shared/data/ecbplus``
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from benchmarks.corpora import ecb_entities
from benchmarks.corpora.ecb_entities import EcbDocument, GoldMention
from benchmarks.metrics import coref as coref_metrics
from benchmarks.metrics.coref import PRF
from newsweave.extract.entities import resolve_entities
from newsweave.extract.entity_match import role_words
from newsweave.extract.entity_names import fold, lexicon, strip_possessive
from newsweave.extract.mentions import LABELS, find_mentions
from newsweave.model import Mention
from newsweave.nlp import english

DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}
PERSON_PRONOUNS = frozenset(
    "he him his himself she her hers herself".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Parsed:
    """A gold mention with what the parse says about it."""

    gold: GoldMention
    span: Span
    head_lemma: str
    kind: str  # "name", "pronoun" or "common"
    mention: Mention | None  # for names: the Mention handed to the resolver


def choose_archives(data_dir: Path) -> tuple[list[Path], set[int] | None]:
    """The dev archive (dev topics) if present, else the test archive, else all."""
    dev = sorted(data_dir.glob("ecbplus_dev_topics.tar.gz"))
    if dev:
        return dev, DEV_TOPICS
    test = sorted(data_dir.glob("ecbplus_test_topics.tar.gz"))
    if test:
        return test, None
    return sorted(data_dir.glob("ecbplus_*_topics.tar.gz")), None


def parse_docs(docs: Sequence[EcbDocument]) -> list[Doc]:
    """spaCy parses of the gold tokenisation, with the corpus's sentence breaks kept."""
    nlp = english()
    prepared = []
    for d in docs:
        doc = Doc(nlp.vocab, words=list(d.words), spaces=[True] * len(d.words))
        for i, tok in enumerate(doc):
            tok.is_sent_start = i == 0 or d.sentences[i] != d.sentences[i - 1]
        prepared.append(doc)
    return list(nlp.pipe(prepared, batch_size=16))


def analyse(doc: EcbDocument, parsed: Doc, lower_words: set[str]) -> list[Parsed]:
    """Head, lemma and kind of every gold mention; names get a resolver Mention.

    ``lower_words`` holds the words the topic also writes in lower case: a
    capitalised "Driver" or "President" in a headline is then a common noun,
    not a name.
    """
    found = find_mentions(parsed, doc.doc_id)
    by_token: dict[int, Mention] = {}
    for m in found:
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                by_token[tok.i] = m
    out: list[Parsed] = []
    for g in doc.mentions:
        span = parsed[g.tokens[0] : g.tokens[-1] + 1]
        head = _head(span)
        lemma = head.lemma_.lower()
        if head.pos_ == "PRON":
            out.append(Parsed(g, span, lemma, "pronoun", None))
            continue
        mention = _name_in(doc.doc_id, span, head, by_token.get(head.i), lower_words)
        if mention is not None and mention.label in LABELS:
            out.append(Parsed(g, span, lemma, "name", mention))
        else:
            out.append(Parsed(g, span, lemma, "common", None))
    return out


def _head(span: Span) -> Token:
    """The syntactic head; past a preposition the span starts with ("in the Gulf")."""
    head = span.root
    if head.pos_ == "ADP":
        nouns = [t for t in span if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]
        if nouns:
            head = nouns[-1]
    return head


def _name_in(
    doc_id: str, span: Span, head: Token, found: Mention | None, lower_words: set[str]
) -> Mention | None:
    """The name a gold mention holds: the tagger's mention clipped to it, else its proper nouns."""
    if head.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}:
        return None
    if found is None and head.pos_ != "PROPN":
        return None
    doc = span.doc
    start = end = head.i
    while start - 1 >= span.start and doc[start - 1].pos_ == "PROPN":
        start -= 1
    while end + 1 < span.end and doc[end + 1].pos_ == "PROPN":
        end += 1
    titles = lexicon().titles
    while start < end and fold(doc[start].text) in titles:
        start += 1
    words = doc[start : end + 1]
    if all(t.lower_ in lower_words for t in words):
        return None  # a capitalised common noun ("Driver Charged")
    label = found.label if found is not None else "ORG"
    role = found.role if found is not None else None
    text = strip_possessive(words.text)
    return Mention(doc_id, words.start_char, words.start_char + len(text), text, label, role)


def lowercase_vocabulary(docs: Sequence[Doc]) -> set[str]:
    """Words written in lower case somewhere in these documents."""
    words: set[str] = set()
    for d in docs:
        for sent in d.sents:
            if any("/" in t.text or "www" in t.lower_ for t in sent):
                continue  # a source URL line: its words are slugs, not prose
            words.update(t.text for t in sent if t.is_lower and t.is_alpha)
    return words


def baseline_clusters(items: Sequence[Parsed], scope: str) -> list[set[str]]:
    """Same head lemma within the scope (topic or sub-topic)."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in items:
        groups[(_scope_key(p.gold, scope), p.head_lemma)].add(p.gold.id)
    return list(groups.values())


def newsweave_clusters(items: Sequence[Parsed], scope: str) -> list[set[str]]:
    """Resolver for names, nearest person name for personal pronouns, head lemma otherwise."""
    cluster_of: dict[str, str] = {}
    by_scope: dict[str, list[Parsed]] = defaultdict(list)
    for p in items:
        by_scope[_scope_key(p.gold, scope)].append(p)
    for key, group in by_scope.items():
        names, roles = _resolve_names(key, group)
        cluster_of.update(names)
        for p in group:
            if p.kind == "common" or (p.kind == "name" and p.gold.id not in cluster_of):
                cluster_of[p.gold.id] = f"{key}|lemma|{p.head_lemma}"
        _attach_role_nouns(group, roles, cluster_of)
        _attach_pronouns(key, group, cluster_of, set(roles))
    groups: dict[str, set[str]] = defaultdict(set)
    for mention_id, cluster in cluster_of.items():
        groups[cluster].add(mention_id)
    return list(groups.values())


def _resolve_names(key: str, group: Sequence[Parsed]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Gold mention id → entity cluster, and each person cluster's role words."""
    names: dict[str, list[Mention]] = defaultdict(list)
    owner: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for p in group:
        if p.kind == "name" and p.mention is not None:
            m = p.mention
            if (m.start, m.end) not in {(x.start, x.end) for x in names[m.article_id]}:
                names[m.article_id].append(m)
            owner[(m.article_id, m.start, m.end)].append(p.gold.id)
    out: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    for entity in resolve_entities(names):
        cluster = f"{key}|entity|{entity.id}"
        if entity.type == "PERSON":
            roles[cluster] = {w.rstrip("s") for w in role_words(entity.roles)}
        for m in entity.mentions:
            for gold_id in owner.get((m.article_id, m.start, m.end), []):
                out[gold_id] = cluster
    return out, roles


def _attach_role_nouns(
    group: Sequence[Parsed], roles: dict[str, set[str]], cluster_of: dict[str, str]
) -> None:
    """ "the coach" → the person of the same document whose role says "coach"."""
    people_in: dict[str, Counter[str]] = defaultdict(Counter)
    for p in group:
        cluster = cluster_of.get(p.gold.id, "")
        if p.kind == "name" and cluster in roles:
            people_in[p.gold.doc_id][cluster] += 1
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p in group:
        if p.kind != "common" or p.span.root.pos_ == "PROPN":
            continue
        lemma = p.head_lemma.rstrip("s")
        present = people_in.get(p.gold.doc_id, Counter())
        holders = [c for c in present if lemma in roles[c]]
        if holders:
            votes[p.head_lemma][max(holders, key=lambda c: present[c])] += 1
    for p in group:
        vote = votes.get(p.head_lemma)
        if p.kind == "common" and vote:
            best, n = vote.most_common(1)[0]
            if n >= 0.6 * sum(vote.values()):
                cluster_of[p.gold.id] = best


def _attach_pronouns(
    key: str, group: Sequence[Parsed], cluster_of: dict[str, str], people: set[str]
) -> None:
    """he/she/his/her → the nearest preceding mention of a named person in the document."""
    last_person: dict[str, str] = {}
    for p in sorted(group, key=lambda p: (p.gold.doc_id, p.gold.tokens)):
        doc_id = p.gold.doc_id
        cluster = cluster_of.get(p.gold.id, "")
        if cluster in people:
            last_person[doc_id] = cluster
        elif p.kind == "pronoun":
            word = p.span.root.lower_
            if word in PERSON_PRONOUNS and doc_id in last_person:
                cluster_of[p.gold.id] = last_person[doc_id]
            else:
                cluster_of[p.gold.id] = f"{key}|lemma|{p.head_lemma}"


def _scope_key(g: GoldMention, scope: str) -> str:
    return f"{g.topic}" if scope == "topic" else f"{g.topic}/{g.subtopic}"


def gold_clusters(docs: Iterable[EcbDocument]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for g in d.mentions:
            groups[g.cluster].add(g.id)
    return list(groups.values())


def report(name: str, scores: dict[str, PRF | float]) -> str:
    cells = []
    for metric in ("muc", "b3", "ceafe"):
        s = scores[metric]
        assert isinstance(s, PRF)
        cells.append(f"{100 * s.recall:5.1f} {100 * s.precision:5.1f} {100 * s.f1:5.1f}")
    conll = scores["conll"]
    assert isinstance(conll, float)
    return f"{name:<22} " + "   ".join(cells) + f"   {100 * conll:5.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ecbplus"))
    ap.add_argument("--scope", choices=["topic", "subtopic"], default="topic")
    args = ap.parse_args(argv)
    archives, topics = choose_archives(args.data)
    if not archives:
        print(f"no ecbplus_*_topics.tar.gz in {args.data}", file=sys.stderr)
        return 1
    docs = ecb_entities.load(args.data, topics, archives=archives)
    parsed = parse_docs(docs)
    by_topic: dict[int, list[Doc]] = defaultdict(list)
    for d, doc in zip(docs, parsed, strict=True):
        by_topic[d.topic].append(doc)
    lower = {t: lowercase_vocabulary(ds) for t, ds in by_topic.items()}
    items = [
        p for d, doc in zip(docs, parsed, strict=True) for p in analyse(d, doc, lower[d.topic])
    ]
    key = gold_clusters(docs)
    print(
        f"ECB+ entity coreference: {len(docs)} documents, {len(items)} gold mentions, "
        f"{len(key)} gold clusters; clustering within gold {args.scope}s, singletons scored"
    )
    print(f"{'':<22} {'MUC R/P/F1':<17}   {'B3 R/P/F1':<17}   {'CEAF-e R/P/F1':<17}   CoNLL")
    base = coref_metrics.conll(key, baseline_clusters(items, args.scope))
    ours = coref_metrics.conll(key, newsweave_clusters(items, args.scope))
    print(report("same-head-lemma", base))
    print(report("newsweave", ours))
    b, o = base["conll"], ours["conll"]
    assert isinstance(b, float) and isinstance(o, float)
    print(f"baseline_conll_f1={100 * b:.2f}")
    print(f"conll_f1={100 * o:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
