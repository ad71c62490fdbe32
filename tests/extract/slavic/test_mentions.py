"""Russian and Ukrainian mentions: exact spans, labels corrected, names in the nominative."""

from __future__ import annotations

from newsweave.extract.slavic import find_slavic_mentions
from newsweave.extract.slavic.mentions import RawSpan
from newsweave.extract.slavic.normal import base_form


def _found(text: str, language: str) -> dict[str, tuple[str, str | None]]:
    mentions = find_slavic_mentions(text, language, "a1")
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return {m.text: (m.label, m.base) for m in mentions}


def test_russian_names_get_their_nominative_and_organisations_their_qualifier() -> None:
    text = (
        "Глава РФПИ Кирилл Дмитриев встретился в Вашингтоне с представителями МИД "
        "Великобритании. По словам Дмитриева, британского правительства на встрече не было."
    )
    found = _found(text, "ru")
    assert found["Кирилл Дмитриев"] == ("PERSON", "Кирилл Дмитриев")
    # a lone surname in the genitive takes the full name's surname, not "Дмитриева"
    assert found["Дмитриева"] == ("PERSON", "Дмитриев")
    assert found["Вашингтоне"] == ("GPE", "Вашингтон")
    assert found["МИД Великобритании"][0] == "ORG"
    assert found["британского правительства"] == ("ORG", "британское правительство")


def test_ukrainian_places_natasha_calls_people_are_places() -> None:
    text = (
        "Страйк пілотів пройшов у Німеччині, Швеції та Нідерландах. Раніше Барньє "
        "заявив, що переговори в Брюсселі тривають. Прем'єр Великої Британії Тереза Мей "
        "прилетіла до Києва."
    )
    found = _found(text, "uk")
    for place in ("Німеччині", "Швеції", "Нідерландах", "Брюсселі"):
        assert found[place][0] == "GPE", place
    assert found["Нідерландах"][1] == "Нідерланди"
    # "Раніше" glued to the name by natasha is dropped; the place and the person are two
    assert found["Барньє"][0] == "PERSON"
    assert found["Тереза Мей"][0] == "PERSON"
    assert found["Великої Британії"][0] == "GPE"


def test_a_name_ending_in_an_english_street_word_is_a_place() -> None:
    found = _found("Прем'єр повернулася на Даунінг-стріт після зустрічі.", "uk")
    assert found["Даунінг-стріт"][0] == "GPE"
    found = _found("Премьер вернулась на Даунинг-стрит после встречи.", "ru")
    assert found["Даунинг-стрит"][0] == "GPE"


def test_base_forms_change_only_the_words_that_inflect() -> None:
    assert base_form("Верховным судом", "ORG", "ru") == "Верховный суд"
    org = "Организации потребителей и пользователей"
    assert base_form(org, "ORG", "ru") == "Организация потребителей и пользователей"
    assert base_form("Европейского союза", "ORG", "ru") == "Европейский союз"
    assert base_form("Бориса Джонсона", "PERSON", "ru") == "Борис Джонсон"
    assert base_form("Терезою Мей", "PERSON", "uk") == "Тереза Мей"
    assert base_form("Києві", "GPE", "uk") == "Київ"
    # a place is one: the singular genitive, not a plural nominative
    assert base_form("України", "GPE", "uk") == "Україна"
    assert base_form("Нидерландов", "GPE", "ru") == "Нидерланды"  # plural-only names stay
    assert base_form("Нідерландів", "GPE", "uk") == "Нідерланди"
    # a place reads as the dictionary's toponym, not as a common noun's plural ("львы")
    assert base_form("Львов", "GPE", "ru") == "Львов"
    assert base_form("Львова", "GPE", "ru") == "Львов"
    # a singular reading beats the dictionary's rare plural-only one
    assert base_form("Європи", "GPE", "uk") == "Європа"
    assert base_form("ЕС", "ORG", "ru") == "ЕС"  # acronyms stay
    assert base_form("Майкла О'Лірі", "PERSON", "uk") == "Майкл О'Лірі"


def test_organisation_nouns_written_as_names_take_their_complements() -> None:
    text = (
        "Об этом сообщила пресс-служба Министерства иностранных дел Великобритании. "
        "Лондон не вступит в Таможенный союз, сказал Иван Петренко."
    )
    found = _found(text, "ru")
    assert found["Министерства иностранных дел Великобритании"] == (
        "ORG",
        "Министерство иностранных дел Великобритании",
    )
    assert found["Таможенный союз"][0] == "ORG"


def test_lone_latin_names_are_organisations_and_products_are_not_names() -> None:
    text = (
        "Лоукостер easyJet отменил рейсы, сообщает агентство Regnum со ссылкой на "
        "газету The Times и страницу компании в Facebook. Самолет Boeing-737 остался в Риге. "
        "Компания строит газопровод «Южный поток»."
    )
    found = _found(text, "ru")
    assert found["easyJet"][0] == "ORG"
    assert found["Regnum"][0] == "ORG"
    for product in ("The Times", "Times", "Facebook", "Boeing-737", "Boeing", "Южный поток"):
        assert product not in found, product
    # a Latin word glued by a hyphen to a Cyrillic one modifies it, and is no name
    found = _found("Клиенты получили SMS-сообщения, пишет Reuters.", "ru")
    assert "SMS" not in found and "SMS-" not in found and found["Reuters"][0] == "ORG"


def test_a_sentence_opening_word_the_dictionary_reads_as_no_name_is_no_mention() -> None:
    text = "Мей виступила в парламенті. Вона зазначила, що переговори тривають."
    spans = [RawSpan(0, 3, "PER"), RawSpan(text.index("Вона"), text.index("Вона") + 4, "PER")]
    found = {m.text for m in find_slavic_mentions(text, "uk", "u1", spans=spans)}
    assert found == {"Мей"}
    # an adjective alone is no name anywhere ("Економічна" of "Економічна правда")
    text = "Про це пише видання Економічна правда."
    start = text.index("Економічна")
    assert find_slavic_mentions(text, "uk", "u3", spans=[RawSpan(start, start + 10, "PER")]) == []
    text = "Пілоти страйкують. Наступні рейси скасовано."
    spans = [RawSpan(0, 6, "PER"), RawSpan(text.index("Наступні"), text.index(" рейси"), "LOC")]
    assert find_slavic_mentions(text, "uk", "u2", spans=spans) == []


def test_a_quoted_name_after_an_organisation_noun_is_an_organisation() -> None:
    text = (
        "Лидер партии «Единая Россия» выступил в Москве. Затем Единая Россия провела съезд. "
        "Компания «Роснефть» и концерн Shell подписали соглашение."
    )
    found = _found(text, "ru")
    # the quotes and the noun make it an organisation, though "Россия" is a place;
    # its other mention in the text takes the same label (rule 6)
    mentions = find_slavic_mentions(text, "ru", "a1")
    assert [m.label for m in mentions if m.text == "Единая Россия"] == ["ORG", "ORG"]
    assert found["Роснефть"][0] == "ORG"
    assert "Компания «Роснефть»" not in found


def test_an_organisation_name_keeps_its_lower_case_continuation_and_its_adjective() -> None:
    text = (
        "Об этом сообщила пресс-служба Федерального агентства по делам национальностей. "
        "В среду Верховный суд Индии отклонил апелляцию."
    )
    found = _found(text, "ru")
    assert found["Федерального агентства по делам национальностей"] == (
        "ORG",
        "Федеральное агентство по делам национальностей",
    )
    assert found["Верховный суд Индии"][0] == "ORG"


def test_a_surname_of_a_full_name_in_the_text_is_that_person_even_as_a_common_word() -> None:
    # "шредер" is also a common noun (a shredder), and "Шредера" opens a sentence
    text = (
        "Бывший канцлер Герхард Шредер возглавляет совет директоров. Шредера критикуют в Германии."
    )
    found = _found(text, "ru")
    assert found["Шредера"] == ("PERSON", "Шредер")


def test_russian_people_named_like_common_nouns_stay_people() -> None:
    # "шредер" and "гросс" are inanimate common nouns too; natasha's context wins in Russian
    text = (
        "Немецкий политик заявил журналистам, что Шредер ошибается. "
        "В интервью газете Гросс рассказал о планах компании."
    )
    found = _found(text, "ru")
    assert found["Шредер"][0] == "PERSON"
    assert found["Гросс"][0] == "PERSON"


def test_an_organisation_name_stops_before_the_verb_it_is_the_subject_of() -> None:
    # "начала" reads as the genitive of "начало" too
    found = _found("Вчера Европейская комиссия начала расследование в отношении Google.", "ru")
    assert found["Европейская комиссия"] == ("ORG", "Европейская комиссия")


def test_handles_and_latin_words_with_a_number_are_no_organisations() -> None:
    text = (
        "Лондонский индекс FTSE 100 вырос на 0,3%, написал аналитик в своём аккаунте "
        "@Mark_Hughes. Лоукостер easyJet отменил рейсы."
    )
    found = _found(text, "ru")
    assert "FTSE" not in found
    assert "Mark" not in found and "Hughes" not in found
    assert found["easyJet"][0] == "ORG"


def test_a_ministry_in_lower_case_with_its_domain_is_an_organisation() -> None:
    text = (
        "Об этом сообщили в министерстве по делам регионов и местного самоуправления. "
        "Сотрудник министерства энергетики подтвердил данные. "
        "На прошлой неделе министерство объявило о новых мерах."
    )
    found = _found(text, "ru")
    assert found["министерстве по делам регионов и местного самоуправления"] == (
        "ORG",
        "министерство по делам регионов и местного самоуправления",
    )
    assert found["министерства энергетики"] == ("ORG", "министерство энергетики")
    assert "министерство" not in found


def test_an_organisation_noun_with_its_fixed_complement_is_a_name() -> None:
    text = (
        "Заседание кабинета министров перенесли на пятницу. "
        "Вопрос обсудят в палате общин. Заседание кабинета прошло спокойно."
    )
    found = _found(text, "ru")
    assert found["кабинета министров"] == ("ORG", "кабинет министров")
    assert found["палате общин"] == ("ORG", "палата общин")
    assert "кабинета" not in found


def test_a_latin_script_name_opening_with_a_given_name_is_a_person() -> None:
    found = _found("Фото: Richard Parker / Reuters. Министр посетил Лондон.", "ru")
    assert found["Richard Parker"][0] == "PERSON"
    assert found["Reuters"][0] == "ORG"


def test_an_organisation_name_ends_at_a_person_and_never_in_a_preposition() -> None:
    text = (
        "Об этом сообщили в Департаменте по выходу Британии из ЕС в пятницу. "
        "На встрече глава МИД Евросоюза Жозеп Боррель выступил с речью. "
        "В переговорах с Евросоюзом по условиям выхода наступил перерыв."
    )
    found = _found(text, "ru")
    assert found["Департаменте по выходу Британии"][0] == "ORG"
    assert found["Евросоюза"][0] == "ORG"
    assert found["Жозеп Боррель"][0] == "PERSON"
    assert found["Евросоюзом"] == ("ORG", "Евросоюз")


def test_names_with_a_glued_digit_or_domain_are_names_and_models_are_not() -> None:
    text = (
        "Об этом сообщает Цензор.net со ссылкой на источники. Охрану вела компания G4S, "
        "а самолёт Airbus A320 остался в ангаре."
    )
    found = _found(text, "ru")
    assert found["Цензор.net"][0] == "ORG"
    assert found["G4S"][0] == "ORG"
    assert not any("Airbus" in name for name in found)


def test_a_verb_form_is_no_name_and_a_person_ends_in_no_lower_case_word() -> None:
    text = "Опубликовано в пятницу. Иск подписал Петров Иван номер два."
    spans = [RawSpan(0, 12, "PER"), RawSpan(37, 54, "PER")]
    found = {m.text: m.label for m in find_slavic_mentions(text, "ru", "a1", spans=spans)}
    assert found == {"Петров Иван": "PERSON"}
