"""Merge event mentions from many articles into events: one happening, all its evidence.

Why greedy clustering with explicit signals: the same meeting is "talks on
Friday" in one paper and "the meetings on December 19" in another; it is the
same happening when the kinds belong to one family, the dates can be the same
day at their precision, and something else agrees (a participant, the place, a
number, or the words). Mentions are taken most precisely dated first, so vague
ones ("the talks", undated) join a well-dated event instead of founding their
own. Per-family rules in the lexicon ask more where a mistake is likely: two
statements merge only when the speaker is the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from newsweave.extract.events.args import precision_rank
from newsweave.extract.events.dates import compatible
from newsweave.extract.events.lexicon import MergeRule, lexicon
from newsweave.model import Event, EventMention, sha256_hex

_NO_STORIES: Mapping[str, str | None] = MappingProxyType({})
_WORD = re.compile(r"(?<![\w'’])[a-z][^\W\d_]{3,}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAME_TOKEN = re.compile(r"[^\W_]{2,}")
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "will",
        "would",
        "said",
        "says",
        "their",
        "there",
        "they",
        "them",
        "into",
        "about",
        "after",
        "before",
        "over",
        "also",
        "more",
        "most",
        "some",
        "such",
        "than",
        "then",
        "what",
        "when",
        "which",
        "while",
        "told",
        "reporters",
        "journalists",
        "added",
        "wrote",
    ]
)
_FINE = precision_rank("week")


def _words(text: str) -> set[str]:
    """Lower-case content words, cut to a crude stem: names, titles and places are
    compared as participants and location, not as words."""
    return {w[:6] for w in _WORD.findall(text) if w not in _STOP}


def _name_tokens(names: Sequence[str]) -> set[str]:
    return {t.lower() for n in names for t in _NAME_TOKEN.findall(n)}


@dataclass
class _Cluster:
    """Mentions judged to report one happening, with the signals they pool."""

    family: str
    story: str | None
    members: list[EventMention] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    def add(self, m: EventMention) -> None:
        self.members.append(m)
        self.names |= _name_tokens(m.participants)
        self.places |= _name_tokens([m.location or ""])
        self.numbers |= set(_NUMBER.findall(f"{m.summary} {m.figure or ''}"))
        self.words |= _words(m.summary)

    @property
    def dated(self) -> list[EventMention]:
        return [m for m in self.members if m.date]


def _overlap(a: set[str], b: set[str]) -> bool:
    """Summaries share words: at least two, and half of the shorter one's."""
    common = len(a & b)
    return common >= 2 and common >= 0.5 * min(len(a), len(b))


def _signals(c: _Cluster, m: EventMention) -> tuple[set[str], float]:
    """Agreeing signals, and a penalty where both sides name different ones."""
    found: set[str] = set()
    penalty = 0.0
    names, places = _name_tokens(m.participants), _name_tokens([m.location or ""])
    if c.names & names:
        found.add("participants")
    elif c.names and names:
        penalty += 0.5
    if c.places & places:
        found.add("location")
    elif c.places and places:
        penalty += 1.0
    if c.numbers & set(_NUMBER.findall(f"{m.summary} {m.figure or ''}")):
        found.add("number")
    if _overlap(c.words, _words(m.summary)):
        found.add("lexical")
    return found, penalty


def _allowed(rule: MergeRule, signals: set[str], both_dated: bool) -> bool:
    if not rule.requires <= signals:
        return False
    if rule.requires_any and not rule.requires_any & signals:
        return False
    return both_dated or rule.undated_requires <= signals


def _score(c: _Cluster, m: EventMention, story: str | None) -> float | None:
    """How well ``m`` fits ``c`` (None: it cannot be the same happening).

    0.5 for the shared family, 0.5 more when both are dated to the week or
    finer, 0.5 for the same kind, 1 per agreeing signal, minus a penalty for
    different places or parties; a dated pair needs 1.5, an undated one 2.5
    (two agreeing signals: an undated "the talks" is too easy to misplace).
    """
    lex = lexicon()
    if c.family != lex.family(m.kind) or (c.story and story and c.story != story):
        return None
    if not all(compatible(d.date, m.date) for d in c.dated):
        return None
    both_dated = bool(m.date and c.dated)
    signals, penalty = _signals(c, m)
    if not _allowed(lex.merge.get(c.family, MergeRule()), signals, both_dated):
        return None
    fine = both_dated and max(precision_rank(d.precision) for d in [*c.dated, m]) <= _FINE
    same_kind = any(x.kind == m.kind for x in c.members)
    score = 0.5 + 0.5 * fine + 0.5 * same_kind + len(signals) - penalty
    return score if score >= (1.5 if both_dated else 2.5) else None


def _order(m: EventMention) -> tuple[int, str, str, int, int, int]:
    return (
        precision_rank(m.precision),
        m.article_id,
        m.field,
        -1 if m.index is None else m.index,
        m.start,
        m.trigger_start,
    )


def _evidence_order(m: EventMention) -> tuple[str, str, int, int, int]:
    return _order(m)[1:]


def merge_events(
    mentions: Sequence[EventMention], *, story_of: Mapping[str, str | None] = _NO_STORIES
) -> list[Event]:
    """Events from event mentions, each keeping every article's evidence.

    ``story_of`` maps article ids to story ids; mentions from different known
    stories never merge. Events come out in date order (undated last).
    """
    lex = lexicon()
    clusters: list[_Cluster] = []
    for m in sorted(mentions, key=_order):
        story = story_of.get(m.article_id)
        scored = [(s, -i) for i, c in enumerate(clusters) if (s := _score(c, m, story)) is not None]
        if scored:
            clusters[-max(scored)[1]].add(m)
            continue
        cluster = _Cluster(lex.family(m.kind), story)
        cluster.add(m)
        clusters.append(cluster)
    events = [_event(c, story_of) for c in clusters]
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


def _event(c: _Cluster, story_of: Mapping[str, str | None]) -> Event:
    lex = lexicon()
    members = sorted(c.members, key=_evidence_order)
    dated = sorted(c.dated, key=lambda m: (precision_rank(m.precision), _evidence_order(m)))
    date, precision = (dated[0].date, dated[0].precision) if dated else (None, None)
    kind = min((m.kind for m in members), key=lex.rank)
    rep = max(
        members,
        key=lambda m: (
            m.kind == kind,
            m.summary[:1].isupper(),
            len(m.participants) + (m.location is not None),
            m.date == date,
            -members.index(m),
        ),
    )
    places = Counter(m.location for m in members if m.location)
    first = members[0]
    key = f"event:{first.article_id}:{first.field}:{first.index}:{first.start}:{first.end}"
    return Event(
        id=sha256_hex(f"{key}:{first.trigger_start}")[:16],
        kind=kind,
        summary=rep.summary,
        date=date,
        precision=precision,
        participants=_union_names(members),
        location=max(places, key=lambda p: (places[p], len(p))) if places else None,
        evidence=tuple(dict.fromkeys(m.span for m in members)),
        story_id=story_of.get(first.article_id),
    )


def _union_names(members: Sequence[EventMention]) -> tuple[str, ...]:
    """All participants, most cited first; "Roe" folds into "Jane Roe"."""
    counts = Counter(n for m in members for n in m.participants)
    names = sorted(counts, key=lambda n: -counts[n])
    tokens = {n: _name_tokens([n]) for n in names}
    kept = [n for n in names if not any(o != n and tokens[n] < tokens[o] for o in names)]
    return tuple(kept)
