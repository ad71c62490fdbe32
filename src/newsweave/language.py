"""Offline language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsweave import settings


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short or too mixed to tell."""
    letters = sum(ch.isalpha() for ch in text[:5000])
    if letters < settings.MIN_LANGUAGE_LETTERS:
        return None
    code, probability = _identifier().classify(text[:5000])
    return str(code) if probability >= 0.5 else None
