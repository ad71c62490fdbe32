"""The grammar skips a rule when a text holds none of the strings every match needs;
that must never change what it finds."""

from __future__ import annotations

import re

from newsweave.extract.timex import grammar
from newsweave.extract.timex.grammar import RULES, _candidates, _folded, _needs


def _every_rule(text: str) -> list[tuple[int, int, str, int]]:
    return [
        (m.start(), m.end(), rule.kind, order)
        for order, rule in enumerate(RULES)
        for m in rule.pattern.finditer(text)
    ]


def _found(text: str) -> list[tuple[int, int, str, int]]:
    return [(c.start, c.end, c.kind, c.order) for c in _candidates(text) if c.order >= 0]


def test_needs_read_off_the_pattern() -> None:
    flags = re.IGNORECASE
    century = r"(?<!\w)the\s+(?P<c>\d{1,2})(?:st|nd)\s+century"
    assert _needs(re.compile(century, flags)) == frozenset({"century"})
    # an alternation needs one of its branches; a longer literal run wins over "the"
    assert _needs(re.compile(r"the\s+(?:spring|fall)", flags)) == frozenset({"spring", "fall"})
    # an optional part needs nothing, a repeat of at least one needs its body
    assert _needs(re.compile(r"(?:ago)?\s*(?:x1)+", flags)) == frozenset({"x1"})
    assert _needs(re.compile(r"(?:ago)?\d+", flags)) is None
    # a lookahead's text is in the text too; a negative one needs nothing
    assert _needs(re.compile(r"\d+(?=\s+GMT)(?!\s+BST)", flags)) == frozenset({"gmt"})
    # a branch with a part that needs nothing needs nothing
    assert _needs(re.compile(r"(?:today|\d+)", flags)) is None


def test_every_rule_has_needs_and_they_are_lower_case() -> None:
    for rule in RULES:
        assert rule.needs, rule.kind
        assert all(n == n.lower() for n in rule.needs)


def test_skipping_finds_what_every_rule_finds() -> None:
    texts = [
        "On Friday, two days ago, the company said its fiscal 2019 third quarter ended "
        "Sept. 30 and that it would report early next year, around 10:30 a.m. EST.",
        "The 1990s and the '80s, the twenties, the 21st century, Christmas 2018.",
        "Every Monday, each week, daily; twice a year, $5 a month; overnight, at noon.",
        "They will meet in May. May be later. Q3 2020, FY19, 2021-03-04, 3/4/21.",
        "No dates at all in this line of text.",
        # letters the engine folds to ASCII that str.lower leaves alone
        "\u0130N MAY 2019, the CENTURY \u017fEASON; fi\u017fcal 2019; ago\u0131",
        "",
    ]
    for text in texts:
        assert _found(text) == _every_rule(text), text


def test_folded_text_holds_what_the_engine_matches() -> None:
    assert "in may" in _folded("\u0130N MAY")
    assert "season" in _folded("\u017fEASON")
    assert grammar._FOLD  # the three letters above and dotless i
