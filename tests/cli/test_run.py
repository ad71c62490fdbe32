"""``newsweave run``, driven as a user drives it, checked against the real store."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from newsweave.cli import main
from newsweave.store import open_store
from tests.cli.runner import run_cli
from tests.conftest import DATA, SAMPLES


def test_run_on_samples_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, _ = run_cli("run", str(SAMPLES), "--db", db)
    assert code == 0
    assert "stored 6 new article(s) from 5 document(s)" in out
    stages = re.search(r"^stages: ingest [\d.]+ s, dedupe 6 in [\d.]+ s, extract 6 .*$", out, re.M)
    assert stages and "brief 2 in" in stages.group(0)
    code, out, _ = run_cli("run", str(SAMPLES), "--db", db)
    assert code == 0
    assert "stored 0 new article(s)" in out and "5 already stored" in out
    store = open_store(db)
    assert store.article_count() == 6
    store.close()


def test_quiet_prints_nothing_and_one_worker_runs_in_process(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, err = run_cli("run", str(SAMPLES), "--db", db, "--workers", "1", "--quiet")
    assert (code, out, err) == (0, "", "")
    store = open_store(db)
    assert store.article_count() == 6 and len(store.stories()) == 2
    store.close()
    code, _, err = run_cli("run", str(SAMPLES), "--db", db, "--workers", "0")
    assert code == 2 and "--workers" in err


def test_mixed_folder_rejects_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, err = run_cli("run", str(DATA / "mixed"), "--db", db)
    assert code == 0
    for name, reason in [
        ("empty.txt", "empty"),
        ("photo.png", "binary"),
        ("harbour-truncated.html", "truncated"),
    ]:
        assert re.search(rf"rejected \S*{re.escape(name)}: .*{reason}", err), err
    assert "Traceback" not in out + err
    exported = json.loads(run_cli("export", "--db", db)[1])
    langs = {Path(a["source"]).name: a["language"] for a in exported["articles"]}
    assert langs == {"byudzhet-ru.txt": "ru", "good-article.txt": "en"}
    assert len(exported["rejected"]) == 3
    assert all(r["reason"] for r in exported["rejected"])
    code, out, _ = run_cli("run", str(DATA / "mixed"), "--db", db, "--strict")
    assert code == 3
    assert "stored 0 new article(s)" in out
    assert len(json.loads(run_cli("export", "--db", db)[1])["rejected"]) == 3


def test_stdin_is_read(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    text = (SAMPLES / "003_fb0497bd58dd550c.txt").read_bytes()
    result = CliRunner().invoke(main, ["run", "-", "--db", db], input=text)
    assert result.exit_code == 0, result.output
    assert "stored 1 new article(s)" in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    assert run_cli("run", "--no-such-option", "x")[0] == 2


def test_folder_copy_of_samples_with_nested_dirs(tmp_path: Path) -> None:
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(SAMPLES / "004_71254aafd8384b56.txt", nested)
    db = str(tmp_path / "n.db")
    assert "stored 1 new article(s)" in run_cli("run", str(tmp_path / "in"), "--db", db)[1]


def test_a_url_given_to_run_is_rejected_with_the_command_that_reads_it(tmp_path: Path) -> None:
    code, _, err = run_cli("run", "https://example.org/feed.xml", "--db", str(tmp_path / "n.db"))
    assert code == 0
    assert "rejected https://example.org/feed.xml: a URL" in err
    assert "use `newsweave watch URL` for feeds" in err


def test_outlet_option_names_inputs_that_do_not_name_their_own(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    folder = tmp_path / "scrapes"
    folder.mkdir()
    shutil.copy(SAMPLES / "003_fb0497bd58dd550c.txt", folder / "zelenskyy.txt")
    lede = (SAMPLES / "004_71254aafd8384b56.txt").read_text(encoding="utf-8")
    records = [
        {"text": lede, "outlet": "Wire Desk"},  # its own outlet wins over --outlet
        {"text": (SAMPLES / "000_6b6a3360f41f60bd.txt").read_text(encoding="utf-8")},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    code, _, err = run_cli("run", str(folder), "--db", db, "--outlet", "Kyiv Desk", "--until",
                           "ingest")  # fmt: skip
    assert code == 0, err
    exported = json.loads(run_cli("export", "--db", db)[1])
    outlets = sorted(a["outlet"] for a in exported["articles"])
    assert outlets == ["Kyiv Desk", "Kyiv Desk", "Wire Desk"]
    listing = run_cli("articles", "--db", db)[1]
    assert "Kyiv Desk" in listing and "zelenskyy" not in listing and ".txt" not in listing
