"""The copy detector's saved state: resuming from it finds what never stopping would."""

from __future__ import annotations

import zlib

import pytest

from newsweave.dedupe import DedupeIndex, snapshot
from tests.cluster.texts import SCHOLZ_FEB, TRAIN_STRIKE, VOLCANO
from tests.dedupe.test_index import WIRE, _republished


def _rows() -> list[tuple[str, str, str | None, int]]:
    pasted = "\n".join(WIRE.split("\n")[:3])
    local = "\n".join(SCHOLZ_FEB) + "\nCommuters in Berlin told our reporter they were angry."
    texts = [
        ("strike", "\n".join(TRAIN_STRIKE), "2024-03-13"),
        ("copy", _republished(WIRE), "2024-03-14"),
        ("volcano", "\n".join(VOLCANO[0]), "2024-03-13"),
        ("wire", WIRE, "2024-03-13"),  # earlier than its copy: becomes the canonical
        ("local", f"{local}\n{pasted}", "2024-03-15"),  # pastes half the wire story
        ("again", WIRE.upper(), "2024-03-16"),  # an exact copy
    ]
    return [(i, t, d, len(t.split())) for i, t, d in texts]


def test_resuming_from_saved_state_finds_the_same_copies_and_overlaps() -> None:
    rows = _rows()
    live = DedupeIndex()
    whole = [live.add(*row) for row in rows]
    first = DedupeIndex()
    for row in rows[:2]:
        first.add(*row)
    resumed = snapshot.load(snapshot.dump(first))
    assert resumed.article_ids() == ["strike", "copy"]
    assert [resumed.add(*row) for row in rows[2:]] == whole[2:]
    assert whole[3].relinked == {"copy": "wire"} and whole[4].overlaps
    assert whole[5].duplicate_of == "wire"


def test_a_damaged_or_foreign_state_is_refused() -> None:
    good = snapshot.dump(DedupeIndex())
    assert snapshot.load(good).article_ids() == []
    with pytest.raises(ValueError, match="not a copy-detector state"):
        snapshot.load(good[:-3])
    with pytest.raises(ValueError, match="format"):
        snapshot.load(zlib.compress(b'{"format": 0}'))


def test_fingerprint_tells_which_articles_and_which_threshold() -> None:
    base = snapshot.fingerprint(["a", "b"], 0.52)
    assert snapshot.fingerprint(["b", "a"], 0.52) == base
    assert snapshot.fingerprint(["a"], 0.52) != base
    assert snapshot.fingerprint(["a", "b"], 0.6) != base
