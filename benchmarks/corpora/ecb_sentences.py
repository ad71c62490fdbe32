"""ECB+ validated sentences with their cross-document EVENT chains (CROMER XML in tar.gz).

Two sentences of different documents state the same happening when they hold
mentions (ACTION_* markables) of one CROSS_DOC_COREF chain. Only the sentences of
``ECBplus_coreference_sentences.csv`` are read, as the corpus README asks. Each
sentence's group is its topic: both sub-topics together, so that the same people in
a different happening are in the same group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from benchmarks.corpora.ecb_entities import iter_archives, read_selected
from benchmarks.corpora.ecbplus import detokenize


@dataclass(frozen=True)
class Sentence:
    """One validated sentence with the cross-document event chains its mentions belong to."""

    doc_id: str
    group: str  # the topic
    number: int
    text: str
    chains: frozenset[str]


def doc_sentences(name: str, xml: bytes, selected: set[int]) -> list[Sentence]:
    """The ``selected`` sentences of one CROMER XML document."""
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
    """Validated sentences of every document in ``ecbplus_{split}_topics.tar.gz``."""
    selected = read_selected(data)
    archive = data / f"ecbplus_{split}_topics.tar.gz"
    out: list[Sentence] = []
    for name, xml in iter_archives(data, [archive]):
        stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
        if stem in selected:
            out += doc_sentences(name, xml, selected[stem])
    return out
