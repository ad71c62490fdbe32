"""Russian and Ukrainian quotes: «…», „…“, dash-introduced speech, speech verbs, speakers."""

from __future__ import annotations

from newsweave.extract.slavic import find_slavic_mentions
from newsweave.extract.slavic.quotes import extract_slavic_quotes
from newsweave.model import Quote


def _quotes(text: str, language: str) -> list[Quote]:
    mentions = find_slavic_mentions(text, language, "a1")
    quotes = extract_slavic_quotes(text, "a1", language, mentions)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


def test_russian_quote_marks_colon_dash_and_dialogue() -> None:
    text = (
        "«Мы обсудили восстановление экономических связей между странами», — сказал "
        "Кирилл Дмитриев журналистам.\n"
        "Дмитрий Песков заявил: «Кремль пока не видит прогресса в переговорах».\n"
        "— Встреча прошла конструктивно, — добавил он.\n"
        "Газопровод «Северный поток — 2» остановлен."
    )
    quotes = _quotes(text, "ru")
    said = {q.text: (q.speaker, q.kind, q.cue) for q in quotes}
    assert said["Мы обсудили восстановление экономических связей между странами"] == (
        "Кирилл Дмитриев", "direct", "сказал",
    )  # fmt: skip
    assert said["Кремль пока не видит прогресса в переговорах"] == (
        "Дмитрий Песков", "direct", "заявил",
    )  # fmt: skip
    # "он" is the last person named before the dialogue line
    assert said["Встреча прошла конструктивно"] == ("Дмитрий Песков", "direct", "добавил")
    # a quoted name without a speech verb is not a quote
    assert not any("Северный поток" in q.text for q in quotes)
    pronoun = next(q for q in quotes if q.text == "Встреча прошла конструктивно")
    assert pronoun.speaker_start is not None and pronoun.speaker_end is not None
    assert text[pronoun.speaker_start : pronoun.speaker_end] == "он"


def test_ukrainian_low_quotes_and_according_to() -> None:
    text = (
        "Володимир Зеленський заявив: „Ми готові до переговорів у Женеві“. "
        "За словами Кирила Буданова, «обмін полоненими відбудеться найближчим часом»."
    )
    said = {q.text: (q.speaker, q.kind) for q in _quotes(text, "uk")}
    assert said["Ми готові до переговорів у Женеві"] == ("Володимир Зеленський", "direct")
    speaker, kind = said["обмін полоненими відбудеться найближчим часом"]
    assert kind == "partial" and speaker is not None and speaker.endswith("Буданов")
