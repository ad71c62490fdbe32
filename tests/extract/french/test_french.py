"""French analysis on short news texts written for these tests: mentions, quotes, dates."""

from __future__ import annotations

from newsweave.extract.analyse import analyse_articles
from newsweave.extract.french.quotes import extract_french_quotes
from newsweave.extract.french.timex import find_french_timexes
from newsweave.model import Article, Mention, OffsetMap

TEXT = (
    "« Nous ne signerons pas cet accord en l'état », a déclaré mardi Sergueï Petrenko à "
    "Vinnytsia, selon l'agence Ukrinform.\n"
    "Le ministre norvégien des Finances, Ola Brekke, a répondu : « La Norvège reste prête "
    "à négocier dès la semaine prochaine. »\n"
    "— Nous attendrons leur proposition, a-t-il ajouté.\n"
    "Les deux délégations s'étaient rencontrées le 3 décembre 2026 à Oslo, il y a quatre "
    "jours."
)


def _article(text: str = TEXT) -> Article:
    return Article(
        "fr.txt",
        "h",
        0,
        text,
        OffsetMap(),
        headline="Petrenko refuse l'accord",
        published="2026-12-07",
        language="fr",
    )


def test_a_french_article_is_analysed_with_exact_spans() -> None:
    (facts,) = analyse_articles([_article()])
    assert facts.analysed and not facts.failed
    people = {m.text for m in facts.mentions if m.label == "PERSON"}
    places = {m.text for m in facts.mentions if m.label == "GPE"}
    assert {"Sergueï Petrenko", "Ola Brekke"} <= people
    assert {"Oslo"} <= places
    for m in facts.mentions:
        assert TEXT[m.start : m.end] == m.text
    assert not any(m.text.startswith(("l'", "d'")) for m in facts.mentions)


def test_guillemets_colon_and_dash_speech_have_their_speakers() -> None:
    people = [
        Mention("fr-1", TEXT.index(n), TEXT.index(n) + len(n), n, "PERSON")
        for n in ("Sergueï Petrenko", "Ola Brekke")
    ]
    quotes = extract_french_quotes(TEXT, "fr-1", people)
    got = [(q.text, q.speaker, q.kind, q.cue) for q in quotes]
    assert got == [
        ("Nous ne signerons pas cet accord en l'état", "Sergueï Petrenko", "direct", "déclaré"),
        (
            "La Norvège reste prête à négocier dès la semaine prochaine.",
            "Ola Brekke",
            "direct",
            "répondu",
        ),
        ("Nous attendrons leur proposition", "Ola Brekke", "direct", "ajouté"),
    ]
    for q in quotes:
        assert TEXT[q.start : q.end] == q.text


def test_a_quoted_title_without_a_speech_verb_is_not_a_quote() -> None:
    text = "Le film « La Grande Vadrouille en hiver » sort mercredi à Lyon."
    assert extract_french_quotes(text, "fr-2", []) == []


def test_french_dates_resolve_against_the_publication_date() -> None:
    found = {t.text: t.value for t in find_french_timexes(TEXT, "2026-12-07")}
    assert found["mardi"] == "2026-12-01"  # a bare weekday in the past tense looks back
    assert found["le 3 décembre 2026"[3:]] == "2026-12-03"
    assert found["il y a quatre jours"] == "2026-12-03"
    assert found["la semaine prochaine"] == "2026-W51"
    more = {
        t.text: t.value
        for t in find_french_timexes(
            "Hier, le conseil a voté. Il se réunira jeudi, puis lundi dernier fut oublié, "
            "et en 2019 déjà, en mars 2024 aussi, le 1er mars encore.",
            "2026-12-07",
        )
    }
    assert more == {
        "Hier": "2026-12-06",
        "jeudi": "2026-12-10",  # future tense: the next Thursday
        "lundi dernier": "2026-11-30",
        "2019": "2019",
        "mars 2024": "2024-03",
        "1er mars": "2026-03-01",
    }


def test_french_beside_english_and_a_language_without_analyser() -> None:
    english = Article("en.txt", "h2", 0, "Ola Brekke met the press in Oslo on Monday.",
                      OffsetMap(), language="en")  # fmt: skip
    italian = Article("it.txt", "h3", 0, "Ola Brekke ha incontrato la stampa a Oslo.",
                      OffsetMap(), language="it")  # fmt: skip
    facts = analyse_articles([_article(), english, italian])
    assert [f.analysed for f in facts] == [True, True, False]
    assert facts[2].note == "language it is not analysed for entities/quotes"
    assert "Ola Brekke" in {m.text for m in facts[1].mentions}


def test_without_a_publication_date_relative_dates_have_no_value() -> None:
    found = {t.text: t.value for t in find_french_timexes("Hier, le 3 mai 2025.", None)}
    assert found == {"Hier": None, "3 mai 2025": "2025-05-03"}
