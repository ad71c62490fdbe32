"""One Russian or Ukrainian article's facts: mentions, quotes and dates, body and captions.

The counterpart of the English ``extract.analyse._article_facts``, with the same
records. The compare stage's prepared inputs come from the English parse only, so they
are left empty here (the article still joins stories, entities and events).
"""

from __future__ import annotations

from newsweave.extract.slavic.events import find_slavic_events
from newsweave.extract.slavic.gazetteer import Gazetteer
from newsweave.extract.slavic.mentions import find_slavic_mentions
from newsweave.extract.slavic.quotes import extract_slavic_quotes
from newsweave.extract.slavic.timex import find_slavic_timexes
from newsweave.model import Article, ArticleFacts, PlacedTimex

#: Languages this analyser reads (py3langid's codes).
SLAVIC_LANGUAGES = frozenset({"ru", "uk"})


def analyse_slavic(article: Article, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    """Facts of one article whose ``language`` is in :data:`SLAVIC_LANGUAGES`
    (``gazetteer``: the names the store's Russian and Ukrainian articles agree on)."""
    language = article.language or "ru"
    mentions = find_slavic_mentions(article.text, language, article.id, gazetteer=gazetteer)
    quotes = extract_slavic_quotes(article.text, article.id, language, mentions)
    found = find_slavic_timexes(article.text, article.published)
    events = find_slavic_events(article.text, article.id, timexes=found, mentions=mentions)
    timexes = [PlacedTimex(t) for t in found]
    for index, caption in enumerate(article.captions):
        caption_mentions = find_slavic_mentions(
            caption.text, language, article.id, field="caption", index=index,
            gazetteer=gazetteer,
        )  # fmt: skip
        dates = find_slavic_timexes(caption.text, article.published)
        mentions += caption_mentions
        timexes += [PlacedTimex(t, "caption", index) for t in dates]
        events += find_slavic_events(
            caption.text,
            article.id,
            timexes=dates,
            mentions=caption_mentions,
            field="caption",
            index=index,
        )
    return ArticleFacts(
        article.id,
        analysed=True,
        mentions=mentions,
        quotes=quotes,
        timexes=timexes,
        events=events,
    )
