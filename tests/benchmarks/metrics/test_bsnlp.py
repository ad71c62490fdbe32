"""BSNLP recognition and cross-language linking scores against hand-computed values."""

from __future__ import annotations

import math

import pytest

from benchmarks.metrics.bsnlp import Line, link_lea, score_document

GOLD = [
    Line("Бориса Джонсона", "Борис Джонсон", "PER", "PER-Boris-Johnson"),
    Line("Джонсон", "Джонсон", "PER", "PER-Boris-Johnson"),
    Line("Лондоне", "Лондон", "LOC", "GPE-London"),
    Line("ЕС", "ЕС", "ORG", "ORG-European-Union"),
]


def test_one_document_relaxed_exact_strict_and_the_subtask_measure() -> None:
    response = [
        Line("Джонсона", "Джонсон", "PER", "a"),  # shares the word-level base only
        Line("Лондоне", "Лондон", "LOC", "b"),  # exact
        Line("ЕС", "ЕС", "LOC", "c"),  # right form, wrong category
        Line("Брюсселе", "Брюссель", "LOC", "d"),  # spurious
    ]
    s = score_document(GOLD, response)
    # PER, relaxed partial: "джонсона" shares a word with the gold form "бориса джонсона",
    # so the one gold entity is found → recall 1/1, precision 1/1
    assert (s.relaxed["PER"].r_hit, s.relaxed["PER"].r_all) == (1, 1)
    assert (s.relaxed["PER"].p_hit, s.relaxed["PER"].p_all) == (1, 1)
    # PER, relaxed exact: "джонсона" equals no gold form → 0/1 both ways
    assert (s.exact["PER"].r_hit, s.exact["PER"].p_hit) == (0, 0)
    # PER, strict: gold forms {бориса джонсона, джонсон}, response {джонсона}: no hit
    assert (s.strict["PER"].p_hit, s.strict["PER"].p_all, s.strict["PER"].r_all) == (0, 1, 2)
    # PER, subtask: "джонсона" has base "джонсон" = the base of gold "джонсон" → P 1/1;
    # gold "джонсон" (base джонсон) is matched by a response base → R 1/2
    assert (s.subtask["PER"].p_hit, s.subtask["PER"].p_all) == (1, 1)
    assert (s.subtask["PER"].r_hit, s.subtask["PER"].r_all) == (1, 2)
    # LOC: лондоне right, брюсселе and the mis-categorised ЕС wrong → P 1/3, R 1/1
    assert (s.strict["LOC"].p_hit, s.strict["LOC"].p_all, s.strict["LOC"].r_hit) == (1, 3, 1)
    assert s.strict["LOC"].precision == pytest.approx(1 / 3)
    assert s.strict["LOC"].f1 == pytest.approx(2 * (1 / 3) * 1 / (1 / 3 + 1))
    # ORG: nothing answered → recall 0/1, precision undefined (0 of 0)
    assert (s.strict["ORG"].r_hit, s.strict["ORG"].r_all, s.strict["ORG"].p_all) == (0, 1, 0)
    assert s.strict["ORG"].f1 == 0.0


def test_case_and_spacing_are_ignored_like_the_official_evaluator() -> None:
    s = score_document(GOLD, [Line("  лондоне ", "лондон", "LOC", "x")])
    assert s.strict["LOC"].p_hit == 1 and s.exact["LOC"].r_hit == 1


def test_cross_language_lea_counts_only_links_between_languages() -> None:
    # gold: one entity with 2 ru mentions and 1 uk mention; its cross-language links are
    # ru1-uk1 and ru2-uk1 (2), its importance log2(3)
    gold = {
        ("ru", "d1"): [Line("Мэй", "Мэй", "PER", "PER-May")],
        ("ru", "d2"): [Line("Терезы Мэй", "Тереза Мэй", "PER", "PER-May")],
        ("uk", "d3"): [Line("Мей", "Мей", "PER", "PER-May")],
    }
    # response: d1 and d3 together, d2 alone → one of the two cross links kept
    response = {
        ("ru", "d1"): [Line("Мэй", "Мэй", "PER", "e1")],
        ("ru", "d2"): [Line("Терезы Мэй", "Тереза Мэй", "PER", "e2")],
        ("uk", "d3"): [Line("Мей", "Мей", "PER", "e1")],
    }
    counts = link_lea(gold, response)
    assert counts.recall == pytest.approx(0.5)
    # precision: e1 = {ru d1, uk d3} has 1 cross link, kept whole (both are PER-May) → 1;
    # e2 has no cross link and does not count
    assert counts.precision == pytest.approx(1.0)
    assert counts.r_den == pytest.approx(math.log2(3))
    assert counts.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_a_response_that_links_nothing_across_languages_scores_zero() -> None:
    gold = {
        ("ru", "a"): [Line("Лондон", "Лондон", "LOC", "GPE-London")],
        ("uk", "b"): [Line("Лондон", "Лондон", "LOC", "GPE-London")],
    }
    response = {
        ("ru", "a"): [Line("Лондон", "Лондон", "LOC", "x")],
        ("uk", "b"): [Line("Лондон", "Лондон", "LOC", "y")],
    }
    counts = link_lea(gold, response)
    assert counts.recall == 0.0 and counts.p_den == 0.0 and counts.f1 == 0.0
