"""``newsweave changes``: what changed lately, plain when piped, a table on a terminal."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from newsweave.changes import parse_since
from newsweave.cli.changes import print_changes
from newsweave.present.changes import changes_view
from newsweave.store import changes_sql, open_store
from tests.cli.runner import run_cli


def test_piped_changes_are_one_tab_separated_line_each(grown_db: str) -> None:
    code, out, _ = run_cli("changes", "--since", "24h", "--db", grown_db)
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines and all(len(parts) == 4 for parts in lines)
    kinds = {parts[2] for parts in lines}
    assert {"story", "article", "outlet", "claims", "claim"} <= kinds
    store = open_store(grown_db)
    try:
        stored = changes_sql.changes_since(store, datetime(2000, 1, 1, tzinfo=UTC))
        assert len(lines) == len(stored)  # the store was built minutes ago: all in the window
    finally:
        store.close()
    assert [p[0] for p in lines] == sorted((p[0] for p in lines), reverse=True)  # newest first
    added = [p for p in lines if p[2] == "article"]
    assert all(p[3].startswith("article added: ") for p in added)


def test_one_story_and_a_window_in_the_future(grown_db: str) -> None:
    _, out, _ = run_cli("changes", "--since", "7d", "--db", grown_db)
    story = out.splitlines()[0].split("\t")[1]
    code, mine, _ = run_cli("changes", "--story", story, "--since", "2w", "--db", grown_db)
    assert code == 0 and {line.split("\t")[1] for line in mine.splitlines()} == {story}
    code, none, _ = run_cli("changes", "--since", "2999-01-01", "--db", grown_db)
    assert code == 0 and none == ""


def test_a_bad_window_is_a_usage_error_that_says_what_works(grown_db: str) -> None:
    code, _, err = run_cli("changes", "--since", "last tuesday", "--db", grown_db)
    assert code == 2 and "24h" in err and "2026-12-06" in err


def test_on_a_terminal_changes_are_a_table(grown_db: str) -> None:
    store = open_store(grown_db)
    try:
        rows = changes_view(store, parse_since("24h"))
    finally:
        store.close()
    buffer = io.StringIO()
    print_changes(Console(file=buffer, width=160, force_terminal=False), rows, "recent")
    table = buffer.getvalue()
    assert "when (UTC)" in table and "┃" in table
    assert rows[0]["story_title"] and str(rows[0]["story_title"])[:20] in table
