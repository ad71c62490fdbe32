"""Short permalinks that never change: ``/a/{short}`` for an article, ``/s/{short}`` for a story.

An article's short is a prefix of its id written in Crockford's base32 (no i, l, o, u,
so it reads aloud and survives hand copying). The id is itself a hash of the input's
content hash and part, so the same article always gets the same short. Eight
characters (40 bits) are used; an article whose prefix another article already took
gets the next longer one when it is stored, and the store keeps each short, so an
assigned short never changes. The 13-character form spells the whole 64-bit id,
so it is always free.

A story's short is the short of the article that founded it (story ids are
``story-{article id}`` and stay while the story grows); a story merged into another
keeps resolving, to the story it joined.
"""

from __future__ import annotations

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
#: Characters of a new article's short; longer only when a shorter one is taken.
SHORT_LENGTH = 8
FULL_LENGTH = 13  # 65 bits: every 64-bit article id has its own
STORY_PREFIX = "story-"


def encode(article_id: str) -> str:
    """The whole id (16 hex digits) in base32, 13 characters."""
    number = int(article_id, 16)
    out = []
    for _ in range(FULL_LENGTH):
        number, digit = divmod(number, 32)
        out.append(ALPHABET[digit])
    return "".join(reversed(out))


def candidates(article_id: str) -> list[str]:
    """The shorts an article may take, shortest first (the store takes the first free one)."""
    full = encode(article_id)
    return [full[:n] for n in range(SHORT_LENGTH, FULL_LENGTH + 1)]


def founder(story_id: str) -> str | None:
    """The id of the article that founded a story (its id says so), or None."""
    rest = story_id.removeprefix(STORY_PREFIX)
    return rest if rest != story_id else None


def is_short(text: str) -> bool:
    """Whether ``text`` can be a short at all (so a stray path is a 404, not a query)."""
    return SHORT_LENGTH <= len(text) <= FULL_LENGTH and all(c in ALPHABET for c in text)


def article_url(short: str) -> str:
    return f"/a/{short}"


def story_url(short: str) -> str:
    return f"/s/{short}"
