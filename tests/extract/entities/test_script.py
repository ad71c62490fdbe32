"""Names across scripts: Cyrillic romanised for resolution, one entity per person."""

from __future__ import annotations

from newsweave.extract.entities import resolve_entities
from newsweave.extract.entities.names import fold, name_key
from newsweave.extract.entities.script import latin, names_by_script
from newsweave.model import Mention


def test_russian_and_ukrainian_spellings_share_the_english_key() -> None:
    assert latin("Кирилл Дмитриев") == "Kirill Dmitriev"
    assert latin("Harbour Street") == "Harbour Street"  # Latin text is left alone
    assert name_key("Кирилл Дмитриев") == name_key("Kirill Dmitriev")
    # Ukrainian spelling: the same surname key; the given names stay close enough to match
    assert name_key("Кирило Дмитрієв").split()[-1] == name_key("Kirill Dmitriev").split()[-1]
    assert name_key("Київ") == name_key("Kyiv") == name_key("Киев")
    assert name_key("Зеленський") == name_key("Зеленский") == name_key("Zelenskyy")
    assert name_key("Бельгія") == name_key("Бельгия")  # one country in both languages
    assert name_key("Німеччина") == name_key("Germany")  # through the alias table
    # countries the alias table does not list: through CLDR's Russian and Ukrainian names
    assert name_key("Україна") == name_key("Украина") == name_key("Ukraine")
    assert name_key("Польща") == name_key("Польша") == name_key("Poland")
    assert name_key("Portugal") == "portugal"  # Latin names are keyed as before


def test_one_entity_for_a_person_written_in_two_scripts_with_both_names() -> None:
    en = "Kirill Dmitriev met officials. Dmitriev said talks were useful."
    ru = "Кирилла Дмитриева встретили в Вашингтоне."
    mentions = {
        "en1": [
            Mention("en1", 0, 15, "Kirill Dmitriev", "PERSON"),
            Mention("en1", en.index("Dmitriev said"), en.index(" said"), "Dmitriev", "PERSON"),
        ],
        "ru1": [Mention("ru1", 0, 17, ru[:17], "PERSON", base="Кирилл Дмитриев")],
    }
    (person,) = [e for e in resolve_entities(mentions) if e.type == "PERSON"]
    assert {m.article_id for m in person.mentions} == {"en1", "ru1"}
    names = names_by_script([person.name, *person.aliases])
    assert "Kirill Dmitriev" in names["Latin"] and names["Cyrillic"] == ["Кирилл Дмитриев"]


def test_an_initial_glued_to_a_surname_is_a_word_of_its_own() -> None:
    assert fold("Т.Мэй") == fold("Т. Мэй") == "t mey"
    assert fold("J.Smith") == "j smith"
    # abbreviations written with periods stay one word
    assert fold("U.S.") == fold("US") == "us"
    assert fold("U.S.A.") == "usa"
    assert fold("т.е.") == "te"


def test_ukrainian_and_russian_names_of_bodies_and_regions_share_a_key() -> None:
    # compass adjectives, any gender, as the English word
    assert name_key("Північна Ірландія") == name_key("Северная Ирландия") == "nort irlandiya"
    # bodies of the alias table, in either language and either form
    commission = name_key("European Commission")
    assert name_key("Єврокомісія") == name_key("Европейская комиссия") == commission
    assert name_key("Рада ЄС") == name_key("Совет ЕС")
    assert name_key("Палата громад") == name_key("Палата общин") == name_key("House of Commons")
    # a word the table knows alone, inside a longer Cyrillic name
    assert name_key("МЗС") == name_key("МИД") == "mid"
    assert name_key("МЗС Британії").split()[0] == name_key("МИД Британии").split()[0] == "mid"
    # news agencies and broadcasters cited in every language
    assert name_key("Рейтер") == name_key("Reuters")
    assert name_key("Бі-бі-сі") == name_key("Би-би-си") == name_key("BBC")
    assert name_key("Немецкая волна") == name_key("Німецька хвиля") == name_key("DW")
    # Latin names are keyed as before
    assert name_key("Northern Ireland") == "nortern ireland"


def test_a_given_name_alone_joins_the_full_name_of_its_article() -> None:
    text = "Борис Джонсон приехал. Бориса встретили."
    start = text.index("Бориса")
    given = Mention("ru1", start, start + 6, "Бориса", "PERSON", base="Борис")
    mentions = {"ru1": [Mention("ru1", 0, 13, "Борис Джонсон", "PERSON"), given]}
    (person,) = resolve_entities(mentions)
    assert len(person.mentions) == 2 and person.name == "Борис Джонсон"


def test_a_cyrillic_acronym_joins_its_expansion_in_one_article() -> None:
    full = "Министерство иностранных дел"
    text = f"{full} (МИД) заявило. МИД добавил."
    short = text.index("МИД")
    mentions = {
        "ru1": [
            Mention("ru1", 0, len(full), full, "ORG"),
            Mention("ru1", short, short + 3, "МИД", "ORG"),
        ]
    }
    (body,) = resolve_entities(mentions)
    assert len(body.mentions) == 2 and body.name == full
