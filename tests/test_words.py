"""Word counts in every script: spaced scripts by whitespace, unspaced ones by letters."""

from __future__ import annotations

import pytest

from newsweave.words import word_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor opened the bridge on Monday.", 7),
        ("Мэр открыл мост в понедельник.", 5),
        ("افتتح رئيس البلدية الجسر يوم الاثنين.", 6),
        ("ראש העיר פתח את הגשר ביום שני.", 7),
        ("서울시는 내년부터 심야 버스를 늘린다.", 5),
        ("", 0),
    ],
)
def test_spaced_scripts_count_by_whitespace(text: str, expected: int) -> None:
    assert word_count(text) == expected == len(text.split())


def test_han_and_kana_count_two_letters_a_word() -> None:
    # 20 Han letters; the full stop and comma are not letters.
    assert word_count("经过四年建设，连接城东和机场的地铁今天开通。") == 10
    # 14 + 17 letters (Han, hiragana, katakana): 15.5, rounded up.
    assert word_count("札幌市では記録的な大雪となり、新千歳空港のフライトが欠航しました。") == 16


def test_thai_counts_base_letters_four_a_word() -> None:
    text = "กรุงเทพมหานครเปิดเผยว่า"  # 23 code points, 3 of them combining marks
    letters = sum(1 for ch in text if ch.isalpha())
    assert letters == 20
    assert word_count(text) == 5  # 20 / 4


def test_mixed_runs_add_up() -> None:
    # "NHK" and "7" are spaced tokens; 4 Han letters are two words.
    assert word_count("NHK によると 7 日") == 2 + 1 + 2
    assert word_count("東京") == 1
