"""The article-extraction-benchmark reader on a one-page folder."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpora import aeb
from tests.benchmarks.aeb_folder import bench_dir


def test_load_pages_reads_the_benchmark_layout(tmp_path: Path) -> None:
    pages = aeb.load_pages(bench_dir(tmp_path))
    assert [p.id for p in pages] == ["0abc"]
    assert pages[0].url == "https://example.org/talks"
    assert aeb.load_peer(tmp_path, "trafilatura") is None
