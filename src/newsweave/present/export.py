"""The JSON output contract (GUIDE.md §2): stable field names other tools can rely on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave.extract.entities.script import names_by_script
from newsweave.model import (
    Article,
    Entity,
    Event,
    Quote,
    Span,
    Story,
    SummarySentence,
    claim_json,
    span_json,
    summary_json,
)
from newsweave.stages import ALL_STAGES
from newsweave.store import SqlStore, compare_sql


def export_json(store: SqlStore) -> dict[str, Any]:
    """The whole store as one JSON-ready object.

    ``stages`` lists the stages that produced it, so an empty ``quotes`` list from a
    store no quote stage has run on is not mistaken for "no quotes found".
    """
    links = store.article_links()
    outcomes = store.stage_outcomes("extract")
    return {
        "articles": [
            {
                **article_json(a, *links.get(a.id, (None, None))),
                "analysis": _analysis(a.id, outcomes),
            }
            for a in store.iter_articles()
        ],
        "stories": [story_json(s, compare_sql.summary(store, s.id)) for s in store.stories()],
        "entities": [entity_json(e) for e in store.entities()],
        "quotes": [quote_json(q) for q in store.quotes()],
        "events": [event_json(e) for e in store.events()],
        "claims": [claim_json(c) for c in compare_sql.claims(store)],
        "dates": [_timex_json(t) for t in store.timex_rows()],
        "overlaps": store.overlaps(),
        "rejected": [{"source": r.source, "reason": r.reason} for r in store.rejections()],
        "failures": store.stage_failures(),
        "warnings": store.decode_warnings(),
        "stages": [{"name": s.name, "version": s.version} for s in ALL_STAGES],
    }


def article_json(a: Article, duplicate_of: str | None, story_id: str | None) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "headline": a.headline,
        "published": a.published,
        "published_from": a.published_from,
        "outlet": a.outlet,
        "agency": a.agency,
        "dateline": a.dateline,
        "language": a.language,
        "text": a.text,
        "duplicate_of": duplicate_of,
        "story_id": story_id,
        "url": a.url,
        "standfirst": a.standfirst,
        "section": a.section,
        "cited_outlets": list(a.cited_outlets),
        "words": a.word_count,
        "part": a.part,
        "captions": [{"text": c.text, "credit": c.credit} for c in a.captions],
        "offsets": a.offsets.to_json(),
        "extra": a.extra,
    }


def story_json(s: Story, summary: Sequence[SummarySentence] = ()) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "article_ids": list(s.article_ids),
        "first_published": s.first_published,
        "last_published": s.last_published,
        "summary": summary_json(summary),
    }


def entity_json(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        # the entity's names per script ("Latin", "Cyrillic"): one person across languages
        "names_by_script": names_by_script([e.name, *e.aliases]),
        "roles": list(e.roles),
        "mentions": [
            {**span_json(Span(m.article_id, m.start, m.end, m.field, m.index)), "text": m.text}
            for m in e.mentions
        ],
    }


def quote_json(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "article_id": q.article_id,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "speaker": q.speaker,
        "speaker_entity_id": q.speaker_entity_id,
        "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "cue": q.cue,
        "kind": q.kind,
    }


def event_json(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "story_id": e.story_id,
        "kind": e.kind,
        "date": e.date,
        "precision": e.precision,
        "summary": e.summary,
        "participants": list(e.participants),
        "location": e.location,
        "evidence": [span_json(s) for s in e.evidence],
    }


def _timex_json(row: dict[str, Any]) -> dict[str, Any]:
    """A resolved temporal expression: surface form, ISO value, precision and anchor."""
    keys = ("article_id", "start", "end", "text", "type", "value", "precision", "anchor", "mod")
    out = {k: row[k] for k in keys}
    if row["field"] != "text":
        out.update(field=row["field"], index=row["caption_index"])
    return out


def _analysis(
    article_id: str, outcomes: dict[str, tuple[str | None, str | None]]
) -> dict[str, Any]:
    """Whether entities/quotes/dates/events were extracted from the article, and if not why
    (a language the extractors do not cover, a failure), or only from part of it (a text
    over the parse limit), so an empty fact list is never ambiguous."""
    if article_id not in outcomes:
        return {
            "analysed": False,
            "status": "pending",
            "note": "not yet run: run `newsweave run` again",
        }
    status, note = outcomes[article_id]
    if status is None:  # stamped before statuses were kept: a note meant "not analysed"
        status = "skipped" if note else "done"
    return {"analysed": status in ("done", "partial"), "status": status, "note": note}
