"""Readers for gold TIMEX3 annotations: TimeML (TempEval-3) and MEANTIME CAT XML.

Why a loader of our own: the benchmark must read the data sets exactly as they
are distributed (``.tar.gz`` archives or unpacked folders) without copying any
of them into the repository, and it must hand both the system and the scorer
the same plain text, so that gold offsets and predicted offsets are comparable.

TimeML documents are parsed inline: the ``<TEXT>`` element is stripped of its
tags while the character offsets of every ``<TIMEX3>`` are recorded. As in the
TempEval-3 scorer, the document creation time (``tid="t0"`` /
``functionInDocument="CREATION_TIME"``) is the DCT given to the system and is
not itself scored.
"""

from __future__ import annotations

import hashlib
import html
import re
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Folders inside a distribution that hold tools or per-annotator source
# annotations, not the gold standard itself (te3-platinum ships ``src/``).
SKIP_DIRS = frozenset({"src", "tools", "tipsem", "__MACOSX"})


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    """One annotated document: plain text, its DCT and its gold timexes."""

    doc_id: str
    group: str  # top-level folder (TimeBank, AQUAINT, te3-platinum, corpus_airbus, …)
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    # spans the scorer ignores on both sides (a DCT written inside the text)
    ignore: list[tuple[int, int]] = field(default_factory=list)
    # end of the annotated part (MEANTIME annotates only the first sentences)
    scope_end: int | None = None


def in_tuning_part(doc_id: str) -> bool:
    """The fixed split of every TIMEX3 dev set into a tuning part and a check part:
    a document is in the tuning part when the SHA-1 of its id (UTF-8), read as a
    number, is even, and in the check part when it is odd. Rules are kept or dropped
    on the tuning part; the check part is the figure reported."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(raw)}


def _dct_value(xml: str) -> str | None:
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", xml)
    if m is None:
        m = re.search(r'<TIMEX3([^>]*functionInDocument="CREATION_TIME"[^>]*)>', xml)
    if m is None:
        return None
    return _attrs(m.group(1)).get("value") or None


def parse_timeml(xml: str, doc_id: str, group: str) -> GoldDoc | None:
    """Plain ``<TEXT>`` content with the offsets of its inline TIMEX3 tags."""
    m = re.search(r"<TEXT>(.*?)</TEXT>", xml, re.S)
    if m is None:
        return None
    body = m.group(1)
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, _attrs(tag.group(3))))
        elif open_timex:
            start, attrs = open_timex.pop()
            gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    return GoldDoc(doc_id, group, "".join(parts), _dct_value(xml), sorted(gold, key=_key))


def _key(t: GoldTimex) -> tuple[int, int]:
    return t.start, t.end


_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "'s", "n't", "%", "'"})


def _iso_dct(value: str | None) -> str | None:
    """MEANTIME writes one DCT as DD-MM-YYYY (its date line confirms the order)."""
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value or "")
    return f"{m[3]}-{m[2]}-{m[1]}" if m else (value or None)


def parse_meantime(xml: str, doc_id: str, group: str) -> GoldDoc | None:
    """Detokenised text of a MEANTIME CAT document with its TIMEX3 markables.

    Sentence 0 is the headline and sentence 1 the date line; sentences are put
    on their own lines. The date line's own TIMEX3 is the DCT, so it is ignored.
    MEANTIME annotates only the first sentences of each article: the scope ends
    with the last sentence that holds any markable.
    """
    root = ET.fromstring(xml)
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length, last_sent = 0, None
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if parts:
            sep = "\n" if sent != last_sent else ("" if word in _NO_SPACE_BEFORE else " ")
            if parts[-1] == "(" and sep == " ":
                sep = ""
            parts.append(sep)
            length += len(sep)
        offsets[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        last_sent = sent
    doc = GoldDoc(doc_id, group, "".join(parts), None)
    sentence_of = {t.get("t_id", ""): t.get("sentence", "0") for t in root.iter("token")}
    marked = [sentence_of.get(a.get("t_id", ""), "0") for a in root.iter("token_anchor")]
    last = max((int(x) for x in marked), default=None)
    if last is not None:
        ends = [offsets[k][1] for k, v in sentence_of.items() if int(v) <= last]
        doc.scope_end = max(ends)
    for tx in root.iter("TIMEX3"):
        spans = [offsets[a.get("t_id", "")] for a in tx.iter("token_anchor")]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if tx.get("functionInDocument") == "CREATION_TIME":
            doc.dct = _iso_dct(tx.get("value"))
            doc.ignore.append((start, end))
            continue
        doc.timexes.append(GoldTimex(start, end, tx.get("type", ""), tx.get("value", "")))
    doc.timexes.sort(key=_key)
    return doc


def _parse(name: str, data: bytes) -> GoldDoc | None:
    path = PurePosixPath(name)
    if any(part in SKIP_DIRS for part in path.parts[:-1]):
        return None
    group = path.parts[-2] if len(path.parts) > 1 else "."
    xml = data.decode("utf-8", errors="replace")
    if "<TimeML" in xml[:2000] or "<TEXT>" in xml:
        return parse_timeml(xml, path.stem, group)
    if "<Document" in xml[:2000] and "<token" in xml:
        return parse_meantime(xml, path.stem, group)
    return None


def _walk(root: Path) -> Iterator[tuple[str, bytes]]:
    if root.is_file() and root.name.endswith((".tar.gz", ".tgz", ".tar")):
        with tarfile.open(root) as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                if member.isfile() and member.name.endswith((".tml", ".xml")):
                    fh = tar.extractfile(member)
                    if fh is not None:
                        yield member.name, fh.read()
        return
    if root.is_file():
        if root.suffix in (".tml", ".xml"):
            yield root.name, root.read_bytes()
        return
    for child in sorted(root.iterdir()):
        if child.is_dir() or child.name.endswith((".tar.gz", ".tgz", ".tar", ".tml", ".xml")):
            for name, data in _walk(child):
                yield (f"{child.name}/{name}" if child.is_dir() else name), data


def load_docs(root: Path, limit: int | None = None) -> list[GoldDoc]:
    """Every annotated document under ``root`` (archives and folders), once each.

    A document id seen twice (TBAQ's ``testpipeline`` repeats a TimeBank file)
    is read only the first time.
    """
    seen: set[str] = set()
    docs: list[GoldDoc] = []
    for name, data in _walk(root):
        doc = _parse(name, data)
        if doc is None or doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    return docs
