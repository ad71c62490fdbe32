"""Clean an HTML page into one Article: body, metadata, captions, provenance.

trafilatura does the heavy lifting (body detection, og/JSON-LD metadata,
htmldate); we only add what it leaves to the caller: a recall rescue for
pages whose precise extraction is nearly empty or split by ads, removal of
boilerplate lines it keeps (share prompts, "Read more", newsletter pitches,
comment counters), the headline repeated atop the body, captions kept apart,
a date that says where it came from, and an offset map into the raw page.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

import htmldate
import trafilatura
import trafilatura.metadata as tmeta
from trafilatura.utils import load_html

from newsweave.clean import line_model, outlets, section
from newsweave.clean.dates import date_line
from newsweave.clean.headline import find_headline
from newsweave.clean.html_offsets import TextView, body_start, build_text, locate_span
from newsweave.clean.metadata import byline_author
from newsweave.model import Article, Caption, Document, PublishedFrom
from newsweave.words import word_count

LOG = logging.getLogger(__name__)

HtmlElement = Any  # an lxml.html element; lxml ships no type stubs
BodyFilter = Literal["rules", "model"]

# The precise extraction is replaced by the default one when it keeps less
# than this share of it: favor_precision sometimes drops most of a real body.
RESCUE_RATIO = 0.5
# The default extraction only runs (a second pass over the page) when the
# precise one is shorter than this: on the tuning pages a longer precise body
# was never improved by the rescue (chosen on the tuning part, see benchmarks/extraction.py).
RESCUE_BELOW_CHARS = 300
# A fast-mode body shorter than this is redone by trafilatura's full cascade
# (chosen on the tuning part: shorter fast bodies were where fast mode lost).
FULL_BELOW_CHARS = 700
# A continuation block (body split by an ad slot) must carry this much text.
MIN_CONTINUATION_CHARS = 200
# Boilerplate patterns only apply to short lines: long ones are prose.
MAX_BOILER_WORDS = 40
# The headline is looked for in the first lines; what precedes it may be dropped
# only while it is a small share of the body.
HEADLINE_WINDOW = 5
MAX_PRE_HEADLINE_SHARE = 0.25
# Below both, what is left is menu and form labels, not an article body.
MIN_SENTENCE_WORDS = 10
MIN_BODY_WORDS = 50
# A body line whose page text is at least this share link text is a teaser or a
# menu item, unless it is longer than a teaser (chosen on the tuning part).
MAX_LINK_SHARE = 0.95
MAX_LINKED_LINE_WORDS = 40
_TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "blockquote")
# A byline is looked for in this many first lines of the body.
BYLINE_LINES = 4
# A date in the text is looked for in this many first and last lines of the body.
TEXT_DATE_LINES = 4

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")
_PROMPT = re.compile(
    r"""^\W*(
    read\ (more|next|also)|related(\ (articles?|stories|posts|coverage|content|posts?))?\b|
    see\ also|also\ read|you\ (may|might)\ also\ like|more\ from\b|recommended\ for\ you|
    most\ popular|click\ here|subscribe\b|follow\ (us|him|her|me|them)\b|share\ (this|on)\b|
    tell\ us\ what|have\ a\ tip|filed\ under|tags?:|photos?$|see\ more\ photos|
    reading\ time|tempo\ de\ leitura|leia\ (mais|tamb[ée]m)|lea\ tambi[ée]n|lire\ aussi|
    [àa]\ lire\ aussi|lesen\ sie\ auch|mehr\ zum\ thema|advertisement$|comments?$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ANYWHERE = re.compile(
    r"""(\bnewsletters?\b|all\ rights\ reserved|©|\bcopyright\b|may\ be\ reached\ at|
    ^\W*\d+\s+comments?\b|\bclick\ here\b|\bmin(ute)?s?\ read\b|\bemail\ (us|me|him|her)\b|
    ^\[\w+[^\]]*\].*\[/\w+\]$)""",
    re.IGNORECASE | re.VERBOSE,
)
_AGENCIES = {
    "reuters": "Reuters", "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "bloomberg": "Bloomberg", "dpa": "dpa", "pti": "PTI", "ians": "IANS", "ani": "ANI",
    "xinhua": "Xinhua", "tass": "TASS", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "upi": "UPI", "anadolu agency": "Anadolu", "ukrinform": "Ukrinform",
    "interfax": "Interfax", "press association": "PA", "pa media": "PA",
}  # fmt: skip
_AGENCY_ALT = "|".join(re.escape(k) for k in sorted(_AGENCIES, key=len, reverse=True))
_LEDE = re.compile(
    rf"^\s*(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý .'’-]+(?:,\s*[A-Z][\w .'’-]+)?)\s*"
    rf"\((?P<agency>{_AGENCY_ALT})\)\s*[-–—:]",
    re.IGNORECASE,
)
_BY_AGENCY = re.compile(rf"^\s*by\s+(?P<agency>{_AGENCY_ALT})\s*$", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|byline|attribution", re.IGNORECASE)
_CREDIT_TEXT = re.compile(
    r"\s*[(\[]?\s*(?:photo|image|picture|credit|foto|bild)s?\s*(?:by|:)\s*(?P<credit>[^)\]]+)[)\]]?\s*$",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|\b)")


@dataclass
class _Page:
    """One page read once: its tree, trafilatura's body and metadata, and what we found."""

    tree: HtmlElement
    meta: Any
    url: str | None
    raw_lines: list[str]  # trafilatura's body lines, before anything is dropped
    candidates: list[str]  # body lines without the repeated headline, captions, wordless lines
    title: str | None
    captions: list[Caption]
    blocks: _Blocks


def _read(doc: Document) -> _Page | None:
    """Parse the page once, extract its body and headline: everything before lines are judged."""
    hints = doc.hints
    url = hints.get("url") or None
    try:
        tree = load_html(doc.raw)  # parsed once: trafilatura and htmldate get this tree
        extraction = _extract(tree, url) if tree is not None else None
        meta = _metadata(tree, url) if extraction is not None else None
    except Exception as err:  # a malformed page is a rejection, never a crash
        LOG.warning("html extraction failed for %s: %s", doc.source, err)
        return None
    if extraction is None or meta is None:
        return None
    lines = [" ".join(line.split()) for line in (extraction.text or "").split("\n")]
    lines = [line for line in lines if line]
    page_url = url or meta.url
    blocks = _Blocks(tree)
    body_paragraphs = blocks.paragraphs(lines)
    first_body = body_paragraphs[0] if body_paragraphs else None
    # Hints a file or upload states win; a feed's (``feed_*``) only fill what the page lacks.
    title = (
        hints.get("title")
        or find_headline(tree, page_url, lines, meta.title, first_body)
        or hints.get("feed_title")
    )
    raw_lines = list(lines)
    lines += _continuations(body_paragraphs, lines)
    captions = _captions(blocks, lines)
    candidates = _candidates(lines, title, captions)
    return _Page(tree, meta, page_url, raw_lines, candidates, title, captions, blocks)


def line_candidates(doc: Document) -> tuple[list[str], list[list[float]]]:
    """The body lines the line filter judges and their features (what the model trains on)."""
    page = _read(doc)
    if page is None:
        return [], []
    return page.candidates, line_model.features(
        page.candidates, page.blocks.line_blocks(page.candidates)
    )


def clean_html(doc: Document, body_filter: BodyFilter = "rules") -> list[Article]:
    """One Article per page, or [] when no article body can be found (caller records it).

    ``body_filter`` says how body lines are judged: ``rules``, the boilerplate
    patterns and the link-share rule, or ``model``, the learned line model
    (``line_model.py``), measured beside them in ``benchmarks/extraction.py``;
    on the tuning pages it did not beat the rules, so they stay the default.
    """
    page = _read(doc)
    if page is None:
        return []
    hints = doc.hints
    tree, meta, page_url, raw_lines = page.tree, page.meta, page.url, page.raw_lines
    title, captions = page.title, page.captions
    if body_filter == "model":
        lines = _model_lines(page.blocks, page.candidates)
    else:
        lines = [line for line in page.candidates if not _is_boilerplate(line)]
        lines = _drop_link_lines(page.blocks, lines)
    if not _is_article(lines):
        return []
    prefixes = ["- " if line.startswith("- ") else "" for line in lines]
    view = TextView(doc.raw, body_start(doc.raw))
    text, offsets = build_text(doc.raw, lines, prefixes, view)
    published, published_from = _published(tree, page_url, raw_lines, hints)
    author = _author(meta.author, raw_lines)
    agency, dateline = _agency(lines, author)
    extra = _extra(author, hints)
    found_section, section_from = section.pick(
        meta=section.from_meta(tree) or _declared_category(meta), url=page_url, hints=hints
    )
    if section_from is not None:
        extra["section_from"] = section_from
    return [
        Article(
            source=doc.source,
            document_hash=doc.content_hash,
            part=0,
            text=text,
            offsets=offsets,
            headline=title or None,
            published=published,
            published_from=published_from,
            outlet=outlets.choose(
                given=hints.get("outlet"),
                named=outlets.site_name(meta.sitename)
                or outlets.site_name(hints.get("feed_outlet")),
                url=page_url,
                footer=outlets.html_copyright_owner(doc.raw),
            ),
            agency=agency,
            dateline=dateline,
            url=page_url,
            captions=_locate_captions(view, captions),
            extra=extra,
            section=found_section,
        )
    ]


def _declared_category(extraction: Any) -> str | None:
    """The first category trafilatura read from the page (JSON-LD ``articleSection``, its
    post-meta category links)."""
    categories = getattr(extraction, "categories", None) or []
    return section.tidy(str(categories[0])) if categories else None


def _extract(tree: HtmlElement, url: str | None) -> Any:
    """Precise extraction, fast first; the full cascade, then the default mode, rescue a short body.

    trafilatura's fast mode skips its comparison with readability and jusText,
    a third of its time; on the tuning pages it gave the same body except on
    pages where it came back short, so a short fast body is redone with the
    full cascade. trafilatura copies the tree it is given, so the caller's tree
    stays whole. Metadata comes from :func:`_metadata`, once, whichever
    extraction wins.
    """
    options: dict[str, Any] = {"url": url, "include_comments": False}
    precise: Any = trafilatura.bare_extraction(tree, favor_precision=True, fast=True, **options)
    if precise is None or len(precise.text or "") < FULL_BELOW_CHARS:
        precise = trafilatura.bare_extraction(tree, favor_precision=True, **options)
    if precise is None or len(precise.text or "") < RESCUE_BELOW_CHARS:
        broad: Any = trafilatura.bare_extraction(tree, **options)
        if precise is None or not precise.text:
            precise = broad
        elif broad is not None and len(precise.text) < RESCUE_RATIO * len(broad.text or ""):
            precise.text = broad.text
    if precise is None or not precise.text:
        return None
    return precise


def _metadata(tree: HtmlElement, url: str | None) -> Any:
    """trafilatura's finders for what we use: declared author, canonical URL, site name, title.

    Its ``extract_metadata`` also reads categories, tags, licence and the date
    (we read the date ourselves, see :func:`_published`) and searches the page
    for a byline (we read bylines from the body's first lines, see
    :func:`_author`); together those cost about as much as the body extraction
    itself, so only these steps run, in its order.
    """
    meta: Any = tmeta.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a single token is a handle, not a name
    try:
        meta = tmeta.extract_meta_json(tree, meta)
    except Exception as err:  # trafilatura's JSON-LD reader is best effort
        LOG.debug("JSON-LD metadata unreadable: %s", err)
    if not meta.url:
        meta.url = tmeta.extract_url(tree, url)
    if not meta.sitename:
        meta.sitename = tmeta.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
    return meta


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _is_boilerplate(line: str) -> bool:
    """A short line that is a prompt, pitch or counter rather than reporting."""
    if word_count(line) > MAX_BOILER_WORDS:
        return False
    if line.startswith("- "):  # list items are content unless they are link prompts
        return bool(re.match(r"-\s*(read more|related)\b", line, re.IGNORECASE))
    return bool(_PROMPT.search(line) or _ANYWHERE.search(line))


def _drop_headline(lines: list[str], title: str | None) -> list[str]:
    """The headline repeated early in the body marks where the article starts.

    Lines above it (teasers, menus, "now available" banners) go with it, as long
    as they are a small share of the text.
    """
    head = _norm(title or "")
    if not head:
        return lines
    total = sum(word_count(line) for line in lines) or 1
    for i, line in enumerate(lines[:HEADLINE_WINDOW]):
        first = _norm(line)
        if first and (first == head or (head.startswith(first) and len(first.split()) >= 4)):
            before = sum(word_count(x) for x in lines[:i])
            return lines[i + 1 :] if before <= MAX_PRE_HEADLINE_SHARE * total else lines
    return lines


def _candidates(lines: list[str], title: str | None, captions: list[Caption]) -> list[str]:
    """Drop the repeated headline, caption text and lines without a word from the body."""
    lines = _drop_headline(lines, title)
    caption_keys = {_norm(c.text) for c in captions}
    caption_keys |= {_norm(f"{c.text} {c.credit}") for c in captions if c.credit}
    return [line for line in lines if _norm(line) not in caption_keys and _WORD.search(line)]


def _model_lines(blocks: _Blocks, lines: list[str]) -> list[str]:
    """The lines the learned model keeps; all of them if what it keeps is no article."""
    model = line_model.shipped_model()
    keep = model.keep(line_model.features(lines, blocks.line_blocks(lines)))
    kept = [line for line, ok in zip(lines, keep, strict=True) if ok]
    return kept if _is_article(kept) else lines


def _drop_link_lines(blocks: _Blocks, lines: list[str]) -> list[str]:
    """Drop lines that are (almost) all link text on the page: teasers, link lists, menus."""
    shares = blocks.link_shares(lines)
    kept = [
        line
        for line in lines
        if shares.get(_norm(line), 0.0) < MAX_LINK_SHARE
        or len(line.split()) > MAX_LINKED_LINE_WORDS
    ]
    return kept if _is_article(kept) else lines


def _is_article(lines: list[str]) -> bool:
    """A body needs one sentence-length line or a fair amount of text overall."""
    counts = [word_count(line) for line in lines]
    return bool(counts) and (max(counts) >= MIN_SENTENCE_WORDS or sum(counts) >= MIN_BODY_WORDS)


class _Blocks:
    """The page's text blocks with their normalised text, read once for every step that needs it."""

    def __init__(self, tree: HtmlElement) -> None:
        self.items = [(el, _norm(el.text_content())) for el in tree.iter(*_TEXT_BLOCKS)]

    def paragraphs(self, lines: list[str]) -> list[HtmlElement]:
        """The <p> elements whose text is one of ``lines``, in page order."""
        keys = {_norm(line) for line in lines}
        return [el for el, key in self.items if el.tag == "p" and key in keys]

    def line_blocks(self, lines: list[str]) -> list[line_model.LineBlock]:
        """Each line's block on the page: its tag and share of link text (see link_shares)."""
        keys = {_norm(line) for line in lines}
        found: dict[str, line_model.LineBlock] = {}
        for el, key in self.items:
            if key and key in keys:
                linked = sum(len(_norm(a.text_content())) for a in el.iter("a"))
                share = min(linked / len(key), 1.0)
                if key not in found or share < found[key].link_share:
                    found[key] = line_model.LineBlock(str(el.tag), share)
        outside = line_model.LineBlock(None, 0.0)
        return [found.get(_norm(line), outside) for line in lines]

    def link_shares(self, lines: list[str]) -> dict[str, float]:
        """Text of each line → share of its characters inside links on the page.

        The same text seen twice (a headline also linked from a teaser) keeps its
        lowest share: one unlinked copy is enough to call it content.
        """
        keys = {_norm(line) for line in lines}
        shares: dict[str, float] = {}
        for el, key in self.items:
            if key and key in keys:
                linked = sum(len(_norm(a.text_content())) for a in el.iter("a"))
                share = min(linked / len(key), 1.0)
                shares[key] = min(share, shares.get(key, 1.0))
        return shares


def _continuations(matched: list[HtmlElement], lines: list[str]) -> list[str]:
    """Paragraphs of later blocks shaped like the body's own block (a body split by ads)."""
    parents = Counter(p.getparent() for p in matched if p.getparent() is not None)
    if not parents:
        return []
    container = parents.most_common(1)[0][0]
    cls = container.get("class")
    if not cls or not isinstance(container.tag, str) or not _TAG.match(container.tag):
        return []
    known = {_norm(line) for line in lines}
    extra: list[str] = []
    # following:: is every later element that is not inside the container itself.
    for block in container.xpath(f"following::{container.tag}[@class=$cls]", cls=cls):
        paras = [" ".join(p.text_content().split()) for p in block.findall("p")]
        paras = [p for p in paras if p and _norm(p) not in known]
        if sum(len(p) for p in paras) >= MIN_CONTINUATION_CHARS:
            extra.extend(paras)
    return extra


def _article_scope(blocks: _Blocks, lines: list[str]) -> HtmlElement | None:
    """The element that holds the body: the <article> around it, else the common ancestor."""
    matched = blocks.paragraphs(lines)
    if not matched:
        return None
    common = [matched[0], *matched[0].iterancestors()]
    for p in matched[1:]:
        ancestors = {p, *p.iterancestors()}
        common = [el for el in common if el in ancestors]
    if not common:
        return None
    scope: HtmlElement = common[0]
    article = next((el for el in [scope, *scope.iterancestors()] if el.tag == "article"), None)
    return article if article is not None else scope


def _captions(blocks: _Blocks, lines: list[str]) -> list[Caption]:
    """Figure captions and descriptive image alt texts in the article's scope."""
    scope = _article_scope(blocks, lines)
    if scope is None:
        return []
    found: list[Caption] = []
    seen: set[str] = set()
    for fig in scope.iter("figcaption"):
        caption = _split_credit(fig)
        if caption.text and _norm(caption.text) not in seen:
            seen.add(_norm(caption.text))
            found.append(caption)
    for img in scope.iter("img"):
        alt = " ".join((img.get("alt") or "").split())
        in_figure = any(el.tag == "figure" and el.find(".//figcaption") is not None
                        for el in img.iterancestors())  # fmt: skip
        if word_count(alt) >= 3 and not in_figure and _norm(alt) not in seen:
            seen.add(_norm(alt))
            found.append(Caption(text=alt))
    return found


def _split_credit(fig: HtmlElement) -> Caption:
    """Caption text and photo credit, from a credit-classed child or a "Photo: X" tail."""
    credit_parts: list[str] = []
    for el in fig.iterdescendants():
        if isinstance(el.tag, str) and _CREDIT_CLASS.search(el.get("class") or ""):
            credit_parts.append(" ".join(el.text_content().split()))
    full = " ".join(fig.text_content().split())
    text = full
    for part in credit_parts:
        text = text.replace(part, "").strip()
    credit = " ".join(credit_parts) or None
    m = _CREDIT_TEXT.search(text)
    if credit is None and m and m.start() > 0:
        credit, text = m.group("credit").strip(), text[: m.start()].strip()
    return Caption(text=text, credit=credit)


def _locate_captions(view: TextView, captions: list[Caption]) -> tuple[Caption, ...]:
    """Give each caption the raw span where its text literally appears, if it does."""
    if not captions:
        return ()
    located = []
    for cap in captions:
        span = locate_span(view, cap.text)
        start, end = span if span else (None, None)
        located.append(Caption(cap.text, cap.credit, start, end))
    return tuple(located)


def _published(
    tree: HtmlElement, url: str | None, lines: list[str], hints: dict[str, str]
) -> tuple[str | None, PublishedFrom | None]:
    """The publication date and where it came from: input, page metadata, URL, or text.

    The markup search is htmldate's cheap one; its extensive search (dates in
    free text, via dateparser) cost more than the body extraction, so a date in
    the text is read instead from a date or byline-date line among the body's
    first and last lines (``date_line``, the plain-text cleaner's finder).
    """
    if hints.get("published"):
        return hints["published"], "input"
    meta = _find_date(tree)
    if meta:
        return meta, "html-meta"
    if hints.get("feed_published"):
        return hints["feed_published"], "input"
    m = _URL_DATE.search(url or "")
    if m:
        return "-".join(m.groups()), "url"
    for line in lines[:TEXT_DATE_LINES] + lines[-TEXT_DATE_LINES:]:
        found = date_line(line)
        if found is not None:
            return found.value, "inferred"
    return None, None


def _extra(author: str | None, hints: dict[str, str]) -> dict[str, Any]:
    """The page's author (else the feed's) and the categories a feed gave the item."""
    extra: dict[str, Any] = {}
    if author or hints.get("feed_author"):
        extra["author"] = author or hints["feed_author"]
    if hints.get("feed_categories"):
        extra["feed_categories"] = hints["feed_categories"].split("\n")
    return extra


def _find_date(tree: HtmlElement) -> str | None:
    try:
        # url="" keeps htmldate from reading the date out of the (canonical) URL.
        found = htmldate.find_date(tree, extensive_search=False, original_date=True, url="")
    except Exception:  # htmldate is best effort; a bad page keeps its other dates
        return None
    return str(found) if found else None


def _author(declared: str | None, lines: list[str]) -> str | None:
    """The page's declared author, else a byline among the body's first lines."""
    if declared:
        return str(declared)
    for line in lines[:BYLINE_LINES]:
        found = byline_author(line)
        if found is not None:
            return found.value
    return None


def _agency(lines: list[str], author: str | None) -> tuple[str | None, str | None]:
    """Wire agency and dateline from a lede like "KYIV (Reuters) -", a byline or the author."""
    lede = _LEDE.match(lines[0]) if lines else None
    if lede:
        return _AGENCIES[lede.group("agency").lower()], lede.group("place").strip()
    for line in lines[:2] + lines[-2:]:
        by = _BY_AGENCY.match(line)
        if by:
            return _AGENCIES[by.group("agency").lower()], None
    for name in re.split(r"[;,]|\band\b", author or ""):
        agency = _AGENCIES.get(name.strip().lower())
        if agency:
            return agency, None
    return None, None
