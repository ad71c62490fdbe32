# ruff: noqa: E501  (a grammar table reads best as one rule per line)
"""The grammar: regex rules that find temporal expressions and name their kind.

Why regexes over the raw text rather than a model: TimeML extents are short,
formulaic phrases ("early next year", "the past three years", "Dec. 2"), and a
rule says exactly why a span was taken. Each rule captures named parts
(``month``, ``num``, ``unit``, ``rel`` …) that the rules in ``named`` and
``relative`` turn into a TIMEX3 value; this module only decides *where* expressions are. Extents follow
the TimeML guidelines: prepositions ("on", "since", "in") stay outside,
modifiers ("early", "nearly", "the past") stay inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

from newsweave.extract.timex.lexicon import (
    DAY_NUM,
    DAY_PART,
    HOLIDAYS,
    MONTH,
    MONTH_NO_MAY,
    NUMBER,
    ORDINAL,
    PMOD,
    QMOD,
    REFS,
    SEASON,
    UNIT,
    VAGUE,
    WEEKDAY,
    YEAR,
    YEAR4,
    alt,
    cap,
)

# Optional point modifier ("early", "the end of", "mid-") in front of a date.
_PM = rf"(?:(?P<pmod>{PMOD})(?:\s+|-)(?:of\s+)?)?"
_REL = r"(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|the\s+previous|the\s+following|the\s+coming|the\s+current|current|the\s+full|the\s+latest|the\s+last|the\s+past|the\s+next)"
_RELW = r"(?P<relw>earlier|later|early|late|mid)"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_B = r"(?<![\w$£€.,/-])"  # no word, currency or number glued on the left
_E = r"(?![\w%/]|-\w|[.,]\d)"  # nor on the right
_PREP_MAY = "|".join(
    rf"(?<=\b{p}\s)" for p in ("in", "since", "until", "by", "of", "from", "to", "through",
                                "before", "after", "during", "early", "late", "mid", "last",
                                "next", "this", "In", "Since", "By", "Until", "From")
)  # fmt: skip
# "in the fall" is a season, "the fall of the city" is not.
_PREP_SEASON = "|".join(
    rf"(?<=\b{p}\s)"
    for p in ("in", "during", "by", "until", "since", "over", "through", "In", "By")
)
_TZ = r"(?:\s+\(?(?-i:[A-Z]{2,4}T|GMT|UTC|Z)(?:\s*[+-]\s*\d{1,2})?\)?)?"
_DAYREF = r"(?:today|yesterday|tomorrow|tonight)"
# A quantity modifier, but not "over the past three years" ("over" is then a preposition).
_QM = rf"(?:(?!(?:over|under|only|some)\s+(?:the|past|last|next)\b)(?P<qmod>{QMOD})\s+)?"


@dataclass(frozen=True)
class Rule:
    """One pattern; ``kind`` names the resolver that gives it a value; ``needs``: strings
    one of which a text must hold (lower-cased, see ``_folded``) for the pattern to match
    anywhere in it, or None when no such set was found (the pattern is always run)."""

    kind: str
    pattern: re.Pattern[str]
    needs: frozenset[str] | None = field(default=None, compare=False)


def _rule(kind: str, pattern: str) -> Rule:
    compiled = re.compile(_B + pattern + _E, re.IGNORECASE)
    return Rule(kind, compiled, _needs(compiled))


def _needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains or looks ahead to, read
    off its parse (literal runs, alternations of them, repeats of at least one, positive
    lookaheads); the most selective such set, or None. Most rules name a word a text
    rarely holds ("century", "quarter", a holiday), and a text without any of them
    cannot match: the rule's scan, about 0.1-0.3 ms a text, is skipped."""
    try:
        found = _needs_of(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a parser of another Python: the rule is simply always run
        return None
    return frozenset(found) if found else None


def _needs_of(items: list[tuple[Any, Any]]) -> set[str] | None:
    c = sre_constants
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run).lower()})
            run = []
        found: set[str] | None = None
        if op is c.SUBPATTERN:
            found = _needs_of(list(av[3]))
        elif op is c.BRANCH:
            branches = [_needs_of(list(b)) for b in av[1]]
            if all(b is not None for b in branches):
                found = set().union(*[b for b in branches if b is not None])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found = _needs_of(list(av[2]))
        elif op is c.ASSERT and av[0] == 1:
            found = _needs_of(list(av[1]))
        if found:
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


#: Characters the regex engine matches case-insensitively to an ASCII letter that
#: ``str.lower`` does not turn into it ("İ" lowers to two characters).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _folded(text: str) -> str:
    """``text`` lower-cased so that a literal the IGNORECASE grammar matches in it is a
    substring of it, lower-cased."""
    return text.translate(_FOLD).lower()


RULES: tuple[Rule, ...] = (
    # absolute calendar dates
    _rule("md_y", _PM + _WD_PREFIX + rf"(?P<month>{MONTH})\s*(?P<day>{DAY_NUM}),?\s+(?P<year>{YEAR})"),
    _rule("dm_y", _PM + _WD_PREFIX + rf"(?:the\s+)?(?P<day>{DAY_NUM})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR4})"),
    _rule("iso", r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    _rule("slash", r"(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)?\d\d)"),
    _rule("md", _PM + _WD_PREFIX + rf"(?P<month>{MONTH})\s*(?P<day>{DAY_NUM})"),
    _rule("dm", _WD_PREFIX + rf"(?:the\s+)?(?P<day>{DAY_NUM})\s+(?:of\s+)?(?P<month>{MONTH})"),
    _rule("my", _PM + rf"(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR4})"),
    _rule("month", _PM + rf"(?:{_REL}\s+)?(?P<month>{MONTH_NO_MAY})"),
    _rule("month", rf"(?:{_PREP_MAY})(?P<month>{cap('May')})(?!\s+(?:be|have|not|also|well|never|only|still|soon|already|yet)\b)"),
    _rule("year", _PM + rf"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<year>{YEAR4})"),
    _rule("year", _PM + r"(?:the\s+)?(?P<fiscal>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?)\s*(?P<year>'\d\d|\d\d)"),
    _rule("decade", _PM + r"(?:the\s+)?(?P<dec>(?:1[5-9]|20)\d0)'?s"),
    _rule("decade", _PM + r"the\s+'(?P<dec2>\d0)s"),
    _rule("decade", _PM + r"the\s+(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"),
    _rule("century", _PM + r"the\s+(?P<cent>\d{1,2})(?:st|nd|rd|th)\s+century"),
    _rule("century", _PM + r"the\s+(?P<centw>nineteenth|twentieth|twenty-first|eighteenth)\s+century"),
    _rule("rel_unit", rf"(?:{_RELW}\s+)?" + _REL + r"\s+century"),
    # quarters, halves, seasons, holidays
    _rule("quarter", rf"(?:the\s+)?(?:(?P<fiscal>fiscal)\s+)?(?P<ord>{ORDINAL})[\s-]+(?:fiscal\s+)?(?:-?\s*)quarter(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR4}))?"),
    _rule("quarter", rf"(?:the\s+)?(?:(?P<year>{YEAR4})|(?P<yrel>this|last|next)\s+year's)\s+(?:(?P<fiscal>fiscal)\s+)?(?:(?P<ord>{ORDINAL})[\s-]+)?(?:fiscal\s+)?(?:quarter|(?P<period>period))"),
    _rule("quarter", rf"(?-i:Q)(?P<qn>[1-4])(?:\s+(?P<year>{YEAR4}))?"),
    _rule("quarter", r"(?P<qref>the\s+(?:latest|most\s+recent|same|current|previous|prior|past|recent|comparable|year-?(?:earlier|ago)|fiscal)\s+(?:fiscal\s+)?quarter|the\s+quarter|(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?)"),
    _rule("half", rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<year>{YEAR4})|(?P<yrel>this|last|next)\s+year|the\s+year))?"),
    _rule("season", _PM + rf"(?:(?P<srel>this\s+past|this\s+coming|last|next|this)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR4}))?"),
    _rule("season", rf"(?:{_PREP_SEASON})(?P<srel>the)\s+(?P<season>{SEASON})(?!\s+(?:of|in|to)\b)"),
    _rule("holiday", rf"(?P<hol>{alt(HOLIDAYS)})(?:\s+(?P<year>{YEAR4}))?"),
    _rule("year_end", r"(?P<ye>(?:the\s+)?year[-\s]end|the\s+end\s+of\s+the\s+year|the\s+end\s+of\s+this\s+year)"),
    # days relative to the DCT
    _rule("weekday", _PM + rf"(?:(?P<wrel>last|next|this|this\s+past|this\s+coming|coming|past)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{DAY_PART}))?"),
    _rule("weekday", rf"(?P<relw2>earlier|later|early|late)\s+(?P<wd>{WEEKDAY})(?:\s+(?P<part>{DAY_PART}))?"),
    _rule("dayref", rf"(?:(?P<relw3>earlier|later|early|late)\s+)?(?P<dref>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|{_DAYREF})(?:\s+(?P<part>{DAY_PART}))?"),
    _rule("daypart", rf"(?:(?P<relw4>earlier|later|early|late)\s+)?(?P<prel>this|last|yesterday|tomorrow|tonight|late\s+last|early\s+this|early\s+on)\s+(?P<part>{DAY_PART})"),
    _rule("daypart", r"(?P<part>overnight)"),
    _rule("dayref", rf"(?:(?P<pmod>early|late|mid)[\s-]?)?(?P<part>{DAY_PART})\s+(?:of\s+)?(?P<dref>{_DAYREF})"),
    _rule("weekday", rf"(?:(?P<pmod>early|late|mid)[\s-]?)?(?P<part>{DAY_PART})\s+(?:of\s+)?(?P<wd>{WEEKDAY})"),
    _rule("year", r"(?:the\s+year\s+)?(?P<spelled>(?:nineteen|twenty)[\s-]+(?:(?:ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"),
    _rule("rel_unit", rf"(?:{_RELW}\s+)?" + _REL + r"\s+(?P<unit>year|month|week|weekend|quarter|decade|fortnight)"),
    _rule("weekend", r"the\s+weekend"),
    _rule("ago", rf"(?:(?P<qmod>{QMOD})\s+)?(?:(?P<num>{NUMBER})|(?P<vague>{VAGUE}))[\s-]+(?P<unit>{UNIT})s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)"),
    _rule("ago", rf"(?:(?P<qmod>{QMOD})\s+)?(?P<vunit>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier|later)"),
    # clock times
    _rule("clock", rf"(?:(?P<dref>{_DAYREF}|{WEEKDAY})\s+(?:at\s+)?)?(?:(?P<qmod>about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)" + _TZ + rf"(?:\s+(?:on\s+)?(?P<dref2>{_DAYREF}|{WEEKDAY}))?"),
    _rule("clock", r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?:hours|hrs|h))?" + r"(?=\s+\(?(?-i:[A-Z]{2,4}T|GMT|UTC)|\s+(?:local\s+time|hours))" + _TZ + r"(?:\s+local\s+time)?"),
    _rule("clock", rf"(?:(?P<dref>{_DAYREF}|{WEEKDAY})\s+(?:at\s+)?)?(?P<named>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<dref2>{_DAYREF}|{WEEKDAY}))?"),
    # durations and sets
    _rule("duration", _QM + rf"(?P<pre>(?:each\s+of\s+)?(?:the\s+)?(?:past|last|next|first|previous|following|coming|latest|final|initial|remaining|same)\s+|the\s+)?(?:(?P<num>{NUMBER})|(?P<vague>{VAGUE}))(?:\s+and\s+a\s+half)?[\s-]+(?:(?:trading|business|working|calendar|straight|consecutive|more|additional|full)\s+)?(?P<unit>{UNIT})s?(?:\s+and\s+a\s+half)?(?:-(?P<long>long))?"),
    _rule("duration", rf"(?:(?P<qmod>{QMOD})\s+)?(?P<pre>the\s+(?:past|last|next|previous|following|coming)\s+|past\s+)(?P<unit>year|month|week|decade|century|day|hour|quarter)"),
    _rule("duration", rf"(?:(?P<qmod>{QMOD})\s+)?(?P<half>half\s+an?\s+(?P<unit>hour|year|day|century|decade|minute))"),
    _rule("duration", r"(?P<pre>for|over|in|within|recent|the\s+past|the\s+last)\s+(?P<vunit>years|months|weeks|days|decades|hours|minutes)"),
    _rule("set", rf"(?P<every>every|each|per)\s+(?:(?P<other>other)\s+|(?P<num>{NUMBER})\s+)?(?P<unit>year|month|week|day|hour|quarter|minute|morning|evening|night|afternoon|weekend|summer|winter|spring|decade)s?"),
    _rule("set", rf"(?P<every>every|each)\s+(?P<wd>{WEEKDAY})"),
    _rule("set", rf"(?P<every>every|each)\s+(?P<month>{MONTH})"),
    _rule("set", r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+a\s+(?:year|month|week|day)|once\s+a\s+(?:year|month|week|day))"),
    _rule("set", rf"(?:on\s+)?(?P<wds>{cap('(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days')})(?:\s+(?P<part>nights|mornings|evenings|afternoons))?"),
    # symbolic references
    _rule("ref", rf"(?P<ref>{alt([r for r in REFS if r not in ('current', 'earlier', 'once', 'later', 'previously', 'formerly', 'eventually', 'the present')])})"),
)  # fmt: skip

# "$5 a year", "three times a week": a unit after a quantity is a frequency (SET).
_PER_UNIT = re.compile(
    r"(?:\d[\d,.]*\s*(?:%|percent|dollars?|cents?|[mb]illion|a)?|times|barrels|tons|tonnes)"
    r"\s+(?P<x>an?\s+(?P<unit>year|month|week|day|hour|quarter))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str]
    order: int


def _candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    folded = _folded(text)
    for order, rule in enumerate(RULES):
        if rule.needs is not None and not any(n in folded for n in rule.needs):
            continue
        for m in rule.pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            out.append(Candidate(m.start(), m.end(), rule.kind, groups, order))
    for m in _PER_UNIT.finditer(text):
        out.append(Candidate(m.start("x"), m.end("x"), "set", {"per": "a", "unit": m["unit"]}, -1))
    return out


def find_spans(text: str) -> list[Candidate]:
    """Non-overlapping matches, longest first (then the earlier rule), in text order."""
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)
    for cand in sorted(_candidates(text), key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if any(occupied[cand.start : cand.end]):
            continue
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
