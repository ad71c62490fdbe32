"""Story change logs as readers see them: one line of words per change, "updated 55 min
ago", and JSON-ready rows shared by ``newsweave changes``, the digest and the web app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsweave.model import StoryChange
from newsweave.store import SqlStore, changes_sql

#: At most this many changes are read for one listing (newest first).
MAX_CHANGES = 500
#: How the changes found at one moment are listed: the story, then what joined it, then
#: what the comparison found.
KIND_ORDER = ("story", "merge", "article", "outlet", "claims", "claim", "disagreement")


def _values(detail: dict[str, Any]) -> str:
    return "; ".join(f"{o}: {v}" for o, v in sorted(detail.get("values", {}).items()))


def describe(change: StoryChange) -> str:
    """The change in one line of plain words."""
    d = change.detail
    kind = change.kind
    if kind == "story":
        return f"new story: {d.get('title') or change.story_id}"
    if kind == "article":
        moved = " (moved from another story)" if d.get("from_story") else ""
        return f"article added: {d.get('outlet')}: {d.get('headline') or '(no headline)'}{moved}"
    if kind == "outlet":
        return f"{change.subject} joined the story"
    if kind == "merge":
        outlets = ", ".join(d.get("outlets", []))
        count = len(d.get("article_ids", []))
        return f"merged with “{d.get('title') or change.subject}” ({count} article(s): {outlets})"
    if kind == "claims":
        found, differ = d.get("claims", 0), d.get("disagreements", 0)
        return f"compared: {found} claim(s), {differ} disagreement(s)"
    if kind == "claim":
        return f"new claim: {d.get('text')} ({', '.join(d.get('outlets', []))})"
    if kind == "disagreement":
        return f"outlets disagree ({d.get('kind')}): {_values(d)} on “{d.get('claim')}”"
    return f"{kind}: {change.subject}"


def change_json(change: StoryChange, title: str | None = None) -> dict[str, Any]:
    """One change as JSON: when, which story, what kind, in words, and its detail (claims
    and disagreements keep their evidence spans as the contract writes them)."""
    return {
        "id": change.id,
        "story_id": change.story_id,
        "story_title": title,
        "at": change.at.astimezone(UTC).isoformat(timespec="seconds"),
        "kind": change.kind,
        "subject": change.subject,
        "text": describe(change),
        "detail": change.detail,
    }


def changes_view(
    store: SqlStore,
    since: datetime | None,
    story_id: str | None = None,
    limit: int = MAX_CHANGES,
) -> list[dict[str, Any]]:
    """Changes since ``since`` (of one story, or of every story), newest first."""
    if story_id is not None:
        found = changes_sql.changes_of(store, story_id, since, limit)
    else:
        if since is None:
            raise ValueError("reading every story's changes needs a time window")
        found = changes_sql.changes_since(store, since, limit)
    return changes_json(store, found)


def changes_json(
    store: SqlStore, found: list[StoryChange], titles: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """``found`` as JSON, newest first, each with its story's title (from ``titles``, story
    id → title, when the caller has read them all, else read here)."""
    found.sort(key=lambda c: (-c.at.timestamp(), c.story_id, KIND_ORDER.index(c.kind)))
    wanted = sorted({c.story_id for c in found})
    if titles is None or any(sid not in titles for sid in wanted):
        titles = store.story_titles(wanted)
    return [change_json(c, titles.get(c.story_id)) for c in found]


def ago(at: datetime, now: datetime | None = None) -> str:
    """``55 min ago``, ``3 h ago``, ``2 days ago``: how long since ``at``, in words."""
    seconds = ((now or datetime.now(UTC)) - at).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return f"{days} day{'s' if days > 1 else ''} ago"


def by_story(rows: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Change rows grouped by story, each story's newest first (the rows' order kept)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r["story_id"], []).append(r)
    return out
