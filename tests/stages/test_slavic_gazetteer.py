"""The extract stage reads Russian and Ukrainian articles with a gazetteer of the names
the store's articles in those languages already agree on."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.extract.slavic import find_slavic_mentions
from newsweave.extract.slavic.gazetteer import Gazetteer
from newsweave.pipeline import run
from newsweave.store import SqlStore

#: Invented reports (names and places are not from the sample articles).
FIRST = [
    "Порт Жовтневое на Южном Буге открыли после ремонта. Председатель профсоюза Ингольф "
    "Шумахер заявил, что порт примет первые баржи в апреле.",
    "Первые баржи прибыли в порт Жовтневое. Ингольф Шумахер поблагодарил строителей, "
    "которые за полгода восстановили причалы.",
    "Профсоюз портовиков возглавит Ингольф Шумахер, решили делегаты съезда в Николаеве.",
]
LATER = "Третя баржа з зерном вийшла з порту до Одеси, повідомив Інгольф Шумахер."


def _jsonl(path: Path, texts: list[str], day: str) -> str:
    rows = [
        {"text": t, "title": t.split(".")[0], "outlet": f"Вісті {n}", "published": day,
         "url": f"https://{day}-{n}.example/news"}
        for n, t in enumerate(texts)
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return str(path)


def test_names_two_articles_agree_on_are_found_in_the_next_run(
    store: SqlStore, tmp_path: Path
) -> None:
    run([_jsonl(tmp_path / "first.jsonl", FIRST, "2025-04-01")], store)
    votes = store.name_votes(["ru", "uk"])
    people = {(name, n) for name, label, n in votes if label == "PERSON"}
    assert ("Ингольф Шумахер", 3) in people
    gazetteer = Gazetteer.from_votes(votes)
    assert gazetteer.label_of("Ингольф Шумахер") == "PERSON"
    assert store.name_votes(["fr"]) == []
    run([_jsonl(tmp_path / "later.jsonl", [LATER], "2025-04-02")], store)
    later = next(a for a in store.iter_articles() if a.text.startswith("Третя баржа"))
    mentions = store.mentions_of([later.id])[later.id]
    found = {(m.text, m.label) for m in mentions}
    # natasha alone misses the name here; the Russian articles' name is found in Ukrainian
    assert find_slavic_mentions(LATER, "uk", later.id) == [
        m for m in mentions if m.text != "Інгольф Шумахер"
    ]
    assert ("Інгольф Шумахер", "PERSON") in found
    for m in mentions:
        assert later.text[m.start : m.end] == m.text
