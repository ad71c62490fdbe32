"""Property-based: for arbitrary text and arbitrary HTML the cleaner raises nothing, and
every offset it keeps maps back inside the raw input, to the characters it copied."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.clean import clean_document
from newsweave.model import Article, Document, sha256_hex

WORDS = st.sampled_from(
    [
        "The", "council", "said", "on", "Friday", "Reuters", "WASHINGTON:", "By", "AFP",
        "Share", "Follow", "us", "“quoted”", "‘it’s’", "2025-12-22", "date", "Photo:",
        "Getty", "Images", "—", "...", "Original url: https://x.example/a", "#", "**",
        "<b>", "</p>", "&amp;", "\u00a0", "\u200b", "é", "Ж", "中", "🙂", "\t",
    ]
)  # fmt: skip
#: Text built of news-like words, chrome and markup remnants, joined by spaces and
#: line breaks, or entirely arbitrary Unicode.
TEXT = st.one_of(
    st.lists(st.tuples(WORDS, st.sampled_from([" ", " ", "\n", "\n\n", ""])), max_size=120).map(
        lambda pairs: "".join(w + sep for w, sep in pairs)
    ),
    st.text(max_size=1500),
)

TAGS = st.sampled_from(
    ["p", "div", "article", "h1", "span", "a", "script", "style", "figure", "figcaption",
     "table", "td", "li", "ul", "header", "footer", "nav", "br", "meta", "title", "time"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ["", ' class="byline"', ' property="og:title" content="T"', ' datetime="2025-01-02"',
     ' href="https://x.example/"', ' class="caption"', " hidden", ' style="x"']
)  # fmt: skip


def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag = draw(TAGS)
            inner = _html(draw, depth + 1)
            close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))
            parts.append(f"<{tag}{draw(ATTRS)}>{inner}{close}")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


@st.composite
def pages(draw: st.DrawFn) -> str:
    body = _html(draw)
    shell = draw(st.sampled_from(["full", "no-body", "fragment"]))
    if shell == "full":
        head = f"<!DOCTYPE html><html><head><title>{draw(TEXT)}</title></head>"
        return f"{head}<body>{body}</body></html>"
    if shell == "no-body":
        return f"<html><head><title>{draw(TEXT)}</title></head>{body}</html>"
    return body


def _check_offsets(raw: str, articles: list[Article]) -> None:
    for article in articles:
        assert isinstance(article, Article)
        for seg in article.offsets.segments:
            assert seg.raw_start >= 0 and seg.raw_start + seg.length <= len(raw)
            assert seg.clean_start >= 0 and seg.clean_start + seg.length <= len(article.text)
            clean = article.text[seg.clean_start : seg.clean_start + seg.length]
            assert clean == raw[seg.raw_start : seg.raw_start + seg.length]
        for caption in article.captions:
            if caption.raw_start is not None and caption.raw_end is not None:
                assert 0 <= caption.raw_start <= caption.raw_end <= len(raw)


def _doc(raw: str, fmt: str) -> Document:
    return Document("prop." + fmt, raw, fmt, "utf-8", sha256_hex(raw))  # type: ignore[arg-type]


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(raw=TEXT)
def test_text_cleaner_never_raises_and_offsets_map_back(raw: str) -> None:
    _check_offsets(raw, clean_document(_doc(raw, "text")))


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(raw=pages())
def test_html_cleaner_never_raises_and_offsets_map_back(raw: str) -> None:
    _check_offsets(raw, clean_document(_doc(raw, "html")))
