"""What each page shows, as plain JSON-ready dicts shared by the HTML pages and the API.

Keeping one function per page here means the HTML page and its ``/api`` twin
can never disagree about what a story, article or entity holds.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

from newsweave.compare.outlets import outlet_name
from newsweave.extract.entities.script import names_by_script
from newsweave.model import Event, Quote, Span
from newsweave.present.story import (
    StoryData,
    load_story,
    participants,
    stories_view,
    view_of,
)
from newsweave.store import ArticleHead, Hit, SqlStore, StoredArticle
from newsweave.store.search import MATCH_CLOSE, MATCH_OPEN


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
    return [
        {
            "id": s["id"],
            "title": s["title"],
            "first_published": s["first_published"],
            "last_published": s["last_published"],
            "article_count": s["article_count"],
            "copies": s["copies"],
            "outlets": s["outlets"],
            "url": f"/stories/{s['id']}",
        }
        for s in stories_view(store)
    ]


def story_detail(store: SqlStore, story_id: str) -> dict[str, Any] | None:
    """A story's articles, dated timeline, quotes by speaker, briefing and comparison."""
    data = load_story(store, story_id)
    if data is None:
        return None
    view = with_urls(view_of(data))
    return {
        "id": view["id"],
        "title": view["title"],
        "first_published": view["first_published"],
        "last_published": view["last_published"],
        "outlets": view["outlets"],
        "articles": [_member(a) for a in data.articles],
        "timeline": _timeline(data, view["timeline"]),
        "summary": view["summary"],
        "claims": view["claims"],
        "framing": view["framing"],
        "sources": view["sources"],
        "quotes_by_speaker": _quotes_by_speaker(data),
    }


def _member(stored: StoredArticle) -> dict[str, Any]:
    a = stored.article
    return {
        "id": a.id,
        "headline": a.headline,
        "outlet": outlet_name(a),
        "published": a.published,
        "word_count": a.word_count,
        "duplicate_of": stored.duplicate_of,
        "story_id": stored.story_id,
        "language": a.language,
        "url": f"/articles/{a.id}",
    }


def _timeline(data: StoryData, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The view's timeline, each participant a link when it is an entity."""
    for entry, folded in zip(entries, data.timeline, strict=True):
        entry["participants"] = [
            {"id": i, "name": name, "url": f"/entities/{i}" if i else None}
            for i, name in participants(data, folded)
        ]
    return entries


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


def _quotes_by_speaker(data: StoryData) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (entity when resolved, else the name), most quoted first."""
    article_of = {a.article.id: a.article for a in data.articles}
    rows = [
        {
            **_quote_row(q),
            "outlet": outlet_name(article_of[q.article_id]),
            "published": article_of[q.article_id].published,
        }
        for q in data.quotes
    ]
    # By date (undated first), then article and position.
    rows.sort(key=lambda r: (r["published"] is not None, r["published"] or ""))
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


def _quote_row(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "article_id": q.article_id,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_entity_id": q.speaker_entity_id,
    }


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


def article_detail(store: SqlStore, article_id: str) -> dict[str, Any] | None:
    """An article as the JSON contract has it, with its mentions, quotes and dates."""
    stored = store.stored_article(article_id)
    if stored is None:
        return None
    article = stored.article
    facts = store.facts_of(article.id)
    return {
        "id": article.id,
        "source": article.source,
        "headline": article.headline,
        "published": article.published,
        "published_from": article.published_from,
        "outlet": article.outlet,
        "outlet_name": outlet_name(article),
        "agency": article.agency,
        "dateline": article.dateline,
        "language": article.language,
        "url": article.url,
        "standfirst": article.standfirst,
        "text": article.text,
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "duplicate_of": stored.duplicate_of,
        "story_id": stored.story_id,
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
    entity = store.entity(entity_id)
    if entity is None:
        return None
    mentions = store.mentions_in_context(entity_id)
    events = store.events_with(entity_id)
    names = store.entity_names(sorted({p for e in events for p in e.participants}))
    story_ids = sorted({m["article"].story_id for m in mentions if m["article"].story_id})
    titles = store.story_titles(story_ids)
    languages = Counter(m["article"].language or "unknown" for m in mentions)
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "names_by_script": names_by_script([entity.name, *entity.aliases]),
        "mentions_by_language": dict(languages.most_common()),
        "roles": list(entity.roles),
        "mentions": [
            {
                **_fact(m),
                **_listed(m["article"]),
                **_context(m),
                "article_id": m["article_id"],
                "url": cite_url(
                    m["article_id"], m["start"], m["end"], m["field"], m["caption_index"]
                ),
            }
            for m in mentions
        ],
        "quotes": [_quote_dict({**q, **_listed(q["article"])}) for q in store.quotes_by(entity_id)],
        "events": [_event_dict(e, names) for e in _in_date_order(events)],
        "stories": [
            {"id": s, "title": titles.get(s, s), "url": f"/stories/{s}"} for s in story_ids
        ],
    }


def _listed(head: ArticleHead) -> dict[str, Any]:
    """The article columns a mention or quote is shown with."""
    return {
        "headline": head.headline,
        "outlet": outlet_name(head),
        "published": head.published,
        "language": head.language,
    }


def search_hits(store: SqlStore, q: str) -> list[dict[str, Any]]:
    """Articles matching every word of ``q``, best first, each with its snippet as plain
    text and as HTML (escaped, matched words in ``<mark>``)."""
    return [_hit(h) for h in store.search(q)]


def _hit(h: Hit) -> dict[str, Any]:
    marked = str(escape(h.snippet)).replace(MATCH_OPEN, "<mark>").replace(MATCH_CLOSE, "</mark>")
    return {
        "article_id": h.article_id,
        "headline": h.headline,
        "outlet": outlet_name(h),
        "published": h.published,
        "story_id": h.story_id,
        "snippet": h.snippet_text,
        "url": f"/articles/{h.article_id}",
        "snippet_html": Markup(marked),
    }
