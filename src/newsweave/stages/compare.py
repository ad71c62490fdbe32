"""The compare stage: each story's claims aligned across its outlets, with who carries a
fact, who is silent and where they disagree, plus framing and sources.

Per story: only stories without a compare stamp at this version are compared (new
stories, stories whose members changed, stories with an article re-extracted or
re-resolved). The stored signature (members and version) says what a result was
computed from. Duplicates (syndicated
copies) are left out of the alignment so a wire story is not aligned with itself,
but each copy's outlet is then counted with its original: a copy shows that its
outlet carried what the original says (and was silent where the original is).

Each comparison is diffed against the story's stored one before it replaces it: the
claims and disagreements new articles brought go to the story's change log
(``changes.claims``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from newsweave.changes import claim_changes
from newsweave.compare.claims import EntityKeyer
from newsweave.compare.outlets import outlet_name
from newsweave.errors import StoreError
from newsweave.model import Article, Claim, StoryChange, sha256_hex
from newsweave.stages.base import Context, Stage
from newsweave.store import compare_sql
from newsweave.store.readers import StoredArticle
from newsweave.store.sql import SqlStore


def _members(found: Sequence[StoredArticle]) -> list[Article]:
    """The story's canonical, analysable articles (every language with an analyser),
    oldest first."""
    from newsweave.extract.analyse import has_analyser

    return [s.article for s in found if s.duplicate_of is None and has_analyser(s.article.language)]


def _copies(found: Sequence[StoredArticle]) -> list[tuple[Article, str]]:
    """The story's syndicated copies, each with the id of the original it copies."""
    return [(s.article, s.duplicate_of) for s in found if s.duplicate_of is not None]


def _with_copies(claim: Claim, copies: Sequence[tuple[Article, str]]) -> Claim:
    """A copy's outlet supports what its original supports and is silent elsewhere."""
    from dataclasses import replace

    carried = {s.article_id for s in claim.evidence}
    supporting, silent = list(claim.outlets_supporting), list(claim.outlets_silent)
    for copy, original in copies:
        outlet = outlet_name(copy)
        if original in carried and outlet not in supporting:
            supporting.append(outlet)
            silent = [o for o in silent if o != outlet]
        elif original not in carried and outlet not in supporting and outlet not in silent:
            silent.append(outlet)
    return replace(claim, outlets_supporting=tuple(supporting), outlets_silent=tuple(silent))


def _signature(version: str, articles: Sequence[Article]) -> str:
    return sha256_hex(
        version + "|" + "|".join(sorted(f"{a.id}:{sha256_hex(a.text)}" for a in articles))
    )


def _entity_keyer(store: SqlStore, article_ids: Sequence[str]) -> EntityKeyer:
    """Entity ids by the exact offsets of the articles' resolved body-text mentions."""
    at = store.entity_keys(article_ids)

    def key(article_id: str, start: int, end: int) -> str | None:
        return at.get((article_id, start, end))

    return key


def _changes(
    store: SqlStore,
    story_id: str,
    stage: Stage,
    claims: Sequence[Claim],
    members: Sequence[str],
    at: datetime,
) -> list[StoryChange]:
    """What this comparison changed, diffed against the story's stored result (keyed
    reads of this story's rows); nothing when that result came from another version."""
    before = compare_sql.comparison(store, story_id, stage.name)
    if before is None:
        return claim_changes(story_id, at, claims, members, None, None)
    if before["version"] != stage.version:
        return []
    previous = compare_sql.claims(store, story_id)
    return claim_changes(story_id, at, claims, members, previous, before.get("members"))


def run(ctx: Context, stage: Stage) -> int:
    """Compare every story whose articles changed; return how many stories were compared."""
    from newsweave.compare.prepared import from_json
    from newsweave.compare.records import framing_json, groups_json, sources_json
    from newsweave.compare.story import compare_prepared

    store = ctx.store
    pending = store.pending_stories(stage.name, stage.version)
    ctx.tick(stage.name, 0, len(pending))
    done = 0
    clears = ctx.story_dependents(stage.name)
    now = datetime.now(UTC)
    for n, story_id in enumerate(pending, 1):
        found = store.articles_of(story_id)
        members, copies = _members(found), _copies(found)
        signature = _signature(stage.version, members + [a for a, _ in copies])
        ids = [a.id for a in members]
        inputs = store.compare_inputs(ids)
        missing = [a for a in members if a.id not in inputs]
        if missing:  # an article the extract stage failed on is compared as not analysed
            failed = store.failed_of("extract", [a.id for a in missing])
            members = [a for a in members if a.id not in failed]
            ids = [a.id for a in members]
            missing = [a for a in missing if a.id not in failed]
        if missing:  # the extract stage runs first and prepares every analysed article
            raise StoreError(
                f"story {story_id}: {len(missing)} article(s) have no comparison inputs "
                f"(first {missing[0].id}); run `newsweave run` again to extract them"
            )
        keyer = _entity_keyer(store, ids)
        compared = ids + [a.id for a, _ in copies]
        try:
            prepared = [from_json(a.id, inputs[a.id], a.text) for a in members]
            result = compare_prepared(story_id, members, prepared, keyer)
            claims = [_with_copies(c, copies) for c in result.claims]
            outlets = [*result.outlets, *(outlet_name(a) for a, _ in copies)]
            extra = {
                "outlets": list(dict.fromkeys(outlets)),
                "framing": framing_json(result.framing),
                "sources": sources_json(result.sources),
                "groups": groups_json(result.groups),
                "members": compared,
            }
        except Exception as exc:  # this story alone; the others are compared
            ctx.story_failed(stage, story_id, exc)
            continue
        changes = _changes(store, story_id, stage, claims, compared, now)
        compare_sql.save_compared(
            store, story_id, claims, stage.name, stage.version, signature, extra, clears, changes
        )
        done += 1
        ctx.tick(stage.name, n, len(pending))
    return done
