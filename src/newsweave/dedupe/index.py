"""Syndicated copies and shared passages: exact hashes, MinHash LSH, and fingerprint overlap.

A wire story re-run by many sites differs only in chrome, a sentence here and there
and house spelling. Such copies are *linked* (``duplicate_of`` the group's canonical
article), never dropped: a copy still shows which outlets carried the story.

- exact copies: SHA-256 of the whitespace- and case-normalised body;
- near copies: MinHash (128 permutations) over word 4-shingles, LSH at the Jaccard
  threshold :data:`JACCARD_THRESHOLD`, confirmed by the MinHash Jaccard estimate.
  The threshold was chosen on data: ``python -m benchmarks.dedupe`` first prints precision
  and recall across thresholds on ECB+ TRAINING articles with synthetic syndicated
  copies (chrome, a moved paragraph, a sentence dropped or added, British/American
  spelling); 0.52 balances them there (0.959 / 0.959; at 0.45 P=0.94, at 0.6 R=0.92).
  The dev articles it then scores were never used for the choice. Lines shorter than
  :data:`MIN_LINE_WORDS` words (site chrome) are left out of the shingles;
- partial overlap (an outlet pasting half a wire story and adding its own paragraphs):
  sampled shingle fingerprints are indexed with their character offsets, and shared
  runs are reported as :class:`Overlap` spans into both texts.

Canonical per group: earliest published, then fullest (most words), then the first to arrive.
Everything is incremental: :class:`DedupeIndex` grows one article at a time and keeps its
state as keyed rows (:class:`newsweave.keyed.KeyedState`: LSH buckets, signatures, exact
hashes, copy groups, fingerprint postings), so a run reads only the rows its articles
touch; it can be rebuilt from stored ``(id, text, published, words)`` rows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from newsweave.keyed import KeyedState

#: Estimated Jaccard (word 4-shingles) at or above which two bodies are copies.
JACCARD_THRESHOLD = 0.52
SHINGLE = 4
#: Shorter lines (menus, "Share on Facebook", "© 2024 …") are left out of the shingles.
MIN_LINE_WORDS = 8
NUM_PERM = 128
#: One shingle in FINGERPRINT_MOD is kept as a fingerprint for overlap detection.
FINGERPRINT_MOD = 4
#: Fingerprints carried by more articles than this are boilerplate and not followed.
FINGERPRINT_CAP = 50
#: An overlap is reported when at least this many fingerprints (~4x shingles) match …
MIN_SHARED_FINGERPRINTS = 6
#: … and shared runs separated by fewer characters than this form one span.
SPAN_GAP = 80
#: An LSH bucket keeps its most recent articles up to this many. Articles sharing one of
#: a signature's bands (5 of 128 values at the default threshold) are near copies of
#: each other, so a full bucket is one syndicated story (or boilerplate) carried this
#: often, and a new copy of it still meets its latest carriers and their group. The cap
#: bounds the signatures an article reads to bands x cap (22 x 100); on the 10,000-article
#: stream of ``benchmarks.dedupe_growth`` the fullest bucket holds far fewer (see
#: docs/scaling.md), so results are those of an unbounded LSH there.
BUCKET_CAP = 100

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True)
class SharedSpan:
    """One shared passage: ``[start, end)`` in the new text, ``[other_start, other_end)``
    in the other article's text."""

    start: int
    end: int
    other_start: int
    other_end: int


@dataclass(frozen=True)
class Overlap:
    """Passages an article shares with an earlier one that is not its copy."""

    other_id: str
    spans: tuple[SharedSpan, ...]
    shared_fraction: float  # share of this article's text inside the spans


@dataclass(frozen=True)
class DedupeResult:
    """What ``DedupeIndex.add`` found for one article.

    ``duplicate_of`` is the canonical article of its copy group (None if the article
    is canonical). ``relinked`` maps earlier articles whose ``duplicate_of`` must now
    point elsewhere, because this article became their group's canonical (published
    earlier, or fuller).
    """

    article_id: str
    duplicate_of: str | None
    overlaps: list[Overlap] = field(default_factory=list)
    relinked: dict[str, str] = field(default_factory=dict)
    similarity: float = 0.0


def normalise(text: str) -> str:
    """Case- and whitespace-insensitive form used for the exact-copy hash."""
    return " ".join(m.group(0).lower() for m in _WORD.finditer(text))


def _content_words(text: str) -> list[tuple[str, int, int]]:
    """Words of the lines that read as prose (>= MIN_LINE_WORDS words): menus, share
    widgets, bylines and copyright lines differ between sites and are not the story."""
    words: list[tuple[str, int, int]] = []
    every: list[tuple[str, int, int]] = []
    offset = 0
    for line in text.split("\n"):
        found = [(m.group(0).lower(), offset + m.start(), offset + m.end())
                 for m in _WORD.finditer(line)]  # fmt: skip
        every.extend(found)
        if len(found) >= MIN_LINE_WORDS:
            words.extend(found)
        offset += len(line) + 1
    return words if len(words) >= 2 * SHINGLE else every


def shingles(text: str) -> list[tuple[int, int, int]]:
    """(hash, char start, char end) of every word 4-shingle; stable across processes.
    The hash is the shingle's 8-byte BLAKE2b digest read as a little-endian integer."""
    words = _content_words(text)
    tokens = [w for w, _, _ in words]
    blake2b = hashlib.blake2b
    out = []
    for i in range(len(words) - SHINGLE + 1):
        digest = blake2b(" ".join(tokens[i : i + SHINGLE]).encode(), digest_size=8).digest()
        out.append((int.from_bytes(digest, "little"), words[i][1], words[i + SHINGLE - 1][2]))
    return out


class DamagedState(ValueError):
    """A stored row of the detector's state does not read as what its key says it holds:
    the stage then rebuilds the state from the articles instead of deciding on it."""


def lsh_shape(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) for ``threshold``: what datasketch's ``MinHashLSH`` picks
    (false positives and negatives weighed equally), 22 x 5 at the default threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[str]:
    """The LSH bucket of each band of a signature: the band's ``rows`` values, hashed.
    Articles sharing a bucket are the copy candidates, as in a ``MinHashLSH`` of the
    same shape (up to 64-bit hash collisions)."""
    raw = values.astype("<u8").tobytes()
    width = 8 * rows
    return [
        f"band:{i}:{hashlib.blake2b(raw[i * width : (i + 1) * width], digest_size=8).hexdigest()}"
        for i in range(bands)
    ]


def settings(threshold: float = JACCARD_THRESHOLD) -> str:
    """Everything that shapes the rows: a keyed state saved under other settings is not
    used (the stage rebuilds it). Bump ``rows 1`` when the row layout changes."""
    bands, rows = lsh_shape(threshold)
    scheme = MinHash(num_perm=NUM_PERM).scheme  # the hashing behind stored signatures
    return (
        f"dedupe rows 1 threshold {threshold!r} perm {NUM_PERM} {scheme} lsh {bands}x{rows} "
        f"bucket cap {BUCKET_CAP} shingle {SHINGLE} lines {MIN_LINE_WORDS} "
        f"fingerprints 1/{FINGERPRINT_MOD} cap {FINGERPRINT_CAP}"
    )


def _fingerprint_key(h: int) -> str:
    return f"fp:{h:016x}"


class DedupeIndex:
    """Incremental copy and overlap detector over a :class:`KeyedState`; cost per article
    does not grow with the index: an article reads its LSH buckets (each at
    most :data:`BUCKET_CAP` articles), their signatures, its exact-hash and fingerprint
    rows (postings capped at :data:`FINGERPRINT_CAP`), and its copy group, nothing else.

    Rows (keys → JSON values): ``band:{i}:{hex}`` → article ids, oldest first;
    ``sig:{id}`` → the MinHash signature (:data:`NUM_PERM` little-endian unsigned 64-bit
    values, base64; only articles with shingles); ``exact:{sha256}`` → the first article
    with that normalised body; ``canon:{id}`` → the canonical of the article's group;
    ``group:{canonical}`` → ``[published, words, members]`` (the canonical's date and
    length, which a newcomer must beat to take its place); ``fp:{hash}`` →
    ``[[article, start, end], …]``.

    Without a state it keeps everything in memory (``KeyedState.empty()``), as the
    benchmarks and a rebuild do."""

    def __init__(self, threshold: float = JACCARD_THRESHOLD, state: KeyedState | None = None):
        self.threshold = threshold
        self.bands, self.rows = lsh_shape(threshold)
        self.state = state if state is not None else KeyedState.empty()
        # The permutations, made once rather than per article (datasketch draws them
        # from a fixed seed, so every MinHash made with them is the same as without).
        template = MinHash(num_perm=NUM_PERM)
        self._permutations, self._scheme = template.permutations, template.scheme

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str, str | None, int]], state: KeyedState | None = None
    ) -> DedupeIndex:
        """Rebuild from stored ``(id, text, published, words)`` rows, in their stored order."""
        index = cls(state=state)
        for article_id, text, published, words in rows:
            index.add(article_id, text, published, words)
        return index

    def canonical_of(self, article_id: str) -> str:
        return _text(self._rows([f"canon:{article_id}"]).get(f"canon:{article_id}", article_id))

    def add(self, article_id: str, text: str, published: str | None, words: int) -> DedupeResult:
        """Index one article and say which earlier article it copies or overlaps.

        Everything is read and decided before the first row changes, so an article that
        raises leaves the state as it was."""
        grams = shingles(text)
        values = self._signature(grams)
        exact_key = "exact:" + hashlib.sha256(normalise(text).encode()).hexdigest()
        bands = band_keys(values, self.bands, self.rows) if values is not None else []
        printed = [(h, s, e) for h, s, e in grams if h % FINGERPRINT_MOD == 0]
        rows = self._rows([exact_key, *bands, *(_fingerprint_key(h) for h, _, _ in printed)])
        buckets = {key: _ids(key, rows.get(key, [])) for key in bands}
        match, similarity = self._find_copy(rows.get(exact_key), values, buckets)
        writes: dict[str, Any] = {}
        if exact_key not in rows:
            writes[exact_key] = article_id
        if values is not None:
            writes[f"sig:{article_id}"] = base64.b64encode(values.astype("<u8").tobytes()).decode()
            for key, members in buckets.items():
                writes[key] = [*members[-(BUCKET_CAP - 1) :], article_id]
        keys = {_fingerprint_key(h) for h, _, _ in printed}
        postings = {key: _postings(key, rows[key]) for key in keys if key in rows}
        overlaps = [] if match else _overlaps(article_id, text, printed, postings)
        for h, start, end in printed:
            key = _fingerprint_key(h)
            posting = postings.setdefault(key, [])
            if len(posting) <= FINGERPRINT_CAP:
                postings[key] = posting = [*posting, (article_id, start, end)]
                writes[key] = posting
        if match is None:
            writes[f"canon:{article_id}"] = article_id
            writes[f"group:{article_id}"] = [published, words, [article_id]]
            result = DedupeResult(article_id, None, overlaps)
        else:
            result = self._join_group(article_id, published, words, match, similarity, writes)
        for key, value in writes.items():
            if value is None:
                self.state.delete(key)
            else:
                self.state.put(key, value)
        return result

    def _rows(self, keys: list[str]) -> dict[str, Any]:
        try:
            return self.state.get_many(keys)
        except DamagedState:
            raise
        except ValueError as exc:  # a row that is not JSON
            raise DamagedState(str(exc)) from exc

    def _signature(self, grams: list[tuple[int, int, int]]) -> np.ndarray | None:
        """The MinHash signature of the shingles, None without any: such an article is in
        no LSH bucket (it can still be an exact copy)."""
        if not grams:
            return None
        mh = MinHash(num_perm=NUM_PERM, permutations=self._permutations, scheme=self._scheme)
        mh.update_batch([struct.pack("<Q", h) for h, _, _ in grams])
        return np.asarray(mh.hashvalues, dtype=np.uint64)

    def _find_copy(
        self, exact: Any, values: np.ndarray | None, buckets: dict[str, list[str]]
    ) -> tuple[str | None, float]:
        if exact is not None:
            return _text(exact), 1.0
        if values is None:
            return None, 0.0
        candidates = sorted({a for members in buckets.values() for a in members})
        signatures = self._rows([f"sig:{a}" for a in candidates])
        best, best_sim = None, 0.0
        for other in candidates:
            key = f"sig:{other}"
            if key not in signatures:
                raise DamagedState(f"state row {key!r} is missing (its article is in a bucket)")
            sim = float(np.mean(_signature_values(key, signatures[key]) == values))
            if sim >= self.threshold and (sim, other) > (best_sim, best or ""):
                best, best_sim = other, sim
        return best, best_sim

    def _join_group(
        self,
        article_id: str,
        published: str | None,
        words: int,
        match: str,
        similarity: float,
        writes: dict[str, Any],
    ) -> DedupeResult:
        canonical = self.canonical_of(match)
        key = f"group:{canonical}"
        c_published, c_words, members = _group(key, self._rows([key]).get(key))
        group = [*members, article_id]
        # Unknown dates sort last: a dated original beats an undated copy. Ties keep the
        # article that arrived first: ids are arbitrary, arrival is not.
        if (published or "9999", -words) >= (c_published or "9999", -c_words):
            writes[f"canon:{article_id}"] = canonical
            writes[key] = [c_published, c_words, group]
            return DedupeResult(article_id, canonical, [], {}, similarity)
        # The newcomer is the better original: the whole group now points at it.
        writes[key] = None
        writes[f"group:{article_id}"] = [published, words, group]
        relinked = {}
        for member in group:
            writes[f"canon:{member}"] = article_id
            if member != article_id:
                relinked[member] = article_id
        return DedupeResult(article_id, None, [], relinked, similarity)


def _overlaps(
    article_id: str,
    text: str,
    printed: list[tuple[int, int, int]],
    postings: dict[str, list[tuple[str, int, int]]],
) -> list[Overlap]:
    """Shared passages with earlier articles (not copies), as merged character spans."""
    matches: dict[str, list[tuple[int, int, int, int]]] = {}
    for h, start, end in printed:
        posting = postings.get(_fingerprint_key(h))
        if not posting or len(posting) > FINGERPRINT_CAP:
            continue
        for other, o_start, o_end in posting:
            if other != article_id:
                matches.setdefault(other, []).append((start, end, o_start, o_end))
    out = []
    for other, pairs in matches.items():
        if len({p[0] for p in pairs}) < MIN_SHARED_FINGERPRINTS:
            continue
        spans = _merge_spans(sorted(pairs))
        shared = sum(s.end - s.start for s in spans) / max(len(text), 1)
        out.append(Overlap(other, tuple(spans), round(shared, 4)))
    out.sort(key=lambda o: -o.shared_fraction)
    return out


# Stored rows are checked for the shape their key promises before they are used: a store
# may be damaged or come from elsewhere, and a wrong decision must not follow from it.


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise DamagedState(f"state row holds {type(value).__name__} where an article id belongs")
    return value


def _ids(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DamagedState(f"state row {key!r} is not a list of article ids")
    return value


def _postings(key: str, value: Any) -> list[tuple[str, int, int]]:
    try:
        return [(_text(a), int(s), int(e)) for a, s, e in value]
    except (TypeError, ValueError) as exc:
        raise DamagedState(f"state row {key!r} is not a list of [article, start, end]") from exc


def _signature_values(key: str, value: Any) -> np.ndarray:
    try:
        raw = base64.b64decode(_text(value), validate=True)
    except (ValueError, binascii.Error) as exc:
        raise DamagedState(f"state row {key!r} is not a base64 signature") from exc
    if len(raw) != 8 * NUM_PERM:
        raise DamagedState(f"state row {key!r} holds {len(raw)} bytes, not {8 * NUM_PERM}")
    return np.frombuffer(raw, dtype="<u8")


def _group(key: str, value: Any) -> tuple[str | None, int, list[str]]:
    try:
        published, words, members = value
        if published is not None and not isinstance(published, str):
            raise TypeError(published)
        return published, int(words), _ids(key, members)
    except (TypeError, ValueError) as exc:
        raise DamagedState(f"state row {key!r} is not [published, words, members]") from exc


def _merge_spans(pairs: list[tuple[int, int, int, int]]) -> list[SharedSpan]:
    """Join matched shingles that follow each other in both texts into passages."""
    spans: list[list[int]] = []
    for start, end, o_start, o_end in pairs:
        if spans:
            last = spans[-1]
            near_here = start <= last[1] + SPAN_GAP
            near_there = last[2] - SPAN_GAP <= o_start <= last[3] + SPAN_GAP
            if near_here and near_there:
                last[1] = max(last[1], end)
                last[2] = min(last[2], o_start)
                last[3] = max(last[3], o_end)
                continue
        spans.append([start, end, o_start, o_end])
    return [SharedSpan(a, b, c, d) for a, b, c, d in spans if b - a >= 40]
