"""What each page shows, as plain JSON-ready dicts shared by the HTML pages and the API.

Keeping one function per page here means the HTML page and its ``/api`` twin
can never disagree about what a story, article or entity holds.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode, urlsplit

from newsweave.model import Article, Event, Span
from newsweave.store import SqlStore
from newsweave.web import queries


def cite_url(
    article_id: str, start: int, end: int, field: str = "text", index: int | None = None
) -> str:
    """Link that opens an article scrolled to a highlighted span."""
    params: dict[str, Any] = {"start": start, "end": end}
    if field == "caption" and index is not None:
        params.update(field="caption", index=index)
    return f"/articles/{article_id}?{urlencode(params)}#cite"


def web_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None (a ``javascript:`` URL never becomes a link)."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def span_dict(span: Span) -> dict[str, Any]:
    out = dataclasses.asdict(span)
    out["url"] = cite_url(span.article_id, span.start, span.end, span.field, span.index)
    return out


def story_list(store: SqlStore) -> list[dict[str, Any]]:
    """Every story with its size, outlets and dates, biggest and latest first."""
    stories = store.stories()
    ids = [a for s in stories for a in s.article_ids]
    brief = {r["id"]: r for r in queries.articles_brief(store, ids)}
    out = []
    for s in stories:
        members = [brief[a] for a in s.article_ids if a in brief]
        outlets = sorted({m["outlet"] for m in members if m["outlet"]}, key=str.casefold)
        out.append(
            {
                "id": s.id,
                "title": s.title,
                "first_published": s.first_published,
                "last_published": s.last_published,
                "article_count": len(s.article_ids),
                "copies": sum(1 for m in members if m["duplicate_of"]),
                "outlets": outlets,
                "url": f"/stories/{s.id}",
            }
        )
    return out


def story_detail(store: SqlStore, story_id: str) -> dict[str, Any] | None:
    """A story's articles, dated timeline, quotes by speaker and (when built) its briefing."""
    story = next((s for s in store.stories() if s.id == story_id), None)
    if story is None:
        return None
    members = queries.articles_brief(store, list(story.article_ids))
    for m in members:
        m["url"] = f"/articles/{m['id']}"
    events = [e for e in store.events() if e.story_id == story_id]
    names = queries.entity_names(store, sorted({p for e in events for p in e.participants}))
    quotes = queries.story_quotes(store, list(story.article_ids))
    detail: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "outlets": sorted({m["outlet"] for m in members if m["outlet"]}, key=str.casefold),
        "articles": members,
        "timeline": [_event_dict(e, names) for e in _in_date_order(events)],
        "summary": [],
        "claims": [],
        "framing": [],
        "sources": [],
        "quotes_by_speaker": _quotes_by_speaker(quotes),
    }
    view = _story_view(store, story_id)
    if view is not None:
        _merge_view(detail, with_urls(view), {name: i for i, name in names.items()})
    return detail


def _merge_view(detail: dict[str, Any], view: dict[str, Any], ids: dict[str, str]) -> None:
    """Take the briefing, comparison, framing, sources and folded timeline from the view.

    The view names a timeline's participants; they become links again where a
    name is an entity of the story's events.
    """
    for key in ("outlets", "summary", "claims", "framing", "sources"):
        if key in view:
            detail[key] = view[key]
    if "timeline" in view:
        for entry in view["timeline"]:
            entry["participants"] = [
                {"id": ids.get(p), "name": p, "url": f"/entities/{ids[p]}" if p in ids else None}
                for p in entry.get("participants", [])
            ]
        detail["timeline"] = view["timeline"]


def with_urls(value: Any) -> Any:
    """A copy of ``value`` in which every citation dict (article_id, start, end) has a ``url``."""
    if isinstance(value, list):
        return [with_urls(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: with_urls(v) for k, v in value.items()}
    if {"article_id", "start", "end"} <= out.keys() and "url" not in out:
        field, index = out.get("field", "text"), out.get("index")
        out["url"] = cite_url(out["article_id"], out["start"], out["end"], field, index)
    return out


def _story_view(store: SqlStore, story_id: str) -> dict[str, Any] | None:
    """The briefing, comparison and framing from ``newsweave.views``, once that module exists."""
    if importlib.util.find_spec("newsweave.views") is None:
        return None
    views = importlib.import_module("newsweave.views")
    view: dict[str, Any] | None = views.story_view(store, story_id)
    return view


def _in_date_order(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.summary))


def _event_dict(event: Event, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date,
        "precision": event.precision,
        "kind": event.kind,
        "summary": event.summary,
        "location": event.location,
        "participants": [
            {"id": p, "name": names[p], "url": f"/entities/{p}"}
            if p in names
            else {"id": None, "name": p, "url": None}
            for p in event.participants
        ],
        "citations": [span_dict(s) for s in event.evidence],
    }


def _quotes_by_speaker(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (entity when resolved, else the name), most quoted first."""
    groups: dict[tuple[str | None, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        name = r["speaker"] or "unattributed"
        groups[(r["speaker_entity_id"], name if not r["speaker_entity_id"] else "")].append(r)
    out: list[dict[str, Any]] = []
    for (entity_id, name), quotes in groups.items():
        out.append(
            {
                "speaker": name or quotes[0]["speaker"] or entity_id,
                "entity_id": entity_id,
                "url": f"/entities/{entity_id}" if entity_id else None,
                "quotes": [_quote_dict(q) for q in quotes],
            }
        )
    out.sort(key=lambda g: (-len(g["quotes"]), str(g["speaker"]).casefold()))
    return out


def _quote_dict(q: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": q["id"],
        "article_id": q["article_id"],
        "start": q["start"],
        "end": q["end"],
        "text": q["text"],
        "kind": q["kind"],
        "speaker": q["speaker"],
        "outlet": q.get("outlet"),
        "published": q.get("published"),
        "url": cite_url(q["article_id"], q["start"], q["end"]),
    }


def article_detail(store: SqlStore, article: Article) -> dict[str, Any]:
    """An article as the JSON contract has it, with its mentions, quotes and dates."""
    links = queries.articles_brief(store, [article.id])
    facts = queries.article_facts(store, article.id)
    return {
        "id": article.id,
        "source": article.source,
        "headline": article.headline,
        "published": article.published,
        "published_from": article.published_from,
        "outlet": article.outlet,
        "agency": article.agency,
        "dateline": article.dateline,
        "language": article.language,
        "url": article.url,
        "standfirst": article.standfirst,
        "text": article.text,
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "duplicate_of": links[0]["duplicate_of"] if links else None,
        "story_id": links[0]["story_id"] if links else None,
        "mentions": [_fact(m, "entity_id", "entity_name", "label") for m in facts["mentions"]],
        "quotes": [_fact(q, "id", "speaker", "speaker_entity_id", "kind") for q in facts["quotes"]],
        "timexes": [_fact(t, "type", "value", "precision") for t in facts["timexes"]],
    }


def _fact(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    out = {
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "field": row.get("field", "text"),
        "index": row.get("caption_index"),
    }
    out.update({k: row.get(k) for k in keys})
    return out


#: Characters of article text shown either side of a mention on the entity page.
CONTEXT_CHARS = 90


def _context(m: dict[str, Any]) -> dict[str, str]:
    """Words around a mention in the body text (captions get none: they are short)."""
    if m["field"] != "text":
        return {"before": "", "after": ""}
    text: str = m["article_text"]
    before = text[max(0, m["start"] - CONTEXT_CHARS) : m["start"]]
    after = text[m["end"] : m["end"] + CONTEXT_CHARS]
    return {
        "before": before.split(" ", 1)[-1] if " " in before else before,
        "after": after.rsplit(" ", 1)[0] if " " in after else after,
    }


def entity_detail(store: SqlStore, entity_id: str) -> dict[str, Any] | None:
    """An entity with every mention, the quotes it speaks, its events and its stories."""
    row = queries.entity_row(store, entity_id)
    if row is None:
        return None
    mentions = queries.entity_mentions(store, entity_id)
    events = [e for e in store.events() if entity_id in e.participants]
    names = queries.entity_names(store, sorted({p for e in events for p in e.participants}))
    story_ids = sorted({m["story_id"] for m in mentions if m["story_id"]})
    titles = {s.id: s.title for s in store.stories() if s.id in story_ids}
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "aliases": list(row["aliases"]),
        "roles": list(row["roles"]),
        "mentions": [
            {
                **_fact(m, "headline", "outlet", "published"),
                **_context(m),
                "article_id": m["article_id"],
                "url": cite_url(
                    m["article_id"], m["start"], m["end"], m["field"], m["caption_index"]
                ),
            }
            for m in mentions
        ],
        "quotes": [_quote_dict(q) for q in queries.speaker_quotes(store, entity_id)],
        "events": [_event_dict(e, names) for e in _in_date_order(events)],
        "stories": [
            {"id": s, "title": titles.get(s, s), "url": f"/stories/{s}"} for s in story_ids
        ],
    }
