"""``newsweave export``: the JSON contract, checked against the real store."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.store import open_store
from tests.cli.runner import run_cli
from tests.conftest import SAMPLES


def test_export_follows_the_contract_and_offsets_map_to_raw(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run_cli("run", str(SAMPLES), "--db", db)
    out_file = tmp_path / "out.json"
    assert run_cli("export", "--db", db, "--format", "json", "-o", str(out_file))[0] == 0
    data = json.loads(out_file.read_text(encoding="utf-8"))
    for key in ("articles", "stories", "entities", "quotes", "events", "claims", "rejected"):
        assert isinstance(data[key], list)
    store = open_store(db)
    for article in data["articles"]:
        for key in (
            "id",
            "source",
            "headline",
            "published",
            "published_from",
            "outlet",
            "agency",
            "dateline",
            "language",
            "text",
            "duplicate_of",
            "story_id",
        ):
            assert key in article
        raw = store.raw_document(
            next(a.document_hash for a in store.iter_articles() if a.id == article["id"])
        )
        assert raw is not None
        for clean_start, raw_start, length in article["offsets"]:
            assert (
                article["text"][clean_start : clean_start + length]
                == raw[raw_start : raw_start + length]
            )
    store.close()


def test_csv_export_holds_the_json_tables_with_spans_into_the_text(
    sample_db: str, tmp_path: Path
) -> None:
    import csv

    folder = tmp_path / "csv"
    code, _out, err = run_cli("export", "--db", sample_db, "--format", "csv", "-o", str(folder))
    assert code == 0, err
    json_file = tmp_path / "all.json"
    assert run_cli("export", "--db", sample_db, "-o", str(json_file))[0] == 0
    data = json.loads(json_file.read_text(encoding="utf-8"))

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    names = ("articles", "stories", "quotes", "claims", "events", "entities")
    tables = {f"{n}.csv": n for n in names}
    assert sorted(p.name for p in folder.iterdir()) == sorted(tables)
    for name, table in tables.items():
        found = rows(name)
        assert len(found) == len(data[table]), name
        assert found, f"the sample store has {table}"
        # The same fields as the JSON, and the same values (lists and objects as JSON).
        assert list(found[0]) == list(data[table][0]), name
        for row, record in zip(found, data[table], strict=True):
            for key, value in record.items():
                if isinstance(value, list | dict):
                    assert json.loads(row[key]) == value, (name, key)
                else:
                    assert unformula(row[key]) == ("" if value is None else str(value)), key

    text = {a["id"]: unformula(a["text"]) for a in rows("articles.csv")}
    for quote in rows("quotes.csv"):
        quoted = unformula(quote["text"])
        assert text[quote["article_id"]][int(quote["start"]) : int(quote["end"])] == quoted
    for entity in rows("entities.csv"):
        for m in json.loads(entity["mentions"]):
            if m.get("field", "text") == "text":
                assert text[m["article_id"]][m["start"] : m["end"]] == m["text"]
    evidence = [s for c in rows("claims.csv") for s in json.loads(c["evidence"])]
    assert evidence and all(0 <= s["start"] < s["end"] <= len(text[s["article_id"]])
                            for s in evidence)  # fmt: skip


def unformula(value: str) -> str:
    """A cell's value without the apostrophe that keeps a spreadsheet from running it."""
    return value[1:] if value.startswith("'") and value[1:2] in tuple("=+-@\t\r") else value


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    from newsweave.present.spreadsheet import write_table

    records = [{"id": "a", "text": '=HYPERLINK("http://evil.example","x")', "n": -3},
               {"id": "b", "text": "@SUM(1)", "n": 2}, {"id": "c", "text": "- a bullet", "n": 0},
               {"id": "d", "text": "plain", "n": 1}]  # fmt: skip
    write_table(tmp_path / "t.csv", records, ("id", "text", "n"))
    import csv

    with (tmp_path / "t.csv").open(encoding="utf-8", newline="") as handle:
        found = list(csv.DictReader(handle))
    assert [r["text"] for r in found] == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(1)",
        "'- a bullet",
        "plain",
    ]
    assert [r["n"] for r in found] == ["-3", "2", "0", "1"]  # numbers stay numbers
    assert [unformula(r["text"]) for r in found] == [r["text"] for r in records]


def test_csv_export_needs_a_folder(sample_db: str, tmp_path: Path) -> None:
    code, _out, err = run_cli("export", "--db", sample_db, "--format", "csv")
    assert code == 2 and "-o DIR" in err
    a_file = tmp_path / "f.csv"
    a_file.write_text("x")
    code, _out, err = run_cli("export", "--db", sample_db, "--format", "csv", "-o", str(a_file))
    assert code == 2 and "is a file" in err
