"""The benchmark gate fails when it cannot measure, and reads the runners' last lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import gate


def test_missing_data_folder_fails_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = tmp_path / "no-such-data"
    assert gate.main(["--data", str(absent)]) == gate.NO_DATA
    err = capsys.readouterr().err
    assert f"no evaluation data folder at {absent}" in err
    assert "--data DIR" in err


def test_missing_data_set_fails_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "polnear").mkdir()  # present but empty
    assert gate.main(["--data", str(tmp_path), "--only", "quotes"]) == gate.NO_DATA
    err = capsys.readouterr().err
    assert "quotes: data set 'polnear' missing or empty" in err
    assert "gate not run" in err


def test_every_benchmark_names_its_data_sets() -> None:
    specs = gate.load_specs()
    assert specs and all(spec["data"] and spec["floors"] for spec in specs.values())
    assert specs["clustering"]["command"][-2:] == ["--orders", "5"]
    assert set(specs["clustering"]["floors"]) == {"bcubed_f1_min", "pairwise_f1_min"}


def test_unknown_benchmark_fails(tmp_path: Path) -> None:
    assert gate.main(["--data", str(tmp_path), "--only", "nonesuch"]) == gate.NO_DATA


def test_last_line_and_split_line() -> None:
    out = "table\ntuned_on=a-train reported_on=a-dev\nf1=0.91 speed=n/a note=x\n\n"
    assert gate.last_line_scores(out) == {"f1": 0.91}
    assert gate.split_line(out) == "tuned_on=a-train reported_on=a-dev"
    assert gate.last_line_scores("") == {}
    assert gate.split_line("f1=1") is None
