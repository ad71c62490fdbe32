"""What the compare stage needs from each article, found once when the article is parsed.

Comparing a story needs each member's claims, noun phrases, renamings and sources, all
read off its spaCy parse. A story is compared again every time it gains an article, so
finding them at compare time would parse every member again each time: a story of n
articles would cost n(n+1)/2 parses. The extract stage already holds each article's parse,
so it prepares these there, once, and the store keeps them as JSON; the compare stage
only keys the names by their resolved entities (known only after the entities stage)
and aligns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from newsweave.compare.claims import ClaimUnit, DatedSpan, split_claims
from newsweave.compare.framing import Phrase, phrases, renamings
from newsweave.compare.outlets import outlet_name
from newsweave.compare.records import source_from, sources_json, unit_from, unit_json
from newsweave.compare.sources import SourceUse, find_sources
from newsweave.model import Article, span_from, span_json


@dataclass(frozen=True)
class PreparedArticle:
    """One article's comparison inputs: claim units (names keyed by name only), noun
    phrases, renamings (pairs of indices into ``phrases``) and the sources it relies on."""

    article_id: str
    units: tuple[ClaimUnit, ...]
    phrases: tuple[Phrase, ...]
    renamed: tuple[tuple[int, int], ...]
    sources: tuple[SourceUse, ...]


def prepare(article: Article, doc: Doc, dates: Sequence[DatedSpan] = ()) -> PreparedArticle:
    """The comparison inputs of a parsed article; ``dates`` are its resolved body dates."""
    outlet = outlet_name(article)
    found = phrases(doc, article.id, outlet)
    return PreparedArticle(
        article.id,
        tuple(split_claims(article, doc, outlet, dates)),
        tuple(found),
        tuple(_renamed(doc, found)),
        tuple(find_sources(article, doc, outlet)),
    )


def _renamed(doc: Doc, found: Sequence[Phrase]) -> list[tuple[int, int]]:
    """Each (thing, other name) the text states, as the first phrase inside each part."""
    out = []
    for thing, name in renamings(doc):
        a = [i for i, p in enumerate(found) if _inside(p, thing.start_char, thing.end_char)]
        b = [i for i, p in enumerate(found) if _inside(p, name.start_char, name.end_char)]
        if a and b:
            out.append((a[0], b[0]))
    return out


def _inside(p: Phrase, start: int, end: int) -> bool:
    return start <= p.span.start and p.span.end <= end


def to_json(p: PreparedArticle) -> dict[str, Any]:
    return {
        "units": [unit_json(u, with_spans=True) for u in p.units],
        "phrases": [
            {
                "key": ph.key,
                "head": ph.head,
                "outlet": ph.outlet,
                "span": span_json(ph.span),
                "slots": sorted(ph.slots),
            }
            for ph in p.phrases
        ],
        "renamed": [list(pair) for pair in p.renamed],
        "sources": sources_json(p.sources),
    }


def from_json(article_id: str, data: Mapping[str, Any], text: str) -> PreparedArticle:
    """The inputs ``to_json`` wrote for the article whose text is ``text``."""
    return PreparedArticle(
        article_id,
        tuple(unit_from(u, text) for u in data["units"]),
        tuple(
            Phrase(d["key"], d["head"], d["outlet"], span_from(d["span"]), frozenset(d["slots"]))
            for d in data["phrases"]
        ),
        tuple((a, b) for a, b in data["renamed"]),
        tuple(source_from(d) for d in data["sources"]),
    )
