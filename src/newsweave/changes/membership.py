"""What the cluster stage's decisions changed in each story: new stories, articles
added, outlets joining, stories merged into another.

A pure function over what the stage already holds for the stories it changed (their
members, where each moved article was before, its head): no store reads of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from newsweave.compare.outlets import Published, outlet_name
from newsweave.model import StoryChange


class Listed(Published, Protocol):
    """What a change shows of an article: its outlet (``Published``), headline and date."""

    @property
    def headline(self) -> str | None: ...

    @property
    def published(self) -> str | None: ...


@dataclass(frozen=True)
class Membership:
    """One run's story assignments, as far as the changed stories go."""

    #: Changed story id → its member article ids after the run.
    members: Mapping[str, Sequence[str]]
    #: Article id → the story it moved into this run (new articles included).
    moved: Mapping[str, str]
    #: Article id → the story it was in before the run (None: it had none).
    before: Mapping[str, str | None]
    #: Stories that existed before the run.
    existed: frozenset[str]
    #: Stories that went this run (merged into another), with their titles.
    gone: Mapping[str, str]
    #: What is shown of each member of a changed story (outlet, headline, date).
    heads: Mapping[str, Listed]
    #: Changed story id → its title.
    titles: Mapping[str, str]


def membership_changes(m: Membership, at: datetime) -> tuple[list[StoryChange], dict[str, str]]:
    """The changes to log, and gone story → the story it merged into."""
    out: list[StoryChange] = []
    merged_into: dict[str, str] = {}
    for story_id in sorted(m.members):
        members = m.members[story_id]
        arrived = [a for a in members if m.moved.get(a) == story_id]
        if not arrived:
            continue
        if story_id not in m.existed:
            out.append(
                StoryChange(story_id, at, "story", story_id, {"title": m.titles.get(story_id)})
            )
        came_from: dict[str, list[str]] = {}
        for article_id in arrived:
            previous = m.before.get(article_id)
            if previous is not None and previous in m.gone:
                came_from.setdefault(previous, []).append(article_id)
                continue
            head = m.heads[article_id]
            detail: dict[str, Any] = {
                "headline": head.headline,
                "outlet": outlet_name(head),
                "published": head.published,
                "from_story": previous,
            }
            out.append(StoryChange(story_id, at, "article", article_id, detail))
        for gone, ids in sorted(came_from.items()):
            merged_into[gone] = story_id
            detail = {
                "title": m.gone[gone],
                "article_ids": ids,
                "outlets": sorted({outlet_name(m.heads[a]) for a in ids}),
            }
            out.append(StoryChange(story_id, at, "merge", gone, detail))
        arrived_set = set(arrived)
        known = {outlet_name(m.heads[a]) for a in members if a not in arrived_set}
        for article_id in arrived:
            outlet = outlet_name(m.heads[article_id])
            if outlet not in known:
                known.add(outlet)
                detail = {"article_id": article_id, "headline": m.heads[article_id].headline}
                out.append(StoryChange(story_id, at, "outlet", outlet, detail))
    return out, merged_into
