"""Name keys across scripts and languages, and stories that cross languages."""

from __future__ import annotations

from newsweave.cluster import ClusterInput, StoryClusterer, featurize
from newsweave.cluster.bridge import bridge_key, crosses, lemma, romanise
from newsweave.cluster.features import name_keys

EN = ClusterInput(
    "en-1",
    "Sergey Petrenko resigns as head of Vinnytsya port authority",
    "Sergey Petrenko resigned on Tuesday as head of the Vinnytsya river port authority "
    "after an audit found 14 missing barges. Petrenko, 52, led the authority since 2019. "
    "Mykola Bondar, his deputy, will run the port until a successor is named, the "
    "regional council said. The audit covered 2023 and 2024.",
    "2025-03-11",
    "en",
)
RU = ClusterInput(
    "ru-1",
    "Сергей Петренко ушёл с поста главы портовой администрации Винницы",
    "Сергей Петренко во вторник покинул пост главы речной портовой администрации после "
    "проверки, которая не нашла 14 барж. Петренко, 52 года, руководил администрацией с "
    "2019 года. Порт до назначения преемника возглавит его заместитель Николай Бондарь, "
    "сообщил областной совет. Проверка охватила 2023 и 2024 годы.",
    "2025-03-11",
    "ru",
)
UK = ClusterInput(
    "uk-1",
    "Сергій Петренко пішов з посади голови портової адміністрації",
    "Сергій Петренко у вівторок залишив посаду голови річкової портової адміністрації "
    "після перевірки, яка не знайшла 14 барж. Петренко, 52 роки, керував адміністрацією "
    "з 2019 року. Порт до призначення наступника очолить його заступник Микола Бондар, "
    "повідомила обласна рада. Перевірка охопила 2023 і 2024 роки.",
    "2025-03-11",
    "uk",
)
OTHER_RU = ClusterInput(
    "ru-2",
    "Футбольный клуб из Казани сменил тренера",
    "Казанский клуб объявил о назначении Андрея Соколова главным тренером. Соколов "
    "подписал контракт на три года, сообщила пресс-служба клуба в понедельник.",
    "2025-03-12",
    "ru",
)


def test_a_cyrillic_name_is_keyed_in_its_dictionary_form_and_english_letters() -> None:
    assert bridge_key("Сергея Петренко", "ru") == "sergey petrenko"
    assert lemma("Соколова", "ru") == "соколов"
    assert romanise("зеленский") == romanise("зеленський") == "zelensky"
    assert bridge_key("Зеленского", "ru") == bridge_key("Зеленського", "uk") == "zelensky"


def test_countries_and_bodies_take_their_english_name() -> None:
    assert bridge_key("Испании", "ru") == "spain"  # babel's CLDR names, put in the nominative
    assert bridge_key("Норвегії", "uk") == "norway"
    assert bridge_key("Allemagne", "fr") == "germany"
    assert bridge_key("Евросоюза", "ru") == "european union"  # the product's alias table


def test_english_names_are_keyed_as_written() -> None:
    assert bridge_key("Maurice Cheeks", "en") == "maurice cheeks"
    assert bridge_key("Maurice Cheeks", None) == "maurice cheeks"
    assert not crosses("Maurice Cheeks", "en") and crosses("Petrenko", "fr")
    assert name_keys(["Maurice Cheeks"]) == name_keys(
        ["Maurice Cheeks"], lambda n: bridge_key(n, "en")
    )


def test_russian_features_share_names_with_the_english_report() -> None:
    en, ru = featurize(EN), featurize(RU)
    assert {"sergey petrenko", "petrenko"} <= en.names.keys() & ru.names.keys()
    assert "petrenko" in ru.body and "petrenko" in ru.title
    word_only = featurize(RU, across_languages=False)
    assert not en.names.keys() & word_only.names.keys()


def test_one_event_in_three_languages_is_one_story_and_other_news_is_not() -> None:
    clusterer = StoryClusterer()
    got = [clusterer.assign(item) for item in (EN, RU, UK, OTHER_RU)]
    assert got[1].story_id == got[0].story_id and got[2].story_id == got[0].story_id
    assert got[3].story_id != got[0].story_id
    word_only = StoryClusterer()
    ids = [word_only.assign(featurize(i, across_languages=False)).story_id for i in (EN, RU)]
    assert ids[0] != ids[1]  # the peer: words alone never bridge the scripts
