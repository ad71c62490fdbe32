"""Render article text with highlighted spans as safe HTML.

Article text is untrusted: every piece of it goes through ``markupsafe.escape``
and only the tags built here (from fixed names and escaped attribute values)
are inserted around it. Spans may overlap (a name inside a quote, a citation
crossing a quote's end), so a span that crosses its enclosing span's end is
split in two and the pieces nest properly. Hand-written because the HTML
libraries at hand build trees from markup, not from character offsets.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Nesting order when two spans cover the same characters: smaller is outer.
PRIORITY = {"cite": 0, "quote": 1, "mention": 2, "date": 3}


@dataclass(frozen=True)
class Layer:
    """One span to highlight: ``[start, end)`` in the text, rendered as ``tag`` with ``attrs``.

    ``anchor`` (an element id) goes on the first piece only when the span is split.
    """

    start: int
    end: int
    kind: str
    tag: str = "span"
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None


@dataclass
class _Node:
    start: int
    end: int
    layer: Layer
    first: bool
    children: list[_Node] = field(default_factory=list)


def render(text: str, layers: list[Layer], window: tuple[int, int] | None = None) -> Markup:
    """``text`` (or the ``window`` slice of it) as escaped HTML with ``layers`` wrapped in tags.

    Layers outside the text or the window are clipped; empty ones are dropped.
    """
    lo, hi = window if window is not None else (0, len(text))
    lo, hi = max(0, lo), min(len(text), hi)
    roots = _nest(
        [
            (max(lo, layer.start), min(hi, layer.end), layer)
            for layer in layers
            if max(lo, layer.start) < min(hi, layer.end)
        ]
    )
    out: list[str] = []
    _emit(text, roots, lo, hi, out)
    return Markup("".join(out))


def _nest(items: list[tuple[int, int, Layer]]) -> list[_Node]:
    """Build a properly nested tree, splitting a span where it crosses its parent's end."""
    heap = [
        (start, -end, PRIORITY.get(layer.kind, 9), seq, True, layer)
        for seq, (start, end, layer) in enumerate(items)
    ]
    heapq.heapify(heap)
    seq = len(heap)
    roots: list[_Node] = []
    stack: list[_Node] = []
    while heap:
        start, neg_end, prio, _, first, layer = heapq.heappop(heap)
        end = -neg_end
        while stack and stack[-1].end <= start:
            stack.pop()
        if stack and end > stack[-1].end:
            seq += 1
            heapq.heappush(heap, (stack[-1].end, -end, prio, seq, False, layer))
            end = stack[-1].end
        node = _Node(start, end, layer, first)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _emit(text: str, nodes: list[_Node], lo: int, hi: int, out: list[str]) -> None:
    """Append the escaped pieces and tags of ``nodes`` (and the text between) to ``out``.

    Plain strings joined once: a ``Markup`` per piece and ``Markup.format`` per tag were
    two thirds of an article page's CPU. Every text piece and attribute still goes
    through ``escape``; the result is the same HTML."""
    pos = lo
    for node in nodes:
        out.append(escape(text[pos : node.start]))
        out.append(_open(node))
        _emit(text, node.children, node.start, node.end, out)
        out.append(f"</{node.layer.tag}>")
        pos = node.end
    out.append(escape(text[pos:hi]))


def _open(node: _Node) -> str:
    layer = node.layer
    attrs = list(layer.attrs)
    if layer.anchor and node.first:
        attrs.insert(0, ("id", layer.anchor))
    rendered = "".join(f' {escape(name)}="{escape(value)}"' for name, value in attrs)
    return f"<{layer.tag}{rendered}>"
