"""An event reported in English, Russian, Ukrainian and French is one story, and the
comparison counts each outlet's claims in its own language, citing exact spans."""

from __future__ import annotations

import json
from typing import Any

from newsweave.pipeline import run
from newsweave.present import export_json
from newsweave.store import open_store

#: Short reports of one invented event (names, places and figures are not from the
#: sample articles), and one unrelated Russian report.
REPORTS = [
    ("Example Wire", "en", "Sergey Petrenko resigns as head of Vinnytsya port authority",
     "Sergey Petrenko resigned on Tuesday as head of the Vinnytsya river port authority after "
     "an audit found 14 missing barges. Petrenko led the authority since 2019. Mykola Bondar, "
     "his deputy, will run the port until a successor is named, the regional council said."),
    ("Пример Новости", "ru", "Сергей Петренко ушёл с поста главы портовой администрации",
     "Сергей Петренко во вторник покинул пост главы речной портовой администрации Винницы "
     "после проверки, которая не нашла 14 барж. Петренко руководил администрацией с 2019 "
     "года. Порт до назначения преемника возглавит его заместитель Николай Бондарь, сообщил "
     "областной совет."),
    ("Приклад Вісті", "uk", "Сергій Петренко пішов з посади голови портової адміністрації",
     "Сергій Петренко у вівторок залишив посаду голови річкової портової адміністрації "
     "Вінниці після перевірки, яка не знайшла 14 барж. Петренко керував адміністрацією з "
     "2019 року. Порт до призначення наступника очолить його заступник Микола Бондар, "
     "повідомила обласна рада."),
    ("Exemple Presse", "fr", "Sergueï Petrenko quitte la direction du port de Vinnytsia",
     "Sergueï Petrenko a démissionné mardi de la direction du port fluvial de Vinnytsia "
     "après un audit qui a constaté la disparition de 14 barges. Petrenko dirigeait "
     "l'autorité portuaire depuis 2019. Son adjoint Mykola Bondar dirigera le port jusqu'à "
     "la nomination d'un successeur, a indiqué le conseil régional."),
    ("Пример Спорт", "ru", "Казанский футбольный клуб сменил главного тренера",
     "Казанский футбольный клуб объявил о назначении Андрея Соколова главным тренером. "
     "Соколов подписал контракт на три года, сообщила пресс-служба клуба в понедельник. "
     "Прежний тренер покинул команду после серии из пяти поражений подряд."),
]  # fmt: skip


def test_one_event_in_four_languages_is_one_story_compared_across_outlets(tmp_path: Any) -> None:
    lines = [
        json.dumps(
            {"text": text, "title": title, "outlet": outlet, "published": "2025-03-11",
             "url": f"https://{n}.example/report"},
            ensure_ascii=False,
        )
        for n, (outlet, _, title, text) in enumerate(REPORTS)
    ]  # fmt: skip
    feed = tmp_path / "reports.jsonl"
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    store = open_store(str(tmp_path / "langs.db"))
    run([str(feed)], store)
    data = export_json(store)
    store.close()
    articles = {a["id"]: a for a in data["articles"]}
    language_of = {a["id"]: a["language"] for a in data["articles"]}
    assert sorted(language_of.values()) == ["en", "fr", "ru", "ru", "uk"]
    assert all(a["analysis"]["analysed"] for a in data["articles"])
    story_of = {a: s["id"] for s in data["stories"] for a in s["article_ids"]}
    event = {story_of[a] for a, lang in language_of.items() if "Petrenko" in articles[a]["text"]
             or "Петренко" in articles[a]["text"]}  # fmt: skip
    assert len(event) == 1, "the four reports of one event are one story"
    (story_id,) = event
    other = next(a for a in articles if "Соколов" in articles[a]["text"])
    assert story_of[other] != story_id
    claims = [c for c in data["claims"] if c["story_id"] == story_id]
    carried = {o for c in claims for o in c["outlets_supporting"]}
    assert {"Пример Новости", "Приклад Вісті", "Exemple Presse", "Example Wire"} <= carried
    across = [c for c in claims if len(c["outlets_supporting"]) > 1]
    aligned = [{language_of[s["article_id"]] for s in c["evidence"]} for c in across]
    assert any(langs >= {"en", "uk", "fr"} for langs in aligned), aligned
    for c in claims:
        for span in c["evidence"]:
            text = articles[span["article_id"]]["text"]
            assert 0 <= span["start"] < span["end"] <= len(text)
