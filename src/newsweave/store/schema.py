"""Table definitions shared by every SQL backend (SQLite and PostgreSQL).

Migrations in ``migrations/versions`` create exactly these tables; a test
checks that the migrated schema and this module agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("encoding", String(40), nullable=False),
    Column("raw", Text, nullable=False),
    Column("hints", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    #: Invalid byte sequences replaced with U+FFFD when decoding (nearly UTF-8 text).
    Column("replaced", Integer, nullable=False, server_default="0"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column(
        "document_hash",
        String(64),
        ForeignKey("documents.content_hash"),
        nullable=False,
        index=True,
    ),
    Column("part", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("headline", Text),
    Column("published", String(32), index=True),
    Column("published_from", String(16)),
    Column("outlet", Text),
    Column("agency", Text),
    Column("dateline", Text),
    Column("language", String(8)),
    Column("url", Text),
    Column("standfirst", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String(64), nullable=False, index=True),
    Column("word_count", Integer, nullable=False),
    Column("cited_outlets", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("offsets", JSON, nullable=False),
    Column("extra", JSON, nullable=False),
    Column("duplicate_of", String(16), index=True),
    Column("story_id", String(32), index=True),
    #: The section the page or feed files it under ("World", "Politics"), if it says.
    Column("section", Text),
    #: The article's short permalink (``permalinks``), assigned once when it is stored.
    Column("short", String(16), unique=True, index=True),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("rejected_at", DateTime(timezone=True), nullable=False),
)

# -- stories (dedupe + cluster stages) ----------------------------------------

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("article_count", Integer, nullable=False),
    # The story list's order (biggest, then latest), read a page at a time.
    Index("ix_stories_listing", "article_count", "last_published", "id"),
)

overlaps = Table(
    "overlaps",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("other_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("share", JSON, nullable=False),
    Column("spans", JSON, nullable=False),
)

#: A stage's in-memory state after its last run (the clusterer's, as compressed JSON),
#: with the stage version and a fingerprint of what it covers: resumed only on a match.
stage_snapshots = Table(
    "stage_snapshots",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("version", String(16), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

#: A stage's state as rows read by key (an LSH band, a story, a blocking key), so a run
#: reads and writes only the rows its new articles touch; the stage's row in
#: ``stage_snapshots`` is then a small manifest saying which articles the rows cover.
stage_state_rows = Table(
    "stage_state_rows",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

# -- which stage version has processed which article ---------------------------

article_stages = Table(
    "article_stages",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("version", String(16), nullable=False),
    Column("note", Text),
    #: ``done``, ``partial``, ``skipped`` or ``failed`` (``model.StageStatus``); null on
    #: stamps written before it was kept (their note alone says how they ended).
    Column("status", String(16)),
)

#: Which stage version has processed which story (compare, brief, events): cleared when
#: the story's members change, so those stages redo exactly the stories that changed.
story_stages = Table(
    "story_stages",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("version", String(16), nullable=False),
    #: ``failed`` when the stage raised on the story (``note`` is the reason), else null.
    Column("status", String(16)),
    Column("note", Text),
)

# -- extraction ---------------------------------------------------------------

#: What the compare stage needs from each article (``compare.prepared``), found on the
#: extract stage's parse so that comparing a story never parses its articles again.
compare_inputs = Table(
    "compare_inputs",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("data", JSON, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("role", Text),
    Column("field", String(16), nullable=False),
    Column("caption_index", Integer),
    Column("entity_id", String(80)),
    #: the name's citation form where the language inflects names (``Mention.base``)
    Column("base", Text),
    #: the article's published date and story, copied onto its mentions so that an
    #: entity's mentions by date, and its stories, are read from an index on the entity
    #: (``ix_mentions_entity_published``, ``ix_mentions_entity_story``) instead of a join
    #: with every article that names it. ``published`` is written with the mention (an
    #: article's date never changes); ``story_id`` with the mention and again, in the same
    #: transaction, whenever the cluster stage moves the article (``save_stories``).
    Column("published", String(32)),
    Column("story_id", String(32)),
    Index(
        "ix_mentions_entity_published", "entity_id", "published", "article_id", "start", "id"
    ),
    Index("ix_mentions_entity_story", "entity_id", "story_id"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", Text),
    Column("speaker_entity_id", String(80), index=True),
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(40)),
    Column("precision", String(16)),
    Column("anchor", String(32)),
    Column("mod", String(16)),
    Column("field", String(16), nullable=False),
    Column("caption_index", Integer),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("story_id", String(32), index=True),
    Column("kind", String(32), nullable=False),
    Column("summary", Text, nullable=False),
    Column("date", String(40)),
    Column("precision", String(16)),
    Column("participants", JSON, nullable=False),
    Column("location", Text),
    Column("evidence", JSON, nullable=False),
)

#: Which entities take part in which event, one row per (event, entity): the entity
#: page's keyed read of its events (``participants`` is a JSON list, which no index
#: reaches). Written and deleted with the events, in the same transaction; only
#: participants that are entities (unresolved names stay in ``participants`` only).
event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", String(16), ForeignKey("events.id"), primary_key=True),
    Column("entity_id", String(80), primary_key=True),
    Index("ix_event_participants_entity_id", "entity_id"),
)

# -- compare and brief stages --------------------------------------------------

claims = Table(
    "claims",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("story_id", String(32), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("outlets_supporting", JSON, nullable=False),
    Column("outlets_silent", JSON, nullable=False),
    Column("disagreements", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
)

summaries = Table(
    "summaries",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("sentence", Text, nullable=False),
    Column("citations", JSON, nullable=False),
)

story_comparisons = Table(
    "story_comparisons",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("stage", String(16), primary_key=True),
    Column("signature", String(64), nullable=False),
    #: The stage version that wrote the row (also inside the signature, which can't be read).
    Column("version", String(16)),
    Column("outlets", JSON, nullable=False),
    Column("framing", JSON, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("groups", JSON, nullable=False),
    #: The member article ids the result was computed from (compare): what the next
    #: comparison diffs against to log the claims new articles brought.
    Column("members", JSON),
)

#: Each story's change log (``changes``): articles added, outlets joined, merges, new
#: claims and disagreements, with when newsweave learned of them. Read by story and by
#: time window, never whole.
story_changes = Table(
    "story_changes",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("story_id", String(32), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("subject", Text, nullable=False),
    Column("detail", JSON, nullable=False),
    Index("ix_story_changes_story_id_at", "story_id", "at"),
    Index("ix_story_changes_at", "at"),
    Index("ix_story_changes_subject", "subject"),
)

# -- watched feeds (newsweave watch) -------------------------------------------

#: One row per watched feed: what the next conditional GET sends (ETag, Last-Modified),
#: when it was polled and is next due, and how it has fared, so a killed ``watch`` resumes.
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("next_poll", DateTime(timezone=True)),
    Column("consecutive_errors", Integer, nullable=False),
    Column("last_error", Text),
    Column("articles_found", Integer, nullable=False),
)

#: Every item URL a watch has handled (its page stored, found a copy of a stored one, or
#: rejected), so that no later poll fetches it again whatever became of its content.
feed_items = Table(
    "feed_items",
    metadata,
    Column("url", Text, primary_key=True),
    Column("feed_url", Text, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)
