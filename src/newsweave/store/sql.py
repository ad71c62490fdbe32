"""The SQL store: SQLAlchemy Core over SQLite (default) or PostgreSQL, migrated by Alembic."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from newsweave import errors, permalinks
from newsweave.errors import StoreError
from newsweave.model import Article, Caption, OffsetMap, Rejection, sha256_hex
from newsweave.store import locks, postgres
from newsweave.store.base import Ingested, SaveResult
from newsweave.store.chunking import chunks
from newsweave.store.facts_sql import FactsMixin
from newsweave.store.keyed_sql import KeyedStateMixin
from newsweave.store.readers import ReadersMixin
from newsweave.store.schema import articles, documents, rejections
from newsweave.store.stories_sql import StoriesMixin
from newsweave.store.version import DataStamp


class SqlStore(FactsMixin, StoriesMixin, ReadersMixin, KeyedStateMixin):
    """One store over SQLite or PostgreSQL (``postgresql://`` URLs use psycopg 3).

    Reads go through ``engine``, writes through ``writer`` (see ``store/locks.py``): several
    processes may write one store at once, and ``stage_lock`` lets one of them at a time run
    the store stages."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(postgres.driver_url(url), future=True)
        self.writer: Engine = locks.write_engine(self.engine)
        self._data_stamp = DataStamp(self.engine)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", locks.sqlite_connected)
            event.listen(self.engine, "begin", locks.sqlite_begin)
        elif self.engine.dialect.name == "postgresql":
            postgres.prepare_engine(self.engine)
        try:
            self._migrate()
        except OperationalError as exc:
            shown = make_url(self.engine.url).render_as_string(hide_password=True)
            raise StoreError(
                f"cannot open the database {shown!r}: {str(exc.orig).strip()}; "
                "check that the server runs and the URL (user, host, port, database) is right"
            ) from exc

    def _migrate(self) -> None:
        script_dir = resources.files("newsweave.store") / "migrations"
        config = Config()
        config.set_main_option("script_location", str(script_dir))
        if self.engine.dialect.name == "sqlite":
            head = ScriptDirectory.from_config(config).get_current_head()
            with self.engine.connect() as conn:
                if MigrationContext.configure(conn).get_current_revision() == head:
                    return  # up to date: no write lock taken (another process may hold it)
        # A write transaction: two processes opening a new store wait for each other.
        with self.writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                postgres.lock_migrations(conn)
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            if conn.dialect.name == "postgresql":
                postgres.text_columns_as_in_sqlite(conn)

    # -- writing -------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        found: set[str] = set()
        with self.engine.connect() as conn:
            for wanted in chunks(hashes):
                for column in (documents.c.content_hash, rejections.c.content_hash):
                    rows = conn.execute(select(column).where(column.in_(wanted))).scalars()
                    found.update(h for h in rows if h)
        return found

    def save(self, batch: Sequence[Ingested | Rejection]) -> SaveResult:
        result = SaveResult()
        now = datetime.now(UTC)
        with self.writer.begin() as conn:
            for item in batch:
                # A savepoint per item: one item's conflict never undoes its neighbours.
                nested = conn.begin_nested()
                try:
                    if isinstance(item, Rejection):
                        self._save_rejection(conn, item, now, result)
                    else:
                        self._save_ingested(conn, item, now, result)
                    nested.commit()
                except IntegrityError:
                    nested.rollback()
                    result.already_stored += 1
        return result

    def _save_rejection(
        self, conn: Connection, item: Rejection, now: datetime, result: SaveResult
    ) -> None:
        key = sha256_hex(f"{item.source}\x00{item.reason}\x00{item.content_hash or ''}")
        exists = conn.execute(select(rejections.c.id).where(rejections.c.id == key)).first()
        if exists:
            result.already_stored += 1
            return
        conn.execute(
            rejections.insert().values(
                id=key,
                source=item.source,
                reason=item.reason,
                content_hash=item.content_hash,
                rejected_at=now,
            )
        )
        result.rejected += 1

    def _save_ingested(
        self, conn: Connection, item: Ingested, now: datetime, result: SaveResult
    ) -> None:
        doc = item.document
        exists = conn.execute(
            select(documents.c.content_hash).where(documents.c.content_hash == doc.content_hash)
        ).first()
        if exists:
            result.already_stored += 1
            return
        conn.execute(
            documents.insert().values(
                content_hash=doc.content_hash,
                source=doc.source,
                format=doc.format,
                encoding=doc.encoding,
                raw=doc.raw,
                hints=doc.hints,
                ingested_at=now,
                replaced=doc.replaced,
            )
        )
        if item.articles:
            shorts = _free_shorts(conn, [a.id for a in item.articles])
            conn.execute(
                articles.insert(),
                [{**_article_row(a), "short": shorts[a.id]} for a in item.articles],
            )
        # An input that reads now was fixed since it was rejected: forget the old reason.
        conn.execute(delete(rejections).where(rejections.c.source == doc.source))
        result.documents += 1
        result.articles += len(item.articles)

    # -- reading -------------------------------------------------------------

    def iter_articles(self) -> Iterator[Article]:
        query = select(articles).order_by(
            articles.c.published.is_(None), articles.c.published, articles.c.id
        )
        # yield_per streams (a server-side cursor on PostgreSQL) instead of loading every
        # article into memory at once.
        with self.engine.connect().execution_options(yield_per=256) as conn:
            for row in conn.execute(query).mappings():
                yield _row_article(row)

    def article_links(
        self, article_ids: Sequence[str] | None = None
    ) -> dict[str, tuple[str | None, str | None]]:
        """Article id → (duplicate_of, story_id), filled in by later stages: of
        ``article_ids`` (keyed), or of every article."""
        query = select(articles.c.id, articles.c.duplicate_of, articles.c.story_id)
        with self.engine.connect() as conn:
            if article_ids is None:
                return {r.id: (r.duplicate_of, r.story_id) for r in conn.execute(query)}
            return {
                r.id: (r.duplicate_of, r.story_id)
                for ids in chunks(sorted(set(article_ids)))
                for r in conn.execute(query.where(articles.c.id.in_(ids)))
            }

    def raw_document(self, content_hash: str) -> str | None:
        query = select(documents.c.raw).where(documents.c.content_hash == content_hash)
        with self.engine.connect() as conn:
            value = conn.execute(query).scalar()
            return str(value) if value is not None else None

    def rejections(self) -> list[Rejection]:
        query = select(rejections).order_by(rejections.c.source, rejections.c.reason)
        with self.engine.connect() as conn:
            return [Rejection(r.source, r.reason, r.content_hash) for r in conn.execute(query)]

    def decode_warnings(self) -> list[dict[str, str]]:
        """Stored documents whose decoding replaced bad bytes: source and what was done."""
        query = (
            select(documents.c.source, documents.c.replaced)
            .where(documents.c.replaced > 0)
            .order_by(documents.c.source)
        )
        with self.engine.connect() as conn:
            return [
                {"source": r.source, "warning": errors.REPLACED_BYTES.format(count=r.replaced)}
                for r in conn.execute(query)
            ]

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def integrity_problems(self) -> list[str]:
        """What SQLite's own checks find wrong with the file (``PRAGMA integrity_check``,
        ``PRAGMA foreign_key_check``); empty when sound. PostgreSQL checks every write
        against the constraints itself and keeps its files crash-safe: always empty."""
        if self.engine.dialect.name != "sqlite":
            return []
        with self.engine.connect() as conn:
            found = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            problems = [] if found == ["ok"] else found
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"{table} row {rowid}: no {parent} row it refers to")
        return problems

    def stage_lock(self, on_wait: locks.OnWait | None = None) -> AbstractContextManager[None]:
        """Hold the lock that lets one process at a time run the store stages, once no
        process is storing inputs; call ``on_wait`` before waiting (see ``store/locks.py``)."""
        return locks.stage_lock(self.engine, on_wait)

    def ingest_lock(self) -> AbstractContextManager[None]:
        """Hold, shared with other processes storing inputs, the lock that the stage
        runner waits on (see ``store/locks.py``)."""
        return locks.ingest_lock(self.engine)

    def data_stamp(self) -> int | None:
        """A value that changes after any commit to the store by anyone (see
        ``store/version.py``); None when the backend offers none."""
        return self._data_stamp.current()

    def close(self) -> None:
        self._data_stamp.close()
        self.engine.dispose()

    def _row_to_article(self, row: Any) -> Article:
        return _row_article(row)


def _article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "document_hash": a.document_hash,
        "part": a.part,
        "source": a.source,
        "headline": a.headline,
        "published": a.published,
        "published_from": a.published_from,
        "outlet": a.outlet,
        "agency": a.agency,
        "dateline": a.dateline,
        "language": a.language,
        "url": a.url,
        "standfirst": a.standfirst,
        "text": a.text,
        "text_hash": sha256_hex(a.text),
        "word_count": a.word_count,
        "cited_outlets": list(a.cited_outlets),
        "captions": [
            {"text": c.text, "credit": c.credit, "raw_start": c.raw_start, "raw_end": c.raw_end}
            for c in a.captions
        ],
        "offsets": a.offsets.to_json(),
        "extra": a.extra,
        "section": a.section,
    }


def _free_shorts(conn: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """Each new article's short permalink: its shortest candidate no stored article (nor
    another of these) has taken. A keyed read of the candidates, never of every short."""
    wanted = {a: permalinks.candidates(a) for a in article_ids}
    every = [s for found in wanted.values() for s in found]
    taken = set(conn.execute(select(articles.c.short).where(articles.c.short.in_(every))).scalars())
    out: dict[str, str] = {}
    for article_id, found in wanted.items():
        short = next(s for s in found if s not in taken)
        taken.add(short)
        out[article_id] = short
    return out


def _row_article(row: Any) -> Article:
    return Article(
        source=row["source"],
        document_hash=row["document_hash"],
        part=row["part"],
        text=row["text"],
        offsets=OffsetMap.from_json(row["offsets"]),
        headline=row["headline"],
        published=row["published"],
        published_from=row["published_from"],
        outlet=row["outlet"],
        agency=row["agency"],
        dateline=row["dateline"],
        language=row["language"],
        url=row["url"],
        standfirst=row["standfirst"],
        cited_outlets=tuple(row["cited_outlets"]),
        captions=tuple(Caption(**c) for c in row["captions"]),
        extra=row["extra"],
        section=row["section"],
    )
