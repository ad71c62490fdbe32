"""Plain-text scrape cleaner: raw scraped text in, clean attributed articles out.

Steps: scraper header → lines with raw spans (markup remnants dropped) → line
roles → split into articles → per article, the densest body block, headline,
standfirst, captions and metadata → text copied through ``TextBuilder`` so
every cleaned character maps back to the raw input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsweave.clean import metadata, outlets, section
from newsweave.clean.body import Layout, find_layout
from newsweave.clean.lines import Line, split_lines
from newsweave.clean.offsets import TextBuilder
from newsweave.clean.paragraphs import Paragraph, build_paragraphs, is_truncated
from newsweave.clean.split import split_parts
from newsweave.clean.structure import Info, classify_all
from newsweave.model import Article, Caption, Document, PublishedFrom

_URL_SCAN = 400  # raw chars after a trailer label searched for the (broken) URL


@dataclass(frozen=True)
class _Part:
    """One article's lines and layout inside the document."""

    infos: list[Info]
    lo: int
    hi: int
    layout: Layout
    index: int


def clean_plain_text(doc: Document) -> list[Article]:
    """Split a plain-text scrape into clean articles with metadata and offset maps."""
    raw = doc.raw
    header = metadata.scraper_header(raw)
    content_start = header[1] if header is not None else 0
    infos = classify_all(split_lines(raw, content_start))
    articles: list[Article] = []
    for lo, hi in split_parts(infos):
        layout = find_layout(infos, lo, hi)
        if layout is None:
            continue
        part = _Part(infos, lo, hi, layout, len(articles))
        header_date = header[0].value if header is not None and not articles else None
        article = _assemble(doc, part, header_date)
        if article is not None:
            articles.append(article)
    return articles


def _copy_line(builder: TextBuilder, line: Line) -> None:
    for piece in line.pieces:
        if piece.insert is not None:
            builder.insert(piece.insert)
        else:
            builder.copy(piece.start, piece.end)


def _build_text(raw: str, paragraphs: list[Paragraph]) -> tuple[TextBuilder, list[list[int]]]:
    """Copy paragraphs through the builder; return it with the subhead spans."""
    builder = TextBuilder(raw)
    subheads: list[list[int]] = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            builder.insert("\n\n")
        begin = builder.length
        for k, line in enumerate(paragraph.lines):
            if k:
                builder.insert(" ")
            _copy_line(builder, line)
        if paragraph.subhead:
            subheads.append([begin, builder.length])
    return builder, subheads


def _captions(raw: str, part: _Part) -> tuple[Caption, ...]:
    out = []
    for info in part.infos[part.lo : part.hi]:
        if info.role != "caption" or info.credit is None:
            continue
        line = info.line
        contiguous = len(line.pieces) == 1 and line.pieces[0].insert is None
        text = raw[line.start : line.end] if contiguous else line.text
        out.append(Caption(text, info.credit.value, line.start, line.end))
    return tuple(out)


def _find_url(raw: str, part: _Part) -> str | None:
    """URL from an "Original url:"-style trailer (or a bare URL line at the end)."""
    infos = part.infos
    for i in range(part.lo, part.hi):
        info = infos[i]
        if info.role == "trailer":
            stop = infos[part.hi - 1].line.end if part.hi > part.lo else info.line.end
            url = metadata.repair_url(raw[info.line.end : min(stop, info.line.end + _URL_SCAN)])
            if url:
                return url
    tail = [info for info in infos[part.layout.end + 1 : part.hi] if info.role != "blank"]
    if tail and tail[-1].role == "url":
        return metadata.repair_url(tail[-1].text)
    return None


def _byline_date(part: _Part) -> str | None:
    """First date line outside the body, preferring the article's header."""
    infos, layout = part.infos, part.layout
    before = range(part.lo, layout.start)
    after = range(layout.end + 1, part.hi)
    for i in [*before, *after]:
        found = infos[i].date
        if infos[i].role == "date" and found is not None:
            return str(found.value)
    return None


def _agency(part: _Part, paragraphs: list[Paragraph]) -> str | None:
    for info in part.infos[part.lo : part.hi]:
        if info.role == "agency" and info.credit is not None:
            return info.credit.value
    if paragraphs:
        found = metadata.lede_agency(paragraphs[0].text)
        if found is not None:
            return found.value
    return None


def _published(
    doc: Document, part: _Part, header_date: str | None, url: str | None
) -> tuple[str | None, PublishedFrom | None]:
    """Date and its origin: input hint > scraper header > byline > URL."""
    if part.index == 0 and doc.hints.get("published"):
        return doc.hints["published"], "input"
    if header_date:
        return header_date, "header"
    byline = _byline_date(part)
    if byline:
        return byline, "byline"
    from_url = metadata.url_date(url) if url else None
    if from_url:
        return from_url, "url"
    return None, None


def _footer_outlet(part: _Part) -> str | None:
    """The owner named by the part's last copyright line outside the body."""
    layout = part.layout
    lines = [*range(part.lo, layout.start), *range(layout.end + 1, part.hi)]
    names = [outlets.copyright_owner(part.infos[i].text) for i in lines]
    found = [name for name in names if name]
    return found[-1] if found else None


def _attribution(
    doc: Document, part: _Part, paragraphs: list[Paragraph], url: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """Outlet (``outlets.choose``: hint > "…, writes X" > known host > copyright line >
    domain) and the outlets the article cites."""
    cited: list[str] = []
    self_named: str | None = None
    for paragraph in paragraphs[:2]:
        own, others = metadata.self_attribution(paragraph.text)
        if own is not None or others:
            self_named = own.value if own is not None else None
            cited = [f.value for f in others]
            break
    outlet = outlets.choose(
        given=doc.hints.get("outlet"), named=self_named, url=url, footer=_footer_outlet(part)
    )
    return outlet, tuple(cited)


def _assemble(doc: Document, part: _Part, header_date: str | None) -> Article | None:
    raw, infos, layout = doc.raw, part.infos, part.layout
    headline_text = infos[layout.headline].text if layout.headline is not None else None
    drop = {infos[layout.headline].norm} if layout.headline is not None else set()
    paragraphs = build_paragraphs(infos, layout.start, layout.end, drop)
    if not paragraphs:
        return None
    builder, subheads = _build_text(raw, paragraphs)
    text, offsets = builder.build()
    first = part.index == 0
    url = (doc.hints.get("url") if first else None) or _find_url(raw, part)
    published, published_from = _published(doc, part, header_date, url)
    outlet, cited = _attribution(doc, part, paragraphs, url)
    lede = paragraphs[0].text
    place = metadata.dateline(lede)
    standfirst = "\n".join(infos[i].text for i in layout.standfirst) or None
    extra: dict[str, Any] = {"subheads": subheads}
    found_section, section_from = section.pick(
        line=_section_line(part), url=url, hints=doc.hints if first else None
    )
    if section_from is not None:
        extra["section_from"] = section_from
    if is_truncated(paragraphs):
        extra["truncated"] = True
    return Article(
        source=doc.source,
        document_hash=doc.content_hash,
        part=part.index,
        text=text,
        offsets=offsets,
        headline=(doc.hints.get("title") if first else None) or headline_text,
        published=published,
        published_from=published_from,
        outlet=outlet,
        agency=_agency(part, paragraphs),
        dateline=place.value if place is not None else None,
        url=url,
        standfirst=standfirst,
        cited_outlets=cited,
        captions=_captions(raw, part),
        extra=extra,
        section=found_section,
    )


def _section_line(part: _Part) -> str | None:
    """A section line among the lines above the article's body (not its headline)."""
    for i in range(part.lo, part.layout.start):
        if i != part.layout.headline:
            found = section.from_line(part.infos[i].text)
            if found:
                return found
    return None
