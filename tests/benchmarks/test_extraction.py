"""The extraction runner prints its summary line last, in the gate's key=value form."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import extraction
from tests.benchmarks.aeb_folder import bench_dir


def test_extraction_script_prints_the_summary_line_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert extraction.main(["--data", str(bench_dir(tmp_path)), "--task", "html"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    # the one page, id 0abc, is in the tuning half: no check-half page, so all pages count
    assert lines[-2] == "tuned_on=aeb-dev-ids-0-3 reported_on=aeb-dev-all-pages"
    scores = dict(pair.split("=") for pair in lines[-1].split())
    assert scores["f1_text"] == "n/a"
    assert float(scores["f1_html"]) > 0.9
    assert scores["f1_html"] == scores["f1_html_tuning"] == scores["f1_html_all"]
