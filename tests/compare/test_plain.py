"""Comparison inputs of articles analysed without an English parse (compare.plain)."""

from __future__ import annotations

from newsweave.compare.claims import DatedSpan
from newsweave.compare.plain import prepare_plain, sentences
from newsweave.model import Article, Mention, OffsetMap, Quote

TEXT = (
    "Сергей Петренко во вторник покинул пост главы портовой администрации. "
    "«Я ухожу с чистой совестью», — сказал Петренко журналистам.\n"
    "Погода была хорошей весь день и вечер.\n"
    "Проверка нашла 14 пропавших барж на реке."
)


def _mention(name: str, base: str | None = None) -> Mention:
    start = TEXT.index(name)
    return Mention("ru-1", start, start + len(name), name, "PERSON", base=base)


def test_sentences_split_at_ends_and_lines() -> None:
    got = [TEXT[s:e] for s, e in sentences(TEXT)]
    assert got == [
        "Сергей Петренко во вторник покинул пост главы портовой администрации.",
        "«Я ухожу с чистой совестью», — сказал Петренко журналистам.",
        "Погода была хорошей весь день и вечер.",
        "Проверка нашла 14 пропавших барж на реке.",
    ]


def test_claims_are_sentences_with_names_numbers_or_dates_keyed_across_scripts() -> None:
    article = Article("ru.txt", "h", 0, TEXT, OffsetMap(), language="ru", outlet="Пример")
    first = _mention("Сергей Петренко")
    said = TEXT.index("Петренко журналистам")
    second = Mention("ru-1", said, said + 8, "Петренко", "PERSON")
    quote_start = TEXT.index("Я ухожу")
    quote = Quote(
        article_id=article.id, start=quote_start, end=quote_start + 25,
        text=TEXT[quote_start : quote_start + 25], kind="direct", speaker="Петренко",
    )  # fmt: skip
    day = TEXT.index("во вторник")
    dated = [DatedSpan(day, day + 10, "2025-03-11", "day")]
    prepared = prepare_plain(article, [first, second], [quote], dated)
    units = prepared.units
    assert [u.text[:20] for u in units] == [
        "Сергей Петренко во в",
        "«Я ухожу с чистой со",
        "Проверка нашла 14 пр",
    ]  # the weather sentence names nothing, counts nothing and has no date
    assert all(TEXT[u.start : u.end] == u.text for u in units)
    assert units[0].entities == {"petrenko"} and units[0].dates == {"2025-03-11"}
    assert "petrenko" in units[0].terms and "sergey" in units[0].terms
    assert units[1].attribution == "Петренко"
    assert [q.value for q in units[2].quantities] == [14.0]
    assert {u.outlet for u in units} == {"Пример"}
    assert prepared.phrases == () and prepared.sources == ()
