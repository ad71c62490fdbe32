"""Cross-document ENTITY coreference on ECB+: newsweave's resolver vs the same-head-lemma baseline.

Setting (the standard one of Barhom et al. 2019 and later work): gold entity
mentions are the input (participants, locations and times in the validated
sentences, singletons included) and a system clusters them within each gold
topic (``--scope subtopic`` clusters within the gold sub-topic instead).
Scores: MUC, B³, CEAF-e and their CoNLL average, computed by
``benchmarks.metrics.coref`` after the CoNLL-2012 reference definitions.

- Baseline: mentions whose head lemma is identical are one cluster (the
  "same head lemma" baseline the literature reports).
- newsweave: only what ``src/`` does. The product's mention finder
  (``find_mentions``) runs on each document's parse; a gold mention whose head
  token lies in one of the mentions it finds is that mention, and those
  mentions go through ``resolve_entities`` unchanged, exactly as an article's
  mentions do. The product has no entity coreference for pronouns, role nouns
  ("the coach") or common nouns, so every other gold mention (pronouns,
  common nouns, times, names the finder misses) is grouped as the baseline
  groups it, by head lemma: the difference between the two rows is what the
  resolver adds, and nothing else.

Tuning: this runner chooses no threshold or weight. Error analysis for the
resolver is done on the training topics only (``--split train``), never on the
reported dev topics; the runner prints ``tuned_on=… reported_on=…``.

Data: the archives in ``--data``: the dev archive when present (topics 2 5 12
18 21 23 34 35), else the test archive, else every archive; ``--split train``
reads the training archive instead. The last line prints ``conll_f1=…`` for
newsweave.

Example: ``.venv/bin/python -m benchmarks.coref --data ../shared/data/ecbplus``
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from benchmarks.corpora import ecb_entities
from benchmarks.corpora.ecb_entities import EcbDocument, GoldMention
from benchmarks.metrics import coref as coref_metrics
from benchmarks.metrics.coref import PRF
from newsweave.extract.entities import resolve_entities
from newsweave.extract.entities.mentions import LABELS, find_mentions
from newsweave.model import Mention
from newsweave.nlp import english

DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}


@dataclass(frozen=True)
class Parsed:
    """A gold mention with what the parse says about it."""

    gold: GoldMention
    span: Span
    head_lemma: str
    kind: str  # "name" (the product found a mention at its head) or "other"
    mention: Mention | None  # for names: the product's Mention handed to the resolver


def choose_archives(data_dir: Path, split: str = "dev") -> tuple[list[Path], set[int] | None]:
    """The dev archive (dev topics) if present, else the test archive, else all;
    ``split="train"``: the training archive."""
    if split == "train":
        return sorted(data_dir.glob("ecbplus_train_topics.tar.gz")), None
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


def analyse(doc: EcbDocument, parsed: Doc) -> list[Parsed]:
    """Head and lemma of every gold mention; those whose head lies in a mention the
    product's finder returns get that mention."""
    by_token: dict[int, Mention] = {}
    for m in find_mentions(parsed, doc.doc_id):
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and m.label in LABELS:
            for tok in span:
                by_token[tok.i] = m
    out: list[Parsed] = []
    for g in doc.mentions:
        span = parsed[g.tokens[0] : g.tokens[-1] + 1]
        head = _head(span)
        mention = by_token.get(head.i)
        kind = "name" if mention is not None else "other"
        out.append(Parsed(g, span, head.lemma_.lower(), kind, mention))
    return out


def _head(span: Span) -> Token:
    """The syntactic head; past a preposition the span starts with ("in the Gulf")."""
    head = span.root
    if head.pos_ == "ADP":
        nouns = [t for t in span if t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}]
        if nouns:
            head = nouns[-1]
    return head


def baseline_clusters(items: Sequence[Parsed], scope: str) -> list[set[str]]:
    """Same head lemma within the scope (topic or sub-topic)."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in items:
        groups[(_scope_key(p.gold, scope), p.head_lemma)].add(p.gold.id)
    return list(groups.values())


def newsweave_clusters(items: Sequence[Parsed], scope: str) -> list[set[str]]:
    """The resolver's entities for the mentions the product finds; head lemma otherwise."""
    cluster_of: dict[str, str] = {}
    by_scope: dict[str, list[Parsed]] = defaultdict(list)
    for p in items:
        by_scope[_scope_key(p.gold, scope)].append(p)
    for key, group in by_scope.items():
        cluster_of.update(_resolve_names(key, group))
        for p in group:
            if p.gold.id not in cluster_of:
                cluster_of[p.gold.id] = f"{key}|lemma|{p.head_lemma}"
    groups: dict[str, set[str]] = defaultdict(set)
    for mention_id, cluster in cluster_of.items():
        groups[cluster].add(mention_id)
    return list(groups.values())


def _resolve_names(key: str, group: Sequence[Parsed]) -> dict[str, str]:
    """Gold mention id → the entity ``resolve_entities`` puts its product mention in."""
    names: dict[str, list[Mention]] = defaultdict(list)
    owner: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for p in group:
        if p.mention is not None:
            m = p.mention
            if (m.start, m.end) not in {(x.start, x.end) for x in names[m.article_id]}:
                names[m.article_id].append(m)
            owner[(m.article_id, m.start, m.end)].append(p.gold.id)
    out: dict[str, str] = {}
    for entity in resolve_entities(names):
        for m in entity.mentions:
            for gold_id in owner.get((m.article_id, m.start, m.end), []):
                out[gold_id] = f"{key}|entity|{entity.id}"
    return out


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
    ap.add_argument("--split", choices=["dev", "train"], default="dev",
                    help="train: the training topics, for error analysis")  # fmt: skip
    args = ap.parse_args(argv)
    archives, topics = choose_archives(args.data, args.split)
    if not archives:
        print(f"no ecbplus_*_topics.tar.gz in {args.data}", file=sys.stderr)
        return 1
    docs = ecb_entities.load(args.data, topics, archives=archives)
    parsed = parse_docs(docs)
    items = [p for d, doc in zip(docs, parsed, strict=True) for p in analyse(d, doc)]
    key = gold_clusters(docs)
    print(
        f"ECB+ entity coreference: {len(docs)} documents, {len(items)} gold mentions, "
        f"{len(key)} gold clusters; clustering within gold {args.scope}s, singletons scored"
    )
    print(f"{'':<22} {'MUC R/P/F1':<17}   {'B3 R/P/F1':<17}   {'CEAF-e R/P/F1':<17}   CoNLL")
    base_clusters = baseline_clusters(items, args.scope)
    our_clusters = newsweave_clusters(items, args.scope)
    base = coref_metrics.conll(key, base_clusters)
    ours = coref_metrics.conll(key, our_clusters)
    print(report("same-head-lemma", base))
    print(report("newsweave", ours))
    b, o = base["conll"], ours["conll"]
    assert isinstance(b, float) and isinstance(o, float)
    names = {p.gold.id for p in items if p.kind == "name"}
    print(
        f"only the {len(names)} of {len(items)} gold mentions that lie in a mention the "
        "product finds (the resolver's own input):"
    )
    print(report("  same-head-lemma", coref_metrics.conll(key, base_clusters, only=names)))
    print(report("  newsweave", coref_metrics.conll(key, our_clusters, only=names)))
    reported = "+".join(
        a.name.removeprefix("ecbplus_").removesuffix("_topics.tar.gz") for a in archives
    )
    print(f"tuned_on=ecbplus-train reported_on=ecbplus-{reported}")
    print(f"baseline_conll_f1={100 * b:.2f}")
    print(f"conll_f1={100 * o:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
