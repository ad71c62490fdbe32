"""Rules for expressions that count from the DCT, and for durations, sets and clock times.

Why apart from ``named``: these expressions name no calendar unit of their own
("on Monday", "yesterday", "last week", "two days ago"), so they lose their
value when an article has no date, and the tense alone says which way they
count ("met on Monday" looks back, "will meet on Monday" ahead); durations,
sets and clock times sit here too because they share the unit arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re

import newsweave.extract.timex.calendar as cal
from newsweave.extract.timex.lexicon import MONTHS, QUANT_MODS, REFS, UNITS, WEEKDAYS, number_value
from newsweave.extract.timex.norm import Ctx, G, Norm, normalise, point_mod, with_part

_BACK = ("last", "past", "this past", "the previous", "the past", "the last", "the latest")
_AHEAD = ("next", "coming", "this coming", "the following", "the coming", "the next")


def _rel_direction(rel: str) -> int | None:
    rel = normalise(rel)
    if rel in _BACK:
        return -1
    if rel in _AHEAD:
        return 1
    return None


def h_weekday(g: G, ctx: Ctx) -> Norm | None:
    wd = WEEKDAYS[normalise(g["wd"])]
    type_ = "TIME" if g.get("part") else "DATE"
    if ctx.dct is None:
        return Norm(type_, None, point_mod(g), True)
    rel = normalise(g.get("wrel", ""))
    direction = _rel_direction(rel) or (1 if rel == "this" else ctx.direction() or -1)
    date = cal.weekday_near(ctx.dct, wd, direction)
    if rel in ("last", "next") and date == ctx.dct:
        date += dt.timedelta(days=7 * direction)
    type_, value = with_part(cal.day(date), g.get("part"))
    return Norm(type_, value, point_mod(g), True)


_DAYREF = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def h_dayref(g: G, ctx: Ctx) -> Norm | None:
    ref = normalise(g["dref"])
    part = g.get("part") or ("night" if ref == "tonight" else None)
    if ctx.dct is None:
        return Norm("TIME" if part else "DATE", None, point_mod(g), True)
    date = ctx.dct + dt.timedelta(days=_DAYREF[ref])
    type_, value = with_part(cal.day(date), part)
    return Norm(type_, value, point_mod(g), True)


def h_daypart(g: G, ctx: Ctx) -> Norm | None:
    part = normalise(g["part"])
    prel = normalise(g.get("prel", ""))
    if ctx.dct is None:
        return Norm("TIME", None, point_mod(g), True)
    shift = -1 if prel in ("last", "yesterday", "late last") or part == "overnight" else 0
    shift = 1 if prel == "tomorrow" else shift
    _, value = with_part(cal.day(ctx.dct + dt.timedelta(days=shift)), part)
    return Norm("TIME", value, point_mod(g), True)


def h_rel_unit(g: G, ctx: Ctx) -> Norm | None:
    unit = normalise(g.get("unit", "century"))
    rel = normalise(g["rel"])
    if rel in ("the past", "the last", "the next", "past") and unit != "weekend":
        return _duration_value(1.0, unit, point_mod(g))
    if ctx.dct is None:
        return Norm("DATE", None, point_mod(g), True)
    n = _rel_direction(rel) or 0
    value = _shifted(ctx.dct, unit, n)
    return Norm("DATE", value, point_mod(g), True) if value else None


def _shifted(dct: dt.date, unit: str, n: int) -> str | None:
    """The calendar unit ``n`` steps from the DCT's ("last month" = n -1)."""
    if unit == "year":
        return f"{dct.year + n:04d}"
    if unit == "month":
        d = cal.add_months(dct, n)
        return cal.month(d.year, d.month)
    if unit in ("week", "fortnight"):
        return cal.week(dct + dt.timedelta(weeks=n))
    if unit == "weekend":
        return cal.week(dct + dt.timedelta(weeks=n)) + "-WE"
    if unit == "quarter":
        y, q = cal.shift_quarter(*cal.quarter_of(dct), n)
        return f"{y:04d}-Q{q}"
    if unit == "decade":
        return f"{dct.year // 10 + n:03d}"
    if unit == "century":
        return f"{dct.year // 100 + n:02d}"
    if unit == "day":
        return cal.day(dct + dt.timedelta(days=n))
    return None


def h_weekend(g: G, ctx: Ctx) -> Norm | None:
    if ctx.dct is None:
        return Norm("DATE", None, None, True)
    ahead = ctx.direction() > 0 or ctx.dct.isoweekday() >= 6
    return Norm(
        "DATE", cal.week(ctx.dct - dt.timedelta(weeks=0 if ahead else 1)) + "-WE", None, True
    )


def _unit(word: str) -> str:
    w = normalise(word)
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def h_ago(g: G, ctx: Ctx) -> Norm | None:
    if "vunit" in g:
        return _duration_value(None, _unit(g["vunit"]), None)
    unit = _unit(g["unit"])
    direction = 1 if normalise(g["dir"]) in ("later", "from now", "hence", "after") else -1
    mod = QUANT_MODS.get(normalise(g.get("qmod", ""))) if g.get("qmod") else None
    num = number_value(g["num"]) if "num" in g else None
    if num is None or num != int(num):
        return Norm("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod)
    if ctx.dct is None:
        return Norm("DATE", None, mod, True)
    n = int(num) * direction
    if unit == "year" and abs(n) == 1 and ctx.quarter_context():
        y, q = cal.quarter_of(ctx.dct - dt.timedelta(days=45))
        return Norm("DATE", f"{y + n:04d}-Q{q}", mod, True)
    value = _ago_value(ctx.dct, unit, n)
    return Norm("DATE", value, mod, True) if value else None


def _ago_value(dct: dt.date, unit: str, n: int) -> str | None:
    if unit in ("day", "week", "fortnight"):
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return cal.day(dct + dt.timedelta(days=days))
    if unit == "decade":
        return f"{(dct.year + 10 * n) // 10:03d}"
    if unit == "century":
        return f"{(dct.year + 100 * n) // 100:02d}"
    if unit in ("hour", "minute"):
        return cal.day(dct)
    return _shifted(dct, unit, n)


def _duration_value(num: float | None, unit: str, mod: str | None) -> Norm | None:
    if unit not in UNITS:
        return None
    letter, is_time, _ = UNITS[unit]
    if unit == "decade":
        letter, num = "Y", None if num is None else num * 10
    elif unit == "century":
        letter, num = "Y", None if num is None else num * 100
    elif unit == "fortnight":
        num = None if num is None else num * 2
    if letter in ("WE", "H") and not is_time:
        return None
    amount = "X" if num is None else (str(int(num)) if num == int(num) else f"{num:g}")
    return Norm("DURATION", f"P{'T' if is_time else ''}{amount}{letter}", mod)


_HALVES = {
    "hour": (30.0, "minute"), "minute": (30.0, "second"), "day": (12.0, "hour"),
    "year": (6.0, "month"), "decade": (5.0, "year"), "century": (50.0, "year"),
}  # fmt: skip


def h_duration(g: G, ctx: Ctx) -> Norm | None:
    mod = QUANT_MODS.get(normalise(g["qmod"])) if g.get("qmod") else None
    if "vunit" in g:
        return _duration_value(None, _unit(g["vunit"]), mod)
    unit = _unit(g["unit"])
    if "half" in g:
        amount, smaller = _HALVES[unit]
        return _duration_value(amount, smaller, mod)
    num_word = g.get("num")
    if num_word is None and "vague" not in g:
        num: float | None = 1.0
    else:
        num = number_value(num_word) if num_word else None
    if num_word and normalise(num_word) in ("a", "an") and unit in ("second", "quarter"):
        return None  # "a second time", "a quarter of the vote"
    if "and a half" in normalise(g.get("_text", "")) and num is not None:
        num += 0.5
    return _duration_value(num, unit, mod)


_ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W",
    "semiannually": "P6M",
}  # fmt: skip
_PART_SETS = {"morning": "TMO", "evening": "TEV", "night": "TNI", "afternoon": "TAF"}
_SEASON_SETS = {"summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP"}


def h_set(g: G, ctx: Ctx) -> Norm | None:
    if "adv" in g:
        adv = normalise(g["adv"])
        unit = adv.split()[-1] if " " in adv else None
        return Norm("SET", _ADVERB_SETS.get(adv) or f"P1{UNITS[unit or 'year'][0]}")
    if "wds" in g:
        wd = WEEKDAYS[normalise(g["wds"])[:-1]]
        part = _PART_SETS.get(normalise(g.get("part", ""))[:-1], "")
        return Norm("SET", f"XXXX-WXX-{wd}{part}")
    if "wd" in g:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[normalise(g['wd'])]}")
    if "month" in g:
        return Norm("SET", f"XXXX-{MONTHS[normalise(g['month']).rstrip('.')]:02d}")
    unit = _unit(g["unit"])
    if unit in _PART_SETS:
        return Norm("SET", f"T{_PART_SETS[unit]}")
    if unit in _SEASON_SETS:
        return Norm("SET", _SEASON_SETS[unit])
    n = number_value(g["num"]) if "num" in g else (2.0 if "other" in g else 1.0)
    dur = _duration_value(n, unit, None)
    return Norm("SET", dur.value) if dur else None


def _clock(g: G) -> str | None:
    named = normalise(g.get("named", ""))
    if named:
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[named]
    h, mi = int(g["h"]), int(g.get("mi") or 0)
    ampm = re.sub(r"[^ap]", "", normalise(g.get("ampm", "")))
    if ampm == "p" and h < 12:
        h += 12
    elif ampm == "a" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


def h_clock(g: G, ctx: Ctx) -> Norm | None:
    clock = _clock(g)
    mod = "APPROX" if g.get("qmod") else None
    if ctx.dct is None:
        return Norm("TIME", None, mod, True)
    ref = normalise(g.get("dref") or g.get("dref2") or "")
    if ref in _DAYREF:
        date = ctx.dct + dt.timedelta(days=_DAYREF[ref])
    elif ref in WEEKDAYS:
        date = cal.weekday_near(ctx.dct, WEEKDAYS[ref], ctx.direction() or -1)
    else:
        date = ctx.dct
    return Norm("TIME", f"{cal.day(date)}T{clock}", mod, True)


def h_ref(g: G, ctx: Ctx) -> Norm | None:
    return Norm("DATE", REFS[normalise(g["ref"])])
