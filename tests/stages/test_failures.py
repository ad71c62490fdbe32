"""One article never stops a stage: what the extract stage cannot process (too long for
the parser, or raising for any reason) is recorded as failed or partly analysed, with a
reason in the export, stamped so it is not retried, and every other article goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsweave import nlp, settings
from newsweave.pipeline import run
from newsweave.present import export_json
from newsweave.store import open_store
from newsweave.web import create_app
from tests.cli.measured import run_measured
from tests.cli.runner import run_cli
from tests.conftest import SAMPLES
from tests.web.conftest import LOCAL, TOKEN

GOOD = ("000_6b6a3360f41f60bd.txt", "001_a81465b85111eb58.txt")


def _long_article(chars: int) -> str:
    """A headline and real sample paragraphs repeated to ``chars`` characters."""
    body = (SAMPLES / "002_f87afcd32914e356.txt").read_text().split("\n\n", 1)[1]
    paragraphs = "\n\n".join([body] * (chars // len(body) + 1))
    return "Harbour strike drags on into its third week\n\n" + paragraphs[:chars]


def _export(db: Path) -> dict[str, Any]:
    store = open_store(str(db))
    try:
        return export_json(store)
    finally:
        store.close()


def test_huge_inputs_never_stop_the_run_and_the_rest_get_stories(tmp_path: Path) -> None:
    """A 10 MB single-line file and a 1.2-million-character article beside two good ones."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "one-line.txt").write_bytes(b"word " * 2_000_000)
    (folder / "huge-article.txt").write_text(_long_article(1_200_000))
    db = tmp_path / "n.db"
    # A smaller parse limit than the default keeps the test fast; the path is the same.
    env = {"NEWSWEAVE_MAX_PARSE_CHARS": "20000"}
    first = run_measured(
        "run", str(folder), "--db", str(db), "--workers", "1", tmp=tmp_path, env=env
    )
    assert first.code == 0, first.err
    assert "Traceback" not in first.out + first.err
    assert "one-line.txt: the text is 10,000,000 characters, over the 2,000,000" in first.err
    exported = _export(db)
    by_name = {Path(a["source"]).name: a for a in exported["articles"]}
    assert set(GOOD) <= set(by_name) and "huge-article.txt" in by_name
    assert all(by_name[name]["story_id"] for name in GOOD)
    huge = by_name["huge-article.txt"]["analysis"]
    assert huge["analysed"] is True and huge["status"] == "partial"
    assert "only the first" in huge["note"] and "NEWSWEAVE_MAX_PARSE_CHARS" in huge["note"]
    assert [Path(r["source"]).name for r in exported["rejected"]] == ["one-line.txt"]
    # Peak memory of the whole run (spaCy loaded, a 10 MB file read and refused).
    assert first.peak_mib < 1200, first.peak_mib
    # The second run in this process: nothing is left to parse, so no parse limit applies.
    code, out, err = run_cli("run", str(folder), "--db", str(db), "--workers", "1")
    assert code == 0, err
    assert "extract 0 in" in out and "Traceback" not in out + err
    print(f"huge inputs: {first.seconds:.1f} s, peak {first.peak_mib:.0f} MiB")


def test_an_article_the_parser_refuses_fails_alone_and_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy's own length check (E088), lowered so that one sample article is over it:
    that article is recorded as failed with spaCy's reason, the others are analysed, and
    every later stage and run goes on."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
    lengths = {}
    db = tmp_path / "n.db"
    store = open_store(str(db))
    monkeypatch.setattr(nlp.english(), "max_length", 3000)
    report = run([str(folder)], store)
    assert not report.rejected
    assert [f["stage"] for f in report.failures] == ["extract"]
    assert "E088" in report.failures[0]["reason"]
    exported = export_json(store)
    for a in exported["articles"]:
        lengths[a["id"]] = len(a["text"])
    failed_id = report.failures[0]["article_id"]
    assert lengths[failed_id] > 3000
    by_id = {a["id"]: a for a in exported["articles"]}
    assert by_id[failed_id]["analysis"]["status"] == "failed"
    assert "E088" in by_id[failed_id]["analysis"]["note"]
    assert not any(
        m["article_id"] == failed_id for e in exported["entities"] for m in e["mentions"]
    )
    others = [a for a in exported["articles"] if a["id"] != failed_id]
    assert others and all(a["analysis"]["status"] == "done" for a in others)
    assert all(a["story_id"] for a in exported["articles"]), "the cluster stage went on"
    assert any(
        m["article_id"] == others[0]["id"] for e in exported["entities"] for m in e["mentions"]
    )
    assert exported["failures"] == [
        {
            "stage": "extract",
            "version": next(s["version"] for s in exported["stages"] if s["name"] == "extract"),
            "article_id": failed_id,
            "story_id": None,
            "source": by_id[failed_id]["source"],
            "reason": by_id[failed_id]["analysis"]["note"],
        }
    ]
    again = run([str(folder)], store)
    assert again.stages["extract"] == 0 and again.failures == []
    store.close()


def test_a_huge_upload_is_stored_and_later_uploads_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MAX_PARSE_CHARS", 20_000)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = _long_article(1_200_000)
    assert len(text.encode()) > 1_200_000
    with TestClient(create_app(str(tmp_path / "up.db"), token=TOKEN), base_url=LOCAL) as client:
        huge = client.post("/api/articles", json={"text": text}, headers=auth)
        assert huge.status_code == 201, huge.text
        small = (SAMPLES / GOOD[0]).read_text()
        later = client.post("/api/articles", json={"text": small}, headers=auth)
        assert later.status_code == 201, later.text
        article = client.get(later.json()["urls"][0].replace("/articles", "/api/articles"))
        assert article.json()["story_id"] and article.json()["mentions"]
    exported = _export(tmp_path / "up.db")
    statuses = sorted(a["analysis"]["status"] for a in exported["articles"])
    assert statuses[-1] == "partial" and "done" in statuses, statuses
    assert json.dumps(exported)  # the export of the store stays valid JSON


def test_a_story_a_stage_raises_on_fails_alone_and_is_not_retried(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injected into the comparison of one story (no real input makes the compare
    code raise today): that story is stamped failed with the reason, the other story is
    compared, and the next run does not retry it."""
    from newsweave.compare import story as compare_story
    from newsweave.pipeline import run_stages
    from newsweave.store.stamps import clear_stories

    db = tmp_path / "samples.db"
    shutil.copy(sample_db, db)
    store = open_store(str(db))
    story_ids = [s.id for s in store.stories()]
    assert len(story_ids) == 2
    with store.engine.begin() as conn:
        clear_stories(conn, story_ids, ["compare", "brief"])
    real = compare_story.compare_prepared
    broken = story_ids[0]

    def compare_or_raise(story_id: str, *args: Any) -> Any:
        if story_id == broken:
            raise RuntimeError("injected fault")
        return real(story_id, *args)

    monkeypatch.setattr(compare_story, "compare_prepared", compare_or_raise)
    done = run_stages(store)
    assert done["compare"] == 1
    failures = export_json(store)["failures"]
    assert [(f["stage"], f["story_id"], f["article_id"]) for f in failures] == [
        ("compare", broken, None)
    ]
    assert "RuntimeError: injected fault" in str(failures[0]["reason"])
    assert run_stages(store)["compare"] == 0, "a failed story is not retried at this version"
    store.close()
