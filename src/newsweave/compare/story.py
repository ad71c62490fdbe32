"""Compare one story: claims aligned across outlets, who carries each and who is silent,
where they differ, framing terms and the sources each outlet relies on.

Pure functions: over parsed articles (``compare_story``), or over what was prepared when
each was parsed (``compare_prepared``, which the compare stage uses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsweave.compare.align import Difference, align, differences
from newsweave.compare.claims import ClaimUnit, DatedSpan, EntityKeyer, with_entity_keys
from newsweave.compare.framing import FramingGroup, Phrase, framing_groups
from newsweave.compare.numbers import primary
from newsweave.compare.outlets import outlet_name
from newsweave.compare.prepared import PreparedArticle, prepare
from newsweave.compare.sources import SourceUse
from newsweave.model import Article, Claim, Disagreement, Span, sha256_hex

#: A claim only one outlet carries is kept when it states a figure, a date or several names.
_MIN_ENTITIES_ALONE = 2


@dataclass
class StoryComparison:
    """Everything the compare stage finds in one story."""

    story_id: str
    outlets: list[str]
    claims: list[Claim] = field(default_factory=list)
    groups: list[list[ClaimUnit]] = field(default_factory=list)
    framing: list[FramingGroup] = field(default_factory=list)
    sources: list[SourceUse] = field(default_factory=list)


def compare_story(
    story_id: str,
    articles: Sequence[Article],
    docs: Sequence[Doc],
    dates: Mapping[str, Sequence[DatedSpan]] | None = None,
    entity_key: EntityKeyer | None = None,
) -> StoryComparison:
    """Claims, framing and sources of a story's (already parsed, de-duplicated) articles."""
    prepared = [
        prepare(a, doc, (dates or {}).get(a.id, ())) for a, doc in zip(articles, docs, strict=True)
    ]
    return compare_prepared(story_id, articles, prepared, entity_key)


def compare_prepared(
    story_id: str,
    articles: Sequence[Article],
    prepared: Sequence[PreparedArticle],
    entity_key: EntityKeyer | None = None,
) -> StoryComparison:
    """``compare_story`` over the articles' inputs found when each was parsed; names are
    keyed by ``entity_key`` (their resolved entities) here."""
    outlets = sorted({outlet_name(a) for a in articles})
    result = StoryComparison(story_id, outlets)
    units = [with_entity_keys(u, entity_key) for p in prepared for u in p.units]
    found: list[Phrase] = [ph for p in prepared for ph in p.phrases]
    renamed = [(p.phrases[a], p.phrases[b]) for p in prepared for a, b in p.renamed]
    result.sources = [s for p in prepared for s in p.sources]
    # One statement, one unit: a span found twice (e.g. by two clause cuts) would make
    # two claims with the same evidence and so the same id.
    units = list({(u.article_id, u.start, u.end): u for u in units}.values())
    result.groups = [g for g in align(units) if _worth_keeping(g)]
    claims = [claim_of(story_id, g, outlets) for g in result.groups]
    result.claims = list({c.id: c for c in claims}.values())
    result.framing = framing_groups(found, renamed)
    return result


def _worth_keeping(group: Sequence[ClaimUnit]) -> bool:
    """Shared claims always; a lone claim when it states a figure, a day or several names."""
    if len({u.outlet for u in group}) > 1:
        return True
    u = group[0]
    has_day = any(len(d) == 10 for d in u.dates)
    return bool(primary(list(u.quantities))) or has_day or len(u.entities) >= _MIN_ENTITIES_ALONE


def claim_of(story_id: str, group: Sequence[ClaimUnit], outlets: Sequence[str]) -> Claim:
    """The Claim record of one aligned group: its first statement stands for it."""
    supporting = sorted({u.outlet for u in group})
    evidence = tuple(Span(u.article_id, u.start, u.end) for u in group)
    key = "|".join(f"{s.article_id}:{s.start}:{s.end}" for s in evidence)
    return Claim(
        id=sha256_hex(f"claim:{story_id}:{key}")[:16],
        story_id=story_id,
        text=_representative(group).text,
        outlets_supporting=tuple(supporting),
        outlets_silent=tuple(o for o in outlets if o not in supporting),
        disagreements=tuple(_disagreement(d) for d in differences(group)),
        evidence=evidence,
    )


def _representative(group: Sequence[ClaimUnit]) -> ClaimUnit:
    """The statement with the most content words shared with the others (ties: shortest)."""
    if len(group) == 1:
        return group[0]

    def shared(u: ClaimUnit) -> tuple[int, int]:
        terms = set(u.terms)
        return sum(len(terms & set(o.terms)) for o in group if o is not u), -len(u.text)

    return max(group, key=shared)


def _disagreement(d: Difference) -> Disagreement:
    return Disagreement(
        kind=d.kind,
        values=dict(sorted(d.values.items())),
        evidence=tuple(Span(u.article_id, u.start, u.end) for u in d.units),
    )
