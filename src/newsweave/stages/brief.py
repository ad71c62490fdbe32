"""The brief stage: each compared story's cited extractive summary.

Per story: a briefing is rewritten only when the comparison it is built from changed
or the stage version did; its signature covers both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.model import sha256_hex
from newsweave.stages.base import Context, Stage
from newsweave.store import compare_sql
from newsweave.store.sql import SqlStore


def run(ctx: Context, stage: Stage) -> int:
    """Write the cited briefing of every story compared since; return how many were written."""
    from newsweave.brief.summary import summarise
    from newsweave.compare.records import unit_from

    store = ctx.store
    done = 0
    stories = store.stories()
    ctx.tick(stage.name, 0, len(stories))
    for n, story in enumerate(stories, 1):
        compared = compare_sql.comparison(store, story.id, "compare")
        if compared is None:
            continue
        signature = sha256_hex(f"{stage.version}|{compared['signature']}")
        stored = compare_sql.comparison(store, story.id, stage.name)
        if stored is not None and stored["signature"] == signature:
            continue
        texts = _texts(store, compared["groups"])
        groups = [[unit_from(u, texts[u["article_id"]]) for u in g] for g in compared["groups"]]
        sentences = summarise(groups, len(compared["outlets"]))
        compare_sql.save_summary(store, story.id, sentences)
        compare_sql.save_comparison(store, story.id, stage.name, stage.version, signature, {})
        done += 1
        ctx.tick(stage.name, n, len(stories))
    return done


def _texts(store: SqlStore, groups: Sequence[Sequence[Mapping[str, object]]]) -> dict[str, str]:
    ids = sorted({str(u["article_id"]) for g in groups for u in g})
    return {i: a.text for i, a in store.articles_by_id(ids).items()}
