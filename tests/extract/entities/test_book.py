"""The entity book: resolving batch after batch from saved summaries gives the entities
that resolving against every stored mention gives."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.extract.entities import resolve_entities
from newsweave.extract.entities.book import EntityBook, Place
from newsweave.extract.entities.mentions import find_mentions
from newsweave.model import Entity, Mention
from newsweave.nlp import english

ROOT = Path(__file__).resolve().parents[3]


def _place(m: Mention) -> Place:
    return (m.article_id, m.start, f"{m.field}:{m.index}:{m.end}")


@pytest.fixture(scope="module")
def batches() -> list[dict[str, list[Mention]]]:
    nlp = english()
    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests/data/text").glob("*"))
    found = {p.stem: find_mentions(nlp(p.read_text("utf-8")), p.stem) for p in paths}
    ids = sorted(found)
    return [{a: found[a] for a in ids[i::3]} for i in range(3)]


def _key(entities: list[Entity]) -> dict[str, tuple[object, ...]]:
    return {
        e.id: (e.name, e.type, e.aliases, e.roles, tuple(sorted(e.mentions, key=_place)))
        for e in entities
    }


def test_book_resolves_like_the_full_resolver(batches: list[dict[str, list[Mention]]]) -> None:
    full = resolve_entities(batches[0])
    book = EntityBook.from_store(full, _place)
    stored = {e.id: e for e in full}
    for batch in batches[1:]:
        full = resolve_entities(batch, existing=full)
        book = EntityBook.load(book.dump())
        done = book.resolve(batch, [], _place)
        for entity_id in done.deleted:
            stored.pop(entity_id)
        for e in done.entities:
            old = stored.get(e.id)
            kept = old.mentions if old is not None else ()
            mentions = tuple(replace(m, label=e.type) for m in kept) + e.mentions
            stored[e.id] = replace(e, mentions=mentions)
    assert _key(list(stored.values())) == _key(full)
