"""Claim alignment on ECB+ (dev topics): do two sentences from different articles state the
same happening? A proxy for the compare stage's "same fact across outlets".

Gold: two validated sentences from different documents are a pair when they hold
mentions of the same cross-document event chain (ACTION_* linked by CROSS_DOC_COREF).
Scored pairwise (precision, recall, F1) over all cross-document sentence pairs of a
topic: both of its sub-topics together, so the negatives include the hard case of the
same people in a different happening ("names X Surgeon General" vs "names Y").

newsweave's aligner (TF-IDF + entities + figures + dates, grouped one claim per
article) runs next to a peer: TF-IDF cosine alone over the same lemmas, whose best
threshold on the same data is reported (an upper bound for that peer). Thresholds are
swept so the chosen one can be checked here, on dev data.

    .venv/bin/python benchmarks/claim_alignment.py --data ../shared/data/ecbplus
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ecb_entities import iter_archives, read_selected
from ecbplus import detokenize

from newsweave.compare import align
from newsweave.compare.claims import ClaimUnit, content_terms
from newsweave.compare.numbers import find_quantities
from newsweave.nlp import parse


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    group: str  # the topic
    number: int
    text: str
    chains: frozenset[str]


def _doc_sentences(name: str, xml: bytes, selected: set[int]) -> list[Sentence]:
    stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
    topic, _doc = stem.split("_", 1)
    group = topic  # both sub-topics: same people, two different real-world events
    root = ET.fromstring(xml)
    words: dict[int, list[str]] = defaultdict(list)
    sentence_of: dict[str, int] = {}
    for tok in root.iter("token"):
        number = int(tok.get("sentence", "0"))
        sentence_of[tok.get("t_id", "")] = number
        words[number].append(tok.text or "")
    action_sentence: dict[str, int] = {}
    markables = root.find("Markables")
    for mk in markables if markables is not None else []:
        if mk.tag.startswith("ACTION"):
            anchors = [a.get("t_id", "") for a in mk.iter("token_anchor")]
            if anchors:
                action_sentence[mk.get("m_id", "")] = sentence_of[anchors[0]]
    chains: dict[int, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag != "CROSS_DOC_COREF" or not rel.get("note"):
            continue
        for src in rel.iter("source"):
            found = action_sentence.get(src.get("m_id", ""))
            if found is not None:
                chains[found].add(str(rel.get("note")))
    return [
        Sentence(stem, group, n, detokenize(words[n]), frozenset(chains.get(n, set())))
        for n in sorted(selected)
        if n in words
    ]


def load(data: Path, split: str) -> list[Sentence]:
    selected = read_selected(data)
    archive = data / f"ecbplus_{split}_topics.tar.gz"
    out: list[Sentence] = []
    for name, xml in iter_archives(data, [archive]):
        stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
        if stem in selected:
            out += _doc_sentences(name, xml, selected[stem])
    return out


def units_of(sentences: list[Sentence]) -> list[ClaimUnit]:
    units = []
    for i, (s, doc) in enumerate(zip(sentences, parse([s.text for s in sentences]), strict=True)):
        ents = frozenset(
            e.text.split()[-1].casefold()
            for e in doc.ents
            if e.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
        )
        units.append(
            ClaimUnit(
                article_id=s.doc_id,
                outlet=s.doc_id,
                start=0,
                end=len(s.text),
                text=s.text,
                position=i,
                terms=content_terms(doc[:]),
                entities=ents,
                quantities=tuple(find_quantities(s.text)),
            )
        )
    return units


def score(pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(sentences: list[Sentence], thresholds: list[float]) -> None:
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_group[s.group].append(i)
    units = units_of(sentences)
    gold: set[tuple[int, int]] = set()
    lexical: dict[tuple[int, int], float] = {}
    combined: dict[tuple[int, int], float] = {}
    grouped: dict[float, set[tuple[int, int]]] = {t: set() for t in thresholds}
    for members in by_group.values():
        sub = [units[i] for i in members]
        lex = align.tfidf_matrix([u.terms for u in sub])
        full = align.similarity_matrix(sub)
        for a, b in itertools.combinations(range(len(members)), 2):
            i, j = members[a], members[b]
            if sentences[i].doc_id == sentences[j].doc_id:
                continue
            lexical[(i, j)] = float(lex[a] @ lex[b])
            combined[(i, j)] = float(full[a, b])
            if sentences[i].chains & sentences[j].chains:
                gold.add((i, j))
        position = {id(u): members[k] for k, u in enumerate(sub)}
        for t in thresholds:
            for g in align.align(sub, threshold=t):
                ids = sorted(position[id(u)] for u in g)
                grouped[t].update(itertools.combinations(ids, 2))
    print(f"sentences {len(sentences)}, cross-document pairs {len(lexical)}, gold {len(gold)}")
    print(f"{'threshold':>9}  {'newsweave align P/R/F1':>24}  {'pairs≥t P/R/F1':>20}  peer")
    for t in thresholds:
        pairs = {k for k, v in combined.items() if v >= t}
        peer = {k for k, v in lexical.items() if v >= t}
        cells = [score(grouped[t], gold), score(pairs, gold), score(peer, gold)]
        row = "  ".join(f"{p:.3f}/{r:.3f}/{f:.3f}" for p, r, f in cells)
        mark = " <- SAME_FACT" if abs(t - align.SAME_FACT) < 1e-9 else ""
        print(f"{t:9.2f}  {row}{mark}")
    best = max(thresholds, key=lambda t: score({k for k, v in lexical.items() if v >= t}, gold)[2])
    p, r, f = score({k for k, v in lexical.items() if v >= best}, gold)
    print(f"peer (TF-IDF cosine only) best threshold {best:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/ecbplus"))
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    args = ap.parse_args()
    started = time.perf_counter()
    sentences = load(args.data, args.split)
    evaluate(sentences, [0.15, 0.2, 0.25, 0.3, 0.33, 0.35, 0.4, 0.45, 0.5])
    print(f"{time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
