"""Offline language identification (py3langid ships its model inside the package).

A classifier always names some language, even for noise (random bytes decoded in some
code page become a soup of scripts, which it called ``gcf``). So a text is first checked
for looking like writing at all: mostly letters, and letters mostly of one script (a
language's script family; Japanese kana count with Han). Noise, and the classifier's own
"no linguistic content" (``zxx``), are "unknown" (None), never a guess.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

from newsweave import settings

#: Scripts written together in one language, counted as one.
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "CJK": "CJK"}
#: The classifier's code for text without linguistic content.
_NO_LANGUAGE = "zxx"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639 code, or None when the text is too short, too mixed or too noisy to tell."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < settings.MIN_LANGUAGE_LETTERS or not looks_like_writing(sample, letters):
        return None
    code, probability = _identifier().classify(sample)
    if code == _NO_LANGUAGE or probability < 0.5:
        return None
    return str(code)


def looks_like_writing(sample: str, letters: list[str]) -> bool:
    """Mostly letters among the visible characters, and mostly letters of one script."""
    visible = len("".join(sample.split()))  # split() drops exactly what isspace() marks
    if len(letters) < settings.MIN_LETTER_SHARE * visible:
        return False
    scripts: Counter[str] = Counter()
    for letter, count in Counter(letters).items():  # a name lookup per distinct letter
        scripts[_script(letter)] += count
    return scripts.most_common(1)[0][1] >= settings.MIN_SCRIPT_SHARE * len(letters)


def _script(letter: str) -> str:
    """The script a letter belongs to, by the first word of its Unicode name (LATIN,
    CYRILLIC, ARABIC, ...), with the scripts of one language family merged."""
    first = unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_FAMILY.get(first, first)
