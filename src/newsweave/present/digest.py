"""The digest: the stories that are new or grew since a time, one file fit to email.

Ranked by how many outlets and articles joined each story in the window (a story four
outlets now carry before one that got a fourth article from the same outlet); each
with its briefing, every sentence cited to the article and characters it comes from,
what changed, and the people in it. HTML (one self-contained file: inline styles, no
scripts, every text escaped by Jinja2) or Markdown (article text escaped so it cannot
become markup).

Reads the change log by time window, then each listed story by its keys: what a
digest costs grows with what changed, not with the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape

from newsweave.model import Article
from newsweave.present.changes import KIND_ORDER, by_story, changes_view
from newsweave.present.report import cite_id, cited_passage
from newsweave.present.story import load_story, view_of
from newsweave.store import SqlStore

#: People listed per story (most mentioned first).
MAX_PEOPLE = 8
#: New claims listed per story; the rest are counted.
MAX_CLAIMS = 8
#: Characters shown either side of a cited span in the digest (the report shows more).
CONTEXT = 160


def _grown(rows: list[dict[str, Any]]) -> dict[str, int] | None:
    """New articles and outlets in a story's window of changes; None when none joined."""
    articles = sum(1 for r in rows if r["kind"] == "article")
    articles += sum(len(r["detail"].get("article_ids", [])) for r in rows if r["kind"] == "merge")
    if not articles:
        return None
    return {
        "articles": articles,
        "outlets": sum(1 for r in rows if r["kind"] == "outlet"),
        "new": any(r["kind"] == "story" for r in rows),
    }


def _changed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """What changed, in kind order; new claims past ``MAX_CLAIMS`` only counted."""
    ordered = sorted(rows, key=lambda r: (KIND_ORDER.index(r["kind"]), r["at"]))
    claims = [r for r in ordered if r["kind"] == "claim"]
    shown = [r for r in ordered if r["kind"] != "claim" or r in claims[:MAX_CLAIMS]]
    return {"rows": shown, "more_claims": max(0, len(claims) - MAX_CLAIMS)}


def _people(store: SqlStore, story_id: str) -> list[dict[str, Any]]:
    people = [e for e in store.entities_of(story_id) if e.type == "PERSON"]
    people.sort(key=lambda e: (-len(e.mentions), e.name))
    return [
        {"name": e.name, "mentions": len(e.mentions), "roles": list(e.roles[:2])}
        for e in people[:MAX_PEOPLE]
    ]


def _citations(view: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for s in view["summary"]:
        yield from s["citations"]


def _story(store: SqlStore, story_id: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    data = load_story(store, story_id)
    if data is None:  # merged away or deleted since: its changes moved with it
        return None
    view = view_of(data)
    articles: dict[str, Article] = store.articles_by_id(list(data.story.article_ids))
    outlet_of = {a["id"]: a["outlet"] for a in view["articles"]}
    notes: list[dict[str, Any]] = []
    summary = []
    for s in view["summary"]:
        marks = []
        for c in s["citations"]:
            passage = cited_passage(c, articles.get(c["article_id"]), CONTEXT)
            note = {
                "n": len(notes) + 1,
                "id": cite_id(c),
                "article_id": c["article_id"],
                "start": c["start"],
                "end": c["end"],
                "field": c.get("field", "text"),
                "outlet": outlet_of.get(c["article_id"], ""),
                "passage": passage,
            }
            notes.append(note)
            marks.append(note)
        summary.append({"sentence": s["sentence"], "marks": marks})
    return {
        "id": story_id,
        "title": view["title"],
        "first_published": view["first_published"],
        "last_published": view["last_published"],
        "outlets": view["outlets"],
        "article_count": len(view["articles"]),
        "summary": summary,
        "notes": notes,
        "people": _people(store, story_id),
        "changed": _changed(rows),
    }


def digest_context(store: SqlStore, since: datetime, now: datetime | None = None) -> dict[str, Any]:
    """The digest's stories, ranked, with everything the renderers show."""
    now = now or datetime.now(UTC)
    grouped = by_story(changes_view(store, since))
    ranked = []
    for story_id, rows in grouped.items():
        grown = _grown(rows)
        if grown is not None:
            ranked.append((grown, story_id, rows))
    ranked.sort(key=lambda g: (-g[0]["outlets"], -g[0]["articles"], g[1]))
    stories = []
    for grown, story_id, rows in ranked:
        found = _story(store, story_id, rows)
        if found is not None:
            stories.append({**found, "grown": grown})
    return {
        "since": since.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "made": now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "stories": stories,
    }


def render_html(context: dict[str, Any]) -> str:
    """The digest as one self-contained HTML page."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    source = resources.files("newsweave").joinpath("data/digest.html.j2").read_text("utf-8")
    return env.from_string(source).render(**context)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: object) -> str:
    """Text safe in Markdown, on one line: the characters that make emphasis, code, links,
    HTML, tables or headings escaped (list and heading markers only ever start the lines
    the renderer writes itself)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_note(note: dict[str, Any]) -> str:
    where = f"{note['article_id']} {note['field']} {note['start']}–{note['end']}"
    p = note["passage"]
    words = f": “{md(p['cited'])}”" if p else ""
    return f"{note['n']}. {md(note['outlet'])}, {md(where)}{words}"


def render_markdown(context: dict[str, Any]) -> str:
    """The digest as Markdown."""
    out = [f"# newsweave digest: what changed since {md(context['since'])}", ""]
    if not context["stories"]:
        out.append("No story is new or grew in this time.")
    for n, s in enumerate(context["stories"], 1):
        g = s["grown"]
        status = "new story" if g["new"] else "grew"
        out += [
            f"## {n}. {md(s['title'] or s['id'])}",
            "",
            f"*{status}: {g['articles']} new article(s), {g['outlets']} new outlet(s); "
            f"{s['article_count']} article(s) from {md(', '.join(s['outlets']))}*",
            "",
            "### Briefing",
            "",
        ]
        if not s["summary"]:
            out.append("No briefing yet: run `newsweave run` to compute it.")
        for i, sentence in enumerate(s["summary"], 1):
            marks = "".join(f"[{m['n']}]" for m in sentence["marks"])
            out.append(f"{i}. {md(sentence['sentence'])} {md(marks)}")
        out += ["", "### What changed", ""]
        out += [
            f"- {md(r['at'][:16].replace('T', ' '))}: {md(r['text'])}" for r in s["changed"]["rows"]
        ]
        if s["changed"]["more_claims"]:
            out.append(f"- and {s['changed']['more_claims']} more new claim(s)")
        if s["people"]:
            out += ["", "### People", ""]
            out += [f"- {md(p['name'])} ({p['mentions']} mentions)" for p in s["people"]]
        if s["notes"]:
            out += ["", "### Citations (article id, characters start–end)", ""]
            out += [_md_note(note) for note in s["notes"]]
        out.append("")
    return "\n".join(out) + "\n"
