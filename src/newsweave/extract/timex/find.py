"""Temporal expressions: find them in article text and resolve them to dates.

Why: a story's timeline needs "on Friday", "last weekend" and "overnight" as
dates, with how precise they are and what they were resolved against. The
finder is a compact rule system in the HeidelTime tradition: a regex grammar
(``grammar``) says where expressions are and what kind each is, and one rule
per kind (``named`` for expressions that name their calendar unit,
``relative`` for those that count from the DCT, durations, sets and clock
times), looked up in ``HANDLERS``, gives the TimeML TIMEX3 type and value
against the article's publication date (the DCT). Past tense looks back and
future tense looks ahead, judged from the surrounding words (``tense``)
unless the caller supplies ``tense_hint``.

Example:
    >>> [t.value for t in find_timexes("They met on Friday.", "2025-12-20")]
    ['2025-12-19']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import newsweave.extract.timex.calendar as cal
import newsweave.extract.timex.named as named
import newsweave.extract.timex.relative as relative
from newsweave.extract.timex.grammar import Candidate, find_spans
from newsweave.extract.timex.norm import Ctx, Handler, Norm
from newsweave.extract.timex.tense import direction_of, infer_tense
from newsweave.model import Timex

#: The rule for each kind of expression the grammar finds.
HANDLERS: dict[str, Handler] = {
    "md_y": named.h_full_date, "dm_y": named.h_full_date, "iso": named.h_full_date,
    "slash": named.h_full_date, "md": named.h_month_day, "dm": named.h_month_day,
    "my": named.h_month_year, "month": named.h_month, "year": named.h_year,
    "decade": named.h_decade, "century": named.h_century, "quarter": named.h_quarter,
    "half": named.h_half, "season": named.h_season, "holiday": named.h_holiday,
    "year_end": named.h_year_end,
    "weekday": relative.h_weekday, "dayref": relative.h_dayref, "daypart": relative.h_daypart,
    "rel_unit": relative.h_rel_unit, "weekend": relative.h_weekend, "ago": relative.h_ago,
    "duration": relative.h_duration, "set": relative.h_set, "clock": relative.h_clock,
    "ref": relative.h_ref,
}  # fmt: skip
_QUARTER_WINDOW = 300


def parse_dct(dct: str | None) -> dt.date | None:
    """The calendar day of an ISO date or datetime ("2025-12-20T08:00:00Z")."""
    if not dct:
        return None
    try:
        return dt.date.fromisoformat(dct.strip()[:10])
    except ValueError:
        return None


def _context(
    text: str,
    cand: Candidate,
    dct: dt.date | None,
    tense_hint: Callable[[int], str | None] | None,
) -> Ctx:
    def direction() -> int:
        hinted = direction_of(tense_hint(cand.start)) if tense_hint else None
        return hinted if hinted is not None else infer_tense(text, cand.start, cand.end)

    def near_direction() -> int:
        hinted = direction_of(tense_hint(cand.start)) if tense_hint else None
        return hinted if hinted is not None else infer_tense(text, cand.start, cand.end, 3)

    def quarter_context() -> bool:
        window = text[max(0, cand.start - _QUARTER_WINDOW) : cand.end + _QUARTER_WINDOW]
        return "quarter" in window.lower()

    return Ctx(dct, direction, quarter_context, near_direction)


def find_timexes(
    text: str,
    dct: str | None,
    *,
    tense_hint: Callable[[int], str | None] | None = None,
) -> list[Timex]:
    """Every temporal expression in ``text``, in order, resolved against ``dct``.

    ``dct`` is the publication date (ISO, a datetime is cut to its day). Without
    it, relative expressions keep only their surface form (value None) while
    absolute ones ("February 2022") still resolve. ``tense_hint(offset)`` may
    return "past"/"present"/"future" for the clause at ``offset``.
    """
    dct_date = parse_dct(dct)
    anchor = dct_date.isoformat() if dct_date else None
    out: list[Timex] = []
    for cand in find_spans(text):
        groups = dict(cand.groups, _text=text[cand.start : cand.end])
        norm: Norm | None = HANDLERS[cand.kind](groups, _context(text, cand, dct_date, tense_hint))
        if norm is None:
            continue
        value = norm.value if (dct_date or not norm.relative) else None
        out.append(
            Timex(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                type=norm.type,
                value=value,
                precision=cal.precision(value, norm.type),
                anchor=anchor if norm.relative and value is not None else None,
                mod=norm.mod,
            )
        )
    return out
