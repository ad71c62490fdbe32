"""Rules for expressions that name their calendar unit: a date, month, year, decade,
century, quarter, half year, season or holiday.

Why rules per kind: each kind of expression has one normalisation story in the
TimeML guidelines ("March 2022" is a month, "the 1990s" a decade, "the third
quarter" the third quarter of the DCT's year or the one before). Names with a
year are absolute; without one ("Dec. 15", "spring") the DCT and the tense
pick the year.
"""

from __future__ import annotations

import datetime as dt
import re

import newsweave.extract.timex.calendar as cal
from newsweave.extract.timex.lexicon import (
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    SEASONS,
    number_value,
)
from newsweave.extract.timex.norm import Ctx, G, Norm, normalise, point_mod


def _month(word: str) -> int:
    return MONTHS[normalise(word).rstrip(".")]


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _year(word: str, dct: dt.date | None) -> int:
    digits = re.sub(r"\D", "", word)
    if len(digits) == 2:
        century = (dct.year // 100 * 100) if dct else 1900
        year = century + int(digits)
        return year - 100 if dct and year > dct.year + 20 else year
    return int(digits)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def h_full_date(g: G, ctx: Ctx) -> Norm | None:
    y, m, d = _year(g["year"], ctx.dct), _month_num(g["month"]), _day(g["day"])
    if not _valid(y, m, d):
        return None
    return Norm("DATE", f"{y:04d}-{m:02d}-{d:02d}", point_mod(g))


def _month_num(word: str) -> int:
    return int(word) if word.isdigit() else _month(word)


def h_month_day(g: G, ctx: Ctx) -> Norm | None:
    m, d = _month(g["month"]), _day(g["day"])
    if ctx.dct is None:
        return Norm("DATE", None, point_mod(g), True)
    y = cal.pick_year(ctx.dct, m, d, ctx.near_direction())
    if not _valid(y, m, d):
        return None
    return Norm("DATE", f"{y:04d}-{m:02d}-{d:02d}", point_mod(g), True)


def h_month_year(g: G, ctx: Ctx) -> Norm | None:
    return Norm("DATE", cal.month(int(g["year"]), _month(g["month"])), point_mod(g))


def h_month(g: G, ctx: Ctx) -> Norm | None:
    m = _month(g["month"])
    if ctx.dct is None:
        return Norm("DATE", None, point_mod(g), True)
    rel = normalise(g.get("rel", ""))
    if rel in ("last", "past", "the previous", "the past", "the last", "this past"):
        y = ctx.dct.year if m < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming", "this coming", "the following", "the coming", "the next"):
        y = ctx.dct.year if m > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        y = cal.pick_year(ctx.dct, m, None, ctx.near_direction())
    return Norm("DATE", cal.month(y, m), point_mod(g), True)


def h_year(g: G, ctx: Ctx) -> Norm | None:
    if "spelled" in g:
        return _spelled_year(g["spelled"], point_mod(g))
    return Norm("DATE", f"{_year(g['year'], ctx.dct):04d}", point_mod(g))


def _spelled_year(words: str, mod: str | None) -> Norm | None:
    """Spelled-out years of spoken transcripts: "nineteen ninety-six" -> 1996."""
    w = normalise(words).replace("-", " ").replace(" and", "")
    if w.startswith("two thousand"):
        tail = w[len("two thousand") :].strip()
        year = 2000 + int(number_value(tail) or 0) if tail else 2000
    else:
        head, _, tail = w.partition(" ")
        hundreds = number_value(head)
        rest = number_value(tail) if tail != "hundred" else 0.0
        if hundreds is None or rest is None:
            return None
        year = int(hundreds) * 100 + int(rest)
    return Norm("DATE", f"{year:04d}", mod)


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip


def h_decade(g: G, ctx: Ctx) -> Norm | None:
    if "dec" in g:
        return Norm("DATE", g["dec"][:3], point_mod(g))
    tens = int(g["dec2"][0]) if "dec2" in g else _DECADE_WORDS[normalise(g["decw"])]
    century = 19 if ctx.dct is None or tens * 10 > ctx.dct.year % 100 else ctx.dct.year // 100
    return Norm("DATE", f"{century}{tens}", point_mod(g))


_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def h_century(g: G, ctx: Ctx) -> Norm | None:
    n = int(g["cent"]) if "cent" in g else _CENTURY_WORDS[normalise(g["centw"])]
    return Norm("DATE", f"{n - 1:02d}", point_mod(g))


def _latest_quarter(dct: dt.date) -> tuple[int, int]:
    """The last quarter that has results: the one ending before the DCT's month."""
    return cal.quarter_of(dct - dt.timedelta(days=45))


def h_quarter(g: G, ctx: Ctx) -> Norm | None:
    if "qref" in g:
        ref = normalise(g["qref"])
        if ctx.dct is None:
            return Norm("DATE", None, None, True)
        y, q = _latest_quarter(ctx.dct)
        if "current" in ref:
            y, q = cal.quarter_of(ctx.dct)
        elif "year-" in ref or "year " in ref:
            if not ctx.quarter_context() and "quarter" not in ref and "period" not in ref:
                return Norm("DATE", str(ctx.dct.year - 1), None, True)
            y -= 1
        elif "previous" in ref or "prior" in ref:
            y, q = cal.shift_quarter(y, q, -1)
        return Norm("DATE", f"{y:04d}-Q{q}", None, True)
    year = _quarter_year(g, ctx.dct)
    if "qn" in g or "ord" in g:
        q = int(g["qn"]) if "qn" in g else ORDINALS[normalise(g["ord"])]
    elif ctx.dct is not None and year is not None:
        q = _latest_quarter(ctx.dct)[1]  # "the 1988 quarter": the same quarter that year
    else:
        return Norm("DATE", f"{year:04d}" if year else None, None, year is None)
    if year is not None:
        return Norm("DATE", f"{year:04d}-Q{q}", None, "yrel" in g)
    if ctx.dct is None:
        return Norm("DATE", None, None, True)
    y = ctx.dct.year
    if ctx.direction() < 0 and (q - 1) * 3 + 1 > ctx.dct.month:
        y -= 1
    return Norm("DATE", f"{y:04d}-Q{q}", None, True)


def _quarter_year(g: G, dct: dt.date | None) -> int | None:
    if "year" in g:
        return int(g["year"])
    if "yrel" in g and dct is not None:
        return dct.year + {"last": -1, "next": 1}.get(normalise(g["yrel"]), 0)
    return None


def h_half(g: G, ctx: Ctx) -> Norm | None:
    h = 1 if normalise(g["ord"]) == "first" else 2
    if "year" in g:
        return Norm("DATE", f"{int(g['year']):04d}-H{h}")
    if ctx.dct is None:
        return Norm("DATE", None, None, True)
    shift = {"last": -1, "next": 1}.get(normalise(g.get("yrel", "")), 0)
    return Norm("DATE", f"{ctx.dct.year + shift:04d}-H{h}", None, True)


def h_season(g: G, ctx: Ctx) -> Norm | None:
    code = SEASONS[normalise(g["season"])]
    rel = normalise(g.get("srel", ""))
    if "year" in g:
        return Norm("DATE", f"{int(g['year']):04d}-{code}", point_mod(g))
    if not rel and not g.get("pmod"):
        return None  # bare "spring"/"fall" are too often not about time
    if ctx.dct is None:
        return Norm("DATE", None, point_mod(g), True)
    cur_year, cur = cal.season_of(ctx.dct)
    order = ["SP", "SU", "FA", "WI"]
    now = cur_year * 4 + order.index(cur)
    if rel == "last":
        return Norm("DATE", f"{ctx.dct.year - 1:04d}-{code}", point_mod(g), True)
    direction = {"this past": -1, "next": 1, "this coming": 1}.get(rel)
    if direction is None and rel not in ("this", ""):
        direction = ctx.direction()
    y = cur_year if code == cur else ctx.dct.year
    if direction:
        options = [(yy, yy * 4 + order.index(code)) for yy in range(cur_year - 1, cur_year + 2)]
        if direction < 0:
            y = max((o for o in options if o[1] < now), key=lambda o: o[1])[0]
        else:
            y = min((o for o in options if o[1] > now), key=lambda o: o[1])[0]
    return Norm("DATE", f"{y:04d}-{code}", point_mod(g), True)


def h_holiday(g: G, ctx: Ctx) -> Norm | None:
    md = HOLIDAYS[normalise(g["hol"])]
    if "year" in g:
        return Norm("DATE", f"{int(g['year']):04d}-{md}")
    if ctx.dct is None:
        return Norm("DATE", None, None, True)
    m, d = int(md[:2]), int(md[3:])
    return Norm("DATE", f"{cal.pick_year(ctx.dct, m, d, ctx.direction()):04d}-{md}", None, True)


def h_year_end(g: G, ctx: Ctx) -> Norm | None:
    if ctx.dct is None:
        return Norm("DATE", None, "END", True)
    return Norm("DATE", f"{ctx.dct.year:04d}", "END", True)
