"""Russian and Ukrainian analysis: mentions (with nominative base forms), quotes and dates.

The English path parses with spaCy; these languages go through natasha's offline NER and
pymorphy3's dictionaries instead, and yield the same records (``model.Mention``,
``Quote``, ``Timex``) with exact spans into the article's text.
"""

from newsweave.extract.slavic.analyse import SLAVIC_LANGUAGES, analyse_slavic
from newsweave.extract.slavic.mentions import find_slavic_mentions, natasha_spans

__all__ = ["SLAVIC_LANGUAGES", "analyse_slavic", "find_slavic_mentions", "natasha_spans"]
