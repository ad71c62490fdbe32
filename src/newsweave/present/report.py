"""One self-contained HTML report of every story: no network, no scripts, escaped text.

Jinja2 with autoescape renders the template in ``data/report.html.j2``; article
text is only ever inserted as escaped text. Each citation is a link to an anchor
that shows the cited article text around the span, with the span highlighted.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape

from newsweave.model import Article
from newsweave.present.story import load_story, stories_view, view_of
from newsweave.store import SqlStore

_CONTEXT = 240  # characters of text shown either side of a cited span


def cite_id(c: dict[str, Any]) -> str:
    """The anchor of one citation, stable for the same span."""
    field = c.get("field", "text")
    index = c.get("index")
    suffix = f"-{index}" if index is not None else ""
    return f"c-{c['article_id']}-{field}{suffix}-{c['start']}-{c['end']}"


def _citations(view: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Every citation a story view makes, wherever it sits."""
    for s in view["summary"]:
        yield from s["citations"]
    for t in view["timeline"]:
        yield from t["citations"]
    for c in view["claims"]:
        yield from c["evidence"]
    for g in view["framing"]:
        for outlets in g["terms"].values():
            for spans in outlets.values():
                yield from spans
    for q in view["quotes"]:
        for quote in q["quotes"]:
            yield quote["citation"]
    for o in view["sources"]:
        for s in o["sources"]:
            yield from s["citations"]


def cited_passage(
    c: dict[str, Any], article: Article | None, context: int = _CONTEXT
) -> dict[str, Any] | None:
    """The cited words and ``context`` characters either side, from the article body or one
    of its captions (None when the span does not fit the text)."""
    if article is None:
        return None
    text = article.text
    if c.get("field") == "caption":
        index = c.get("index") or 0
        if index >= len(article.captions):
            return None
        text = article.captions[index].text
    start, end = c["start"], c["end"]
    if not 0 <= start < end <= len(text):
        return None
    return {
        "id": cite_id(c),
        "article_id": article.id,
        "headline": article.headline,
        "field": c.get("field", "text"),
        "before": ("…" if start > context else "") + text[max(0, start - context) : start],
        "cited": text[start:end],
        "after": text[end : end + context] + ("…" if end + context < len(text) else ""),
    }


def report_context(store: SqlStore) -> dict[str, Any]:
    """Everything the template needs: stories, their views and the evidence behind citations."""
    stories = []
    for brief in stories_view(store):
        data = load_story(store, brief["id"])
        if data is None:
            continue
        view = view_of(data)
        cited = {c["article_id"] for c in _citations(view)}
        articles = store.articles_by_id(sorted(cited | set(data.story.article_ids)))
        evidence: dict[str, dict[str, Any]] = {}
        for c in _citations(view):
            key = cite_id(c)
            if key not in evidence:
                found = cited_passage(c, articles.get(c["article_id"]))
                if found is not None:
                    evidence[key] = found
        outlets = {a["id"]: a["outlet"] for a in view["articles"]}
        for ev in evidence.values():
            ev["outlet"] = outlets.get(ev["article_id"], "")
        stories.append({"view": view, "evidence": evidence, "outlet_of": outlets})
    return {"stories": stories}


def render_report(store: SqlStore) -> str:
    """The whole report as one HTML string."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["cite_id"] = cite_id
    source = resources.files("newsweave").joinpath("data/report.html.j2").read_text("utf-8")
    return env.from_string(source).render(**report_context(store))
