"""The article page body: text and captions with names, quotes, dates and a citation marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from newsweave.web.highlight import Layer, render

CITE_ANCHOR = "cite"


@dataclass(frozen=True)
class Cite:
    """The span a citation link asked to open at."""

    start: int
    end: int
    field: str = "text"
    index: int | None = None


def parse_cite(
    detail: dict[str, Any],
    start: int | None,
    end: int | None,
    field: str,
    index: int | None,
) -> tuple[Cite | None, str | None]:
    """The requested span if it lies inside the article, else a message saying why not."""
    if start is None or end is None:
        return None, None
    if field == "caption":
        captions = detail["captions"]
        if index is None or not 0 <= index < len(captions):
            return None, "The cited caption does not exist in this article."
        length = len(captions[index]["text"])
    else:
        field, index, length = "text", None, len(detail["text"])
    if not 0 <= start < end <= length:
        return None, f"The cited span {start}–{end} lies outside this article (0–{length})."
    return Cite(start, end, field, index), None


def _layers(facts: list[dict[str, Any]], field: str, index: int | None) -> list[Layer]:
    return [f["layer"] for f in facts if f["field"] == field and f["index"] == index]


def _mention_layer(m: dict[str, Any]) -> Layer:
    label = str(m.get("label") or "")
    css = f"ent ent-{label.lower()}"
    if m.get("entity_id"):
        title = f"{m.get('entity_name') or m['text']} ({label})"
        attrs = (("class", css), ("href", f"/entities/{m['entity_id']}"), ("title", title))
        return Layer(m["start"], m["end"], "mention", "a", attrs)
    return Layer(m["start"], m["end"], "mention", "span", (("class", css), ("title", label)))


def _quote_layer(q: dict[str, Any]) -> Layer:
    title = f"{q.get('kind')} quote — {q.get('speaker') or 'speaker unknown'}"
    attrs = (("class", f"quote quote-{q.get('kind')}"), ("title", title))
    return Layer(q["start"], q["end"], "quote", "span", attrs)


def _date_layer(t: dict[str, Any]) -> Layer:
    value = t.get("value") or ""
    title = f"{value} ({t.get('precision')})" if t.get("precision") else value
    return Layer(t["start"], t["end"], "date", "span", (("class", "date"), ("title", title)))


def body_html(detail: dict[str, Any], cite: Cite | None) -> tuple[Markup, list[Markup]]:
    """(body, captions) as safe HTML: every text piece escaped, spans wrapped in tags."""
    facts: list[dict[str, Any]] = []
    for m in detail["mentions"]:
        facts.append({**m, "layer": _mention_layer(m)})
    for q in detail["quotes"]:
        facts.append({**q, "layer": _quote_layer(q)})
    for t in detail["timexes"]:
        facts.append({**t, "layer": _date_layer(t)})
    if cite is not None:
        mark = Layer(cite.start, cite.end, "cite", "mark", (("class", "cite"),), CITE_ANCHOR)
        facts.append({"field": cite.field, "index": cite.index, "layer": mark})
    body = render(detail["text"], _layers(facts, "text", None))
    captions = [
        render(c["text"], _layers(facts, "caption", i)) for i, c in enumerate(detail["captions"])
    ]
    return body, captions
