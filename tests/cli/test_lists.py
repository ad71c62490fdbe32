"""``newsweave articles``, ``stories`` and ``entities``."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import run_cli
from tests.conftest import DATA


def test_articles_table_lists_headlines(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run_cli("run", str(DATA / "mixed" / "good-article.txt"), "--db", db)
    code, out, _ = run_cli("articles", "--db", db)
    assert code == 0
    assert "City council approves new tram line" in out
    assert "1 article(s)" in out


def test_bad_database_gives_an_error_with_a_next_step(tmp_path: Path) -> None:
    code, _, err = run_cli("articles", "--db", str(tmp_path))
    assert code == 1
    assert "is a folder" in err and "give a file name" in err
