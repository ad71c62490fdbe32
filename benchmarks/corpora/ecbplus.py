"""Load ECB+ documents (CROMER XML inside ``ecbplus_*_topics.tar.gz``) as plain news articles.

Used by the clustering and dedupe benchmarks and the model trainer. Each document becomes an
:class:`EcbDoc` with its gold story (topic + sub-topic ``ecb``/``ecbplus``).

The SOURCE.md caution is honoured here: whether a document starts with a URL line
is a corpus artefact, so the URL line is *not* kept in the text and nothing exposes
its presence; only what it says is used, as a real feed would: the date it carries
becomes ``published`` (as does a date line in the first sentences).
"""

from __future__ import annotations

import random
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from newsweave.clean.dates import date_line
from newsweave.cluster import (
    ArticleFeatures,
    ClusterInput,
    ClusterModel,
    StoryClusterer,
    featurize,
)

_DOC_NAME = re.compile(r"(?:^|/)(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|-|$)")
_URL_YM = re.compile(r"/((?:19|20)\d\d)/(\d\d?)/")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()  # noqa: SIM905, E501
    )
}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()}
_TEXT_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\s*,?\s+"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_TEXT_DATE_DMY = re.compile(
    r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
#: Times and numeric dates the tokenizer split ("20: 09", "1: 19PM", "p. m.", "2 / 3 / 2009").
_SPLIT_TIME = re.compile(r"\b(\d{1,2})([:.]) (\d\d)(?!\d)")
_SPLIT_MERIDIEM = re.compile(r"\b([ap])\. m\.", re.IGNORECASE)
_SPLIT_SLASH_DATE = re.compile(r"\b(\d{1,2}) / (\d{1,2}) / (\d{2,4})\b")
#: A point between two numbers inside one sentence is a decimal point or a dotted date
#: ("5 . 9" → "5.9", "08 . 07 . 2012"): a sentence-final point ends its sentence's tokens.
_SPLIT_DECIMAL = re.compile(r"(?<=\d) \. (?=\d)")
_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")


@dataclass(frozen=True)
class EcbDoc:
    """One ECB+ document as a feed item, with its gold story label."""

    doc_id: str
    topic: int
    story: str
    headline: str
    text: str
    published: str | None

    def as_input(self, persons: tuple[tuple[str, int], ...] | None = None) -> ClusterInput:
        return ClusterInput(
            id=self.doc_id,
            headline=self.headline,
            text=self.text,
            published=self.published,
            language="en",
            persons=persons,
        )


def detokenize(tokens: list[str]) -> str:
    """Undo Penn-style tokenisation well enough for word features and shingles."""
    s = " ".join(tokens).replace("``", '"').replace("''", '"')
    s = _SPLIT_DECIMAL.sub(".", s)
    s = _NO_SPACE_BEFORE.sub("", s)
    s = re.sub(r"([(\[{$]) ", r"\1", s)
    s = _SPLIT_TIME.sub(r"\1\2\3", s)
    s = _SPLIT_MERIDIEM.sub(r"\1.m.", s)
    s = _SPLIT_SLASH_DATE.sub(r"\1/\2/\3", s)
    return s.strip()


def _iso(year: str, month: int, day: str) -> str | None:
    d = int(day)
    if not (1 <= month <= 12 and 1 <= d <= 31):
        return None
    return f"{int(year):04d}-{month:02d}-{d:02d}"


def find_date(url: str | None, lines: list[str]) -> str | None:
    """The publication date a feed would see: from the URL path, else a date line near the top."""
    if url:
        m = _URL_DATE.search(url)
        if m:
            got = _iso(m.group(1), int(m.group(2)), m.group(3))
            if got:
                return got
    for line in lines[:4]:
        if len(line.split()) > 12:  # a dated sentence tells of an event, not a date line
            continue
        m = _TEXT_DATE.search(line)
        if m:
            return _iso(m.group(3), _MONTH_ABBR[m.group(1).lower()[:3]], m.group(2))
        m = _TEXT_DATE_DMY.search(line)
        if m:
            return _iso(m.group(3), _MONTH_ABBR[m.group(2).lower()[:3]], m.group(1))
    if url:
        m = _URL_YM.search(url)
        if m and 1 <= int(m.group(2)) <= 12:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


def parse_document(name: str, xml: bytes) -> EcbDoc | None:
    """One CROMER XML file → :class:`EcbDoc` (None for a file name outside the ECB+ scheme)."""
    m = _DOC_NAME.search(name)
    if m is None:
        return None
    topic, sub = int(m.group(1)), m.group(3)
    root = ET.fromstring(xml)
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    raw = [sentences[k] for k in sorted(sentences)]
    url: str | None = None
    if raw and raw[0] and raw[0][0].lower().startswith("http"):
        url = "".join(raw[0])
        raw = raw[1:]
    lines = [detokenize(toks) for toks in raw if toks]
    # A feed gives the date as metadata and the title as the title: date lines at the top
    # ("Updated: November 11, 2011 20:09 IST") are neither headline nor text. They are
    # found by the cleaner's own date-line test, as for any article newsweave reads.
    found = [date_line(line) if i < 4 else None for i, line in enumerate(lines)]
    published = find_date(url, lines) or next((f.value for f in found if f), None)
    lines = [line for line, f in zip(lines, found, strict=True) if f is None]
    headline = lines[0] if lines else ""
    return EcbDoc(
        doc_id=f"{topic}_{m.group(2)}{sub}",
        topic=topic,
        story=f"{topic}_{sub}",
        headline=headline,
        text="\n".join(lines),
        published=published,
    )


def iter_archive(path: Path) -> Iterator[EcbDoc]:
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".xml"):
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            doc = parse_document(member.name, fh.read())
            if doc is not None:
                yield doc


def load(data_dir: Path, split: str | None = None) -> list[EcbDoc]:
    """Every document in ``ecbplus_*_topics.tar.gz`` under ``data_dir`` (or only ``split``)."""
    pattern = f"ecbplus_{split}_topics.tar.gz" if split else "ecbplus_*_topics.tar.gz"
    docs: list[EcbDoc] = []
    for archive in sorted(data_dir.glob(pattern)):
        docs.extend(iter_archive(archive))
    docs.sort(key=lambda d: d.doc_id)
    return docs


def archives(data_dir: Path) -> list[str]:
    """Split names (``train``, ``dev``, …) of the archives present in ``data_dir``."""
    out = []
    for p in sorted(data_dir.glob("ecbplus_*_topics.tar.gz")):
        out.append(p.name[len("ecbplus_") : -len("_topics.tar.gz")])
    return out


def stream_order(docs: list[EcbDoc], seed: int) -> list[EcbDoc]:
    """A fixed shuffled order: the stream a monitor would see (no topic comes pre-grouped)."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    return order


def run_stream(docs: list[EcbDoc], model: ClusterModel, seed: int) -> dict[str, str]:
    """Cluster ``docs`` as a stream in ``stream_order(seed)``; returns doc id → story id."""
    find_persons(docs)
    clusterer = StoryClusterer(model)
    for doc in stream_order(docs, seed):
        clusterer.assign(features_of(doc))
    return clusterer.assignments()


_FEATURES: dict[str, ArticleFeatures] = {}
_PERSONS: dict[str, tuple[tuple[str, int], ...]] = {}


def find_persons(docs: list[EcbDoc]) -> None:
    """Person mentions of each document, found as the pipeline finds them (the shipped
    spaCy model and ``extract.entities.find_mentions`` on the text): the cluster stage
    runs after extraction and reads these from the store."""
    from newsweave import nlp
    from newsweave.extract.entities import find_mentions

    todo = [d for d in docs if d.doc_id not in _PERSONS]
    for doc, parsed in zip(todo, nlp.parse(d.text for d in todo), strict=True):
        _PERSONS[doc.doc_id] = tuple(
            (m.text, m.start) for m in find_mentions(parsed, doc.doc_id) if m.label == "PERSON"
        )


def persons_of(docs: list[EcbDoc]) -> dict[str, tuple[tuple[str, int], ...]]:
    """doc id → its person mentions (parsed on first use)."""
    find_persons(docs)
    return {d.doc_id: _PERSONS[d.doc_id] for d in docs}


def features_of(doc: EcbDoc) -> ArticleFeatures:
    """Features are a pure function of the document: compute them once per process."""
    got = _FEATURES.get(doc.doc_id)
    if got is None:
        got = _FEATURES[doc.doc_id] = featurize(doc.as_input(persons_of([doc])[doc.doc_id]))
    return got


def replicate(docs: list[EcbDoc], n: int, seed: int = 3) -> list[ClusterInput]:
    """n articles for a growth run: the originals, then heavier variants (a fifth of the
    words dropped, paragraphs shuffled, dates shifted) so the store grows with new,
    distinct articles."""
    rng = random.Random(seed)
    persons = persons_of(docs)
    out = [d.as_input(persons[d.doc_id]) for d in docs][:n]
    while len(out) < n:
        d = rng.choice(docs)
        paras = d.text.split("\n")
        rng.shuffle(paras)
        words = [w for w in "\n".join(paras).split(" ") if rng.random() > 0.2]
        year = 2000 + rng.randrange(25)
        published = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        item = ClusterInput(
            f"r{len(out)}", d.headline, " ".join(words), published, "en", None, persons[d.doc_id]
        )
        out.append(item)
    return out
