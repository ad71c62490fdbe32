"""Extracted facts in the store and the export point at exact characters of the articles."""

from __future__ import annotations

from typing import Any

from newsweave.present import export_json
from newsweave.store import open_store


def _export(db: str) -> dict[str, Any]:
    store = open_store(db)
    data = export_json(store)
    store.close()
    return data


def _slice(articles: dict[str, Any], span: dict[str, Any]) -> str:
    art = articles[span["article_id"]]
    text = (
        art["text"]
        if span.get("field", "text") == "text"
        else art["captions"][span["index"]]["text"]
    )
    return str(text[span["start"] : span["end"]])


def test_every_exported_span_slices_its_article(sample_db: str) -> None:
    data = _export(sample_db)
    articles = {a["id"]: a for a in data["articles"]}
    assert data["entities"] and data["quotes"] and data["events"]
    for e in data["entities"]:
        for m in e["mentions"]:
            assert _slice(articles, m) == m["text"]
    for q in data["quotes"]:
        assert articles[q["article_id"]]["text"][q["start"] : q["end"]] == q["text"]
    for d in data["dates"]:
        assert _slice(articles, d) == d["text"]
    for ev in data["events"]:
        assert ev["evidence"]
        for span in ev["evidence"]:
            assert _slice(articles, span).strip()


def test_export_links_facts_to_entities_and_stories(sample_db: str) -> None:
    data = _export(sample_db)
    entity_ids = {e["id"] for e in data["entities"]}
    story_ids = {s["id"] for s in data["stories"]}
    linked = [q for q in data["quotes"] if q["speaker_entity_id"]]
    assert len(linked) >= len(data["quotes"]) // 2
    assert all(q["speaker_entity_id"] in entity_ids for q in linked)
    assert all(ev["story_id"] in story_ids for ev in data["events"])
    with_people = [ev for ev in data["events"] if set(ev["participants"]) & entity_ids]
    assert len(with_people) >= len(data["events"]) // 2
    kinds = {q["kind"] for q in data["quotes"]}
    assert "direct" in kinds


def test_facts_stage_is_idempotent(sample_db: str, tmp_path: Any) -> None:
    import shutil

    from newsweave.pipeline import run
    from tests.conftest import SAMPLES

    copy = tmp_path / "again.db"
    shutil.copy(sample_db, copy)
    before = _export(str(copy))
    store = open_store(str(copy))
    report = run([str(SAMPLES)], store)
    store.close()
    assert report.articles_stored == 0 and report.stages.get("extract") == 0
    after = _export(str(copy))
    for key in ("stories", "entities", "quotes", "events", "dates"):
        assert after[key] == before[key], key


def test_export_says_which_articles_were_analysed_and_why_not(tmp_path: Any) -> None:
    import shutil

    from newsweave.pipeline import run
    from tests.conftest import DATA

    folder = tmp_path / "in"
    shutil.copytree(DATA / "mixed", folder)
    (folder / "haushalt-de.txt").write_text(
        "Der Bundestag hat am Freitag den Haushalt für das kommende Jahr beschlossen. Die "
        "Regierung will mehr Geld für Schulen, Straßen und die Bahn ausgeben, während die "
        "Opposition vor neuen Schulden warnt und eine Klage beim Verfassungsgericht prüft.",
        "utf-8",
    )
    store = open_store(str(tmp_path / "mixed.db"))
    run([str(folder)], store)
    data = export_json(store)
    store.close()
    by_language = {a["language"]: a["analysis"] for a in data["articles"]}
    assert by_language["en"] == {"analysed": True, "status": "done", "note": None}
    assert by_language["ru"] == {"analysed": True, "status": "done", "note": None}
    assert by_language["de"]["analysed"] is False and "de" in by_language["de"]["note"]


def test_one_entity_for_a_name_in_english_russian_and_ukrainian(tmp_path: Any) -> None:
    """"Kirill Dmitriev", "Кирилла Дмитриева" and "Кирило Дмитрієв" are one person, with
    his names in both scripts; every mention slices its article."""
    from newsweave.pipeline import run

    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "en.txt": "Kremlin envoy Kirill Dmitriev arrived in Washington on Monday for talks "
        "with officials. Dmitriev said the meeting with the delegation had been useful and "
        "that both sides wanted to continue the economic dialogue next month.",
        "ru.txt": "Спецпредставитель президента России Кирилл Дмитриев прибыл в Вашингтон "
        "в понедельник. По словам Кирилла Дмитриева, «встреча с делегацией была полезной». "
        "Стороны договорились продолжить экономический диалог в следующем месяце.",
        "uk.txt": "Спецпосланець Кремля Кирило Дмитрієв прибув до Вашингтона в понеділок. "
        "Дмитрієв заявив, що зустріч із делегацією була корисною, і сторони продовжать "
        "економічний діалог наступного місяця, повідомляють українські ЗМІ.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    store = open_store(str(tmp_path / "langs.db"))
    run([str(folder)], store)
    data = export_json(store)
    store.close()
    articles = {a["id"]: a for a in data["articles"]}
    assert {a["language"] for a in articles.values()} == {"en", "ru", "uk"}
    people = [e for e in data["entities"] if "Dmitriev" in e["name"] or "Дмитри" in e["name"]]
    assert len(people) == 1, [e["name"] for e in people]
    (person,) = people
    languages = {articles[m["article_id"]]["language"] for m in person["mentions"]}
    assert languages == {"en", "ru", "uk"}
    names = {person["name"], *person["aliases"]}
    assert "Kirill Dmitriev" in names and "Кирилл Дмитриев" in names
    assert "Kirill Dmitriev" in person["names_by_script"]["Latin"]
    assert "Кирилл Дмитриев" in person["names_by_script"]["Cyrillic"]
    for m in person["mentions"]:
        assert _slice(articles, m) == m["text"]
