"""The event lexicon: which words announce which kind of event, read once from JSON.

Why data, not code: trigger words per kind, the light verbs that carry an event
noun ("held talks"), and the merge rules per family are tuned by editing
``newsweave/data/event_lexicon.json``; the extractor only interprets them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class VerbObject:
    """A verb whose object makes it an event: "sent troops into" is an invasion."""

    verb: str
    object: str
    prep: str
    kind: str


@dataclass(frozen=True)
class MergeRule:
    """Signals two mentions of one family must share to be the same happening."""

    requires: frozenset[str] = frozenset()
    requires_any: frozenset[str] = frozenset()
    undated_requires: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Everything the event extractor and merger read from the lexicon file."""

    verbs: dict[str, tuple[str, frozenset[str]]]
    nouns: dict[str, tuple[str, frozenset[str]]]
    verb_objects: tuple[VerbObject, ...]
    light_verbs: frozenset[str]
    figure_labels: frozenset[str]
    hypothetical_heads: frozenset[str]
    future_heads: frozenset[str]
    modal_auxes: frozenset[str]
    future_auxes: frozenset[str]
    conditional_marks: frozenset[str]
    families: dict[str, str]
    priority: tuple[str, ...]
    merge: dict[str, MergeRule]

    def family(self, kind: str) -> str:
        """The family a kind merges within (a "meeting" may be reported as "talks")."""
        return self.families.get(kind, kind)

    def rank(self, kind: str) -> int:
        """Lower is more specific: a merged event takes its most specific kind."""
        return self.priority.index(kind) if kind in self.priority else len(self.priority)


def _entries(raw: dict[str, Any], part: str) -> dict[str, tuple[str, frozenset[str]]]:
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for kind, spec in raw["kinds"].items():
        for lemma, needs in spec.get(part, {}).items():
            out.setdefault(lemma, (kind, frozenset(needs)))
    return out


def _merge_rules(raw: dict[str, Any]) -> dict[str, MergeRule]:
    return {
        family: MergeRule(
            requires=frozenset(spec.get("requires", ())),
            requires_any=frozenset(spec.get("requires_any", ())),
            undated_requires=frozenset(spec.get("undated_requires", ())),
        )
        for family, spec in raw.get("merge", {}).items()
    }


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, parsed once per process."""
    text = resources.files("newsweave").joinpath("data/event_lexicon.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return Lexicon(
        verbs=_entries(raw, "verbs"),
        nouns=_entries(raw, "nouns"),
        verb_objects=tuple(VerbObject(**vo) for vo in raw.get("verb_objects", ())),
        light_verbs=frozenset(raw["light_verbs"]),
        figure_labels=frozenset(raw["figure_labels"]),
        hypothetical_heads=frozenset(raw["hypothetical_heads"]),
        future_heads=frozenset(raw["future_heads"]),
        modal_auxes=frozenset(raw["modal_auxes"]),
        future_auxes=frozenset(raw["future_auxes"]),
        conditional_marks=frozenset(raw["conditional_marks"]),
        families=dict(raw["families"]),
        priority=tuple(raw["priority"]),
        merge=_merge_rules(raw),
    )
