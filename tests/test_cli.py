"""The command line, driven as a user drives it, checked against the real store."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.store import open_store
from tests.conftest import DATA, ROOT, SAMPLES


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_run_on_samples_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, _ = _run("run", str(SAMPLES), "--db", db)
    assert code == 0
    assert "stored 6 new article(s) from 5 document(s)" in out
    code, out, _ = _run("run", str(SAMPLES), "--db", db)
    assert code == 0
    assert "stored 0 new article(s)" in out and "5 already stored" in out
    store = open_store(db)
    assert store.article_count() == 6
    store.close()


def test_mixed_folder_rejects_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, err = _run("run", str(DATA / "mixed"), "--db", db)
    assert code == 0
    for name, reason in [
        ("empty.txt", "empty"),
        ("photo.png", "binary"),
        ("harbour-truncated.html", "truncated"),
    ]:
        assert re.search(rf"rejected \S*{re.escape(name)}: .*{reason}", err), err
    assert "Traceback" not in out + err
    exported = json.loads(_run("export", "--db", db)[1])
    langs = {Path(a["source"]).name: a["language"] for a in exported["articles"]}
    assert langs == {"byudzhet-ru.txt": "ru", "good-article.txt": "en"}
    assert len(exported["rejected"]) == 3
    assert all(r["reason"] for r in exported["rejected"])
    code, out, _ = _run("run", str(DATA / "mixed"), "--db", db, "--strict")
    assert code == 3
    assert "stored 0 new article(s)" in out
    assert len(json.loads(_run("export", "--db", db)[1])["rejected"]) == 3


def test_export_follows_the_contract_and_offsets_map_to_raw(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _run("run", str(SAMPLES), "--db", db)
    out_file = tmp_path / "out.json"
    assert _run("export", "--db", db, "--format", "json", "-o", str(out_file))[0] == 0
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


def test_stdin_is_read(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    text = (SAMPLES / "003_fb0497bd58dd550c.txt").read_bytes()
    result = CliRunner().invoke(main, ["run", "-", "--db", db], input=text)
    assert result.exit_code == 0, result.output
    assert "stored 1 new article(s)" in result.stdout


def test_articles_table_lists_headlines(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _run("run", str(DATA / "mixed" / "good-article.txt"), "--db", db)
    code, out, _ = _run("articles", "--db", db)
    assert code == 0
    assert "City council approves new tram line" in out
    assert "1 article(s)" in out


def test_bad_database_gives_an_error_with_a_next_step(tmp_path: Path) -> None:
    code, _, err = _run("articles", "--db", str(tmp_path))
    assert code == 1
    assert "is a folder" in err and "give a file name" in err


def test_unknown_option_is_a_usage_error() -> None:
    assert _run("run", "--no-such-option", "x")[0] == 2


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_documented(name: str) -> None:
    code, out, _ = _run(name, "--help")
    assert code == 0 and "Example:" in out
    assert f"newsweave {name}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert isinstance(main.commands[name], click.Command)


def test_folder_copy_of_samples_with_nested_dirs(tmp_path: Path) -> None:
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(SAMPLES / "004_71254aafd8384b56.txt", nested)
    db = str(tmp_path / "n.db")
    assert "stored 1 new article(s)" in _run("run", str(tmp_path / "in"), "--db", db)[1]
