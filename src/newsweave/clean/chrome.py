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


# Sentences: split after a sentence end followed by a space (Latin and CJK stops).
_SENTENCE_SPLIT = re.compile(rf"(?<=[{SENTENCE_END_CHARS}])[\"'”’»)\]]*\s+")
_CTA_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Where a promo points: an @handle, an e-mail address, a URL or a bare domain.
_LINK_LIKE = re.compile(
    r"(?:^|\s)@\w|\w@\w+\.\w|https?://|\bwww\.|\b\w+\.(?:com|org|net|co\.uk|io|ru|ua|de|fr)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _cta_words() -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]:
    """Per language: (verbs, address, targets) from ``data/call_to_action.json``."""
    data = json.loads(
        resources.files("newsweave").joinpath("data/call_to_action.json").read_text("utf-8")
    )
    return tuple(
        (frozenset(v["verbs"]), frozenset(v["address"]), frozenset(v["targets"]))
        for key, v in data.items()
        if not key.startswith("_")
    )


def is_call_to_action_sentence(sentence: str) -> bool:
    """A site's promo sentence: "Subscribe to our newsletter", "Follow us on Twitter @x",
    "You can unsubscribe at any time".

    It opens with an imperative call-to-action verb and names the reader or the
    site (you/your/our/us), a target (newsletter, app, a social network, "here")
    or a link (@handle, e-mail, URL), or ends with "!"; or it names both the
    reader/site and a target. Words come from a multilingual list
    (``data/call_to_action.json``); the caller applies it only where promos sit.
    """
    words = [w.lower().replace("’", "'") for w in _CTA_WORD.findall(sentence)]
    if not words:
        return False
    linked = bool(_LINK_LIKE.search(sentence))
    shout = sentence.rstrip().rstrip("\"'”’»)").endswith("!")
    found = set(words)
    for verbs, address, targets in _cta_words():
        named = bool(found & address)
        aimed = bool(found & targets) or linked
        if words[0] in verbs and (named or aimed or shout):
            return True
        if named and aimed:
            return True
    return False


def is_call_to_action(text: str) -> bool:
    """A line whose sentences are at least half calls to action (a short lead-in like
    "Need more space?" or a bio's first sentence does not save it)."""
    sentences = [s for s in _SENTENCE_SPLIT.split(text.strip()) if s.strip()]
    if not sentences:
        return False
    hits = sum(1 for s in sentences if is_call_to_action_sentence(s))
    return hits > 0 and 2 * hits >= len(sentences)
