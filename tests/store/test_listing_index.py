"""Migration 0018: on SQLite the story list reads its members from one covering index
(no article row read); PostgreSQL has no such index and reads them as before."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from newsweave.store import SqlStore, open_store
from newsweave.store.readers import _ARTICLE_ORDER, _LISTED_COLUMNS
from newsweave.store.schema import articles

INDEX = "ix_articles_story_listing"


def _indexes(store: SqlStore) -> set[str]:
    return {i["name"] for i in inspect(store.engine).get_indexes("articles")}


def test_the_listing_reads_members_from_the_covering_index(sample_db: str) -> None:
    store = open_store(sample_db)
    try:
        assert INDEX in _indexes(store)
        members = (
            select(articles.c.story_id, *_LISTED_COLUMNS)
            .where(articles.c.story_id.in_([s.id for s in store.stories()]))
            .order_by(*_ARTICLE_ORDER)
        )
        sql = str(members.compile(store.engine, compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
        assert f"COVERING INDEX {INDEX}" in plan
        listing = store.story_listing()
        assert sum(len(s.members) for s in listing) == len(list(store.iter_articles()))
    finally:
        store.close()


def test_the_migration_goes_down_and_up_again(tmp_path: object) -> None:
    target = f"{tmp_path}/updown.db"
    store = open_store(target)
    try:
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("newsweave.store") / "migrations")
        )
        with store.writer.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0017_pg_search_doc")
        assert INDEX not in _indexes(store)
        with store.writer.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        assert INDEX in _indexes(store)
    finally:
        store.close()
