"""Typed records that flow one way through the pipeline.

``Document`` (what a reader decoded) → ``Article`` (what the cleaner made of it).
Later stages add their own records here. Every record that points into text
does so with character offsets into the article's cleaned ``text`` (end
exclusive), never with a copied string, so a span can always be re-checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

from newsweave.words import word_count

DocFormat = Literal["text", "html", "jsonl"]
#: How a stage ended on one article: stored with its stamp and shown in the export.
StageStatus = Literal["done", "partial", "skipped", "failed"]
PublishedFrom = Literal["header", "byline", "url", "html-meta", "inferred", "input"]


def sha256_hex(data: bytes | str) -> str:
    """Content hash used for idempotent ingestion and stable ids."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read, with a reason a user can act on."""

    source: str
    reason: str
    content_hash: str | None = None


@dataclass(frozen=True)
class Document:
    """One decoded input unit: a file, a stdin stream or one JSONL line.

    ``raw`` is the decoded input exactly as read; every offset map built by the
    cleaner points into it. ``hints`` carries metadata the input states
    explicitly (JSONL ``url``, ``title``, ``published``, ``outlet``).
    """

    source: str
    raw: str
    format: DocFormat
    encoding: str
    content_hash: str
    hints: dict[str, str] = field(default_factory=dict)
    #: Invalid byte sequences the decoder replaced with U+FFFD (reported, not hidden).
    replaced: int = 0


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text copied verbatim from ``raw[raw_start:raw_start+length]``."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in cleaned text back to offsets in the raw input.

    Characters the cleaner inserted (paragraph breaks, a joining space) belong
    to no segment; they map to the raw position just before the next segment.
    """

    segments: tuple[Segment, ...] = ()

    def to_raw(self, clean_offset: int) -> int | None:
        """Raw offset of a cleaned-text offset, or None if the map is empty."""
        best: Segment | None = None
        for seg in self.segments:
            if seg.clean_start <= clean_offset < seg.clean_start + seg.length:
                return seg.raw_start + (clean_offset - seg.clean_start)
            if seg.clean_start > clean_offset:
                return seg.raw_start
            best = seg
        if best is None:
            return None
        return best.raw_start + best.length

    def raw_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw ``(start, end)`` covering the cleaned span ``[start, end)``."""
        if end <= start:
            return None
        raw_start = self.to_raw(start)
        raw_last = self.to_raw(end - 1)
        if raw_start is None or raw_last is None:
            return None
        return raw_start, raw_last + 1

    def to_json(self) -> list[list[int]]:
        return [[s.clean_start, s.raw_start, s.length] for s in self.segments]

    @classmethod
    def from_json(cls, data: list[list[int]]) -> OffsetMap:
        return cls(tuple(Segment(a, b, c) for a, b, c in data))


@dataclass(frozen=True)
class Caption:
    """A photo caption or credit line, kept apart from the body text."""

    text: str
    credit: str | None = None
    raw_start: int | None = None
    raw_end: int | None = None


@dataclass(frozen=True)
class Article:
    """One cleaned article. A split file yields several with the same ``source``.

    ``part`` numbers the articles found in one document, so ``(content_hash,
    part)`` identifies an article across reruns.
    """

    source: str
    document_hash: str
    part: int
    text: str
    offsets: OffsetMap
    headline: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    outlet: str | None = None
    agency: str | None = None
    dateline: str | None = None
    language: str | None = None
    url: str | None = None
    standfirst: str | None = None
    cited_outlets: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    #: The section the page, its URL, its feed or the scrape files it under ("World").
    section: str | None = None

    @property
    def id(self) -> str:
        """Stable id: the same input always yields the same article ids."""
        return sha256_hex(f"{self.document_hash}:{self.part}")[:16]

    @property
    def word_count(self) -> int:
        return word_count(self.text)


SpanField = Literal["text", "caption"]


@dataclass(frozen=True)
class Span:
    """Evidence: ``[start, end)`` in an article's text, or in caption ``index`` of it."""

    article_id: str
    start: int
    end: int
    field: SpanField = "text"
    index: int | None = None


@dataclass(frozen=True)
class Mention:
    """One mention of a person, organisation or place in one article.

    ``label`` is the (corrected) entity type: PERSON, ORG, GPE, LOC, NORP, FAC.
    ``role`` is a description the text attaches to it ("Kremlin envoy").
    ``base`` is the name in its citation form where the language inflects names
    ("Ивана Соколова" → "Иван Соколов"); None where ``text`` is that form.
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str
    role: str | None = None
    field: SpanField = "text"
    index: int | None = None
    base: str | None = None

    @property
    def name(self) -> str:
        """The name as entity resolution compares it: the base form, else the text."""
        return self.base or self.text


@dataclass(frozen=True)
class Entity:
    """A real-world person, organisation or place, resolved across articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[str, ...] = ()


QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker. ``start:end`` covers the quoted words only.

    ``speaker`` is the name as resolved within the article (a pronoun resolved
    to its antecedent, or the cited outlet for "the publication says");
    ``speaker_start/end`` point at the words in the text that name the speaker
    (the pronoun itself when that is what the sentence says).
    ``speaker_entity_id`` is filled when entities are resolved across the store.
    """

    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    speaker_entity_id: str | None = None

    @cached_property
    def id(self) -> str:
        """Stable id from the quote's place; computed once (a big story page asks thousands
        of times)."""
        return sha256_hex(f"quote:{self.article_id}:{self.start}:{self.end}")[:16]


@dataclass(frozen=True)
class Timex:
    """One TIMEX3: ``text[start:end]`` is the expression, end exclusive.

    ``value`` is the TimeML value ("2025-12-19", "2025-W51", "P4Y",
    "PRESENT_REF"), or None when a relative expression has no DCT to resolve
    against. ``anchor`` is the DCT used, None for absolute values.
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str | None
    anchor: str | None
    mod: str | None = None


@dataclass(frozen=True)
class PlacedTimex:
    """A temporal expression and where it stands: the body text or caption ``index``."""

    timex: Timex
    field: SpanField = "text"
    index: int | None = None


@dataclass(frozen=True)
class EventMention:
    """One report of an event in one article (or one of its captions).

    ``start:end`` is the evidence (the sentence) and ``trigger_start:trigger_end``
    the words that name the event, both offsets into the parsed text: the
    article's ``text``, or caption ``index`` when ``field == "caption"``.
    ``date``/``precision`` come from the governing timex (None when the sentence
    dates nothing); ``tense`` is the trigger clause's ("future" for "will meet").
    """

    article_id: str
    kind: str
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    summary: str
    participants: tuple[str, ...]
    location: str | None
    date: str | None
    precision: str | None
    tense: str | None = None
    figure: str | None = None
    field: SpanField = "text"
    index: int | None = None

    @property
    def span(self) -> Span:
        """The evidence as a model ``Span`` (says when it points into a caption)."""
        return Span(self.article_id, self.start, self.end, self.field, self.index)


@dataclass
class ArticleFacts:
    """Everything the extractors found in one article, body and captions."""

    article_id: str
    analysed: bool
    note: str | None = None
    #: The extractors raised on this article; ``note`` says why. It is stamped all the
    #: same, so it is not retried at this stage version, and the batch goes on.
    failed: bool = False
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[PlacedTimex] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    #: The compare stage's inputs found on the same parse (``compare.prepared``), as JSON.
    comparable: dict[str, Any] | None = None

    @property
    def status(self) -> StageStatus:
        """``done``, ``partial`` (analysed with a remark, e.g. capped), ``skipped`` (a
        language not analysed) or ``failed``: what the stage stamp records."""
        if self.failed:
            return "failed"
        if not self.analysed:
            return "skipped"
        return "partial" if self.note else "done"


@dataclass(frozen=True)
class Event:
    """Something that happened, merged across the articles that report it.

    ``participants`` are entity ids once entities are resolved (names before);
    ``evidence`` points at the sentence(s) in each article that report it,
    with ``field="caption"`` when a photo caption is the source.
    """

    id: str
    kind: str
    summary: str
    date: str | None
    precision: str | None
    participants: tuple[str, ...]
    location: str | None
    evidence: tuple[Span, ...]
    story_id: str | None = None


@dataclass(frozen=True)
class Story:
    """Articles telling one story, as the cluster stage grouped them.

    ``title`` is the member headline most central to the story; dates are the
    first and last publication dates of its members (ISO, possibly partial).
    """

    id: str
    title: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None


@dataclass(frozen=True)
class Disagreement:
    """Outlets that state one fact differently: ``values`` maps outlet to what it says."""

    kind: str  # "number", "date", "place", "attribution"
    values: dict[str, str]
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One fact as the outlets of a story state it, with who carries it and who is silent."""

    id: str
    story_id: str
    text: str
    outlets_supporting: tuple[str, ...]
    outlets_silent: tuple[str, ...]
    disagreements: tuple[Disagreement, ...]
    evidence: tuple[Span, ...]


ChangeKind = Literal["story", "article", "outlet", "merge", "claims", "claim", "disagreement"]


@dataclass(frozen=True)
class StoryChange:
    """One entry of a story's change log: what changed and when newsweave learned of it.

    ``kind``: ``story`` (it appeared), ``article`` (one joined), ``outlet`` (its first
    article from an outlet), ``merge`` (another story joined it; ``subject`` is that
    story's id), ``claims`` (first comparison: how many claims and disagreements),
    ``claim`` (a fact new articles brought), ``disagreement`` (outlets newly state one
    fact differently). ``subject`` is what it is about (article id, outlet, story id,
    claim id); ``detail`` holds what a reader is shown (headline, claim text, values,
    evidence spans as the contract writes them).
    """

    story_id: str
    at: datetime
    kind: ChangeKind
    subject: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The same change of the same story is recorded once, whenever it is found again."""
        return sha256_hex(f"change:{self.story_id}:{self.kind}:{self.subject}")[:16]


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a story's briefing and the spans that support it."""

    sentence: str
    citations: tuple[Span, ...]


# -- the JSON forms of citations (GUIDE §2): the export writes them and the store's JSON
# -- columns hold them, in one shape, so a stored span is exported as it was stored.


def span_json(s: Span) -> dict[str, Any]:
    """A citation as the contract writes it (``field``/``index`` only for captions)."""
    out: dict[str, Any] = {"article_id": s.article_id, "start": s.start, "end": s.end}
    if s.field != "text":
        out.update(field=s.field, index=s.index)
    return out


def span_from(d: Mapping[str, Any]) -> Span:
    return Span(d["article_id"], d["start"], d["end"], d.get("field", "text"), d.get("index"))


def claim_json(c: Claim) -> dict[str, Any]:
    """One claim in the contract's shape."""
    return {
        "id": c.id,
        "story_id": c.story_id,
        "text": c.text,
        "outlets_supporting": list(c.outlets_supporting),
        "outlets_silent": list(c.outlets_silent),
        "disagreements": [
            {"kind": d.kind, "values": d.values, "evidence": [span_json(s) for s in d.evidence]}
            for d in c.disagreements
        ],
        "evidence": [span_json(s) for s in c.evidence],
    }


def summary_json(sentences: Sequence[SummarySentence]) -> list[dict[str, Any]]:
    """``stories[].summary`` in the contract's shape."""
    return [
        {"sentence": s.sentence, "citations": [span_json(c) for c in s.citations]}
        for s in sentences
    ]


FeedKind = Literal["feed", "sitemap"]


@dataclass(frozen=True)
class FeedState:
    """What newsweave knows of one watched feed (or sitemap) between polls.

    ``etag`` and ``last_modified`` are the validators the next conditional GET sends;
    ``next_poll`` moves further out with each consecutive error, so a failing feed is
    retried less often without holding up the others.
    """

    url: str
    kind: FeedKind = "feed"
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_poll: datetime | None = None
    last_status: int | None = None
    next_poll: datetime | None = None
    consecutive_errors: int = 0
    last_error: str | None = None
    articles_found: int = 0
