"""Load ECB+ gold ENTITY mentions and their coreference chains (CROMER XML in tar.gz).

Entities follow Barhom et al. (2019) and Cybulska & Vossen (2015): every
markable that is not an event (ACTION_*, NEG_*) — human and non-human
participants (HUMAN_PART_*, NON_HUMAN_PART*), locations (LOC_*) and times
(TIME_*). Only mentions in the validated sentences of
``ECBplus_coreference_sentences.csv`` are kept, as the corpus README asks.
A mention's gold cluster is its CROSS_DOC_COREF instance id; mentions linked
only by INTRA_DOC_COREF form a chain local to their document; a mention with no
relation is a singleton (singletons are scored, as in Barhom et al.).
"""

from __future__ import annotations

import csv
import re
import tarfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC", "TIME")
_DOC_NAME = re.compile(r"(?:^|/)(\d+)_(\d+ecb(?:plus)?)\.xml$")


@dataclass(frozen=True)
class GoldMention:
    """One gold entity mention: token positions in its document and its gold cluster."""

    doc_id: str
    topic: int
    subtopic: str
    tokens: tuple[int, ...]  # positions in EcbDocument.words
    kind: str  # the annotation tag, e.g. HUMAN_PART_PER
    cluster: str

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.tokens[0]}-{self.tokens[-1]}"


@dataclass(frozen=True)
class EcbDocument:
    """One document: its tokens, their sentence numbers and its gold entity mentions."""

    doc_id: str
    topic: int
    subtopic: str
    words: tuple[str, ...]
    sentences: tuple[int, ...]
    mentions: tuple[GoldMention, ...]


def read_selected(data_dir: Path) -> dict[str, set[int]]:
    """Validated sentences per document name ("34_1ecb")."""
    selected: dict[str, set[int]] = {}
    with (data_dir / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = f"{row['Topic']}_{row['File']}"
            selected.setdefault(name, set()).add(int(row["Sentence Number"]))
    return selected


def iter_archives(
    data_dir: Path, archives: Sequence[Path] | None = None
) -> Iterator[tuple[str, bytes]]:
    """(member name, XML bytes) of every document in ``archives`` (default: all in ``data_dir``)."""
    chosen = sorted(data_dir.glob("ecbplus_*_topics.tar.gz")) if archives is None else archives
    for archive in chosen:
        with tarfile.open(archive) as tar:
            for member in tar:
                if member.isfile() and _DOC_NAME.search(member.name):
                    fh = tar.extractfile(member)
                    if fh is not None:
                        yield member.name, fh.read()


def parse_document(name: str, xml: bytes, selected: set[int] | None) -> EcbDocument | None:
    """One document, keeping mentions whose first token lies in a validated sentence."""
    match = _DOC_NAME.search(name)
    if match is None:
        return None
    topic, stem = int(match.group(1)), match.group(2)
    doc_id = f"{topic}_{stem}"
    root = ET.fromstring(xml)
    words: list[str] = []
    sentences: list[int] = []
    position: dict[str, int] = {}
    for tok in root.iter("token"):
        position[tok.get("t_id", "")] = len(words)
        words.append(tok.text or "_")
        sentences.append(int(tok.get("sentence", "0")))
    anchors: dict[str, tuple[str, tuple[int, ...]]] = {}
    markables = root.find("Markables")
    for mk in markables if markables is not None else []:
        ids = tuple(sorted(position[a.get("t_id", "")] for a in mk.iter("token_anchor")))
        if ids and mk.tag.startswith(ENTITY_PREFIXES):
            anchors[mk.get("m_id", "")] = (mk.tag, ids)
    clusters = _gold_clusters(root, doc_id)
    subtopic = "ecbplus" if stem.endswith("ecbplus") else "ecb"
    mentions = []
    for m_id, (tag, ids) in anchors.items():
        if selected is not None and sentences[ids[0]] not in selected:
            continue
        cluster = clusters.get(m_id, f"SINGLETON_{doc_id}_{m_id}")
        mentions.append(GoldMention(doc_id, topic, subtopic, ids, tag, cluster))
    mentions.sort(key=lambda m: m.tokens)
    return EcbDocument(doc_id, topic, subtopic, tuple(words), tuple(sentences), tuple(mentions))


def _gold_clusters(root: ET.Element, doc_id: str) -> dict[str, str]:
    """Mention id → gold cluster id, from CROSS_DOC_COREF then INTRA_DOC_COREF."""
    clusters: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        target = rel.find("target")
        target_id = target.get("m_id", "") if target is not None else ""
        if rel.tag == "CROSS_DOC_COREF":
            cluster = rel.get("note") or f"CROSS_{doc_id}_{target_id}"
        elif rel.tag == "INTRA_DOC_COREF":
            cluster = f"INTRA_{doc_id}_{target_id}"
        else:
            continue
        for src in rel.iter("source"):
            clusters.setdefault(src.get("m_id", ""), cluster)
    return clusters


def load(
    data_dir: Path, topics: set[int] | None = None, *, archives: Sequence[Path] | None = None
) -> list[EcbDocument]:
    """Documents of every archive in ``data_dir`` (restricted to ``topics`` if given).

    When the sentence index lists no sentence for a document (a held-out
    split whose rows were removed), all its mentions are kept.
    """
    index = data_dir / "ECBplus_coreference_sentences.csv"
    selected = read_selected(data_dir) if index.exists() else {}
    docs: list[EcbDocument] = []
    for name, xml in iter_archives(data_dir, archives):
        match = _DOC_NAME.search(name)
        if match is None or (topics is not None and int(match.group(1)) not in topics):
            continue
        key = f"{match.group(1)}_{match.group(2)}"
        doc = parse_document(name, xml, selected.get(key) if selected else None)
        if doc is not None:
            docs.append(doc)
    docs.sort(key=lambda d: (d.topic, d.doc_id))
    return docs
