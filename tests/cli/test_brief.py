"""``newsweave brief`` and ``newsweave report`` on the real sample store."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from newsweave.cli.brief import brief, report
from tests.brief.sample_store import main_story_id, sample_store


def _db_path() -> str:
    url = sample_store().url
    return url.removeprefix("sqlite:///")


def test_report_is_self_contained_and_every_citation_link_has_its_anchor(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(report, ["--db", _db_path(), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "<script" not in html and "http://" not in html.split("<body>")[0]
    assert not re.search(r"""(src|href)=["']https?://""", html)
    links = set(re.findall(r'href="#(c-[^"]+)"', html))
    anchors = set(re.findall(r'id="(c-[^"]+)"', html))
    assert links and links <= anchors
    assert "<mark>" in html and "special military operation" in html


def test_brief_command_prints_the_cited_briefing() -> None:
    store = sample_store()
    result = CliRunner().invoke(brief, [main_story_id(store), "--db", _db_path()])
    assert result.exit_code == 0, result.output
    assert "Briefing" in result.output and "Timeline" in result.output
    assert re.search(r"\[1\]", result.output)
    numbered = CliRunner().invoke(brief, ["1", "--db", _db_path()])
    assert numbered.exit_code == 0


def test_brief_of_an_unknown_story_says_what_to_do() -> None:
    result = CliRunner().invoke(brief, ["nope", "--db", _db_path()])
    assert result.exit_code == 1
    assert "no story 'nope'" in result.output and "newsweave run" in result.output
