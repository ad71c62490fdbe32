"""The extract stage over a batch of articles: parse once, run every extractor on that parse.

A pure function over Articles (no store access), so the same code runs in-process
on a laptop or as a Dask task per batch. The analyser is picked by the article's
language: English through one spaCy parse, Russian and Ukrainian through
``extract.slavic`` (natasha + pymorphy3); other languages are marked as not analysed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc

from newsweave import nlp
from newsweave.compare import prepared
from newsweave.compare.claims import DatedSpan
from newsweave.extract.entities import find_mentions
from newsweave.extract.events import extract_events
from newsweave.extract.quotes import extract_quotes
from newsweave.extract.slavic import SLAVIC_LANGUAGES, analyse_slavic
from newsweave.extract.timex import find_timexes
from newsweave.model import Article, ArticleFacts, Mention, PlacedTimex


def analyse_articles(articles: Sequence[Article], batch_size: int = 32) -> list[ArticleFacts]:
    """Facts for each article, in input order; languages without an analyser are marked."""
    english = [a for a in articles if nlp.is_analysed(a.language)]
    texts = [a.text for a in english]
    captions = [(a, i, c.text) for a in english for i, c in enumerate(a.captions)]
    docs = list(nlp.parse(texts + [text for _, _, text in captions], batch_size=batch_size))
    body_docs = dict(zip((a.id for a in english), docs[: len(english)], strict=True))
    caption_docs: dict[str, list[tuple[int, Doc]]] = {}
    for (article, index, _), doc in zip(captions, docs[len(english) :], strict=True):
        caption_docs.setdefault(article.id, []).append((index, doc))
    results = []
    for article in articles:
        if article.language in SLAVIC_LANGUAGES:
            results.append(analyse_slavic(article))
            continue
        if article.id not in body_docs:
            note = f"language {article.language or 'unknown'} is not analysed for entities/quotes"
            results.append(ArticleFacts(article.id, analysed=False, note=note))
            continue
        facts = _article_facts(article, body_docs[article.id])
        for index, doc in caption_docs.get(article.id, []):
            _add_caption_facts(facts, article, doc, index)
        results.append(facts)
    return results


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
