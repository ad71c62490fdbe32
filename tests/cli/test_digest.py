"""``newsweave digest``: one file fit to email (HTML or Markdown), or Markdown on stdout."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from newsweave.store import open_store
from tests.cli.runner import run_cli


def test_html_digest_names_the_stories_and_cites_spans(grown_db: str, tmp_path: Path) -> None:
    out = tmp_path / "digest.html"
    code, said, _ = run_cli("digest", "--since", "24h", "-o", str(out), "--db", grown_db)
    assert code == 0 and "wrote" in said
    html = out.read_text(encoding="utf-8")
    store = open_store(grown_db)
    try:
        titles = {s.title for s in store.stories()}
        shown = re.findall(r"<h2>\d+\. (.*?)</h2>", html)
        assert shown and {unescape(t) for t in shown} <= titles
        notes = re.findall(
            r"article ([0-9a-f]{16}), characters (\d+)–(\d+)</span><br>.*?<mark>", html
        )
        assert notes
        article_id, start, end = notes[0]
        cited = store.article(article_id).text[int(start) : int(end)]  # type: ignore[union-attr]
    finally:
        store.close()
    marked = re.search(rf"characters {start}–{end}</span><br>.*?<mark>(.*?)</mark>", html, re.S)
    assert marked is not None and unescape(marked.group(1)) == cited
    # self-contained: no script, nothing loaded from elsewhere
    assert "<script" not in html and not re.search(r"(src|href)=\"https?:", html)
    assert re.search(r'href="#story-[0-9a-f]+-1"', html) and 'id="story-' in html


def test_markdown_digest_to_a_file_or_stdout(grown_db: str, tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    code, _, _ = run_cli("digest", "--since", "24h", "-o", str(out), "--db", grown_db)
    assert code == 0
    text = out.read_text(encoding="utf-8")
    code, stdout, _ = run_cli("digest", "--since", "24h", "--db", grown_db)
    assert code == 0 and stdout.split("\n", 1)[1] == text.split("\n", 1)[1]  # same, made now
    assert text.startswith("# newsweave digest") and "### Briefing" in text
    assert re.search(r"^\d+\. .+, [0-9a-f]{16} text \d+–\d+: “", text, re.M)


def test_digest_of_a_quiet_window_and_an_unwritable_file(grown_db: str, tmp_path: Path) -> None:
    code, stdout, _ = run_cli("digest", "--since", "2999-01-01", "--db", grown_db)
    assert code == 0 and "No story is new or grew" in stdout
    code, _, err = run_cli("digest", "-o", str(tmp_path / "no" / "d.html"), "--db", grown_db)
    assert code == 1 and "choose another -o" in err
