"""The brief stage: each compared story's cited extractive summary.

Per story: only stories without a brief stamp at this version are briefed; the compare
stage clears the stamp when it compares a story again.
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
    pending = store.pending_stories(stage.name, stage.version)
    ctx.tick(stage.name, 0, len(pending))
    done = 0
    for n, story_id in enumerate(pending, 1):
        ctx.tick(stage.name, n, len(pending))
        compared = compare_sql.comparison(store, story_id, "compare")
        if compared is None:
            continue  # not compared yet: the compare stage clears this stamp when it is
        signature = sha256_hex(f"{stage.version}|{compared['signature']}")
        texts = _texts(store, compared["groups"])
        try:
            groups = [[unit_from(u, texts[u["article_id"]]) for u in g] for g in compared["groups"]]
            sentences = summarise(groups, len(compared["outlets"]))
        except Exception as exc:  # this story alone; the others are briefed
            ctx.story_failed(stage, story_id, exc)
            continue
        compare_sql.save_briefed(store, story_id, sentences, stage.name, stage.version, signature)
        done += 1
    return done


def _texts(store: SqlStore, groups: Sequence[Sequence[Mapping[str, object]]]) -> dict[str, str]:
    ids = sorted({str(u["article_id"]) for g in groups for u in g})
    return {i: a.text for i, a in store.articles_by_id(ids).items()}
