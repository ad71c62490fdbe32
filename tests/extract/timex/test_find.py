"""Temporal expressions: extents, values and precision against a publication date."""

from __future__ import annotations

import pytest

from newsweave.extract.timex import find_timexes
from newsweave.model import Timex

SAT = "2025-12-20"  # a Saturday


def _one(sentence: str, dct: str | None = SAT) -> Timex:
    found = find_timexes(sentence, dct)
    assert len(found) == 1, found
    return found[0]


# (sentence, expected extent, value, precision)
CASES = [
    ("The ministers met on Friday.", "Friday", "2025-12-19", "day"),
    ("They spoke on Saturday evening.", "Saturday evening", "2025-12-20TEV", "daypart"),
    ("Protests took place last weekend.", "last weekend", "2025-W50-WE", "week"),
    ("He said earlier this week that talks stalled.", "earlier this week", "2025-W51", "week"),
    ("Drones struck the city overnight.", "overnight", "2025-12-19TNI", "daypart"),
    ("Prices rose last month.", "last month", "2025-11", "month"),
    ("Talks began in early January.", "early January", "2025-01", "month"),
    ("The invasion began in February 2022.", "February 2022", "2022-02", "month"),
    ("He has lived there since June 2024.", "June 2024", "2024-06", "month"),
    ("The war has lasted nearly four years.", "nearly four years", "P4Y", "duration"),
    ("It was signed on December 20, 2025.", "December 20, 2025", "2025-12-20", "day"),
    ("It was signed on 20 December 2025.", "20 December 2025", "2025-12-20", "day"),
    ("The Kremlin meeting on Dec. 2 ended late.", "Dec. 2", "2025-12-02", "day"),
    ("Growth slowed this year.", "this year", "2025", "year"),
    ("They will meet next week.", "next week", "2025-W52", "week"),
    ("The deal collapsed two days ago.", "two days ago", "2025-12-18", "day"),
    ("The envoy arrived yesterday.", "yesterday", "2025-12-19", "day"),
    ("The president speaks tonight.", "tonight", "2025-12-20TNI", "daypart"),
    ("Troops are now in the town.", "now", "PRESENT_REF", "ref"),
    ("The plan was recently revised.", "recently", "PAST_REF", "ref"),
    ("Trade grew in the 1990s.", "the 1990s", "199", "decade"),
    ("Sales doubled over the past three years.", "the past three years", "P3Y", "duration"),
    ("Profit fell in the third quarter.", "the third quarter", "2025-Q3", "quarter"),
    ("The vote is due this summer.", "this summer", "2025-SU", "season"),
    ("The vote was held in the spring.", "the spring", "2025-SP", "season"),
    ("The summit opened at 3 p.m.", "3 p.m.", "2025-12-20T15:00", "time"),
    ("The hearing lasted four hours.", "four hours", "PT4H", "duration"),
    ("The committee meets every week.", "every week", "P1W", "set"),
    ("The figures are published daily.", "daily", "P1D", "set"),
    (
        "Sales fell in the fourth quarter of 2024.",
        "the fourth quarter of 2024",
        "2024-Q4",
        "quarter",
    ),
    ("The border opened last Friday.", "last Friday", "2025-12-19", "day"),
    ("The border opens next Saturday.", "next Saturday", "2025-12-27", "day"),
    ("The law passed in 1998.", "1998", "1998", "year"),
    ("A ceasefire took effect tomorrow.", "tomorrow", "2025-12-21", "day"),
]


@pytest.mark.parametrize(("sentence", "extent", "value", "precision"), CASES)
def test_phrases(sentence: str, extent: str, value: str, precision: str) -> None:
    t = _one(sentence)
    assert (t.text, t.value, t.precision) == (extent, value, precision)
    assert sentence[t.start : t.end] == t.text


def test_friday_in_a_saturday_article_is_the_day_before() -> None:
    assert _one("Ukraine's negotiator met the envoy on Friday in Miami.").value == "2025-12-19"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The leaders will meet on Monday.", "2025-12-22"),
        ("The leaders met on Monday.", "2025-12-15"),
        ("The talks are set to resume on Tuesday.", "2025-12-23"),
        ("The talks resumed on Tuesday.", "2025-12-16"),
        ("Officials plan to vote in March.", "2026-03"),
        ("Officials voted in March.", "2025-03"),
    ],
)
def test_tense_decides_direction(sentence: str, value: str) -> None:
    assert _one(sentence).value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks continue on Friday in Florida.",
        "The envoy is meeting his counterpart on Friday.",
        "The talks, which are continuing on Friday, could last days.",
        "Officials meet on Friday to discuss the peace plan.",
        "On Friday, when the minister set aside her holiday, aid arrived.",
        "A bomb ripped through a building next to the embassy on Friday.",
        "The offer had been due to expire on Friday.",
        "Crowds gathered on Friday.",
    ],
)
def test_present_or_bare_weekday_is_the_most_recent_one(sentence: str) -> None:
    """News writes the present about the day just past; false futures do not count."""
    t = _one(sentence)
    assert (t.value, t.precision, t.anchor) == ("2025-12-19", "day", SAT)


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoys will meet on Monday.",
        "The envoys are due to meet on Monday.",
        "The envoys are scheduled to meet on Monday.",
        "The envoy plans to travel on Monday.",
        "The envoys are going to meet on Monday.",
        "The talks are to be held on Monday.",
        "The envoys meet next Monday.",
        "Monday's meeting will decide it.",
    ],
)
def test_future_verb_looks_ahead_to_the_weekday(sentence: str) -> None:
    assert _one(sentence).value == "2025-12-22"


@pytest.mark.parametrize(("sentence", "extent", "value", "precision"), CASES[:10])
def test_issue_examples_carry_their_anchor(
    sentence: str, extent: str, value: str, precision: str
) -> None:
    """Relative values say which DCT they were resolved against; absolute ones say none."""
    t = _one(sentence)
    absolute = extent in ("February 2022", "June 2024", "nearly four years")
    assert t.anchor == (None if absolute else SAT)


def test_tense_hint_overrides_the_words() -> None:
    text = "The leaders meet on Monday."
    ahead = find_timexes(text, SAT, tense_hint=lambda _offset: "future")
    back = find_timexes(text, SAT, tense_hint=lambda _offset: "past")
    assert (ahead[0].value, back[0].value) == ("2025-12-22", "2025-12-15")


def test_no_dct_keeps_surface_form_only() -> None:
    text = "They met on Friday, two days ago, after the invasion in February 2022 lasted years."
    found = {t.text: t for t in find_timexes(text, None)}
    assert found["Friday"].value is None and found["Friday"].anchor is None
    assert found["two days ago"].value is None
    assert found["February 2022"].value == "2022-02"
    for sentence, extent, _value, _precision in CASES[:10]:
        t = _one(sentence, None)
        relative = extent not in ("February 2022", "June 2024", "nearly four years")
        assert t.text == extent and (t.value is None) == relative and t.anchor is None
    assert found["February 2022"].precision == "month"


def test_anchor_is_the_dct_for_relative_values_only() -> None:
    found = {
        t.text: t for t in find_timexes("On Friday, unlike in May 2020, ...", "2025-12-20T09:30Z")
    }
    assert found["Friday"].anchor == "2025-12-20"
    assert found["May 2020"].anchor is None


@pytest.mark.parametrize(
    ("sentence", "extent", "mod"),
    [
        ("Talks began in early January.", "early January", "START"),
        ("It ends in late November.", "late November", "END"),
        ("The war has lasted nearly four years.", "nearly four years", "LESS_THAN"),
        ("It took about two weeks.", "about two weeks", "APPROX"),
        ("He served more than ten years.", "more than ten years", "MORE_THAN"),
    ],
)
def test_mods(sentence: str, extent: str, mod: str) -> None:
    t = _one(sentence)
    assert (t.text, t.mod) == (extent, mod)


def test_types() -> None:
    text = "On Friday night at 9 p.m., for three days, every Tuesday, now."
    assert [(t.text, t.type) for t in find_timexes(text, SAT)] == [
        ("Friday night", "TIME"),
        ("9 p.m.", "TIME"),
        ("three days", "DURATION"),
        ("every Tuesday", "SET"),
        ("now", "DATE"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "He may resign.",
        "Prices fall in spring markets.",
        "The 1,998 delegates voted.",
        "It cost $2025 to fix.",
        "A 45-year-old man was held.",
        "She won a second term.",
        "After the fall of the city, prices fell.",
    ],
)
def test_non_expressions(sentence: str) -> None:
    assert find_timexes(sentence, SAT) == []


def test_offsets_slice_the_text_everywhere() -> None:
    text = (
        "KYIV, Dec 20 (Reuters) - Russia launched drones overnight, officials said on Saturday.\n"
        "\n“We will meet again in the coming weeks,” Zelensky said, recalling the talks of "
        "2 December and the summer of 2023. Since February 24, 2022, nearly four years of war."
    )
    found = find_timexes(text, SAT)
    assert len(found) >= 6
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [t.start for t in found] == sorted(t.start for t in found)
