"""Russian and Ukrainian dates resolved against the publication date (Sunday 2025-12-07)."""

from __future__ import annotations

from newsweave.extract.slavic.timex import find_slavic_timexes

DCT = "2025-12-07"


def _values(text: str, dct: str | None = DCT) -> dict[str, tuple[str | None, str | None]]:
    found = find_slavic_timexes(text, dct)
    for t in found:
        assert text[t.start : t.end] == t.text
    return {t.text: (t.value, t.precision) for t in found}


def test_russian_absolute_and_relative_dates() -> None:
    text = (
        "Вчера МИД сообщил, что встреча прошла во вторник. 5 декабря 2025 года стороны "
        "подписали меморандум, в прошлом году переговоры прерывались, а 12.03.2024 "
        "возобновились. Песков встретится с ним в пятницу."
    )
    v = _values(text)
    assert v["Вчера"] == ("2025-12-06", "day")
    assert v["во вторник"] == ("2025-12-02", "day")  # past tense: the Tuesday before
    assert v["5 декабря 2025 года"] == ("2025-12-05", "day")
    assert v["в прошлом году"] == ("2024", "year")
    assert v["12.03.2024"] == ("2024-03-12", "day")
    assert v["в пятницу"] == ("2025-12-12", "day")  # "встретится" is future: the next Friday


def test_ukrainian_relative_dates_and_no_publication_date() -> None:
    text = "Минулого тижня у Харкові пролунали вибухи, а в понеділок Зеленський зустрінеться з ним."
    v = _values(text)
    assert v["Минулого тижня"] == ("2025-W48", "week")
    assert v["в понеділок"] == ("2025-12-08", "day")
    undated = _values("Сьогодні і 3 березня 2022 року.", None)
    assert undated["Сьогодні"][0] is None  # relative: nothing to resolve against
    assert undated["3 березня 2022 року"] == ("2022-03-03", "day")
