"""What each page shows, as plain JSON-ready dicts shared by the HTML pages and the API.

Keeping one function per page here means the HTML page and its ``/api`` twin
can never disagree about what a story, article or entity holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsweave import permalinks, settings
from newsweave.compare.outlets import outlet_name
from newsweave.extract.entities.script import names_by_script
from newsweave.model import Event, Quote, Span
from newsweave.present.changes import MAX_CHANGES, ago, changes_json
from newsweave.present.story import (
    StoryData,
    load_story,
    participants,
    reading_minutes,
    stories_view,
    view_of,
)
from newsweave.store import ArticleHead, Hit, SqlStore, StoredArticle, changes_sql, compare_sql
from newsweave.store.search import MATCH_CLOSE, MATCH_OPEN


def cite_url(
    article_id: str, start: int, end: int, field: str = "text", index: int | None = None
) -> str:
    """Link that opens an article scrolled to a highlighted span.

    Formatted directly (every value is an int or a fixed word; the id is quoted):
    ``urlencode`` was half the time of a large story page."""
    caption = (
        f"&field=caption&index={int(index)}" if field == "caption" and index is not None else ""
    )
    return f"/articles/{quote(article_id, safe='')}?start={int(start)}&end={int(end)}{caption}#cite"


def web_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None (a ``javascript:`` URL never becomes a link)."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def span_dict(span: Span) -> dict[str, Any]:
    """The span's fields and its link (field by field: ``dataclasses.asdict`` deep-copies
    and was a fifth of a busy entity page's CPU)."""
    return {
        "article_id": span.article_id,
        "start": span.start,
        "end": span.end,
        "field": span.field,
        "index": span.index,
        "url": cite_url(span.article_id, span.start, span.end, span.field, span.index),
    }


def story_list(store: SqlStore, page: int = 1) -> dict[str, Any]:
    """One page of the stories (``STORIES_PER_PAGE``, biggest and latest first) with their
    size, outlets and dates, and where the page sits (``page``, ``pages``, ``total``).

    Paged so that the list costs the same on a store of any size: only the page's
    stories and their members are read."""
    total = store.story_count()
    size = settings.STORIES_PER_PAGE
    listed = stories_view(store, (page - 1) * size, size)
    updated = changes_sql.last_changed(store, [s["id"] for s in listed])
    stories = [
        {
            "id": s["id"],
            "title": s["title"],
            "first_published": s["first_published"],
            "last_published": s["last_published"],
            "article_count": s["article_count"],
            "copies": s["copies"],
            "outlets": s["outlets"],
            "url": f"/stories/{s['id']}",
            "updated": _iso(updated.get(s["id"])),
            "updated_ago": ago(updated[s["id"]]) if s["id"] in updated else None,
        }
        for s in listed
    ]
    return {"stories": stories, "page": page, "pages": max(1, -(-total // size)), "total": total}


def _iso(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") if at is not None else None


#: Changes a story page lists when no ``since`` is asked for (the newest).
RECENT_CHANGES = 30
#: What a story page shows of its longest lists unless all is asked for (``full``): the
#: first claims (the comparison table's rows, one cell per outlet each), and each
#: speaker's first quotes. A big story's page was 300-400 KB of HTML, half its CPU in
#: rendering rows nobody scrolls to; a link on the page shows them all.
CLAIMS_SHOWN = 25
QUOTES_PER_SPEAKER = 5


def story_detail(
    store: SqlStore, story_id: str, since: datetime | None = None, *, full: bool = True
) -> dict[str, Any] | None:
    """A story's articles (also grouped by outlet), dated timeline, quotes by speaker,
    briefing, comparison, when it last changed and its changes (since ``since``, else
    the newest). Without ``full``, only the first ``CLAIMS_SHOWN`` claims and each
    speaker's first ``QUOTES_PER_SPEAKER`` quotes (``claim_count`` and each group's
    ``quote_count`` say how many there are)."""
    data = load_story(store, story_id, None if full else CLAIMS_SHOWN)
    if data is None:
        return None
    view = view_of(data, quotes=False)  # this page groups the quotes itself
    claim_count = len(data.claims) if full else compare_sql.claim_count(store, story_id)
    # Citation links only where the page shows citations (not the view's own article
    # and quote lists, which this page replaces with its own).
    shown = ("timeline", "summary", "claims", "framing", "sources")
    linked = {k: with_urls(view[k]) for k in shown}
    members = [_head_member(h) for h in data.articles]
    short = _story_short(store, story_id, data.articles)
    limit = RECENT_CHANGES if since is None else MAX_CHANGES
    found = changes_sql.changes_of(store, story_id, since, limit)
    if since is None:  # the newest changes: the latest of them is the story's last change
        updated = max((c.at for c in found), default=None)
    else:
        updated = changes_sql.last_changed(store, [story_id]).get(story_id)
    # The story's title as the change rows name it: the story row was read by load_story.
    changes = changes_json(store, found, {story_id: data.story.title})
    return {
        "id": view["id"],
        "title": view["title"],
        "first_published": view["first_published"],
        "last_published": view["last_published"],
        "outlets": view["outlets"],
        "short": short,
        "permalink": permalinks.story_url(short) if short else None,
        "updated": _iso(updated),
        "updated_ago": ago(updated) if updated else None,
        "since": _iso(since),
        "changes": _with_links(changes),
        "articles": members,
        "by_outlet": by_outlet(members),
        "timeline": _timeline(data, linked["timeline"]),
        "summary": linked["summary"],
        "claims": linked["claims"],
        "claim_count": claim_count,
        "framing": linked["framing"],
        "sources": linked["sources"],
        "quotes_by_speaker": _quotes_by_speaker(data, None if full else QUOTES_PER_SPEAKER),
        "full": full,
    }


def _head_member(h: ArticleHead) -> dict[str, Any]:
    """A story member as the pages list it, from its head (no text read)."""
    return {
        "id": h.id,
        "headline": h.headline,
        "outlet": outlet_name(h),
        "published": h.published,
        "word_count": h.word_count,
        "reading_minutes": reading_minutes(h.word_count),
        "section": h.section,
        "duplicate_of": h.duplicate_of,
        "story_id": h.story_id,
        "language": h.language,
        "url": f"/articles/{h.id}",
    }


def by_outlet(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Members grouped by outlet, the outlet that carried the story first leading; each
    outlet's articles oldest first (undated last)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        groups[m["outlet"]].append(m)

    def first(found: list[dict[str, Any]]) -> tuple[bool, str]:
        dated = sorted(m["published"] for m in found if m["published"])
        return (not dated, dated[0] if dated else "")

    for found in groups.values():
        found.sort(key=lambda m: (m["published"] is None, m["published"] or "", m["id"]))
    ordered = sorted(groups.items(), key=lambda kv: (*first(kv[1]), kv[0].casefold()))
    return [
        {"outlet": outlet, "first_published": found[0]["published"], "articles": found}
        for outlet, found in ordered
    ]


def _story_short(store: SqlStore, story_id: str, members: Sequence[ArticleHead] = ()) -> str | None:
    """The story's short: its founding article's (from ``members``, the story's heads
    already read, when the founder is still among them)."""
    founder = permalinks.founder(story_id)
    if founder is None:
        return None
    head = next((h for h in members if h.id == founder), None)
    if head is None:
        head = store.heads_by_id([founder]).get(founder)
    return head.short if head is not None else None


def _with_links(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Change rows, each with the page it points at (an added article, a claim's evidence)."""
    for r in rows:
        d = r["detail"]
        link: str | None = None
        if r["kind"] == "article":
            link = f"/articles/{r['subject']}"
        elif r["kind"] == "outlet" and d.get("article_id"):
            link = f"/articles/{d['article_id']}"
        elif r["kind"] in ("claim", "disagreement") and d.get("evidence"):
            e = d["evidence"][0]
            link = cite_url(
                e["article_id"], e["start"], e["end"], e.get("field", "text"), e.get("index")
            )
        r["link"] = link
    return rows


def resolve_short(store: SqlStore, kind: str, short: str) -> str | None:
    """The page a permalink leads to (``kind``: ``a`` article, ``s`` story), or None. A
    story merged into another leads to the story it joined."""
    if not permalinks.is_short(short):
        return None
    article_id = store.article_by_short(short)
    if article_id is None:
        return None
    if kind == "a":
        return f"/articles/{article_id}"
    story_id = f"{permalinks.STORY_PREFIX}{article_id}"
    for _ in range(50):  # a chain of merges, never a loop
        if store.story(story_id) is not None:
            return f"/stories/{story_id}"
        joined = changes_sql.merged_into(store, story_id)
        if joined is None:
            return None
        story_id = joined
    return None


def _timeline(data: StoryData, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The view's timeline, each participant a link when it is an entity."""
    for entry, folded in zip(entries, data.timeline, strict=True):
        entry["participants"] = [
            {"id": i, "name": name, "url": f"/entities/{i}" if i else None}
            for i, name in participants(data, folded)
        ]
    return entries


def with_urls(value: Any) -> Any:
    """``value`` with a ``url`` in every citation dict (article_id, start, end) it holds,
    added in place (a story's view is built fresh for each request and nothing else
    holds it; copying it doubled the work on a big story); returns ``value``."""
    if not isinstance(value, (list, dict)):
        return value
    stack = [value]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if isinstance(item, dict):
            if "article_id" in item and "start" in item and "end" in item and "url" not in item:
                field, index = item.get("field", "text"), item.get("index")
                item["url"] = cite_url(item["article_id"], item["start"], item["end"], field, index)
            children: Iterable[Any] = item.values()
        else:
            children = item
        for v in children:  # a plain loop: a generator per container cost a third more
            if isinstance(v, (list, dict)):
                push(v)
    return value


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


def _quotes_by_speaker(data: StoryData, per_speaker: int | None = None) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (entity when resolved, else the name), most quoted first;
    each group's first ``per_speaker`` quotes when given (``quote_count``: all of them).
    Grouped before any quote is shaped, so the quotes not shown cost no dict."""
    article_of = {h.id: h for h in data.articles}
    # By date (undated first), then article and position.
    ordered = sorted(
        data.quotes,
        key=lambda q: (
            article_of[q.article_id].published is not None,
            article_of[q.article_id].published or "",
        ),
    )
    groups: dict[tuple[str | None, str], list[Quote]] = defaultdict(list)
    for q in ordered:
        name = q.speaker or "unattributed"
        groups[(q.speaker_entity_id, name if not q.speaker_entity_id else "")].append(q)
    out: list[dict[str, Any]] = []
    for (entity_id, name), quotes in groups.items():
        listed = quotes if per_speaker is None else quotes[:per_speaker]
        out.append(
            {
                "speaker": name or quotes[0].speaker or entity_id,
                "entity_id": entity_id,
                "url": f"/entities/{entity_id}" if entity_id else None,
                "quote_count": len(quotes),
                "quotes": [
                    _quote_dict(
                        {
                            **_quote_row(q),
                            "outlet": outlet_name(article_of[q.article_id]),
                            "published": article_of[q.article_id].published,
                        }
                    )
                    for q in listed
                ],
            }
        )
    out.sort(key=lambda g: (-g["quote_count"], str(g["speaker"]).casefold()))
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
    short = stored.short
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
        "section": article.section,
        "word_count": article.word_count,
        "reading_minutes": reading_minutes(article.word_count),
        "short": short,
        "permalink": permalinks.article_url(short) if short else None,
        "more_coverage": more_coverage(store, stored),
        "mentions": [_fact(m, "entity_id", "entity_name", "label") for m in facts["mentions"]],
        "quotes": [_fact(q, "id", "speaker", "speaker_entity_id", "kind") for q in facts["quotes"]],
        "timexes": [_fact(t, "type", "value", "precision") for t in facts["timexes"]],
    }


def more_coverage(store: SqlStore, stored: StoredArticle) -> list[dict[str, Any]]:
    """The same story from the other outlets: their articles (heads only, one keyed read
    of the story), grouped by outlet, the earliest outlet first."""
    if stored.story_id is None:
        return []
    own = outlet_name(stored.article)
    others = [
        _head_member(h)
        for h in store.story_heads(stored.story_id)
        if h.id != stored.article.id and outlet_name(h) != own
    ]
    return by_outlet(others)


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


#: Mentions on one page of an entity, and the most quotes and events an entity page lists.
MENTIONS_PER_PAGE = 100
QUOTES_SHOWN = 200
EVENTS_SHOWN = 200
#: Stories an entity page links to (the ones that mention it most).
STORIES_SHOWN = 100


def entity_detail(store: SqlStore, entity_id: str, page: int = 1) -> dict[str, Any] | None:
    """An entity with one page of its mentions (``MENTIONS_PER_PAGE``, by date), the
    first ``QUOTES_SHOWN`` quotes it speaks, the first ``EVENTS_SHOWN`` events it takes
    part in (by date) and the ``STORIES_SHOWN`` stories that mention it most.

    Paged because a name in the news for months has tens of thousands of mentions."""
    entity = store.entity_row(entity_id)
    if entity is None:
        return None
    total = store.mention_count(entity_id)
    offset = (page - 1) * MENTIONS_PER_PAGE
    mentions = store.mentions_in_context(entity_id, offset, MENTIONS_PER_PAGE)
    events = store.events_with(entity_id, EVENTS_SHOWN)
    names = store.entity_names(sorted({p for e in events for p in e.participants}))
    in_stories = store.entity_stories(entity_id)
    story_ids = [sid for sid, _ in in_stories[:STORIES_SHOWN]]
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
        "mention_count": total,
        "page": page,
        "pages": max(1, -(-total // MENTIONS_PER_PAGE)),
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
        "quotes": [
            _quote_dict({**q, **_listed(q["article"])})
            for q in store.quotes_by(entity_id, QUOTES_SHOWN)
        ],
        "events": [_event_dict(e, names) for e in _in_date_order(events)],
        "story_count": len(in_stories),
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
