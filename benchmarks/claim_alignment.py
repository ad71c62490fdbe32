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

    .venv/bin/python -m benchmarks.claim_alignment --data ../shared/data/ecbplus
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.corpora.ecb_sentences import Sentence, load
from benchmarks.metrics.clustering import pair_prf
from newsweave.compare import align
from newsweave.compare.claims import ClaimUnit, content_terms
from newsweave.compare.numbers import find_quantities
from newsweave.nlp import parse


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
        cells = [pair_prf(grouped[t], gold), pair_prf(pairs, gold), pair_prf(peer, gold)]
        row = "  ".join(f"{p:.3f}/{r:.3f}/{f:.3f}" for p, r, f in cells)
        mark = " <- SAME_FACT" if abs(t - align.SAME_FACT) < 1e-9 else ""
        print(f"{t:9.2f}  {row}{mark}")
    def peer_f1(t: float) -> float:
        return pair_prf({k for k, v in lexical.items() if v >= t}, gold)[2]

    best = max(thresholds, key=peer_f1)
    p, r, f = pair_prf({k for k, v in lexical.items() if v >= best}, gold)
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
