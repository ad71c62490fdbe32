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
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("f1_html=") and last.endswith("f1_text=n/a")
    assert float(last.split()[0].split("=")[1]) > 0.9
