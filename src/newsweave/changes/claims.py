"""What a story's new comparison changed: claims that new articles brought and
disagreements that appeared, found by diffing against the result stored last time.

Only what new member articles bring counts: a story compared again because an entity
was re-resolved, or by a new version of the stage, aligns its old articles a little
differently, and that is not news. A story compared for the first time logs one
summary (how many claims and disagreements), not every claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsweave.model import Claim, Disagreement, Span, StoryChange, sha256_hex, span_json


def _key(d: Disagreement) -> str:
    values = "|".join(f"{o}={v}" for o, v in sorted(d.values.items()))
    return sha256_hex(f"{d.kind}|{values}")[:16]


def _spans(spans: Sequence[Span]) -> set[tuple[str, int, int]]:
    return {(s.article_id, s.start, s.end) for s in spans}


def claim_changes(
    story_id: str,
    at: datetime,
    claims: Sequence[Claim],
    members: Sequence[str],
    previous: Sequence[Claim] | None,
    previous_members: Sequence[str] | None,
) -> list[StoryChange]:
    """The changes to log. ``previous`` is None when the story was never compared at
    this stage version (then only the first comparison's summary is logged);
    ``previous_members`` is None when the stored result does not say which articles it
    covered (then every article counts as possibly new)."""
    detail: dict[str, Any]
    if previous is None:
        disagreements = sum(len(c.disagreements) for c in claims)
        detail = {"claims": len(claims), "disagreements": disagreements}
        return [StoryChange(story_id, at, "claims", "", detail)]
    fresh = set(members) - set(previous_members or ())
    seen = set().union(*(_spans(c.evidence) for c in previous))
    seen_disagreements = {_key(d) for c in previous for d in c.disagreements}
    out: list[StoryChange] = []
    for c in claims:
        brought = any(s.article_id in fresh for s in c.evidence)
        if brought and not _spans(c.evidence) & seen:
            detail = {
                "text": c.text,
                "outlets": list(c.outlets_supporting),
                "evidence": [span_json(s) for s in c.evidence],
            }
            out.append(StoryChange(story_id, at, "claim", c.id, detail))
        for d in c.disagreements:
            key = _key(d)
            if key in seen_disagreements or not any(s.article_id in fresh for s in d.evidence):
                continue
            seen_disagreements.add(key)
            detail = {
                "claim": c.text,
                "kind": d.kind,
                "values": dict(d.values),
                "evidence": [span_json(s) for s in d.evidence],
            }
            out.append(StoryChange(story_id, at, "disagreement", key, detail))
    return out
