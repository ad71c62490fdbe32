"""The fixed tuning/check split of the TIMEX3 dev sets."""

from __future__ import annotations

from benchmarks.corpora.timeml import in_tuning_part


def test_sha1_parity_decides_the_part() -> None:
    # SHA-1("a") = 86f7e437…7667b8: ends in 8, an even number -> tuning part
    assert in_tuning_part("a")
    # SHA-1("abc") = a9993e36…c9cd0d89d: ends in d (13), odd -> check part
    assert not in_tuning_part("abc")
