"""Date values shown in words."""

from __future__ import annotations

from newsweave.web.filters import when


def test_timex_values_read_as_words() -> None:
    assert when("2025-12-20TEV") == "2025-12-20 evening"
    assert when("2025-12-19TNI") == "2025-12-19 night"
    assert when("2025-W51-WE") == "weekend, week 51 of 2025"
    assert when("2025-W51") == "week 51 of 2025"
    assert when("2022-02") == "2022-02"
    assert when("PRESENT_REF") == "PRESENT_REF"
    assert when(None) == "undated"
