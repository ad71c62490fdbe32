"""Event mentions in Russian and Ukrainian text: a trigger word, the sentence, its people,
place and date.

The English extractor reads a dependency parse; natasha's parse is not run here (it
would double the cost per article), so a sentence is an event mention when a word of it
(outside quotes) begins like a trigger of ``data/slavic_lexicon.json`` ("встреча",
"переговоры", "зустрівся", "обстріл"). Its participants are the people and organisations
the sentence names (base forms), its place the first place, its date the first resolved
date in the sentence. Like the English extractor, a mention with no date, participant
or place is dropped: it cannot be placed on a timeline or told apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.extract.slavic.lexicon import lexicon
from newsweave.extract.slavic.timex import verb_direction
from newsweave.model import EventMention, Mention, SpanField, Timex

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_WORD = re.compile(r"[^\W\d_]+")
_QUOTED = re.compile(r"«[^«»]*»|„[^„“”]*[“”]|\"[^\"\n]*\"")
_PLACE_PREPOSITIONS = frozenset({"в", "во", "у", "на", "до", "из", "із", "з"})
_SUMMARY_CHARS = 200


def _word_before(text: str, start: int) -> str:
    before = text[max(0, start - 12) : start].split()
    return before[-1].lower() if before else ""


def _kind(word: str) -> str | None:
    low = word.lower()
    for kind, stems in lexicon().event_triggers.items():
        if any(low.startswith(stem) for stem in stems):
            return kind
    return None


def find_slavic_events(
    text: str,
    article_id: str,
    *,
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    field: SpanField = "text",
    index: int | None = None,
) -> list[EventMention]:
    """Event mentions of ``text`` in order (``timexes``/``mentions`` point into it)."""
    own = [m for m in mentions if m.field == field and m.index == index]
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[EventMention] = []
    for sent in _SENTENCE.finditer(text):
        start = sent.start() + len(sent.group(0)) - len(sent.group(0).lstrip())
        end = sent.end()
        if end <= start:
            continue
        trigger = next(
            (
                (w, kind)
                for w in _WORD.finditer(text, start, end)
                if not any(s <= w.start() < e for s, e in quoted)
                and (kind := _kind(w.group(0))) is not None
            ),
            None,
        )
        if trigger is None:
            continue
        word, kind = trigger
        inside = [m for m in own if start <= m.start and m.end <= end]
        people = tuple(dict.fromkeys(m.name for m in inside if m.label in ("PERSON", "ORG")))
        places = [m for m in inside if m.label in ("GPE", "LOC", "FAC")]
        # where it happened: a place after в/у/на… ("в Майами"), not "президента России"
        after = [m for m in places if _word_before(text, m.start) in _PLACE_PREPOSITIONS]
        place = (after or places)[0].name if places else None
        date = next((t for t in timexes if start <= t.start < end and t.value), None)
        if date is None and not people and place is None:
            continue
        sentence = " ".join(text[start:end].split())
        out.append(
            EventMention(
                article_id=article_id,
                kind=kind,
                start=start,
                end=end,
                trigger_start=word.start(),
                trigger_end=word.end(),
                trigger=word.group(0),
                summary=sentence[:_SUMMARY_CHARS],
                participants=people,
                location=place,
                date=date.value if date else None,
                precision=date.precision if date else None,
                tense="future" if verb_direction(text, word.start(), word.end()) > 0 else "past",
                field=field,
                index=index,
            )
        )
    return out
