"""What every stage is: a name, a version, what it does, and one function over the store.

The registry (``newsweave.stages``) lists them in order; these types are apart from it
so that a stage module can name them without importing the registry that imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsweave import errors

if TYPE_CHECKING:
    from newsweave.distributed import BatchMapper
    from newsweave.store.sql import SqlStore

log = logging.getLogger(__name__)

#: ``progress(stage name, done, total)``: called as a stage works through its units.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Context:
    """What a stage runs with: the store, where to report progress, where to map batches."""

    store: SqlStore
    progress: Progress | None = None
    #: Runs the expensive per-article batches (extract) elsewhere, e.g. on Dask.
    mapper: BatchMapper | None = None
    #: The registry the stage runs in, so it can find the stages that read its results.
    registry: Sequence[Stage] = ()

    def tick(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def pending(self, stage: Stage) -> list[str]:
        """The articles ``stage`` has still to process, of those the per-article stages it
        reads have processed (at their versions in this registry): see
        ``SqlStore.pending_ids``."""
        ready = [
            (s.name, s.version)
            for s in self.registry
            if s.unit == "article" and s.name in stage.reads
        ]
        return self.store.pending_ids(stage.name, stage.version, ready)

    def story_failed(self, stage: Stage, story_id: str, exc: Exception) -> None:
        """Record that ``stage`` raised on one story: stamped failed with the reason (so it
        is not retried at this version, and the export lists it), while the stage goes on
        with the other stories. Only the stage's computation is guarded this way; a store
        error still stops the run, as it is no fault of the story's."""
        log.exception("the %s stage failed on story %s", stage.name, story_id)
        reason = errors.stage_failed(stage.name, "story", exc)
        self.store.fail_story(
            story_id, stage.name, stage.version, reason, self.story_dependents(stage.name)
        )

    def dependents(self, stage: str) -> tuple[str, ...]:
        """The per-article stages whose results are computed from ``stage``'s: when
        ``stage`` redoes an article, their stamps on it are cleared so they redo it too."""
        return tuple(s.name for s in self.registry if s.unit == "article" and stage in s.reads)

    def story_dependents(self, stage: str) -> tuple[str, ...]:
        """The per-story stages computed from ``stage``'s results: when ``stage`` redoes an
        article (or a story), their stamps on its story are cleared."""
        return tuple(s.name for s in self.registry if s.unit == "story" and stage in s.reads)


#: ``run(context, stage)`` brings the stage up to date; returns how many units it processed.
StageRun = Callable[[Context, "Stage"], int]


@dataclass(frozen=True)
class Stage:
    """A stage over the store. Each run processes exactly the articles (or stories) that
    carry no stamp of this stage at ``version``, so a run cut short anywhere is finished
    by the next one, and a new version redoes everything it covers."""

    name: str
    version: str
    description: str
    run: StageRun
    #: What it stamps as done: each article (``article_stages``) or each story
    #: (``story_stages``, cleared whenever the story's members change).
    unit: Literal["article", "story"] = "article"
    #: Stages whose results this one is computed from (see ``Context.dependents``).
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentStage:
    """A stage applied to each input as it is ingested (read, clean, language): it has
    no run over the store, but its version is part of what the export says produced it."""

    name: str
    version: str
    description: str
