"""The per-script runner groups pages by the script of most letters and prints its figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import scripts
from tests.benchmarks.aeb_folder import bench_dir


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Officials met in Geneva.", "Latin"),
        ("Мэр открыл мост (Reuters).", "Cyrillic"),  # 12 Cyrillic letters, 7 Latin
        ("東京で会議 NHK", "Han/kana"),  # 5 Han/kana letters, 3 Latin
        ("서울시는 7일 밝혔다", "Hangul"),
        ("ข่าวเมือง", "Thai/Lao/Khmer/Myanmar"),
        ("ראש העיר", "Arabic/Hebrew"),
        ("123 !", "other"),
    ],
)
def test_script_group_is_the_script_of_most_letters(text: str, group: str) -> None:
    assert scripts.script_group(text) == group


def test_runner_reports_per_group_and_the_summary_line_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scripts.main(["--data", str(bench_dir(tmp_path))]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "1 pages: Latin 1"
    assert lines[-2] == "tuned_on=none reported_on=all-pages-by-script"
    # one Latin page only: no gap to report, no non-Latin page to be empty
    assert lines[-1] == "newsweave_empty_non_latin=0"
    rows = [line.split() for line in lines if line.startswith("newsweave html")]
    assert len(rows) == 1 and rows[0][-3:-1] == ["1", "0"] and float(rows[0][-1]) > 0.9
