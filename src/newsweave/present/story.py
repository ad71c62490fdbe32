"""JSON-ready views of a story for every front end (terminal, HTML report, web app, API).

A story is read once, with keyed reads (``load_story``), and every view of it is built
from that one read: plain dicts of plain values, what the compare and brief stages
stored plus the timeline and the quotes read from the extracted facts. Every citation
is ``{article_id, start, end}`` (and ``field``/``index`` for a caption).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newsweave import settings
from newsweave.brief.timeline import TimelineEntry, timeline
from newsweave.compare.outlets import outlet_name, outlet_names
from newsweave.model import (
    Claim,
    Event,
    Quote,
    Story,
    SummarySentence,
    claim_json,
    span_json,
    summary_json,
)
from newsweave.store import ArticleHead, SqlStore, compare_sql

UNATTRIBUTED = "(unattributed)"


def reading_minutes(words: int) -> int:
    """Minutes to read an article at ``settings.READING_WORDS_PER_MINUTE`` (at least one)."""
    return max(1, math.ceil(words / settings.READING_WORDS_PER_MINUTE))


@dataclass(frozen=True)
class StoryData:
    """Everything a story's views show, as read from the store for this one story."""

    story: Story
    #: The members' heads, oldest first: every column a view shows, never the text (a
    #: view that quotes text reads the articles it cites).
    articles: tuple[ArticleHead, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    #: Entity id → name, for the entities the events and quotes point at.
    names: dict[str, str]
    claims: tuple[Claim, ...]
    summary: tuple[SummarySentence, ...]
    #: What the compare stage stored for the story (outlets, framing, sources), or {}.
    compared: dict[str, Any]

    @cached_property
    def timeline(self) -> list[TimelineEntry]:
        """The story's dated events, near-repeats folded, participants by name."""
        return timeline(self.events, self.names)

    @property
    def outlets(self) -> list[str]:
        """The compare stage's outlets, else every outlet that carried the story."""
        found: list[str] = self.compared.get("outlets") or outlet_names(self.articles)
        return found


def load_story(store: SqlStore, story_id: str, claim_limit: int | None = None) -> StoryData | None:
    """One story's rows, or None when no story has this id; only its first ``claim_limit``
    claims when given (a page that shows only those need not read the rest)."""
    found = store.story_and_heads(story_id)
    if found is None:
        return None
    story, heads = found
    events = store.events_of(story_id)
    quotes = store.quotes_of(story_id)
    named = {p for e in events for p in e.participants}
    named |= {q.speaker_entity_id for q in quotes if q.speaker_entity_id}
    return StoryData(
        story=story,
        articles=tuple(heads),
        events=tuple(events),
        quotes=tuple(quotes),
        names=store.entity_names(sorted(named)),
        claims=tuple(compare_sql.claims(store, story_id, claim_limit)),
        summary=tuple(compare_sql.summary(store, story_id)),
        compared=compare_sql.comparison(store, story_id, "compare") or {},
    )


def stories_view(
    store: SqlStore, offset: int = 0, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stories (every one, or the page ``offset``/``limit`` selects) with their outlets,
    dates, size, copies and how many claims each has; biggest and latest first."""
    return [
        {
            "id": s.story.id,
            "title": s.story.title,
            "first_published": s.story.first_published,
            "last_published": s.story.last_published,
            "article_count": len(s.story.article_ids),
            "outlets": outlet_names(s.members),
            "claim_count": s.claim_count,
            "copies": sum(1 for m in s.members if m.duplicate_of),
        }
        for s in store.story_listing(offset, limit)
    ]


def story_view(store: SqlStore, story_id: str) -> dict[str, Any] | None:
    """One story page's data, or None when no story has this id."""
    data = load_story(store, story_id)
    return view_of(data) if data is not None else None


def view_of(data: StoryData, *, quotes: bool = True) -> dict[str, Any]:
    """The story view: briefing, timeline, comparison, framing, quotes and sources
    (without ``quotes``, an empty list: for a front end that groups them its own way)."""
    story, outlets = data.story, data.outlets
    return {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "article_ids": list(story.article_ids),
        "outlets": outlets,
        "articles": [_article_json(a) for a in data.articles],
        "timeline": [timeline_json(t) for t in data.timeline],
        "summary": summary_json(data.summary),
        "claims": [_claim_row(c, outlets) for c in data.claims],
        "framing": data.compared.get("framing", []),
        "quotes": _quotes(data) if quotes else [],
        "sources": _sources(data.compared.get("sources", [])),
    }


def _article_json(a: ArticleHead) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": outlet_name(a),
        "headline": a.headline,
        "published": a.published,
        "duplicate_of": a.duplicate_of,
        "url": a.url,
        "agency": a.agency,
        "words": a.word_count,
    }


def timeline_json(t: TimelineEntry) -> dict[str, Any]:
    return {
        "date": t.date,
        "precision": t.precision,
        "kind": t.kind,
        "summary": t.summary,
        "participants": list(t.participants),
        "location": t.location,
        "citations": [span_json(s) for s in t.citations],
    }


def participants(data: StoryData, entry: TimelineEntry) -> list[tuple[str | None, str]]:
    """A timeline entry's participants as (entity id or None, name), in the entry's order:
    the ids come from the entry's own events, so a name is never looked up again."""
    by_event = {e.id: e for e in data.events}
    ids: dict[str, str] = {}
    for event_id in entry.event_ids:
        for p in by_event[event_id].participants:
            if p in data.names:
                ids.setdefault(data.names[p], p)
    return [(ids.get(name), name) for name in entry.participants]


def _claim_row(c: Claim, outlets: Sequence[str]) -> dict[str, Any]:
    """The claim plus one status per outlet: supports, silent or differs (with its value)."""
    row = claim_json(c)
    differing: dict[str, str] = {}
    for d in c.disagreements:
        for outlet, value in d.values.items():
            differing[outlet] = f"{d.kind}: {value}"
    status = {}
    for outlet in outlets:
        if outlet in differing and len(c.outlets_supporting) > 1:
            status[outlet] = {"status": "differs", "value": differing[outlet]}
        elif outlet in c.outlets_supporting:
            status[outlet] = {"status": "supports"}
        else:
            status[outlet] = {"status": "silent"}
    row["by_outlet"] = status
    return row


def _quotes(data: StoryData) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (resolved entity name first), most quoted first."""
    outlet_of = {a.id: outlet_name(a) for a in data.articles}
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    entity_of: dict[str, str | None] = {}
    for q in data.quotes:
        speaker = (data.names.get(q.speaker_entity_id) if q.speaker_entity_id else None) or (
            q.speaker
        )
        key = speaker or UNATTRIBUTED
        entity_of.setdefault(key, q.speaker_entity_id)
        grouped[key].append(
            {
                "id": q.id,
                "outlet": outlet_of[q.article_id],
                "text": q.text,
                "kind": q.kind,
                "citation": {"article_id": q.article_id, "start": q.start, "end": q.end},
            }
        )
    ordered = sorted(grouped.items(), key=lambda kv: (kv[0] == UNATTRIBUTED, -len(kv[1])))
    return [
        {
            "speaker": speaker,
            "speaker_entity_id": entity_of.get(speaker),
            "outlets": sorted({q["outlet"] for q in quotes}),
            "quotes": quotes,
        }
        for speaker, quotes in ordered
    ]


def _sources(uses: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outlet → the sources it relies on, with the words that say so."""
    table: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for u in uses:
        table[u["outlet"]][u["source"]].append(u["span"])
    return [
        {
            "outlet": outlet,
            "sources": [
                {"source": s, "count": len(spans), "citations": spans}
                for s, spans in sorted(by.items(), key=lambda kv: -len(kv[1]))
            ],
        }
        for outlet, by in sorted(table.items())
    ]
