"""Which stage, at which version, has processed which article or story.

Every store stage resumes from these stamps: it processes exactly what carries no
stamp of it at its current version. A stage that redoes an article clears the stamps
of the stages computed from it: of later per-article stages on that article, and of
per-story stages on that article's story, so they redo it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, delete, select

from newsweave.store.chunking import chunks
from newsweave.store.schema import article_stages, articles, stories, story_stages


class StampsMixin:
    engine: Engine
    writer: Engine

    # -- articles -------------------------------------------------------------------

    def mark_stage(
        self,
        conn: Connection,
        article_ids: Sequence[str],
        stage: str,
        version: str,
        note: str | None = None,
        clears: Sequence[str] = (),
        clears_stories: Sequence[str] = (),
        status: str | None = None,
    ) -> None:
        """Record that ``stage`` at ``version`` has processed these articles (how it ended:
        ``status`` and ``note``, a failure's reason included), and forget
        that the per-article stages in ``clears``, and the per-story stages in
        ``clears_stories`` on these articles' stories, processed them."""
        if not article_ids:
            return
        for ids in chunks(article_ids):
            conn.execute(
                delete(article_stages).where(
                    article_stages.c.article_id.in_(ids),
                    article_stages.c.stage.in_([stage, *clears]),
                )
            )
            if clears_stories:
                of_articles = select(articles.c.story_id).where(
                    articles.c.id.in_(ids), articles.c.story_id.is_not(None)
                )
                conn.execute(
                    delete(story_stages).where(
                        story_stages.c.story_id.in_(of_articles),
                        story_stages.c.stage.in_(clears_stories),
                    )
                )
        conn.execute(
            article_stages.insert(),
            [
                {
                    "article_id": a,
                    "stage": stage,
                    "version": version,
                    "note": note,
                    "status": status,
                }
                for a in article_ids
            ],
        )

    def stamp(
        self,
        article_ids: Sequence[str],
        stage: str,
        version: str,
        clears: Sequence[str] = (),
        clears_stories: Sequence[str] = (),
    ) -> None:
        """``mark_stage`` in a transaction of its own, for stages that write elsewhere first."""
        with self.writer.begin() as conn:
            self.mark_stage(
                conn, article_ids, stage, version, clears=clears, clears_stories=clears_stories
            )

    def pending_ids(
        self, stage: str, version: str, ready: Sequence[tuple[str, str]] = ()
    ) -> list[str]:
        """Articles this stage (at this version) has not processed yet, of those the
        ``ready`` stages (name, version) have processed, oldest first (ties by id, which
        hashes the content: the order never depends on which process stored what first).

        ``ready`` names the stages whose results this one reads: an article another
        process stored after this run's earlier stages went by waits for the next run,
        instead of being clustered, say, without its copy links or its names."""
        done = select(article_stages.c.article_id).where(
            article_stages.c.stage == stage, article_stages.c.version == version
        )
        query = select(articles.c.id).where(articles.c.id.not_in(done))
        for name, at in ready:
            processed = select(article_stages.c.article_id).where(
                article_stages.c.stage == name, article_stages.c.version == at
            )
            query = query.where(articles.c.id.in_(processed))
        query = query.order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def processed_ids(self, stage: str) -> list[str]:
        """Articles a stage has processed (any version), oldest published first."""
        query = (
            select(articles.c.id)
            .join(article_stages, article_stages.c.article_id == articles.c.id)
            .where(article_stages.c.stage == stage)
            .order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def stage_stamps(self) -> list[tuple[str, str]]:
        """Every (stage, version) some article is stamped with."""
        query = select(article_stages.c.stage, article_stages.c.version).distinct()
        with self.engine.connect() as conn:
            return sorted((r.stage, r.version) for r in conn.execute(query))

    def stage_outcomes(self, stage: str) -> dict[str, tuple[str | None, str | None]]:
        """Article id → (status, note) of how ``stage`` ended on it (status None: stamped
        before statuses were kept)."""
        query = select(
            article_stages.c.article_id, article_stages.c.status, article_stages.c.note
        ).where(article_stages.c.stage == stage)
        with self.engine.connect() as conn:
            return {r.article_id: (r.status, r.note) for r in conn.execute(query)}

    def failed_of(self, stage: str, article_ids: Sequence[str]) -> set[str]:
        """Those of ``article_ids`` that ``stage`` failed on (stamped ``failed``)."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for ids in chunks(article_ids):
                query = select(article_stages.c.article_id).where(
                    article_stages.c.stage == stage,
                    article_stages.c.status == "failed",
                    article_stages.c.article_id.in_(ids),
                )
                out.update(conn.execute(query).scalars())
        return out

    def stage_failures(self) -> list[dict[str, str | None]]:
        """Every article and story a stage failed on at its stamped version: stage, version,
        article id and source (or story id) and reason, articles first, each in stage then
        id order."""
        query = (
            select(
                article_stages.c.stage,
                article_stages.c.version,
                article_stages.c.article_id,
                articles.c.source,
                article_stages.c.note,
            )
            .join(articles, articles.c.id == article_stages.c.article_id)
            .where(article_stages.c.status == "failed")
            .order_by(article_stages.c.stage, article_stages.c.article_id)
        )
        with self.engine.connect() as conn:
            found: list[dict[str, str | None]] = [
                {
                    "stage": r.stage,
                    "version": r.version,
                    "article_id": r.article_id,
                    "story_id": None,
                    "source": r.source,
                    "reason": r.note or "",
                }
                for r in conn.execute(query)
            ]
            stories_failed = (
                select(
                    story_stages.c.stage,
                    story_stages.c.version,
                    story_stages.c.story_id,
                    story_stages.c.note,
                )
                .where(story_stages.c.status == "failed")
                .order_by(story_stages.c.stage, story_stages.c.story_id)
            )
            found += [
                {
                    "stage": r.stage,
                    "version": r.version,
                    "article_id": None,
                    "story_id": r.story_id,
                    "source": None,
                    "reason": r.note or "",
                }
                for r in conn.execute(stories_failed)
            ]
            return found

    # -- stories --------------------------------------------------------------------

    def mark_stories(
        self,
        conn: Connection,
        story_ids: Sequence[str],
        stage: str,
        version: str,
        clears: Sequence[str] = (),
        status: str | None = None,
        note: str | None = None,
    ) -> None:
        """Record that ``stage`` at ``version`` has processed these stories (``status``
        ``failed`` and the reason in ``note`` when it raised on them), and forget that the
        stages in ``clears`` (computed from this one's results) processed them."""
        clear_stories(conn, story_ids, [stage, *clears])
        if story_ids:
            conn.execute(
                story_stages.insert(),
                [
                    {
                        "story_id": s,
                        "stage": stage,
                        "version": version,
                        "status": status,
                        "note": note,
                    }
                    for s in story_ids
                ],
            )

    def fail_story(
        self, story_id: str, stage: str, version: str, reason: str, clears: Sequence[str] = ()
    ) -> None:
        """Stamp a story the stage raised on as failed, with the reason, so that it is not
        retried at this version; the stages computed from it forget it too."""
        with self.writer.begin() as conn:
            self.mark_stories(conn, [story_id], stage, version, clears, "failed", reason)

    def fail_article(
        self,
        article_id: str,
        stage: str,
        version: str,
        reason: str,
        clears: Sequence[str] = (),
        clears_stories: Sequence[str] = (),
    ) -> None:
        """Stamp an article the stage raised on as failed, with the reason, so that it is
        not retried at this version; the stages computed from it forget it too."""
        with self.writer.begin() as conn:
            self.mark_stage(
                conn, [article_id], stage, version, reason, clears, clears_stories, "failed"
            )

    def stamp_stories(
        self, story_ids: Sequence[str], stage: str, version: str, clears: Sequence[str] = ()
    ) -> None:
        """``mark_stories`` in a transaction of its own."""
        with self.writer.begin() as conn:
            self.mark_stories(conn, story_ids, stage, version, clears)

    def pending_stories(self, stage: str, version: str) -> list[str]:
        """Stories this stage (at this version) has not processed since they last changed,
        in id order."""
        done = select(story_stages.c.story_id).where(
            story_stages.c.stage == stage, story_stages.c.version == version
        )
        query = select(stories.c.id).where(stories.c.id.not_in(done)).order_by(stories.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def story_stamps(self) -> list[tuple[str, str]]:
        """Every (stage, version) some story is stamped with."""
        query = select(story_stages.c.stage, story_stages.c.version).distinct()
        with self.engine.connect() as conn:
            return sorted((r.stage, r.version) for r in conn.execute(query))


def clear_stories(conn: Connection, story_ids: Sequence[str], stages: Sequence[str] | None) -> None:
    """Forget that ``stages`` (None: every stage) processed these stories: they changed,
    or went."""
    if stages is not None and not stages:
        return
    for ids in chunks(story_ids):
        query = delete(story_stages).where(story_stages.c.story_id.in_(ids))
        if stages is not None:
            query = query.where(story_stages.c.stage.in_(list(stages)))
        conn.execute(query)
