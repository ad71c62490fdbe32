"""``newsweave export``: the JSON contract, checked against the real store."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.store import open_store
from tests.cli.runner import run_cli
from tests.conftest import SAMPLES


def test_export_follows_the_contract_and_offsets_map_to_raw(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run_cli("run", str(SAMPLES), "--db", db)
    out_file = tmp_path / "out.json"
    assert run_cli("export", "--db", db, "--format", "json", "-o", str(out_file))[0] == 0
    data = json.loads(out_file.read_text(encoding="utf-8"))
    for key in ("articles", "stories", "entities", "quotes", "events", "claims", "rejected"):
        assert isinstance(data[key], list)
    store = open_store(db)
    for article in data["articles"]:
        for key in (
            "id",
            "source",
            "headline",
            "published",
            "published_from",
            "outlet",
            "agency",
            "dateline",
            "language",
            "text",
            "duplicate_of",
            "story_id",
        ):
            assert key in article
        raw = store.raw_document(
            next(a.document_hash for a in store.iter_articles() if a.id == article["id"])
        )
        assert raw is not None
        for clean_start, raw_start, length in article["offsets"]:
            assert (
                article["text"][clean_start : clean_start + length]
                == raw[raw_start : raw_start + length]
            )
    store.close()
