"""The page's headline: what the page's own sources agree on, without the site's name glued on.

Why not ``<title>`` or ``og:title`` alone: titles carry the site name, a
section or a tagline ("… | Al Bawaba", "… -- Page 1 -- Times Union - Albany NY"),
and the first ``<h1>`` is often the site's logo or a widget heading
("Related News"). The headline is the text several of the page's sources
carry: ``<title>``, ``og:title``/``twitter:title``, JSON-LD ``headline``, the
visible headings, the heading right above the article body. Each candidate
(a source's text, or a run of its ``|``/``-``/``:``-separated segments) counts
the kinds of source that agree with it; the one most agree on wins, ties go to
the longer one. A candidate that names the site (``og:site_name``, JSON-LD
publisher, the text of a link to the site's home page, the host name) is never
the headline. No phrase lists: the signals hold on any site and in any language.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

HtmlElement = Any  # an lxml.html element; lxml ships no type stubs

# A headline is a line, not a paragraph.
MAX_WORDS = 30
# Word F1 at which two texts say the same headline (the benchmark's own bar).
AGREE_F1 = 0.8
# Headings looked at, in document order (a page's teasers further down are not the headline).
MAX_HEADINGS = 40

_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"\s+[|\-–—:·•»«/~]+\s+|\s*[|｜·•»«]\s*|\s+--+\s+|\s*::\s*|:\s+")
_HEADINGS = ("h1", "h2", "h3")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str  # the source it came from: title, meta, ld, heading


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _compact(text: str) -> str:
    return "".join(_words(text))


def _clean(text: str | None) -> str:
    """Whitespace collapsed, and entities a page escaped twice decoded.

    The parser decodes an attribute or a title once; a CMS that escaped its
    title twice leaves ``&#8216;`` or ``&amp;`` in the decoded text.
    """
    text = " ".join((text or "").split())
    return html.unescape(text) if _ENTITY.search(text) else text


def _f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    rest = list(b)
    shared = 0
    for w in a:
        if w in rest:
            rest.remove(w)
            shared += 1
    if not shared:
        return 0.0
    p, r = shared / len(a), shared / len(b)
    return 2 * p * r / (p + r)


def _segment_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the parts of a title between separators."""
    spans, pos = [], 0
    for m in [*_SEPARATOR.finditer(text), None]:
        end = m.start() if m else len(text)
        if _WORD.search(text[pos:end]):
            spans.append((pos, end))
        pos = m.end() if m else pos
    return spans


def segments(text: str) -> list[str]:
    """The parts of a title between separators ("A | B - C" → A, B, C)."""
    return [text[a:b].strip() for a, b in _segment_spans(text)]


def _runs(parts: list[str]) -> Iterator[str]:
    """Every run of consecutive segments, as word-joined text."""
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            yield " ".join(" ".join(_words(p)) for p in parts[i:j])


class SiteNames:
    """What names the site: declared names, home-link texts and the host's labels."""

    def __init__(self, names: list[str], url: str | None) -> None:
        self.keys = {_compact(n) for n in names if _compact(n)}
        host = urlsplit(url or "").hostname or ""
        skip = {"www", "com", "org", "net", "co", "uk", "blogs", "blog", "news", "m"}
        self.labels = {label for label in host.split(".") if len(label) >= 4 and label not in skip}

    def named(self, text: str) -> bool:
        """``text`` is the site's name (or its name with a domain ending)."""
        key = _compact(text)
        if not key:
            return True
        if key in self.keys or key in self.labels:
            return True
        if len(_words(text)) > 4:
            return False
        return any(key.startswith(label) or label.startswith(key) for label in self.labels)

    def without_site(self, text: str) -> str:
        """``text`` without site-name segments and what follows (or precedes) them."""
        spans = _segment_spans(text)
        if len(spans) < 2:
            return text
        flags = [self.named(text[a:b]) for a, b in spans]
        if not any(flags):
            return text
        first = flags.index(True)
        if first > 0:
            kept = spans[:first]  # "Headline | Site - tagline"
        else:
            last = len(flags) - 1 - flags[::-1].index(True)
            kept = spans[last + 1 :]  # "Site: Section: Headline"
        return text[kept[0][0] : kept[-1][1]].strip() if kept else text


def _metas(tree: HtmlElement) -> dict[str, list[str]]:
    """Every <meta> content by its property or name (lower-cased), in one pass."""
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def _json_ld(tree: HtmlElement) -> tuple[list[str], list[str]]:
    """JSON-LD headlines and publisher/website names."""
    headlines: list[str] = []
    names: list[str] = []

    def walk(node: Any, parent_key: str = "") -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, parent_key)
        elif isinstance(node, dict):
            kind = node.get("@type")
            if isinstance(node.get("headline"), str):
                headlines.append(_clean(node["headline"]))
            name = node.get("name")
            if isinstance(name, str) and (parent_key == "publisher" or kind == "WebSite"):
                names.append(_clean(name))
            for key, value in node.items():
                if isinstance(value, (dict, list)):
                    walk(value, key)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text or ""))
        except ValueError:
            continue  # a broken JSON-LD block says nothing
    return headlines, names


def _home_link_names(tree: HtmlElement, url: str | None) -> list[str]:
    """Texts, titles and logo alts of links to the site's home page."""
    host = urlsplit(url or "").hostname or "."
    homes = ["/", "./", "index.html", "index.php"]
    homes += [f"{scheme}://{host}{slash}" for scheme in ("http", "https") for slash in ("", "/")]
    names = []
    # the filter runs inside lxml: pages have hundreds of links, few to the home page
    test = " or ".join(f"normalize-space(@href)=$h{i}" for i in range(len(homes)))
    params = {f"h{i}": home for i, home in enumerate(homes)}
    for link in tree.xpath(f"//a[{test}]", **params):
        for text in (link.text_content(), link.get("title"), *link.xpath(".//img/@alt")):
            if _clean(text) and len(_words(text)) <= 8:
                names.append(_clean(text))
    return names


def _headings(tree: HtmlElement, first_body: HtmlElement | None) -> tuple[list[str], str | None]:
    """Visible h1-h3 texts in order, and the last heading before the body's first paragraph."""
    found: list[str] = []
    above_body: str | None = None
    tags = (*_HEADINGS, first_body.tag) if first_body is not None else _HEADINGS
    for el in tree.iter(*tags):
        if el is first_body:
            return found, above_body
        if el.tag not in _HEADINGS:
            continue
        text = _clean(el.text_content())
        if text and len(_words(text)) <= MAX_WORDS:
            found.append(text)
            above_body = text
        if len(found) >= MAX_HEADINGS:
            break
    return found, None  # no body paragraph reached: position says nothing


def find_headline(
    tree: HtmlElement,
    url: str | None,
    body: list[str],
    fallback: str | None = None,
    first_body: HtmlElement | None = None,
) -> str | None:
    """The headline the page's sources agree on, else ``fallback`` unless it names the site.

    ``body`` is the extracted body's lines, ``first_body`` the element of its
    first paragraph on the page (the heading just above it is a strong signal).
    """
    title = _clean(tree.findtext(".//title"))
    meta = _metas(tree)
    metas = meta.get("og:title", []) + meta.get("twitter:title", [])
    ld_heads, ld_names = _json_ld(tree)
    headings, above_body = _headings(tree, first_body)
    site = SiteNames(
        [
            *meta.get("og:site_name", []),
            *meta.get("application-name", []),
            *ld_names,
            *_home_link_names(tree, url),
        ],
        url,
    )
    sources: dict[str, list[str]] = {
        "title": [title] if title else [],
        "meta": metas,
        "ld": ld_heads,
        "heading": headings,
        "above-body": [above_body] if above_body else [],
        "body": body[:3],
    }
    stripped = {kind: [site.without_site(t) for t in texts] for kind, texts in sources.items()}
    seg_runs = {
        kind: [{*_runs(segments(t)), " ".join(_words(t))} for t in texts]
        for kind, texts in stripped.items()
    }
    word_lists = {kind: [_words(t) for t in texts] for kind, texts in stripped.items()}

    preference = {"meta": 3, "ld": 3, "title": 2, "heading": 1}
    candidates: dict[str, Candidate] = {}  # one per text, from its most trusted kind
    for kind in ("meta", "ld", "title", "heading"):
        for text in stripped[kind]:
            for option in dict.fromkeys([text, *segments(text)]):
                if option not in candidates:
                    candidates[option] = Candidate(option, kind)

    def support(words: list[str]) -> tuple[int, int]:
        """Kinds of source that agree with ``words``, and those whose whole text they are."""
        joined = " ".join(words)
        agree = whole = 0
        for kind in sources:
            pairs = list(zip(seg_runs[kind], word_lists[kind], strict=True))
            if any(joined in runs or _f1(words, other) >= AGREE_F1 for runs, other in pairs):
                agree += 1
                whole += any(words == other for _, other in pairs)
        return agree, whole

    best: tuple[int, int, int, int] | None = None
    chosen: str | None = None
    for cand in candidates.values():
        words = _words(cand.text)
        if not words or len(words) > MAX_WORDS or site.named(cand.text):
            continue
        # Among equally supported candidates, the one that is the whole text of more
        # sources wins: with a section or tagline glued on ("Opinion | …", "… |
        # Editorial") a title still agrees with the bare headline by word F1, but the
        # visible heading and the other titles carry the bare headline alone.
        rank = (*support(words), preference[cand.kind], len(words))
        if best is None or rank > best:
            best, chosen = rank, cand.text
    if chosen is None and fallback and not site.named(fallback):
        return _clean(fallback)
    return chosen
