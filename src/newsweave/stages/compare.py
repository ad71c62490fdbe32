"""The compare stage: each story's claims aligned across its outlets, with who carries a
fact, who is silent and where they disagree, plus framing and sources.

Per story: a story is (re)compared only when its members or the stage version changed:
the stored signature says what each result was computed from. Duplicates (syndicated
copies) are left out of the alignment so a wire story is not aligned with itself,
but each copy's outlet is then counted with its original: a copy shows that its
outlet carried what the original says (and was silent where the original is).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsweave.compare.claims import DatedSpan, EntityKeyer
from newsweave.compare.outlets import outlet_name
from newsweave.model import Article, Claim, Story, sha256_hex
from newsweave.stages.base import Context, Stage
from newsweave.store import compare_sql
from newsweave.store.sql import SqlStore


def _members(
    store: SqlStore, story: Story, links: Mapping[str, tuple[str | None, str | None]]
) -> list[Article]:
    """The story's canonical, analysable articles, oldest first."""
    from newsweave.nlp import is_analysed

    found = store.articles_by_id(list(story.article_ids))
    keep = [found[i] for i in story.article_ids if i in found]
    return [a for a in keep if links.get(a.id, (None, None))[0] is None and is_analysed(a.language)]


def _copies(
    store: SqlStore, story: Story, links: Mapping[str, tuple[str | None, str | None]]
) -> list[tuple[Article, str]]:
    """The story's syndicated copies, each with the id of the original it copies."""
    ids = [i for i in story.article_ids if links.get(i, (None, None))[0] is not None]
    found = store.articles_by_id(ids)
    return [(found[i], str(links[i][0])) for i in ids if i in found]


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


def _entity_keyer(store: SqlStore) -> EntityKeyer:
    """Entity ids by the exact offsets of their body-text mentions."""
    at: dict[tuple[str, int, int], str] = {}
    for e in store.entities():
        for m in e.mentions:
            if m.field == "text":
                at[(m.article_id, m.start, m.end)] = e.id

    def key(article_id: str, start: int, end: int) -> str | None:
        return at.get((article_id, start, end))

    return key


def _dates(store: SqlStore) -> dict[str, list[DatedSpan]]:
    out: dict[str, list[DatedSpan]] = defaultdict(list)
    for r in store.timex_rows():
        if r["field"] == "text" and r["value"]:
            out[r["article_id"]].append(DatedSpan(r["start"], r["end"], r["value"], r["precision"]))
    return dict(out)


def run(ctx: Context, stage: Stage) -> int:
    """Compare every story whose articles changed; return how many stories were compared."""
    from newsweave.compare.records import framing_json, groups_json, sources_json
    from newsweave.compare.story import compare_story
    from newsweave.nlp import parse

    store = ctx.store
    stories = store.stories()
    ctx.tick(stage.name, 0, len(stories))
    compare_sql.delete_story_results(store)
    keyer, dates, done = _entity_keyer(store), _dates(store), 0
    links = store.article_links()
    for n, story in enumerate(stories, 1):
        members = _members(store, story, links)
        copies = _copies(store, story, links)
        signature = _signature(stage.version, members + [a for a, _ in copies])
        stored = compare_sql.comparison(store, story.id, stage.name)
        if stored is not None and stored["signature"] == signature:
            continue
        docs = list(parse([a.text for a in members]))
        result = compare_story(story.id, members, docs, dates, keyer)
        claims = [_with_copies(c, copies) for c in result.claims]
        compare_sql.save_claims(store, story.id, claims)
        extra = {
            "outlets": list(dict.fromkeys([*result.outlets, *(outlet_name(a) for a, _ in copies)])),
            "framing": framing_json(result.framing),
            "sources": sources_json(result.sources),
            "groups": groups_json(result.groups),
        }
        compare_sql.save_comparison(store, story.id, stage.name, stage.version, signature, extra)
        done += 1
        ctx.tick(stage.name, n, len(stories))
    return done
