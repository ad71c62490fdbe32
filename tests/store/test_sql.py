from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import inspect

from newsweave.clean.offsets import TextBuilder
from newsweave.errors import StoreError
from newsweave.model import (
    Article,
    ArticleFacts,
    Caption,
    Document,
    Entity,
    Mention,
    Rejection,
    sha256_hex,
)
from newsweave.store import Ingested, SqlStore, open_store
from newsweave.store.schema import metadata

RAW = "Harbour reopens\n\nThe harbour reopened on Tuesday.\n\nCrews cleared debris."


def _document(raw: str = RAW, source: str = "harbour.txt") -> Document:
    return Document(source, raw, "text", "utf-8", sha256_hex(raw))


def _article(doc: Document, part: int = 0) -> Article:
    builder = TextBuilder(doc.raw)
    start = doc.raw.index("The harbour")
    builder.copy(start, start + len("The harbour reopened on Tuesday."))
    builder.insert("\n\n")
    start = doc.raw.index("Crews")
    builder.copy(start, len(doc.raw))
    text, offsets = builder.build()
    return Article(
        source=doc.source,
        document_hash=doc.content_hash,
        part=part,
        text=text,
        offsets=offsets,
        headline="Harbour reopens",
        published="2026-03-03",
        published_from="byline",
        outlet="example.org",
        agency="Reuters",
        dateline="PORT ELLIS",
        language="en",
        cited_outlets=("Wire",),
        captions=(Caption("A crane.", "AP", 0, 8),),
        extra={"truncated": False},
    )


def test_migrated_schema_matches_the_table_definitions(store: SqlStore) -> None:
    inspector = inspect(store.engine)
    # PostgreSQL's stored search document (migration 0017) has no SQLite counterpart
    # (SQLite searches through its FTS5 table), so the shared table definitions omit it.
    only_here = {"articles": {"search_doc"}} if store.engine.dialect.name == "postgresql" else {}
    for table in metadata.sorted_tables:
        stored = {c["name"] for c in inspector.get_columns(table.name)}
        stored -= only_here.get(table.name, set())
        assert stored == {c.name for c in table.columns}, table.name
        indexed = {tuple(i["column_names"]) for i in inspector.get_indexes(table.name)}
        declared = {tuple(c.name for c in i.columns) for i in table.indexes}
        assert declared <= indexed, table.name


def test_article_round_trips_through_the_store(store: SqlStore) -> None:
    doc = _document()
    article = _article(doc)
    saved = store.save([Ingested(doc, [article])])
    assert (saved.documents, saved.articles) == (1, 1)
    [loaded] = list(store.iter_articles())
    assert loaded == article
    assert store.raw_document(doc.content_hash) == RAW
    span = loaded.offsets.raw_span(0, len("The harbour"))
    assert span is not None and RAW[span[0] : span[1]] == "The harbour"


def test_saving_twice_stores_each_article_once(store: SqlStore) -> None:
    doc = _document()
    batch = [Ingested(doc, [_article(doc)]), Rejection("bad.bin", "binary", "h1")]
    store.save(batch)
    again = store.save(batch)
    assert again.documents == 0 and again.rejected == 0 and again.already_stored == 2
    assert store.article_count() == 1
    assert len(store.rejections()) == 1
    assert store.known_hashes([doc.content_hash, "h1", "other"]) == {doc.content_hash, "h1"}


def test_a_failing_item_does_not_undo_its_batch(store: SqlStore) -> None:
    good, clash = _document(), _document(RAW + "\nMore.", "other.txt")
    # Both articles claim the same id: the second item's insert fails inside its savepoint.
    bad_article = dataclasses.replace(_article(good), document_hash=clash.content_hash)
    store.save([Ingested(good, [_article(good)])])
    result = store.save([Ingested(clash, [bad_article, bad_article]), _rejection()])
    assert result.rejected == 1 and result.already_stored == 1
    assert store.article_count() == 1
    assert store.known_hashes([clash.content_hash]) == set()


def _rejection() -> Rejection:
    return Rejection("empty.txt", "empty input", "e0")


def test_fixed_input_clears_its_old_rejection(store: SqlStore) -> None:
    store.save([Rejection("harbour.txt", "binary", "old")])
    doc = _document()
    store.save([Ingested(doc, [_article(doc)])])
    assert store.rejections() == []


def test_store_survives_reopening(tmp_path: Path) -> None:
    target = str(tmp_path / "keep.db")
    first = open_store(target)
    doc = _document()
    first.save([Ingested(doc, [_article(doc)])])
    first.close()
    second = open_store(target)
    assert second.article_count() == 1
    second.close()


@pytest.mark.parametrize("target", ["mysql://x/y"])
def test_unknown_targets_get_a_clear_error(target: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="postgresql://"):
        open_store(target)
    with pytest.raises(StoreError, match="is a folder"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))


def test_nul_characters_and_long_names_do_not_fail_a_batch(store: SqlStore) -> None:
    # SQLite keeps NUL; PostgreSQL text cannot, so it holds U+FFFD there: one character for
    # one, so offsets still fit. Names longer than a column's declared length fit too.
    raw = RAW.replace("Crews cleared", "Crews\x00cleared")
    doc = _document(raw)
    article = _article(doc)
    assert store.save([Ingested(doc, [article])]).articles == 1
    [loaded] = list(store.iter_articles())
    assert len(loaded.text) == len(article.text)
    assert loaded.text.replace("\ufffd", "\x00") == article.text
    name = "International Committee for the Protection of Harbours and Coastal Waterways " * 3
    mention = Mention(article.id, 0, 11, "The harbour", "ORG", role="a long role " * 40)
    store.save_facts([ArticleFacts(article.id, True, mentions=[mention])], "1")
    long_id = "org-" + name.strip().lower().replace(" ", "-")
    store.save_entities([Entity(long_id, name.strip(), "ORG", (name,), (mention,))])
    [entity] = store.entities()
    assert entity.id == long_id and entity.mentions == (mention,)


def test_listings_sort_strings_by_their_bytes_on_every_backend(store: SqlStore) -> None:
    sources = ["b.txt", "B.txt", "a b.txt", "a-c.txt", "ab.txt", "Ä.txt", "z.txt"]
    store.save([Rejection(s, "empty input", None) for s in sources])
    assert [r.source for r in store.rejections()] == sorted(sources)


def test_thousands_of_ids_in_one_call_are_fine(store: SqlStore) -> None:
    doc = _document()
    article = _article(doc)
    store.save([Ingested(doc, [article])])
    many = [f"{i:064x}" for i in range(2500)]
    assert store.known_hashes([*many, doc.content_hash]) == {doc.content_hash}
    ids = [f"{i:016x}" for i in range(2500)]
    assert set(store.articles_by_id([*ids, article.id])) == {article.id}
    store.save_stories({article.id: "s1"}, [], [], [article.id], "1")
    assert store.article_links() == {article.id: (None, "s1")}
