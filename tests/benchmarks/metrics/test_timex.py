"""TIMEX3 strict, relaxed, value and type scores against hand-computed values."""

from __future__ import annotations

import pytest

from benchmarks.corpora.timeml import GoldDoc, GoldTimex
from benchmarks.metrics.timex import Counts, Pred, score_doc

TEXT = "He left on Monday, March 3, and came back last week. Published 2025-03-10."


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


MONDAY = GoldTimex(*_at("Monday, March 3"), "DATE", "2025-03-03")
LAST_WEEK = GoldTimex(*_at("last week"), "DATE", "2025-W10")


def _doc() -> GoldDoc:
    return GoldDoc("d", "g", TEXT, "2025-03-10", [MONDAY, LAST_WEEK], ignore=[_at("2025-03-10")])


def test_exact_extents_wrong_value_and_a_spurious_timex() -> None:
    preds = [
        Pred(*_at("Monday, March 3"), "DATE", "2025-03-03"),  # exact, right value
        # exact once the point is trimmed; wrong value
        Pred(*_at("last week."), "DATE", "2025-W09"),
        Pred(*_at("came"), "DATE", "2025"),  # overlaps no gold timex
    ]
    c = score_doc(_doc(), preds)
    assert (c.gold, c.system) == (2, 3)
    assert (c.relaxed_r, c.strict_r, c.relaxed_p, c.strict_p) == (2, 2, 2, 2)
    assert (c.value, c.type) == (1, 2)
    s = c.scores()
    # relaxed and strict: P 2/3, R 2/2 -> F1 0.8; value: 0.8 * 1/2; type: 0.8 * 2/2
    assert s["relaxed_f1"] == pytest.approx(0.8)
    assert s["strict_f1"] == pytest.approx(0.8)
    assert s["value_f1"] == pytest.approx(0.4)
    assert s["type_f1"] == pytest.approx(0.8)


def test_partial_overlap_is_relaxed_only() -> None:
    preds = [Pred(*_at("March 3"), "DATE", "2025-03-03")]
    c = score_doc(_doc(), preds)
    # one of two gold found, overlapping but not equal: relaxed P 1/1 R 1/2, strict 0
    s = c.scores()
    assert (c.relaxed_r, c.strict_r, c.relaxed_p, c.strict_p) == (1, 0, 1, 0)
    assert s["relaxed_f1"] == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert s["strict_f1"] == 0.0
    assert s["value_f1"] == pytest.approx(2 / 3)  # value right on the one relaxed match


def test_ignored_spans_and_text_past_the_scope_are_not_counted() -> None:
    doc = _doc()
    doc.scope_end = TEXT.index("Published")
    preds = [
        Pred(*_at("2025-03-10"), "DATE", "2025-03-10"),  # the DCT written in the text
        Pred(*_at("Published"), "DATE", None),  # past the annotated scope
    ]
    assert score_doc(doc, preds).system == 0


def test_counts_add_up_over_documents() -> None:
    total = Counts()
    total.add(Counts(gold=2, system=1, relaxed_r=1, relaxed_p=1))
    total.add(Counts(gold=1, system=3, relaxed_r=1, relaxed_p=2))
    # relaxed P 3/4, R 2/3 -> F1 = 2 * 0.75 * 2/3 / (0.75 + 2/3) = 12/17
    assert total.scores()["relaxed_f1"] == pytest.approx(12 / 17)
