"""The extraction runner: its tuning/check split, and its summary line last in the gate's form."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import extraction
from benchmarks.corpora.aeb import Page
from benchmarks.corpora.parts import CHECK, TUNING, part
from tests.benchmarks.aeb_folder import bench_dir


def test_split_is_by_the_last_hex_digit_of_sha1_of_the_id() -> None:
    # sha1("0abc") = a8addbc9...a940e2 (last digit 2), sha1("100") = 310b86e0...92b2786a
    assert hashlib.sha1(b"0abc").hexdigest()[-1] == "2"
    assert part("0abc") == TUNING
    assert hashlib.sha1(b"100").hexdigest()[-1] == "a"
    assert part("100") == CHECK


def test_extraction_script_prints_the_summary_line_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = bench_dir(tmp_path / "article-extraction-benchmark")
    truth = json.loads((folder / "ground-truth.json").read_text())
    truth["0abc"]["headline"] = "Talks in Geneva"
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    assert extraction.main(["--data", str(folder), "--task", "html"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    # the one page, id 0abc, is in the tuning part: no check page, so all pages count
    assert lines[-2] == "tuned_on=aeb-sha1-last-0-7 reported_on=aeb-all-pages"
    scores = dict(pair.split("=") for pair in lines[-1].split())
    assert lines[-1].startswith("f1_html=")
    assert scores["f1_text"] == "n/a"
    assert float(scores["f1_html_aeb"]) > 0.9
    assert scores["f1_html"] == scores["f1_html_aeb"] == scores["f1_html_aeb_tuning"]
    # the page's headline is "Talks", word F1 2*(1/1)*(1/3)/(4/3) = 0.5 against the gold: wrong
    assert float(scores["headline_aeb"]) == 0.0
    assert float(scores["ms_ratio"]) > 0


def test_interleaved_run_turns_the_order_of_systems_page_by_page() -> None:
    calls: list[tuple[str, str]] = []

    def system(name: str) -> Callable[[Page], extraction.Output]:
        def run(page: Page) -> extraction.Output:
            calls.append((page.id, name))
            return f"{name} on {page.id}", None

        return run

    pages = [Page(pid, "", "<html></html>", "") for pid in ("p1", "p2", "p3")]
    outputs, seconds = extraction.run_interleaved(pages, [(n, system(n)) for n in ("a", "b")])
    assert calls == [("p1", "a"), ("p1", "b"), ("p2", "b"), ("p2", "a"), ("p3", "a"), ("p3", "b")]
    assert outputs["b"]["p2"] == ("b on p2", None)
    assert set(seconds) == {"a", "b"} and all(s >= 0 for s in seconds.values())


def test_part_check_scores_only_the_check_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = bench_dir(tmp_path / "article-extraction-benchmark")
    truth = json.loads((folder / "ground-truth.json").read_text())
    # page "100" (sha1 ends in "a": check part) is the tuning page 0abc emptied of its body
    (folder / "html" / "100.html.gz").write_bytes(
        gzip.compress(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    )
    truth["100"] = truth["0abc"]
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    assert extraction.main(["--data", str(folder), "--task", "html", "--part", "check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("1 pages from")
    assert out[-2] == "tuned_on=aeb-sha1-last-0-7 reported_on=aeb-sha1-last-8-f"
    scores = dict(pair.split("=") for pair in out[-1].split())
    # only the empty check page is scored: nothing of its gold is found
    assert float(scores["f1_html_aeb"]) == 0.0
    assert scores["f1_html_aeb_tuning"] == scores["gain_html_aeb_tuning"] == "n/a"
