"""The entity book: resolving batch after batch from its keyed state rows gives the
entities that resolving against every stored mention gives, reads a number of rows that
does not grow with the store, and scores each cluster against a bounded number of
stored entities."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.extract.entities import index as entity_index
from newsweave.extract.entities import resolve_entities
from newsweave.extract.entities.book import EntityBook, Place
from newsweave.extract.entities.mentions import find_mentions
from newsweave.keyed import KeyedState, manifest
from newsweave.model import Entity, Mention, Quote
from newsweave.nlp import english

ROOT = Path(__file__).resolve().parents[3]


def _place(m: Mention) -> Place:
    return (m.article_id, m.start, f"{m.field}:{m.index}:{m.end}")


class Rows:
    """A stage's state rows kept in a dict, written as the store writes them."""

    def __init__(self) -> None:
        self.rows: dict[str, bytes] = {}

    def save(self, state: KeyedState) -> None:
        saved = state.rows(manifest(0, "test"))
        if saved.reset:
            self.rows.clear()
        for key, value in saved.changes.items():
            if value is None:
                self.rows.pop(key, None)
            else:
                self.rows[key] = value

    def book(self) -> EntityBook:
        return EntityBook(
            KeyedState(lambda keys: {k: self.rows[k] for k in keys if k in self.rows})
        )


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


def test_book_rows_resolve_like_the_full_resolver(
    batches: list[dict[str, list[Mention]]],
) -> None:
    full = resolve_entities(batches[0])
    rows = Rows()
    built = EntityBook.from_store(full, _place)
    rows.save(built.state)
    stored = {e.id: e for e in full}
    for batch in batches[1:]:
        full = resolve_entities(batch, existing=full)
        book = rows.book()  # a new run: only the rows, read by key
        done = book.resolve(batch, [], _place)
        rows.save(book.state)
        for entity_id in done.deleted:
            stored.pop(entity_id)
        for e in done.entities:
            old = stored.get(e.id)
            kept = old.mentions if old is not None else ()
            mentions = tuple(replace(m, label=e.type) for m in kept) + e.mentions
            stored[e.id] = replace(e, mentions=mentions)
    assert _key(list(stored.values())) == _key(full)
    # What the rows say is what rebuilding them from the entities says.
    rebuilt = EntityBook.from_store(list(stored.values()), _place)
    again = Rows()
    again.save(rebuilt.state)
    assert {k for k in again.rows if k.startswith(("e:", "b:", "a:", "v:"))} == {
        k for k in rows.rows if k.startswith(("e:", "b:", "a:", "v:"))
    }


# -- synthetic articles: no parse, so stores of hundreds of articles stay fast ----------

_SURNAMES = [
    "".join(
        random.Random(n).choice("bdgklmnprstvz") + random.Random(n * 7 + k).choice("aeiou")
        for k in range(random.Random(n).randint(1, 4))
    )
    for n in range(150)
]


def _article(rng: random.Random, article_id: str) -> tuple[list[Mention], list[Quote]]:
    """Six people (some named by surname only), two organisations, a place and a quote."""
    mentions: list[Mention] = []
    text_at = 0

    def add(text: str, label: str) -> Mention:
        nonlocal text_at
        m = Mention(article_id, text_at, text_at + len(text), text, label)
        text_at += len(text) + 7
        mentions.append(m)
        return m

    first: Mention | None = None
    for _ in range(6):
        surname = rng.choice(_SURNAMES).title()
        given = rng.choice(["Anna", "Boris", "Carla", "Dmytro", "Elena", "Farid", "Greta"])
        m = add(f"{given} {surname}", "PERSON")
        first = first or m
        if rng.random() < 0.5:
            add(surname, "PERSON")
    for _ in range(2):
        add(f"{rng.choice(_SURNAMES).title()} {rng.choice(['Bank', 'Party', 'Group'])}", "ORG")
    add(rng.choice(_SURNAMES).title() + "ville", "GPE")
    assert first is not None
    quote = Quote(
        article_id,
        text_at,
        text_at + 20,
        "We will see.",
        "direct",
        first.text,
        first.start,
        first.end,
    )
    return mentions, [quote]


def _stream(seed: int, n: int, prefix: str) -> tuple[dict[str, list[Mention]], list[Quote]]:
    rng = random.Random(seed)
    mentions: dict[str, list[Mention]] = {}
    quotes: list[Quote] = []
    for i in range(n):
        ms, qs = _article(rng, f"{prefix}{i:05d}")
        mentions[ms[0].article_id] = ms
        quotes += qs
    return mentions, quotes


def _grown(sizes: list[int]) -> dict[int, Rows]:
    """The rows of a store of synthetic articles, added 100 at a time, after each of
    ``sizes`` articles."""
    rows = Rows()
    rows.save(EntityBook.from_store([], _place).state)
    mentions, quotes = _stream(1, max(sizes), "s")
    ids = sorted(mentions)
    out: dict[int, Rows] = {}
    for i in range(0, max(sizes), 100):
        part = ids[i : i + 100]
        book = rows.book()
        book.resolve(
            {a: mentions[a] for a in part}, [q for q in quotes if q.article_id in part], _place
        )
        rows.save(book.state)
        if i + 100 in sizes:
            out[i + 100] = Rows()
            out[i + 100].rows = dict(rows.rows)
    return out


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Caps the synthetic stores reach (the real ones take tens of thousands of articles)."""
    monkeypatch.setattr(entity_index, "MAX_POSTING", 3)
    monkeypatch.setattr(entity_index, "MAX_CANDIDATES", 6)
    monkeypatch.setattr(entity_index, "MAX_STRINGS", 40)


def test_rows_read_for_new_articles_do_not_grow_with_the_store(small_caps: None) -> None:
    new_mentions, new_quotes = _stream(2, 50, "n")
    reads: dict[int, int] = {}
    for n, rows in _grown([300, 900]).items():
        book = rows.book()
        fresh = book.unknown(sorted(new_mentions))
        assert len(fresh) == 50
        done = book.resolve(new_mentions, new_quotes, _place)
        assert done.entities
        assert 0 < book.index.largest <= 6
        reads[n] = book.state.reads
    assert reads[300] > 0
    assert reads[900] <= 1.1 * reads[300], reads


def test_candidates_per_cluster_are_bounded(small_caps: None) -> None:
    rows = _grown([300])[300]
    assert max(len(json.loads(v)) for k, v in rows.rows.items() if k.startswith("b:")) == 3
    book = rows.book()
    new_mentions, new_quotes = _stream(3, 50, "n")
    book.resolve(new_mentions, new_quotes, _place)
    assert book.index.largest == 6  # reached, never passed
    assert book.index.bounded > 0
