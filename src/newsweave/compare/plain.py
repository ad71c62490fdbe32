"""Comparison inputs for articles analysed without an English parse (Russian, Ukrainian,
French): their claims, so that a claim carried by such an outlet counts for it.

Why: the English inputs (``compare.prepared``) are read off spaCy's English parse:
clauses, lemmas, noun phrases. Another language's article has its own analyser's
records instead: mentions, quotes and dates with exact spans. Its claims are its
sentences that name someone or something, or give a number or a date; their names are
keyed by the resolved entities (which link across scripts), their dates by value and
their numbers by value, which is what aligns them with the English outlets' claims of
the same fact. Their words (lower-cased, and the names in English-press spelling, see
``cluster.bridge``) align them with claims in their own language. Noun phrases,
renamings and source lists stay empty: they need a parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.cluster.bridge import bridge_key
from newsweave.compare.claims import ClaimUnit, DatedSpan
from newsweave.compare.numbers import find_quantities
from newsweave.compare.outlets import outlet_name
from newsweave.compare.prepared import PreparedArticle
from newsweave.model import Article, Mention, Quote

#: Where a sentence ends: . ! ? … (and closing quotes) before a space and a capital,
#: a quote or a dash; or a line break.
_BREAK = re.compile(r"(?<=[.!?…])[»“”\"')]*\s+(?=[«„\"“—–A-ZА-ЯЁІЇЄҐÀ-Ý])|\n+")
_WORD = re.compile(r"[^\W\d_]{3,}")
_MIN_WORDS = 5
_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without surrounding space."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        out.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    out.append((start, len(text)))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _name_key(mention: Mention, language: str | None) -> str:
    """Without resolved entities, as the English inputs key a name: its last word, here
    in English-press spelling ("Сергея Петренко" → "petrenko")."""
    words = bridge_key(mention.name, language).split()
    return words[-1] if words else mention.name.casefold()


def prepare_plain(
    article: Article,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    dates: Sequence[DatedSpan],
) -> PreparedArticle:
    """The comparison inputs of an article analysed by its language's analyser."""
    outlet = outlet_name(article)
    text, language = article.text, article.language
    body = [m for m in mentions if m.field == "text" and m.label in _LABELS]
    units: list[ClaimUnit] = []
    for start, end in sentences(text):
        words = _WORD.findall(text[start:end])
        if len(words) < _MIN_WORDS:
            continue
        names = [m for m in body if start <= m.start and m.end <= end]
        spans = tuple((m.start, m.end, _name_key(m, language)) for m in names)
        quantities = tuple(find_quantities(text[start:end], offset=start))
        days = frozenset(d.value for d in dates if start <= d.start and d.end <= end)
        if not spans and not quantities and not days:
            continue
        said = next(
            (q.speaker for q in quotes if q.speaker and q.start < end and start < q.end), None
        )
        terms = [w.lower() for w in words]
        terms += [w for m in names for w in bridge_key(m.name, language).split()]
        units.append(
            ClaimUnit(
                article_id=article.id,
                outlet=outlet,
                start=start,
                end=end,
                text=text[start:end],
                position=len(units),
                terms=tuple(terms),
                entities=frozenset(key for _, _, key in spans),
                quantities=quantities,
                dates=days,
                attribution=said,
                entity_spans=spans,
            )
        )
    return PreparedArticle(article.id, tuple(units), (), (), ())
