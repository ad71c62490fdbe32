"""One Russian or Ukrainian article's facts: mentions, quotes and dates, body and captions.

The counterpart of the English ``extract.analyse._article_facts``, with the same
records. Event mentions and the compare stage's prepared inputs come from the English
parse only, so they are left empty here (the article still joins stories and entities).
"""

from __future__ import annotations

from newsweave.extract.slavic.mentions import find_slavic_mentions
from newsweave.extract.slavic.quotes import extract_slavic_quotes
from newsweave.extract.slavic.timex import find_slavic_timexes
from newsweave.model import Article, ArticleFacts, PlacedTimex

#: Languages this analyser reads (py3langid's codes).
SLAVIC_LANGUAGES = frozenset({"ru", "uk"})


def analyse_slavic(article: Article) -> ArticleFacts:
    """Facts of one article whose ``language`` is in :data:`SLAVIC_LANGUAGES`."""
    language = article.language or "ru"
    mentions = find_slavic_mentions(article.text, language, article.id)
    quotes = extract_slavic_quotes(article.text, article.id, language, mentions)
    timexes = [PlacedTimex(t) for t in find_slavic_timexes(article.text, article.published)]
    for index, caption in enumerate(article.captions):
        found = find_slavic_mentions(
            caption.text, language, article.id, field="caption", index=index
        )
        mentions += found
        timexes += [
            PlacedTimex(t, "caption", index)
            for t in find_slavic_timexes(caption.text, article.published)
        ]
    return ArticleFacts(
        article.id, analysed=True, mentions=mentions, quotes=quotes, timexes=timexes
    )
