"""JSON forms of the compare stage's results, for the store and for the views."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from newsweave.compare.claims import ClaimUnit
from newsweave.compare.framing import FramingGroup, by_outlet
from newsweave.compare.numbers import Quantity
from newsweave.compare.sources import SourceUse
from newsweave.model import span_from, span_json

#: Framing groups kept per story; beyond these the signal is mostly noise.
MAX_FRAMING_GROUPS = 12


def unit_json(u: ClaimUnit, with_spans: bool = False) -> dict[str, Any]:
    """A claim unit as stored: with its name spans when it is to be keyed again later."""
    # field by field, not dataclasses.asdict: that deep-copies every term of every unit
    data: dict[str, Any] = {
        "article_id": u.article_id,
        "outlet": u.outlet,
        "start": u.start,
        "end": u.end,
        "position": u.position,
        "terms": u.terms,
        "entities": sorted(u.entities),
        "quantities": tuple(dataclasses.asdict(q) for q in u.quantities),
        "dates": sorted(u.dates),
        "attribution": u.attribution,
    }
    if with_spans:
        data["entity_spans"] = [list(s) for s in u.entity_spans]
    return data


def unit_from(d: dict[str, Any], article_text: str) -> ClaimUnit:
    return ClaimUnit(
        article_id=d["article_id"],
        outlet=d["outlet"],
        start=d["start"],
        end=d["end"],
        text=article_text[d["start"] : d["end"]],
        position=d["position"],
        terms=tuple(d["terms"]),
        entities=frozenset(d["entities"]),
        quantities=tuple(Quantity(**q) for q in d["quantities"]),
        dates=frozenset(d["dates"]),
        attribution=d.get("attribution"),
        entity_spans=tuple((s, e, name) for s, e, name in d.get("entity_spans", ())),
    )


def groups_json(groups: Sequence[Sequence[ClaimUnit]]) -> list[list[dict[str, Any]]]:
    return [[unit_json(u) for u in g] for g in groups]


def framing_json(groups: Sequence[FramingGroup]) -> list[dict[str, Any]]:
    """Each group: its label, the terms side by side per outlet, and where each term is used."""
    return [
        {
            "label": g.label,
            "outlets": by_outlet(g),
            "renamed": [list(pair) for pair in g.renamed],
            "terms": {
                term: {o: [span_json(s) for s in spans] for o, spans in outlets.items()}
                for term, outlets in g.terms.items()
            },
        }
        for g in groups[:MAX_FRAMING_GROUPS]
    ]


def sources_json(uses: Sequence[SourceUse]) -> list[dict[str, Any]]:
    return [
        {"outlet": u.outlet, "source": u.source, "cue": u.cue, "span": span_json(u.span)}
        for u in uses
    ]


def source_from(d: dict[str, Any]) -> SourceUse:
    return SourceUse(d["outlet"], d["source"], d["cue"], span_from(d["span"]))
