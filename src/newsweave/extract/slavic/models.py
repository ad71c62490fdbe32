"""natasha's and pymorphy3's models, loaded once per process.

natasha 1.6.0 gives the segmenter (razdel) and the NER tagger (slovnet over navec
embeddings, weights inside the installed packages: nothing is fetched). Its own
lemmatiser wraps pymorphy2, whose analyser breaks on Python 3.11 (it calls
``inspect.getargspec``), so newsweave never builds it: morphology comes from pymorphy3
and its Russian and Ukrainian dictionaries.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pymorphy3


@lru_cache(maxsize=1)
def ner() -> tuple[Any, Any]:
    """(segmenter, NER tagger): natasha's news models."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=2)
def morph(language: str) -> pymorphy3.MorphAnalyzer:
    """pymorphy3 for ``ru`` or ``uk``."""
    return pymorphy3.MorphAnalyzer(lang="uk" if language == "uk" else "ru")
