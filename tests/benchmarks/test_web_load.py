"""The web load script, run for a few seconds against a real server on the sample store."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from benchmarks import web_load


def test_web_load_serves_every_page_kind_and_reports_its_figures(
    sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "load.db"
    shutil.copy(sample_db, db)  # the server writes its search index into the store
    assert web_load.main(["--db", str(db), "--clients", "3", "--duration", "3"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    figures = dict(re.findall(r"(\w+)=([\d.]+)", out[-1]))
    assert set(figures) == {
        "requests",
        "errors",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "rss_start_mb",
        "rss_end_mb",
        "cpu_ms_per_request",
    }
    assert int(figures["requests"]) > 10 and figures["errors"] == "0"
    assert 0 < float(figures["p50_ms"]) <= float(figures["p95_ms"]) <= float(figures["p99_ms"])
    assert float(figures["rss_start_mb"]) > 20 and float(figures["rss_end_mb"]) > 20
    assert float(figures["cpu_ms_per_request"]) > 0
    table = "\n".join(out)
    for kind in ("story list", "story page", "article page", "entity page", "search page"):
        assert re.search(rf"^{kind}\s+[1-9]\d*\s+0\s", table, re.M), kind
    for kind in ("api stories", "api story", "api article", "api search", "static floor"):
        assert re.search(rf"^{kind}\s+[1-9]", table, re.M), kind


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert web_load.percentile(values, 50) == 50.0
    assert web_load.percentile(values, 95) == 95.0
    assert web_load.percentile(values, 99) == 99.0
    assert web_load.percentile([7.0], 99) == 7.0
    assert web_load.percentile([3.0, 1.0, 2.0, 4.0], 50) == 2.0
