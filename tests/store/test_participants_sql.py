"""The event–entity index: written and deleted with the events by the events stage,
backfilled by migration 0015 for stores made before it, and read by key for an entity's
events (SQLite file and PostgreSQL)."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, delete, event, select

from newsweave import pipeline
from newsweave.store import SqlStore, open_store
from newsweave.store.schema import event_participants
from tests.conftest import FIRST_SAMPLES, SAMPLES

MIGRATIONS = resources.files("newsweave.store") / "migrations"


def _rows(store: SqlStore) -> set[tuple[str, str]]:
    query = select(event_participants.c.event_id, event_participants.c.entity_id)
    with store.engine.connect() as conn:
        return {(e, p) for e, p in conn.execute(query)}


def _expected(store: SqlStore) -> set[tuple[str, str]]:
    """From the events' own participant lists: the pairs whose participant is an entity."""
    known = {e.id for e in store.entities()}
    return {(e.id, p) for e in store.events() for p in e.participants if p in known}


def _migration() -> ModuleType:
    path = Path(str(MIGRATIONS / "versions" / "0015_event_participants.py"))
    spec = importlib.util.spec_from_file_location("migration_0015", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rows_follow_the_events_through_growing_and_merging_stories(store: SqlStore) -> None:
    """Two runs (three files, then the folder: stories grow and merge, events are re-merged
    and the gone stories' events deleted): the rows are exactly the events' entity
    participants, an entity's events read through them are the ones that list it, and
    migration 0015's backfill rebuilds the same rows."""
    first = [str(p) for p in sorted(SAMPLES.iterdir()) if p.name.startswith(FIRST_SAMPLES)]
    pipeline.run(first, store)
    assert _rows(store) == _expected(store) != set()
    pipeline.run([str(SAMPLES)], store)
    rows = _rows(store)
    assert rows == _expected(store) != set()
    unresolved = {p for e in store.events() for p in e.participants} - {p for _, p in rows}
    assert all(store.entity_row(p) is None for p in unresolved), "names that are not entities"

    events = store.events()
    for entity_id in sorted({p for _, p in rows}):
        listing = store.events_with(entity_id)
        assert listing == [e for e in events if entity_id in e.participants]
        assert store.events_with(entity_id, 1) == listing[:1]
    assert store.events_with("person-nobody") == []

    # The migration's backfill over a store whose index rows are gone writes them back.
    with store.writer.begin() as conn:
        conn.execute(delete(event_participants))
        assert _migration().backfill(conn) == len(rows)
    assert _rows(store) == rows


def test_upgrading_from_0014_indexes_the_stored_events(tmp_path: Path) -> None:
    """A store at revision 0014 with events (one participant an entity, one an unresolved
    name) gets the entity's row when opened, and its entity page finds the event."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0014_state_rows")
        old = MetaData()
        old.reflect(conn)
        assert "event_participants" not in old.tables
        conn.execute(
            old.tables["entities"].insert(),
            [{"id": "person-ivan-sokolov", "name": "Ivan Sokolov", "type": "PERSON",
              "aliases": [], "roles": []}],
        )  # fmt: skip
        conn.execute(
            old.tables["events"].insert(),
            [
                {"id": f"ev{n:014d}", "story_id": "story-x", "kind": "meeting",
                 "summary": f"Meeting {n}", "date": f"2026-0{n}-01", "precision": "day",
                 "participants": parts, "location": None, "evidence": []}
                for n, parts in enumerate(
                    [["person-ivan-sokolov", "Olena Petrenko"], ["Olena Petrenko"]], start=1
                )
            ],
        )  # fmt: skip
    engine.dispose()
    opened = open_store(str(path))
    try:
        assert _rows(opened) == {("ev00000000000001", "person-ivan-sokolov")}
        found = opened.events_with("person-ivan-sokolov")
        assert [e.summary for e in found] == ["Meeting 1"]
        assert opened.events_with("Olena Petrenko") == []
    finally:
        opened.close()


def test_an_entitys_events_are_found_through_the_index_not_a_scan(sample_db: str) -> None:
    """SQLite's plan for the entity page's events read searches the index by entity id
    and reaches each event by its key; it never scans the events table."""
    store = open_store(sample_db)
    try:
        entity_id = sorted(p for _, p in _rows(store))[0]
        statements: list[tuple[str, tuple[object, ...]]] = []

        def record(_c: object, _cur: object, statement: str, params: object, *_a: object) -> None:
            statements.append((statement, tuple(params)))  # type: ignore[arg-type]

        event.listen(store.engine, "before_cursor_execute", record)
        try:
            assert store.events_with(entity_id)
        finally:
            event.remove(store.engine, "before_cursor_execute", record)
        [(statement, params)] = [(s, p) for s, p in statements if s.startswith("SELECT")]
        with store.engine.connect() as conn:
            plan = " | ".join(
                str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
            )
        assert "ix_event_participants_entity_id" in plan or "sqlite_autoindex" in plan, plan
        assert "SCAN events" not in plan and "SEARCH events" in plan, plan
    finally:
        store.close()
