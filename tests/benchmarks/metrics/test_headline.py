"""Headline word F1 and the right/wrong verdict against hand-computed cases."""

from __future__ import annotations

import pytest

from benchmarks.metrics import headline


def test_word_f1_by_hand() -> None:
    gold = "Sally Ride, pioneering astronaut, dead at 61"  # 7 words
    assert headline.word_f1(gold, gold) == 1.0
    # suffix "- CBS News": 7 shared of 9 predicted, of 7 gold -> P 7/9, R 1, F1 0.875
    assert headline.word_f1(f"{gold} - CBS News", gold) == pytest.approx(2 * (7 / 9) / (7 / 9 + 1))
    # a short headline with a longer suffix: 5 shared of 9 predicted -> F1 0.714, wrong
    short = "What's in the box?"
    got = headline.word_f1(f"{short} | Hacker Monthly Issue 3", short)
    assert got == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))
    assert got < headline.RIGHT_AT
    assert headline.word_f1("CBS News", gold) == 0.0
    assert headline.word_f1("", gold) == 0.0


def test_words_are_case_folded_and_counted_with_multiplicity() -> None:
    # predicted "the the cat": shared min(2,1)+1 = 2 of 3 predicted, of 2 gold
    assert headline.word_f1("the the cat", "The cat") == pytest.approx(2 * (2 / 3) / (2 / 3 + 1))


def test_opening_lines_and_verdict() -> None:
    body = "July 24, 2012 12:11 AM\n\nLatest Amelia Earhart search falls short\n\nThe text."
    lines = headline.opening_lines(body, 2)
    assert lines == ["July 24, 2012 12:11 AM", "Latest Amelia Earhart search falls short"]
    assert headline.is_right("Latest Amelia Earhart search falls short", lines)
    assert not headline.is_right("CBS News", lines)
    assert not headline.is_right(None, lines)
    assert not headline.is_right("The text.", lines)
