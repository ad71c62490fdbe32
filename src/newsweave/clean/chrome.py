"""Site-chrome detection for single lines (share/follow prompts, counters, nav).

A phrase list (``data/chrome_phrases.json``, several languages) catches the
common prompts; structural checks catch the rest without naming any site:
counters ("0 views", "2 min read"), social-network runs, copyright lines,
menu-like label lines. Hand-written: boilerplate removers work on HTML DOMs,
not on flattened text lines.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from newsweave.words import SENTENCE_END_CHARS, word_count

_NORMALISE = re.compile(r"[^\w]+|_")
_COUNT_WORDS = (
    r"(?:min(?:ute)?s?\s+read|views?|comments?|shares?|likes?|votes?|points|replies|reads|"
    r"просмотр\w*|коммент\w*|перегляд\w*|vues|aufrufe|vistas|lectures?)"
)
# "2 min read", "0 views", "Rating: 9 Votes", "Comments (12)".
_COUNTER = re.compile(
    rf"\d[\d.,]*\s*[kKmM]?\s*{_COUNT_WORDS}\b|\b{_COUNT_WORDS}\s*[:(]?\s*\d", re.IGNORECASE
)
_CONSENT = re.compile(
    r"\bcookies?\b.*\b(?:website|browser|browsing|consent|experience|privacy|settings|opt[- ]out)"
    r"|\b(?:enable|requires?)\s+javascript\b|\bjavascript\s+(?:is\s+)?(?:disabled|required)",
    re.IGNORECASE,
)
# "Home > World > Europe", "News » Politics": navigation trails.
_BREADCRUMB = re.compile(
    r"\S\s+(?:>|›|»|/|\|)\s+\S.*\s(?:>|›|»|/|\|)\s|^\w+(?:\s\w+)?\s+[>›»]\s+\w"
)
_SENTENCE_ENDS = tuple(SENTENCE_END_CHARS.replace("…", ""))
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_SOCIAL = {
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "email",
    "instagram", "youtube", "flipboard", "rss", "vk", "viber", "mail", "print", "share", "tiktok",
}  # fmt: skip


@lru_cache(maxsize=1)
def phrases() -> frozenset[str]:
    """All chrome phrases from the data file, normalised."""
    data = json.loads(
        resources.files("newsweave").joinpath("data/chrome_phrases.json").read_text("utf-8")
    )
    out: set[str] = set()
    for key, values in data.items():
        if key.startswith("_"):
            continue
        out.update(normalise(v) for v in values)
    out.discard("")
    return frozenset(out)


def normalise(text: str) -> str:
    """Lower case, punctuation and digits folded to single spaces."""
    return " ".join(_NORMALISE.sub(" ", text.lower()).replace("_", " ").split())


def _phrase_match(norm: str, sentence: bool = False) -> bool:
    """Equal to a phrase, or a short line starting/ending with one."""
    known = phrases()
    if norm in known:
        return True
    words = norm.split()
    if not words:
        return False
    if len(words) > (6 if sentence else 12):
        return False
    # Prefix: "more from politics", "share on facebook", "sign up for our ...".
    for n in range(min(4, len(words) - 1), 1, -1):
        if " ".join(words[:n]) in known:
            return True
    # Very short lines ending in a chrome noun: "short link", "all comments".
    return len(words) <= 3 and words[-1] in known and not words[-1].isdigit()


def is_chrome(text: str) -> bool:
    """True when a whole line is site chrome rather than article content."""
    stripped = text.strip()
    if not stripped:
        return False
    norm = normalise(stripped)
    if not norm or norm.replace(" ", "").isdigit():
        return True  # only symbols or a bare number: separators, icons, counters
    if _COPYRIGHT.match(stripped) or "all rights reserved" in norm:
        return True
    size = word_count(norm)
    if _CONSENT.search(stripped) and size <= 80:
        return True  # cookie/consent banners are sentences, but never the article
    if stripped.endswith(_SENTENCE_ENDS) and size > 2:
        return False  # a sentence, even if it mentions "comments" or "share"
    if _BREADCRUMB.search(stripped) and size <= 10:
        return True
    sentence = stripped.endswith((*_SENTENCE_ENDS, "»", "”", '"', "」"))
    digitless = " ".join(w for w in norm.split() if not w.isdigit())
    if _phrase_match(norm, sentence) or _phrase_match(digitless, sentence):
        return True
    if _COPYRIGHT.match(stripped) or "all rights reserved" in norm:
        return True
    label, colon, _rest = stripped.partition(":")
    if colon and len(label) <= 25 and size <= 20 and normalise(label) in phrases():
        return True  # "Related: ...", "READ MORE: ...", "Photo: ..."
    words = norm.split()
    if size <= 8 and _COUNTER.search(stripped) and not stripped.endswith(_SENTENCE_ENDS):
        return True
    # A run of social-network names or share verbs ("Facebook Twitter Email").
    return len(words) >= 2 and all(w in _SOCIAL for w in words)


_COMMENTS = re.compile(
    r"\b(?:comments?|replies|leave a reply|join the (?:conversation|discussion)|коммент\w*|"
    r"комент\w*|commentaires?|kommentare?|comentarios?|commenti|komentarze)\b",
    re.IGNORECASE,
)


def is_comments_marker(text: str) -> bool:
    """A short line opening a reader-comments section ("Top Rated Comments", "12 comments")."""
    return word_count(text) <= 6 and bool(_COMMENTS.search(text))
