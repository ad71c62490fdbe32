"""The stage registry: every stage of the pipeline, in order, with its version.

Stored results carry the version of the stage that produced them (article and story
stamps, saved states, story results), the export lists these versions, and
``pipeline.run_stages`` runs the store stages in this order. Bump a stage's version
here when it changes what it finds: the next run redoes what the old version did.

Each store stage resumes by itself: it processes exactly the articles (dedupe, extract,
cluster, entities) or stories (events, compare, brief) that carry no stamp of it at its
current version, and a story loses its stamps when its members change. So a run on new
articles costs what they and their stories cost, and a run cut short after any stage, or
stopped with ``--until``, is finished by the next run with the same result.
"""

from __future__ import annotations

from newsweave.stages import brief, cluster, compare, dedupe, entities, events, extract
from newsweave.stages.base import Context, DocumentStage, Progress, Stage

#: Applied to each input as it is ingested (``pipeline.ingest``), before anything is stored.
DOCUMENT_STAGES: tuple[DocumentStage, ...] = (
    DocumentStage("ingest", "1", "read files, folders, globs, stdin; detect encoding and format"),
    DocumentStage("clean", "1", "strip chrome, split glued articles, find headline/date/outlet"),
    DocumentStage("language", "1", "identify each article's language offline (py3langid)"),
)

#: Run over the store after ingestion, in this order.
STORE_STAGES: tuple[Stage, ...] = (
    Stage(
        "dedupe", "1", "link syndicated copies (MinHash LSH) and record shared passages", dedupe.run
    ),
    Stage(
        "extract",
        "6",
        "one parse per article by language (spaCy for English and French, natasha +"
        " pymorphy3 for Russian and Ukrainian): mentions, quotes, dates, event mentions,"
        " comparison inputs",
        extract.run,
    ),
    Stage(
        "cluster",
        "2",
        "group articles into stories as they stream in (learned similarity)",
        cluster.run,
        reads=("dedupe", "extract"),
    ),
    Stage(
        "entities",
        "2",
        "resolve mentions into people, organisations and places store-wide",
        entities.run,
        reads=("extract",),
    ),
    Stage(
        "events",
        "1",
        "merge event mentions of one story into events with entity ids",
        events.run,
        unit="story",
        reads=("extract", "cluster", "entities"),
    ),
    Stage(
        "compare",
        "2",
        "claims aligned across outlets: support, silence, disagreement, framing",
        compare.run,
        unit="story",
        reads=("extract", "cluster", "entities"),
    ),
    Stage(
        "brief",
        "1",
        "per story: a dated timeline and a cited extractive summary",
        brief.run,
        unit="story",
        reads=("compare",),
    ),
)

#: The whole pipeline, in order: what the export lists as having produced it.
ALL_STAGES: tuple[DocumentStage | Stage, ...] = (*DOCUMENT_STAGES, *STORE_STAGES)
STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in ALL_STAGES)


def store_stage(name: str) -> Stage:
    """The store stage called ``name``; ValueError names the stages there are."""
    for s in STORE_STAGES:
        if s.name == name:
            return s
    raise ValueError(f"no store stage {name!r}; the stages are {', '.join(STAGE_NAMES)}")


__all__ = [
    "ALL_STAGES",
    "DOCUMENT_STAGES",
    "STAGE_NAMES",
    "STORE_STAGES",
    "Context",
    "DocumentStage",
    "Progress",
    "Stage",
    "store_stage",
]
