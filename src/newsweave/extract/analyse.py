"""The extract stage over a batch of articles: parse once, run every extractor on that parse.

A pure function over Articles (no store access), so the same code runs in-process
on a laptop or as a Dask task per batch. The analyser is picked by the article's
language: English through one spaCy parse, Russian and Ukrainian through
``extract.slavic`` (natasha + pymorphy3), French through ``extract.french`` (spaCy's
French model); other languages are marked as not analysed.
One article never stops the batch: a text longer than ``settings.MAX_PARSE_CHARS`` is
parsed up to a break before the limit (with a note saying so), and an article the parser
or an extractor raises on comes back as failed with the reason, while every other
article of the batch is analysed.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Sequence
from functools import partial

from spacy.tokens import Doc

from newsweave import errors, nlp, settings
from newsweave.compare import prepared
from newsweave.compare.claims import DatedSpan
from newsweave.compare.plain import prepare_plain
from newsweave.extract.entities import find_mentions
from newsweave.extract.events import extract_events
from newsweave.extract.french import FRENCH_LANGUAGES, analyse_french
from newsweave.extract.quotes import extract_quotes
from newsweave.extract.slavic import SLAVIC_LANGUAGES, analyse_slavic
from newsweave.extract.slavic.gazetteer import Gazetteer
from newsweave.extract.timex import find_timexes
from newsweave.model import Article, ArticleFacts, Mention, PlacedTimex

log = logging.getLogger(__name__)

#: Where a long text may be cut, best first: a paragraph, a line, a sentence, a space.
_BREAKS = tuple(re.compile(p) for p in (r"\n\s*\n", r"\n", r"[.!?][\"'”’)]*\s", r"\s"))


def analyse_articles(
    articles: Sequence[Article], batch_size: int = 32, gazetteer: Gazetteer | None = None
) -> list[ArticleFacts]:
    """Facts for each article, in input order; languages without an analyser are marked,
    long ones are parsed up to the limit, and one that raises is marked failed
    (``gazetteer``: names the store's Russian and Ukrainian articles agree on, for theirs)."""
    english = [_capped(a) for a in articles if nlp.is_analysed(a.language)]
    texts = [a.text for a, _ in english]
    captions = [(a, i, c.text) for a, _ in english for i, c in enumerate(a.captions)]
    docs = _parse_each(texts + [text for _, _, text in captions], batch_size)
    body_docs = dict(zip((a.id for a, _ in english), docs[: len(english)], strict=True))
    capped = {a.id: (a, note) for a, note in english}
    caption_docs: dict[str, list[tuple[int, Doc | Exception]]] = {}
    for (article, index, _), doc in zip(captions, docs[len(english) :], strict=True):
        caption_docs.setdefault(article.id, []).append((index, doc))
    results = []
    for article in articles:
        if article.language in SLAVIC_LANGUAGES:
            results.append(_guarded_facts(article, partial(analyse_slavic, gazetteer=gazetteer)))
            continue
        if article.language in FRENCH_LANGUAGES:
            results.append(_guarded_facts(article, analyse_french))
            continue
        if article.id not in body_docs:
            note = f"language {article.language or 'unknown'} is not analysed for entities/quotes"
            results.append(ArticleFacts(article.id, analysed=False, note=note))
            continue
        analysed, cap_note = capped[article.id]
        try:
            facts = _article_facts(analysed, _parsed(body_docs[article.id]))
            for index, doc in caption_docs.get(article.id, []):
                _add_caption_facts(facts, analysed, _parsed(doc), index)
        except Exception as exc:  # any bug or parser limit fails this article alone
            log.exception("the extractors failed on article %s", article.id)
            results.append(failed_facts(article.id, exc))
            continue
        facts.note = cap_note
        results.append(facts)
    return results


def _guarded_facts(article: Article, analyse: Callable[[Article], ArticleFacts]) -> ArticleFacts:
    """A Russian, Ukrainian or French article's facts by its language's ``analyse``, and
    its comparison inputs from them (``compare.plain``), under the same limit and guard
    as English."""
    analysed, cap_note = _capped(article)
    try:
        facts = analyse(analysed)
        dated = [
            DatedSpan(t.timex.start, t.timex.end, t.timex.value, t.timex.precision)
            for t in facts.timexes
            if t.field == "text" and t.timex.value
        ]
        plain = prepare_plain(analysed, facts.mentions, facts.quotes, dated)
        facts.comparable = prepared.to_json(plain)
    except Exception as exc:  # any bug or parser limit fails this article alone
        log.exception("the extractors failed on article %s", article.id)
        return failed_facts(article.id, exc)
    facts.note = cap_note
    return facts


def crashed_facts(article: Article, why: str) -> ArticleFacts:
    """The record of an article whose analysis killed the worker process (twice)."""
    return failed_facts(article.id, errors.WorkerDied(why))


def has_analyser(language: str | None) -> bool:
    """Whether articles in ``language`` are analysed (and so compared): English, Russian,
    Ukrainian and French."""
    return nlp.is_analysed(language) or language in SLAVIC_LANGUAGES | FRENCH_LANGUAGES


def failed_facts(article_id: str, exc: BaseException) -> ArticleFacts:
    """The record of an article the extract stage could not analyse, and why."""
    reason = errors.stage_failed("extract", "article", exc)
    return ArticleFacts(article_id, analysed=False, note=reason, failed=True)


def cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: the last paragraph, line,
    sentence or word break in the second half of the allowance, else at the limit."""
    if len(text) <= limit:
        return len(text)
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(text, limit // 2, limit)]
        if ends:
            return ends[-1]
    return limit


def _capped(article: Article) -> tuple[Article, str | None]:
    """The article as parsed: whole, or its text up to a break before the parse limit
    (a prefix, so every offset found in it is an offset into the whole text)."""
    cut = cut_point(article.text, settings.MAX_PARSE_CHARS)
    if cut == len(article.text):
        return article, None
    note = (
        f"only the first {cut:,} of {len(article.text):,} characters were analysed "
        f"(parse limit {settings.MAX_PARSE_CHARS:,}, setting NEWSWEAVE_MAX_PARSE_CHARS)"
    )
    return dataclasses.replace(article, text=article.text[:cut]), note


def _parse_each(texts: list[str], batch_size: int) -> list[Doc | Exception]:
    """One parse per text, in order; when the batch raises, each text is parsed alone so
    that only the text at fault carries the exception."""
    try:
        return list(nlp.parse(texts, batch_size=batch_size))
    except Exception:
        log.warning("a parse batch failed; parsing its %d texts one by one", len(texts))
    out: list[Doc | Exception] = []
    for text in texts:
        try:
            out.extend(nlp.parse([text], batch_size=1))
        except Exception as exc:
            out.append(exc)
    return out


def _parsed(doc: Doc | Exception) -> Doc:
    if isinstance(doc, Exception):
        raise doc
    return doc


def _outlet_names(article: Article) -> set[str]:
    """Names the article itself says are outlets or agencies (its own, cited, credits)."""
    names = {article.outlet, article.agency, *article.cited_outlets}
    names.update(c.credit for c in article.captions)
    return {n.casefold() for n in names if n}


def _outlets_as_orgs(mentions: list[Mention], outlets: set[str]) -> list[Mention]:
    """The small model often tags "Politico reports" or "(Sputnik)" as a person; when
    the cleaner has found that name as an outlet or agency of this article, it is one."""
    return [
        dataclasses.replace(m, label="ORG", role=None)
        if m.label != "ORG" and m.text.casefold() in outlets
        else m
        for m in mentions
    ]


def _article_facts(article: Article, doc: Doc) -> ArticleFacts:
    mentions = _outlets_as_orgs(find_mentions(doc, article.id), _outlet_names(article))
    timexes = find_timexes(article.text, article.published)
    quotes = extract_quotes(doc, article.id, outlet_aliases=article.cited_outlets)
    events = extract_events(doc, article.id, timexes=timexes, mentions=mentions)
    dated = [DatedSpan(t.start, t.end, t.value, t.precision) for t in timexes if t.value]
    return ArticleFacts(
        article.id,
        analysed=True,
        mentions=mentions,
        quotes=quotes,
        timexes=[PlacedTimex(t) for t in timexes],
        events=events,
        comparable=prepared.to_json(prepared.prepare(article, doc, dated)),
    )


def _add_caption_facts(facts: ArticleFacts, article: Article, doc: Doc, index: int) -> None:
    """Captions are read too: a caption often dates an earlier meeting."""
    mentions = _outlets_as_orgs(
        find_mentions(doc, article.id, field="caption", index=index), _outlet_names(article)
    )
    timexes = find_timexes(doc.text, article.published)
    facts.mentions += mentions
    facts.timexes += [PlacedTimex(t, "caption", index) for t in timexes]
    facts.events += extract_events(
        doc, article.id, timexes=timexes, mentions=mentions, field="caption", caption_index=index
    )
