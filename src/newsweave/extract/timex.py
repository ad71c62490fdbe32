"""Temporal expressions: find them in article text and resolve them to dates.

Why: a story's timeline needs "on Friday", "last weekend" and "overnight" as
dates, with how precise they are and what they were resolved against. The
finder is a compact rule system in the HeidelTime tradition: a regex grammar
(``timex_find``) says where expressions are, and per-kind resolvers
(``timex_resolve``, ``timex_relative``) give TimeML TIMEX3 types and values
against the article's publication date (the DCT). Past tense looks back and
future tense looks ahead, judged from the surrounding words
(``timex_tense``) unless the caller supplies ``tense_hint``.

Example:
    >>> [t.value for t in find_timexes("They met on Friday.", "2025-12-20")]
    ['2025-12-19']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from newsweave.extract.timex_calendar import precision as _precision
from newsweave.extract.timex_find import Candidate, find_spans
from newsweave.extract.timex_relative import HANDLERS_B
from newsweave.extract.timex_resolve import HANDLERS_A, Ctx, Handler, Norm
from newsweave.extract.timex_tense import direction_of, infer_tense
from newsweave.model import Timex

HANDLERS: dict[str, Handler] = {**HANDLERS_A, **HANDLERS_B}
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
                precision=_precision(value, norm.type),
                anchor=anchor if norm.relative and value is not None else None,
                mod=norm.mod,
            )
        )
    return out
