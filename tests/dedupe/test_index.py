"""Copy and overlap detection on small hand-written articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.dedupe import BUCKET_CAP, DamagedState, DedupeIndex, normalise, settings
from newsweave.keyed import KeyedState, manifest
from newsweave.store import SqlStore, open_store
from newsweave.store.keyed_sql import write_state_rows
from tests.cluster.texts import SCHOLZ_FEB, TRAIN_STRIKE, VOLCANO

WIRE = (
    "Train drivers in Germany walked out on Wednesday in a six-day strike called by the GDL\n"
    "union, halting most long-distance services run by Deutsche Bahn across the country.\n"
    "GDL leader Claus Weselsky said the railway had refused to negotiate on shorter working "
    "hours for shift workers, the central demand of the union since November.\n"
    "Deutsche Bahn called the strike an attack on passengers and said only one in five "
    "intercity trains would run during the walkout, with regional services also reduced.\n"
    "Freight services were also hit, and industry groups warned of shortages at chemical and "
    "steel factories that depend on rail deliveries of raw materials.\n"
    "The strike is the sixth in the dispute and the longest so far, the union said."
)


def _republished(text: str) -> str:
    """The same story on another site: new chrome, a few edited words, British spelling."""
    body = (
        text.replace("Wednesday", "Wednesday morning")
        .replace("shortages", "serious shortages")
        .replace("the longest so far", "the longest yet")
        .replace("labor", "labour")
    )
    return (
        "Home | World | Business\nShare on Facebook Share on X\n"
        f"{body}\n© 2024 Rail Times. All rights reserved.\nRead more: Europe"
    )


def _add(index: DedupeIndex, aid: str, text: str, published: str | None = None):  # type: ignore[no-untyped-def]
    return index.add(aid, text, published, len(text.split()))


def test_republication_with_other_chrome_and_edits_is_a_copy() -> None:
    index = DedupeIndex()
    assert _add(index, "wire", WIRE, "2024-03-13").duplicate_of is None
    result = _add(index, "site", _republished(WIRE), "2024-03-14")
    assert result.duplicate_of == "wire"
    assert result.similarity >= index.threshold


def test_exact_copy_differing_in_case_and_spacing_is_a_copy() -> None:
    index = DedupeIndex()
    _add(index, "a", WIRE)
    assert _add(index, "b", "  " + WIRE.upper().replace(" ", "   ")).duplicate_of == "a"
    assert normalise("A  b\nC") == "a b c"


def test_different_reports_of_one_event_are_not_copies() -> None:
    index = DedupeIndex()
    for i, (headline, text) in enumerate(VOLCANO):
        assert _add(index, f"v{i}", f"{headline}\n{text}").duplicate_of is None
    assert _add(index, "s", "\n".join(TRAIN_STRIKE)).duplicate_of is None


def test_earlier_copy_arriving_later_becomes_canonical() -> None:
    index = DedupeIndex()
    _add(index, "late", _republished(WIRE), "2024-03-14")
    _add(index, "later", WIRE + "\nUpdated at noon.", "2024-03-15")
    result = _add(index, "first", WIRE, "2024-03-13")
    assert result.duplicate_of is None
    assert result.relinked == {"late": "first", "later": "first"}
    assert index.canonical_of("late") == index.canonical_of("later") == "first"


def test_same_date_copies_keep_the_fullest() -> None:
    index = DedupeIndex()
    _add(index, "short", WIRE, "2024-03-13")
    fuller = WIRE + "\nPassengers were advised to postpone journeys where they could do so."
    result = _add(index, "full", fuller, "2024-03-13")
    assert result.duplicate_of is None and result.relinked == {"short": "full"}


def test_pasted_half_of_a_wire_story_is_an_overlap_with_spans_in_both_texts() -> None:
    index = DedupeIndex()
    _add(index, "wire", WIRE)
    pasted = "\n".join(WIRE.split("\n")[:3])
    own = "\n".join(SCHOLZ_FEB) + "\nCommuters in Berlin told our reporter they were angry."
    local = own + "\n" + pasted
    result = _add(index, "local", local)
    assert result.duplicate_of is None
    (overlap,) = result.overlaps
    assert overlap.other_id == "wire" and 0.2 < overlap.shared_fraction < 0.8
    for span in overlap.spans:
        mine = normalise(local[span.start : span.end])
        theirs = normalise(WIRE[span.other_start : span.other_end])
        assert len(mine.split()) >= 8
        assert mine in theirs or theirs in mine


def test_rebuilt_index_finds_the_same_copies() -> None:
    rows = [("wire", WIRE, "2024-03-13", len(WIRE.split()))]
    index = DedupeIndex.from_rows(rows)
    assert _add(index, "copy", _republished(WIRE)).duplicate_of == "wire"


def test_an_index_resumed_from_its_stored_rows_decides_as_the_original(tmp_path: Path) -> None:
    pasted = "\n".join(WIRE.split("\n")[:3])
    rows = [
        ("strike", "\n".join(TRAIN_STRIKE), "2024-03-13"),
        ("copy", _republished(WIRE), "2024-03-14"),
        ("short", "Breaking news.", None),  # no shingles: no signature in the LSH
        ("wire", WIRE, "2024-03-13"),  # earlier than its copy: becomes the canonical
        ("local", "\n".join(SCHOLZ_FEB) + f"\n{pasted}", "2024-03-15"),
        ("again", WIRE.upper(), "2024-03-16"),
    ]
    live = DedupeIndex()
    whole = [_add(live, *row) for row in rows]
    store = open_store(str(tmp_path / "rows.db"))
    first = DedupeIndex()
    for row in rows[:3]:
        _add(first, *row)
    _save(store, first, 3)
    resumed = DedupeIndex(state=KeyedState(lambda keys: store.state_rows("dedupe", keys)))
    assert [_add(resumed, *row) for row in rows[3:]] == whole[3:]
    assert whole[3].relinked == {"copy": "wire"} and whole[4].overlaps
    assert whole[5].duplicate_of == "wire" and resumed.canonical_of("copy") == "wire"
    # only what the three new articles touched was read
    assert 0 < resumed.state.reads < store.state_row_count("dedupe")
    _save(store, resumed, 6)
    changes = live.state.rows(manifest(6, settings())).changes
    every = {k: v for k, v in changes.items() if v is not None}  # group:copy was deleted
    assert store.state_row_count("dedupe") == len(every)
    assert store.state_rows("dedupe", list(every)) == every
    store.close()


def _save(store: SqlStore, index: DedupeIndex, covered: int) -> None:
    with store.writer.begin() as conn:
        write_state_rows(conn, "dedupe", "1", index.state.rows(manifest(covered, settings())))


def test_a_bucket_keeps_its_latest_articles_up_to_the_cap() -> None:
    index = DedupeIndex()
    for i in range(BUCKET_CAP + 5):
        _add(index, f"c{i:03d}", WIRE + f"\nFiled by desk {i}.", "2024-03-13")
    (first_band, *_) = [k for k in index.state.rows(manifest(0, "")).changes if "band:" in k]
    bucket = index.state.get(first_band)
    assert len(bucket) == BUCKET_CAP
    assert bucket == [f"c{i:03d}" for i in range(5, BUCKET_CAP + 5)]
    result = _add(index, "late", _republished(WIRE), "2024-03-14")
    assert result.duplicate_of == "c000"  # the group's canonical, met through its latest copies


def test_a_damaged_row_is_refused_not_used() -> None:
    index = DedupeIndex()
    _add(index, "wire", WIRE, "2024-03-13")
    (sig_key,) = [k for k in index.state.rows(manifest(0, "")).changes if k.startswith("sig:")]
    signature = index.state.get(sig_key)
    index.state.put(sig_key, "not base64!")
    with pytest.raises(DamagedState, match="sig:wire"):
        _add(index, "copy", _republished(WIRE), "2024-03-14")
    index.state.put(sig_key, signature)
    index.state.put("group:wire", ["2024-03-13", "many", ["wire"]])
    with pytest.raises(DamagedState, match="group:wire"):
        _add(index, "copy", _republished(WIRE), "2024-03-14")
    assert "sig:copy" not in index.state  # nothing of the refused article was kept
