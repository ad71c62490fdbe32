"""What a saved stage state covers, as one hash: the articles in it and how it was built.

A stage resumes from its saved state only when the fingerprint of what the store
says it processed (plus the settings that shaped the state) matches the saved one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def covering(article_ids: Iterable[str], salt: str) -> str:
    """sha256 over ``salt`` and the sorted article ids (order-free, as sets are)."""
    digest = hashlib.sha256(salt.encode())
    for article_id in sorted(article_ids):
        digest.update(b"\n" + article_id.encode())
    return digest.hexdigest()
