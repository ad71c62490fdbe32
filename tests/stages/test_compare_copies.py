"""A syndicated copy counts for its outlet in the comparison: it carries what its original says."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsweave.pipeline import run
from newsweave.store import compare_sql, open_store
from tests.conftest import DATA

REPUBLISHED = DATA / "republished" / "harbour-daily-war-talks.html"


def test_copy_outlet_supports_the_claims_of_its_original(sample_db: str, tmp_path: Path) -> None:
    db = tmp_path / "with-copy.db"
    shutil.copy(sample_db, db)
    store = open_store(str(db))
    report = run([str(REPUBLISHED)], store)
    links = store.article_links()
    (copy_id,) = [a for a, (dup, _) in links.items() if dup is not None]
    original = links[copy_id][0]
    claims = compare_sql.claims(store, links[copy_id][1])
    store.close()
    assert report.stages["compare"] == 1  # only the story that gained a copy is redone
    of_original = [c for c in claims if any(s.article_id == original for s in c.evidence)]
    others = [c for c in claims if c not in of_original]
    assert of_original and others
    assert all("Harbour Daily" in c.outlets_supporting for c in of_original)
    assert all("Harbour Daily" in c.outlets_silent for c in others)
    assert not any(s.article_id == copy_id for c in claims for s in c.evidence)
