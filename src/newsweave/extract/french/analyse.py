"""One French article's facts: mentions, quotes and dates, body and captions.

The counterpart of the English ``extract.analyse._article_facts``, with the same
records. The compare stage's prepared inputs come from the English parse only, so they
are left empty here (the article still joins stories and entities).
"""

from __future__ import annotations

from newsweave.extract.french.mentions import find_french_mentions
from newsweave.extract.french.models import french
from newsweave.extract.french.quotes import extract_french_quotes
from newsweave.extract.french.timex import find_french_timexes
from newsweave.model import Article, ArticleFacts, PlacedTimex

#: Languages this analyser reads (py3langid's codes).
FRENCH_LANGUAGES = frozenset({"fr"})


def analyse_french(article: Article) -> ArticleFacts:
    """Facts of one article whose ``language`` is in :data:`FRENCH_LANGUAGES`."""
    nlp = french()
    mentions = find_french_mentions(nlp(article.text), article.id)
    quotes = extract_french_quotes(article.text, article.id, mentions)
    timexes = [PlacedTimex(t) for t in find_french_timexes(article.text, article.published)]
    for index, caption in enumerate(article.captions):
        mentions += find_french_mentions(
            nlp(caption.text), article.id, field="caption", index=index
        )
        dates = find_french_timexes(caption.text, article.published)
        timexes += [PlacedTimex(t, "caption", index) for t in dates]
    return ArticleFacts(
        article.id, analysed=True, mentions=mentions, quotes=quotes, timexes=timexes
    )
