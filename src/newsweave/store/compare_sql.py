"""Reading and writing what the compare and brief stages find, as plain functions over a store.

Claims and briefing sentences keep ``article_id, start, end`` spans, never copied
text alone. ``story_comparisons`` holds a story's framing and sources (JSON) and the
signature of the inputs they were computed from, so a rerun can skip unchanged stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select

from newsweave.model import (
    Claim,
    Disagreement,
    StoryChange,
    SummarySentence,
    claim_json,
    span_from,
    span_json,
)
from newsweave.store import changes_sql
from newsweave.store.schema import claims as claims_table
from newsweave.store.schema import story_comparisons, summaries
from newsweave.store.sql import SqlStore


def save_compared(
    store: SqlStore,
    story_id: str,
    found: Sequence[Claim],
    stage: str,
    version: str,
    signature: str,
    extra: dict[str, Any],
    clears: Sequence[str] = (),
    changes: Sequence[StoryChange] = (),
) -> None:
    """A story's claims (``position`` keeps the stage's ranking) and comparison, with the
    story stamped as compared (and the stamps of ``clears`` forgotten) and what the
    comparison changed logged, atomically."""
    with store.writer.begin() as conn:
        changes_sql.record(conn, changes)
        conn.execute(delete(claims_table).where(claims_table.c.story_id == story_id))
        if found:
            rows = [{**claim_json(c), "position": i} for i, c in enumerate(found)]
            conn.execute(claims_table.insert(), rows)
        _replace_comparison(conn, story_id, stage, version, signature, extra)
        store.mark_stories(conn, [story_id], stage, version, clears)


# A story page's reads, built once with bound parameters (see store/readers.py).
_STORY_CLAIMS = (
    select(claims_table)
    .where(claims_table.c.story_id == bindparam("key"))
    .order_by(claims_table.c.story_id, claims_table.c.position)
)
_FIRST_CLAIMS = _STORY_CLAIMS.limit(bindparam("limit"))
_CLAIM_COUNT = (
    select(func.count())
    .select_from(claims_table)
    .where(claims_table.c.story_id == bindparam("key"))
)
_SUMMARY = (
    select(summaries)
    .where(summaries.c.story_id == bindparam("key"))
    .order_by(summaries.c.position)
)
_COMPARISON = select(story_comparisons).where(
    story_comparisons.c.story_id == bindparam("key"),
    story_comparisons.c.stage == bindparam("stage"),
)


def claims(store: SqlStore, story_id: str | None = None, limit: int | None = None) -> list[Claim]:
    """Claims of one story (or all), best-supported first; the first ``limit`` when given."""
    if story_id is not None:
        one = _STORY_CLAIMS if limit is None else _FIRST_CLAIMS
        params = {"key": story_id} if limit is None else {"key": story_id, "limit": limit}
        with store.engine.connect() as conn:
            rows = conn.execute(one, params).all()
        return [_claim(r) for r in rows]
    query = select(claims_table).order_by(claims_table.c.story_id, claims_table.c.position)
    with store.engine.connect() as conn:
        return [_claim(r) for r in conn.execute(query.limit(limit)).all()]


def claim_count(store: SqlStore, story_id: str) -> int:
    """How many claims the story has (a page that shows the first few says so)."""
    with store.engine.connect() as conn:
        return int(conn.execute(_CLAIM_COUNT, {"key": story_id}).scalar_one())


def _claim(r: Any) -> Claim:
    return Claim(
        id=r.id,
        story_id=r.story_id,
        text=r.text,
        outlets_supporting=tuple(r.outlets_supporting),
        outlets_silent=tuple(r.outlets_silent),
        disagreements=tuple(
            Disagreement(d["kind"], d["values"], tuple(span_from(s) for s in d["evidence"]))
            for d in r.disagreements
        ),
        evidence=tuple(span_from(s) for s in r.evidence),
    )


def save_summary(store: SqlStore, story_id: str, sentences: Sequence[SummarySentence]) -> None:
    """Replace a story's briefing sentences."""
    with store.writer.begin() as conn:
        _replace_summary(conn, story_id, sentences)


def _replace_summary(conn: Connection, story_id: str, sentences: Sequence[SummarySentence]) -> None:
    conn.execute(delete(summaries).where(summaries.c.story_id == story_id))
    if sentences:
        conn.execute(
            summaries.insert(),
            [
                {
                    "story_id": story_id,
                    "position": i,
                    "sentence": s.sentence,
                    "citations": [span_json(c) for c in s.citations],
                }
                for i, s in enumerate(sentences)
            ],
        )


def summary(store: SqlStore, story_id: str) -> list[SummarySentence]:
    with store.engine.connect() as conn:
        rows = conn.execute(_SUMMARY, {"key": story_id}).all()
    return [SummarySentence(r.sentence, tuple(span_from(c) for c in r.citations)) for r in rows]


def save_briefed(
    store: SqlStore,
    story_id: str,
    sentences: Sequence[SummarySentence],
    stage: str,
    version: str,
    signature: str,
) -> None:
    """A story's briefing, with its signature and the story stamped, atomically."""
    with store.writer.begin() as conn:
        _replace_summary(conn, story_id, sentences)
        _replace_comparison(conn, story_id, stage, version, signature, {})
        store.mark_stories(conn, [story_id], stage, version)


def _replace_comparison(
    conn: Connection,
    story_id: str,
    stage: str,
    version: str,
    signature: str,
    extra: dict[str, Any],
) -> None:
    """A story's outlets, framing, sources and aligned claim groups (``extra``), with the
    signature of the inputs they came from."""
    conn.execute(
        delete(story_comparisons).where(
            story_comparisons.c.story_id == story_id, story_comparisons.c.stage == stage
        )
    )
    conn.execute(
        story_comparisons.insert().values(
            story_id=story_id,
            stage=stage,
            version=version,
            signature=signature,
            outlets=extra.get("outlets", []),
            framing=extra.get("framing", []),
            sources=extra.get("sources", []),
            groups=extra.get("groups", []),
            members=extra.get("members"),
        )
    )


def comparison(store: SqlStore, story_id: str, stage: str = "compare") -> dict[str, Any] | None:
    """What ``save_comparison`` stored for a story (with its ``signature``), or None."""
    with store.engine.connect() as conn:
        row = conn.execute(_COMPARISON, {"key": story_id, "stage": stage}).mappings().first()
    return dict(row) if row is not None else None


def comparison_versions(store: SqlStore) -> list[tuple[str, str | None]]:
    """Every (stage, version) a story result is stored under (None: written before
    versions were stored; such a row is redone, since its signature no longer matches)."""
    query = select(story_comparisons.c.stage, story_comparisons.c.version).distinct()
    with store.engine.connect() as conn:
        return sorted(((r.stage, r.version) for r in conn.execute(query)), key=str)


__all__ = [
    "claims",
    "comparison",
    "comparison_versions",
    "save_briefed",
    "save_compared",
    "save_summary",
    "summary",
]
