"""The multi-page dump runner prints its split line and its summary line last."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from benchmarks import dumps

TOPICS = {
    "0abc": "The council approved a plan to rebuild the harbour sea wall after two winters of "
    "flooding closed dozens of shops in the old district for several weeks.",
    "2": "The youth orchestra opened its winter season with symphonies by Sibelius and Dvorak "
    "and drew a full house to the concert hall for the first time in years.",
}


def test_runner_scores_both_parts_and_prints_the_summary_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "html").mkdir()
    truth = {}
    for pid, sentence in TOPICS.items():
        body = " ".join([sentence] * 4)
        page = (f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Title {pid}</h1>"
                f"<p>{body}</p><p>{body}</p></article></body></html>")  # fmt: skip
        (tmp_path / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(page.encode()))
        truth[pid] = {"articleBody": f"{body}\n{body}", "url": f"https://example.org/{pid}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    assert dumps.main(["--data", str(tmp_path), "--files", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-2] == "tuned_on=aeb-dev-sha1-last-0-7 reported_on=aeb-dev-sha1-last-8-f"
    scores = dict(pair.split("=") for pair in lines[-1].split())
    assert set(scores) == {
        "split_right", "split_right_tuning", "split_right_rules", "split_right_rules_tuning",
        "ceiling", "ceiling_tuning", "false_splits",
        "false_splits_tuning",
    }  # fmt: skip
    assert scores["split_right"] == "0.0000"  # both pages are tuning pages: no check dump
    assert 0.0 <= float(scores["split_right_tuning"]) <= 1.0
    assert any(line.startswith("tuning       2") for line in lines)
