"""JSON-ready views of a story for every front end (terminal, HTML report, web app, API).

Plain dicts of plain values: what the compare and brief stages stored, plus the
timeline and the quotes read from the extracted facts. Every citation is
``{article_id, start, end}`` (and ``field``/``index`` for a caption).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from newsweave.brief.timeline import timeline
from newsweave.compare.outlets import outlet_name
from newsweave.model import Article, Claim, Story
from newsweave.store import compare_sql
from newsweave.store.compare_sql import claim_json, span_json, summary_json
from newsweave.store.sql import SqlStore


def _article_json(a: Article, duplicate_of: str | None) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": outlet_name(a),
        "headline": a.headline,
        "published": a.published,
        "duplicate_of": duplicate_of,
        "url": a.url,
        "agency": a.agency,
        "words": a.word_count,
    }


def _story_articles(store: SqlStore, story: Story) -> list[Article]:
    found = store.articles_by_id(list(story.article_ids))
    return [found[i] for i in story.article_ids if i in found]


def stories_view(store: SqlStore) -> list[dict[str, Any]]:
    """Every story with its outlets, dates, size and how many claims and sentences it has."""
    counts = Counter(c.story_id for c in compare_sql.claims(store))
    out = []
    for story in store.stories():
        articles = _story_articles(store, story)
        out.append(
            {
                "id": story.id,
                "title": story.title,
                "first_published": story.first_published,
                "last_published": story.last_published,
                "article_count": len(story.article_ids),
                "outlets": sorted({outlet_name(a) for a in articles}),
                "claim_count": counts.get(story.id, 0),
            }
        )
    return out


def story_view(store: SqlStore, story_id: str) -> dict[str, Any] | None:
    """One story page's data, or None when no story has this id."""
    story = next((s for s in store.stories() if s.id == story_id), None)
    if story is None:
        return None
    articles = _story_articles(store, story)
    links = store.article_links()
    compared = compare_sql.comparison(store, story_id, "compare") or {}
    outlets = compared.get("outlets") or sorted({outlet_name(a) for a in articles})
    return {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "article_ids": list(story.article_ids),
        "outlets": outlets,
        "articles": [_article_json(a, links.get(a.id, (None, None))[0]) for a in articles],
        "timeline": _timeline(store, story_id),
        "summary": summary_json(compare_sql.summary(store, story_id)),
        "claims": [_claim_row(c, outlets) for c in compare_sql.claims(store, story_id)],
        "framing": compared.get("framing", []),
        "quotes": _quotes(store, articles),
        "sources": _sources(compared.get("sources", [])),
    }


def _timeline(store: SqlStore, story_id: str) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in store.entities()}
    events = [e for e in store.events() if e.story_id == story_id]
    return [
        {
            "date": t.date,
            "precision": t.precision,
            "kind": t.kind,
            "summary": t.summary,
            "participants": list(t.participants),
            "location": t.location,
            "citations": [span_json(s) for s in t.citations],
        }
        for t in timeline(events, names)
    ]


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


def _quotes(store: SqlStore, articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (resolved entity name first), most quoted first."""
    outlet_of = {a.id: outlet_name(a) for a in articles}
    names = {e.id: e.name for e in store.entities()}
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    entity_of: dict[str, str | None] = {}
    for q in store.quotes():
        if q.article_id not in outlet_of:
            continue
        speaker = (names.get(q.speaker_entity_id) if q.speaker_entity_id else None) or q.speaker
        key = speaker or "(unattributed)"
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
    ordered = sorted(grouped.items(), key=lambda kv: (kv[0] == "(unattributed)", -len(kv[1])))
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
