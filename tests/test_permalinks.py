"""Short permalinks: base32 prefixes of the article id, hand-checked."""

from __future__ import annotations

from newsweave import permalinks


def test_the_full_form_spells_the_whole_id_in_crockford_base32() -> None:
    assert permalinks.encode("0000000000000000") == "0" * 13
    assert permalinks.encode("0000000000000021") == "0" * 11 + "11"  # 33 = 1*32 + 1
    assert permalinks.encode("ffffffffffffffff") == "f" + "z" * 12  # 2**64 - 1 = 15*32**12 + ...


def test_candidates_grow_from_eight_characters_to_the_full_form() -> None:
    found = permalinks.candidates("0123456789abcdef")
    assert [len(s) for s in found] == [8, 9, 10, 11, 12, 13]
    assert all(found[-1].startswith(s) for s in found)
    assert all(permalinks.is_short(s) for s in found)
    assert not permalinks.is_short("ilou1234") and not permalinks.is_short("abc")


def test_a_story_short_is_its_founding_article() -> None:
    assert permalinks.founder("story-0123456789abcdef") == "0123456789abcdef"
    assert permalinks.founder("0123456789abcdef") is None
