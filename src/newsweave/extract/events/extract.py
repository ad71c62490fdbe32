"""Events in one article: meetings, talks, statements, trips, decisions, attacks, figures.

Why: a story's timeline is made of happenings, each with who, where and when,
and each pointing at the sentence that reports it. Triggers come from the
dependency parse and a lexicon per kind (``triggers``); participants and
place from the trigger's arguments (``args``); the date from the timex
that governs the trigger (``dates``), so tense has already been handled by
the timex resolver ("will meet on Monday" looks ahead). The summary is the
clause's own words (``summary``). Events reported by several articles are
merged by ``merge.merge_events``.

Example:
    >>> doc = parse_one("EU leaders agreed on Friday to lend Ukraine €90 billion.")
    >>> extract_events(doc, "a1", timexes=find_timexes(doc.text, "2025-12-20"),
    ...                mentions=entity_mentions(doc, "a1"))[0].date
    '2025-12-19'
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SentSpan

from newsweave.extract.events.args import (
    MentionIndex,
    names,
    participants,
    place_text,
    place_tokens,
    setting_of,
    timex_roots,
)
from newsweave.extract.events.dates import assign_dates
from newsweave.extract.events.lexicon import lexicon
from newsweave.extract.events.summary import figure_of, summary_text, summary_tokens
from newsweave.extract.events.triggers import Trigger, find_triggers, quoted_ranges
from newsweave.model import EventMention, Mention, SpanField, Timex
from newsweave.nlp import entities, text_of
from newsweave.ranges import Ranges

__all__ = ["entity_mentions", "extract_events"]

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


def entity_mentions(
    doc: Doc, article_id: str, *, field: SpanField = "text", index: int | None = None
) -> list[Mention]:
    """Mentions straight from spaCy's entities: a stand-in until ``find_mentions`` lands."""
    return [
        Mention(article_id, e.start_char, e.end_char, e.text, e.label_, field=field, index=index)
        for e in entities(doc)
        if e.label_ in _ENTITY_LABELS
    ]


def _paragraph(sent: SentSpan, trig: Trigger) -> tuple[int, int]:
    """The paragraph holding the trigger: a parser sentence may run over a line break
    (a subheading glued to the next paragraph), evidence must not."""
    text = text_of(sent.doc)
    start = text.rfind("\n", sent.start_char, trig.start) + 1 or sent.start_char
    end = text.find("\n", trig.end, sent.end_char)
    return max(start, sent.start_char), end if end != -1 else sent.end_char


def _sentence_bounds(sent: SentSpan, start: int, end: int) -> tuple[int, int]:
    """The evidence: the sentence within the paragraph, without edge whitespace."""
    text = text_of(sent.doc)[start:end]
    return start + (len(text) - len(text.lstrip())), start + len(text.rstrip())


def _mention(
    trig: Trigger,
    date: Timex | None,
    sent: SentSpan,
    index: MentionIndex,
    skip: set[int],
    where: tuple[str, SpanField, int | None],
) -> EventMention | None:
    places = place_tokens(trig, index)
    people = names(participants(trig, index), places, index)
    location = place_text(places, index)
    setting = setting_of(trig)
    named = setting is not None and any(
        c.dep_ in ("nsubj", "nsubjpass") and index.at(c) is not None for c in setting.children
    )
    para_start, para_end = _paragraph(sent, trig)
    tokens = [
        t for t in summary_tokens(trig, skip, named_subject=named) if para_start <= t.idx < para_end
    ]
    figure = figure_of(tokens, lexicon().figure_labels)
    if date is None and not people and location is None and trig.kind != "figure":
        return None
    start, end = _sentence_bounds(sent, para_start, para_end)
    article_id, field, caption = where
    return EventMention(
        article_id=article_id,
        kind=trig.kind,
        start=start,
        end=end,
        trigger_start=trig.start,
        trigger_end=trig.end,
        trigger=text_of(sent.doc)[trig.start : trig.end],
        summary=summary_text(tokens) or text_of(sent.doc)[trig.start : trig.end],
        participants=tuple(people),
        location=location,
        date=date.value if date else None,
        precision=date.precision if date else None,
        tense=trig.tense,
        figure=figure,
        field=field,
        index=caption,
    )


def _unsaid(
    sent: SentSpan, timexes: Sequence[Timex], quoted: Ranges
) -> set[int]:
    """Tokens a summary leaves out: time words (the event carries its date) and
    quoted words (a quote is someone's words, not the article's account)."""
    near = [t for t in timexes if t.start < sent.end_char and sent.start_char < t.end]
    out: set[int] = set()
    for tok in sent:
        end = tok.idx + len(tok.text)
        timed = any(t.start < end and tok.idx < t.end for t in near)
        if timed or tok.idx in quoted:
            out.add(tok.i)
    return out


def extract_events(
    doc: Doc,
    article_id: str,
    *,
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    field: SpanField = "text",
    caption_index: int | None = None,
) -> list[EventMention]:
    """Every asserted event reported in ``doc``, in text order.

    ``timexes`` and ``mentions`` must point into ``doc.text`` (the article text,
    or caption ``caption_index`` when ``field="caption"``); mentions of other
    fields are ignored. An event with no date, participant or place is dropped
    (a figure excepted): it cannot be placed on a timeline or told apart.
    """
    own = [m for m in mentions if m.field == field and m.index == caption_index]
    index = MentionIndex(doc, own)
    quoted = Ranges(quoted_ranges(text_of(doc)))
    out: list[EventMention] = []
    for sent in doc.sents:
        triggers = find_triggers(sent, quoted)
        if not triggers:
            continue
        roots = timex_roots(doc, timexes, sent.start_char, sent.end_char)
        skip = _unsaid(sent, timexes, quoted)
        for trig, date in zip(triggers, assign_dates(triggers, roots), strict=True):
            where = (article_id, field, caption_index)
            found = _mention(trig, date, sent, index, skip, where)
            if found is not None:
                out.append(found)
    return out
