"""Quotes with their speakers: direct, partial and indirect speech in one parsed article.

Why this shape: the article is parsed once by the caller and every extractor
reads the same Doc, so this module only reads ``doc``; the marks are found on
the raw characters (:mod:`spans`), the cue and its subject on the parse
(:mod:`cues`), and the name behind a pronoun, surname or "the
publication" in :mod:`speakers`.

Decisions, so that users of the records know what a span means:

* A split quote (``"A," he said, "B."``) is ONE direct quote whose
  ``start:end`` runs from the first quoted word of A to the last of B (the
  speech clause in between is inside the extent); its ``text`` is that slice.
* A quote running over several paragraphs is one direct quote from its first
  quoted word to its last (the paragraph breaks and reopening marks inside).
* A partial quote is a quoted fragment inside a sentence. When the fragment
  sits inside the clause a speech verb reports (``X said the plan was "a
  disaster" for them``), the speaker is credited with that whole clause, of
  which the marks show the verbatim part; ``start:end`` then covers the clause,
  as attribution corpora (PARC, PolNeAR) annotate mixed quotation.
* Short quoted phrases (1–3 words) and Title Case names ("Meet the Press")
  are scare quotes or titles unless a verb of saying governs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsweave.extract.quotes.clause import reported_clause
from newsweave.extract.quotes.cues import (
    Cue,
    colon_cue,
    cue_lemma,
    cues_in,
    governing_cue,
    is_speech,
    last_reported_cue,
    lead_in_cue,
    make_cue,
    quote_root,
)
from newsweave.extract.quotes.lexicon import INDIRECT_LEMMAS, NAMING_LEMMAS, WORK_NOUNS
from newsweave.extract.quotes.spans import QuotedSpan, find_quoted_spans, paragraphs
from newsweave.extract.quotes.speakers import NameIndex, Speaker, cited_outlet, resolve
from newsweave.model import Quote, QuoteKind
from newsweave.nlp import text_of
from newsweave.ranges import Ranges

_SENTENCE_END = ".!?"
_MAX_SCARE_WORDS = 3
_MIN_INDIRECT_TOKENS = 4
_TITLE_GLUE = frozenset({"titled", "entitled", "called", "named", "the", "new", "latest"})


@dataclass
class _Found:
    """A quote being built: its extent, kind, cue and speaker, and the paragraph it is in."""

    start: int
    end: int
    kind: QuoteKind
    para: int
    cue: Cue | None = None
    speaker: Speaker | None = None
    inherited: bool = False
    weak: bool = False


class _Context:
    """What every step needs about the article: doc, quotes, paragraphs, names, outlet."""

    def __init__(self, doc: Doc, outlet_aliases: Sequence[str]) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.spans = find_quoted_spans(self.text)
        self.outer = [(s.outer_start, s.outer_end) for s in self.spans]
        self.inside = Ranges(self.outer)
        self.paras = paragraphs(self.text)
        self.names = NameIndex(doc)
        self._aliases = outlet_aliases
        self._outlet: str | None = None
        self._outlet_done = False

    @property
    def outlet(self) -> str | None:
        if not self._outlet_done:
            self._outlet = cited_outlet(self.doc, self._aliases)
            self._outlet_done = True
        return self._outlet

    def para_of(self, offset: int) -> int:
        for n, (s, e) in enumerate(self.paras):
            if s <= offset < e:
                return n
        return len(self.paras) - 1

    def speaker(self, cue: Cue | None) -> Speaker | None:
        if cue is None or cue.subject is None:
            return None
        return resolve(cue.subject, self.names, self.outlet, self.outer)


def extract_quotes(doc: Doc, article_id: str, *, outlet_aliases: Sequence[str] = ()) -> list[Quote]:
    """Direct, partial and indirect quotes of ``doc`` with their speakers, in text order.

    ``outlet_aliases`` names the outlet the article cites (``Article.cited_outlets``);
    it becomes the speaker of "the publication says". Offsets are into ``doc.text``.
    """
    ctx = _Context(doc, outlet_aliases)
    found: list[_Found] = []
    for span in _merge_split(ctx, ctx.spans):
        item = _attribute(ctx, span)
        if item is not None:
            found.append(item)
    _inherit_speakers(ctx, found)
    found = _dedupe(_join_continued(ctx, found))
    found.extend(_indirect(ctx, found))
    found.sort(key=lambda f: (f.start, f.end))
    return [_record(ctx, f, article_id) for f in found]


def _record(ctx: _Context, f: _Found, article_id: str) -> Quote:
    sp = f.speaker
    return Quote(
        article_id=article_id,
        start=f.start,
        end=f.end,
        text=ctx.text[f.start : f.end],
        kind=f.kind,
        speaker=sp.name if sp else None,
        speaker_start=sp.start if sp else None,
        speaker_end=sp.end if sp else None,
        cue=f.cue.text if f.cue else None,
    )


# --- split quotes -------------------------------------------------------------


def _merge_split(ctx: _Context, spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Join ``"A," he said, "B."`` into one span; the cue between them stays inside."""
    out: list[QuotedSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and _is_split(ctx, prev, span):
            out[-1] = QuotedSpan(
                prev.start,
                span.end,
                prev.open_at,
                span.close_at,
                prev.paragraphs + span.paragraphs - 1,
            )
        else:
            out.append(span)
    return out


def _is_split(ctx: _Context, a: QuotedSpan, b: QuotedSpan) -> bool:
    text = ctx.text
    if a.close_at is None or ctx.para_of(a.open_at) != ctx.para_of(b.open_at):
        return False
    inner_end = text[a.start : a.close_at].rstrip()
    gap = text[a.outer_end : b.open_at]
    if not (inner_end.endswith(",") or gap.lstrip().startswith(",")):
        return False
    if not gap.rstrip().endswith((",", ":")) or len(gap.split()) > 10:
        return False
    # one speech clause between the parts: ``"A," Bob said. Then he asked, "B?"`` is two quotes
    between = ctx.doc.char_span(a.outer_end, b.open_at, alignment_mode="contract")
    if between is not None and any(t.text in _SENTENCE_END for t in between):
        return False
    return len(cues_in(ctx.doc, a.outer_end, b.open_at, ctx.inside)) == 1


# --- one quote ----------------------------------------------------------------


def _is_direct(ctx: _Context, span: QuotedSpan) -> bool:
    """A whole sentence in marks: starts a sentence (or follows "said:"), capitalised."""
    text = ctx.text
    content = text[span.start : span.end].lstrip("…. \u00a0")
    if not content or not (content[0].isupper() or content[0].isdigit()):
        return False
    if span.paragraphs > 1:
        return True
    closed = text[span.start : span.close_at if span.close_at is not None else span.end]
    if len(content.split()) <= _MAX_SCARE_WORDS and closed.rstrip()[-1:] not in _SENTENCE_END + ",":
        return False  # a nickname or label ("Butch", "Missing"), not a sentence
    para_start = ctx.paras[ctx.para_of(span.open_at)][0]
    before = text[para_start : span.open_at].rstrip()
    if not before or before[-1] in _SENTENCE_END + ":" or before[-1] in "\"”’»'":
        return True
    if before.endswith(","):
        tail = before[-60:]
        start = span.open_at - len(before) + len(before) - len(tail)
        return bool(cues_in(ctx.doc, max(para_start, start), span.open_at, ctx.inside))
    return len(content.split()) >= 4 and content.rstrip('"”’ ')[-1:] in _SENTENCE_END + ","


def _regions(ctx: _Context, span: QuotedSpan) -> tuple[tuple[int, int], tuple[int, int]]:
    """The text before and after a quote that may hold its speech clause (same sentence)."""
    p_start = ctx.paras[ctx.para_of(span.open_at)][0]
    p_end = ctx.paras[ctx.para_of(max(span.outer_end - 1, span.open_at))][1]
    prev_end = max([e for s, e in ctx.outer if e <= span.open_at] + [p_start])
    next_start = min([s for s, e in ctx.outer if s >= span.outer_end] + [p_end])
    doc = ctx.doc
    before_tok = doc.char_span(prev_end, span.open_at, alignment_mode="contract")
    b_start = prev_end
    if before_tok is not None and len(before_tok):
        b_start = max(prev_end, before_tok[-1].sent.start_char)
    after_tok = doc.char_span(span.outer_end, next_start, alignment_mode="contract")
    a_end = next_start
    if after_tok is not None and len(after_tok):
        a_end = min(next_start, after_tok[0].sent.end_char)
    return (b_start, span.open_at), (span.outer_end, a_end)


def _find_cue(ctx: _Context, span: QuotedSpan, direct: bool) -> tuple[Cue | None, bool, bool]:
    """The cue of a quote, whether it governs the quote in the parse, and whether it is weak.

    A cue in the sentence before a direct quote (``X said. "B."``) is weak: the
    quote before it, if any, is the better guide to who is still speaking.
    """
    before, after = _regions(ctx, span)
    root = quote_root(ctx.doc, span.start, span.end)
    governing = governing_cue(root, ctx.inside) if root is not None else None
    after_cues = cues_in(ctx.doc, *after, ctx.inside)
    before_cues = cues_in(ctx.doc, *before, ctx.inside)
    if direct:
        inner = cues_in(ctx.doc, span.start, span.end, ctx.inside)
        if inner:  # a split quote: the cue sits between its parts
            return inner[0], False, False
        tail = ctx.text[before[0] : before[1]].rstrip()
        if tail.endswith((":", ",")) and before_cues:
            return before_cues[-1], False, False
        if after_cues:
            return after_cues[0], False, False
        if governing is not None:
            return governing, True, False
        weak = tail.endswith(tuple(_SENTENCE_END)) or tail.endswith(("”", '"'))
        if not before_cues and tail.endswith(":"):
            return colon_cue(ctx.doc, before[0], span.open_at), False, False
        n = ctx.para_of(span.open_at)
        if not tail and not before_cues and n > 0:
            lead = lead_in_cue(ctx.doc, ctx.paras[n - 1], ctx.inside)
            if lead is not None:
                return lead, False, False
            return last_reported_cue(ctx.doc, ctx.paras[n - 1], ctx.inside), False, True
        return (before_cues[-1] if before_cues else None), False, weak
    if governing is not None:
        return governing, True, False
    if before_cues:
        return before_cues[-1], False, False
    return (after_cues[0] if after_cues else None), False, False


def _is_title(words: list[str], limit: int = 6) -> bool:
    long = [w for w in words if len(w) > 3]
    return bool(long) and all(w[:1].isupper() for w in long) and len(words) <= limit


def _names_a_work(ctx: _Context, span: QuotedSpan) -> bool:
    """A Title Case quote right after "book", "show", "film" …: a title, whatever its form."""
    words = ctx.text[span.start : span.end].split()
    if not _is_title(words, limit=12):
        return False
    before = ctx.doc.char_span(max(0, span.open_at - 40), span.open_at, alignment_mode="contract")
    tokens = [t for t in before or [] if not t.is_punct and t.lower_ not in _TITLE_GLUE]
    return bool(tokens) and tokens[-1].lemma_.lower() in WORK_NOUNS


def _attribute(ctx: _Context, span: QuotedSpan) -> _Found | None:
    """Kind, cue and speaker of one quoted span, or None when it is a scare quote or title."""
    direct = _is_direct(ctx, span)
    cue, governs, weak = _find_cue(ctx, span, direct)
    words = ctx.text[span.start : span.end].split()
    if _names_a_work(ctx, span):
        return None
    if not direct:
        if _is_title(words):
            return None
        naming = cue is not None and cue_lemma(cue) in NAMING_LEMMAS
        if len(words) <= _MAX_SCARE_WORDS and (not governs or naming):
            return None
    start, end = span.start, span.end
    if not direct and governs and cue is not None:
        start, end = _clause(ctx, span, cue.verb)
    return _Found(
        start,
        end,
        "direct" if direct else "partial",
        ctx.para_of(span.open_at),
        cue,
        ctx.speaker(cue),
        weak=weak,
    )


def _clause(ctx: _Context, span: QuotedSpan, verb: Token) -> tuple[int, int]:
    """The reported clause under ``verb`` that holds the fragment (mixed quotation)."""
    root = quote_root(ctx.doc, span.start, span.end)
    if root is None:
        return span.start, span.end
    return reported_clause(root, verb, (span.start, span.end), (span.open_at, span.outer_end))


# --- across quotes ------------------------------------------------------------


def _inherit_speakers(ctx: _Context, found: list[_Found]) -> None:
    """A quote with no cue of its own takes the speaker of the quote before it.

    Within a paragraph always; across a paragraph break only for a direct quote
    that opens its paragraph right after a paragraph that ended with a quote.
    """
    for n, item in enumerate(found):
        if (item.speaker is not None and not item.weak) or n == 0:
            continue
        prev = found[n - 1]
        if prev.speaker is None:
            continue
        same_para = prev.para == item.para
        if item.weak and not same_para:
            continue
        next_para = prev.para == item.para - 1 and item.kind == "direct"
        if same_para or next_para:
            item.speaker, item.cue, item.inherited = prev.speaker, prev.cue, True


def _join_continued(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """A direct quote that only carries on the one before it (no cue of its own) joins it.

    ``"A," she said. "B."`` is one utterance interrupted by its attribution,
    like a split quote, so it becomes one quote from A to B.
    """
    out: list[_Found] = []
    for item in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and item.inherited
            and item.kind == prev.kind == "direct"
            and prev.para == item.para
        ):
            prev.end = item.end
            prev.para = item.para
            continue
        out.append(item)
    return out


def _dedupe(found: list[_Found]) -> list[_Found]:
    """Fragments extended to the same reported clause become one partial quote."""
    out: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if out and item.start < out[-1].end and item.kind == "partial":
            continue
        if out and item.start < out[-1].end and out[-1].kind == "partial":
            out[-1] = item
            continue
        out.append(item)
    return out


def _indirect(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "X said that …": the clause a speech verb reports, when it holds no quote."""
    taken = [(f.start, f.end) for f in found] + ctx.outer
    out: list[_Found] = []
    for token in ctx.doc:
        if not is_speech(token) or token.lemma_ not in INDIRECT_LEMMAS:
            continue
        for child in token.children:
            if child.dep_ != "ccomp":
                continue
            if any(f.cue is not None and f.cue.verb.i == token.i for f in out):
                break
            toks = [t for t in child.subtree if not (t.dep_ == "mark" and t.i == child.left_edge.i)]
            while toks and toks[-1].is_punct:
                toks.pop()
            if len(toks) < _MIN_INDIRECT_TOKENS:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
            if any(s < end and start < e for s, e in taken):
                continue
            cue = make_cue(token, ctx.inside)
            out.append(_Found(start, end, "indirect", ctx.para_of(start), cue, ctx.speaker(cue)))
            taken.append((start, end))
    return out
