"""Blocking index over entity drafts: the drafts :func:`best_match` could pick, found by key.

Scoring a new cluster against every known entity makes resolution quadratic in the
store. This index returns, for a cluster, a set of drafts that contains every draft
``best_match`` could score (so its choice over them equals its choice over all
drafts), read through keys. The keys follow ``best_match``'s own conditions:

People (``_person_score``): a person draft can score only if
``similarity(cluster.surname, draft.surname) >= SURNAME_MAYBE``. Drafts are kept per
surname skeleton, and the surnames in a :class:`FuzzyVocab` at that threshold, which
finds every string at least that similar by q-grams (argument below).

Organisations, places, groups (``_name_score``), three ways to score:

* the same key (any class; the class filter stays in ``best_match``): key ``K|key``;
* a short form of the same class (one word equal by skeleton to the last word of a
  longer name): a draft of two or more words under ``L|cls|last``, a one-word draft
  under ``1|cls|word``; a one-word cluster looks up ``L``, a longer one ``1``;
* both of two or more words and ``similarity(keys) >= NAME_SAME``: the draft keys of
  each class in a :class:`FuzzyVocab` at that threshold.

Why the q-gram lookup loses nothing. ``similarity`` is difflib's ratio ``2M/S``
(``M`` characters matched in ``k`` blocks, ``S`` the two lengths summed), so
``ratio >= r`` needs ``M >= r*S/2`` and, since no string is shorter than what it
matches, ``2*min(len)/S >= r`` (the length window searched). Consecutive blocks are
separated by at least one unmatched character, so ``k - 1 <= S - 2M``; each block of
length ``L`` gives ``L - q + 1`` q-grams of the query that also occur in the other
string, so at least ``t = M - (S - 2M + 1)(q - 1)`` query q-gram occurrences are
shared (``t = M`` for single characters). For each length in the window, ``M`` and so
``t`` are bounded below; with ``n`` q-gram occurrences in the query, any choice of
distinct q-grams covering ``n - t + 1`` of those occurrences contains a shared one.
So, per length, the query takes its rarest q-grams until they cover that many (q = 2
where ``t >= 1``, else q = 1) and reads their postings at that length: every string
within the threshold is among them, and only those are returned (checked with the
real similarity). The index keeps every letter and bigram of every string, per length.

Bound: a posting list longer than :data:`MAX_PER_KEY` is never read; a cluster that
would need it is scored against every draft instead (the same answer, found the
slow way) and counted in :attr:`DraftIndex.overflows`. Measured on a store of 5,000
news articles (21,400 entities): the longest key listed 104 drafts, the longest
q-gram posting 668 strings, so the bound was never reached; 100 new articles'
clusters had a median of 4 candidates (99th percentile 93) where the scan scores
21,400.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsweave.extract.entities.cluster import LocalCluster
from newsweave.extract.entities.match import NAME_SAME, SURNAME_MAYBE, EntityDraft
from newsweave.extract.entities.names import similarity, skeleton

__all__ = ["MAX_PER_KEY", "DraftIndex", "FuzzyVocab"]

#: Drafts (or strings) one key may list before a query needing it scans every draft.
MAX_PER_KEY = 2000
_SLACK = 1e-6  # thresholds compared a hair low, so rounding never drops a candidate


def _window(length: int, threshold: float) -> range:
    """Lengths ``b`` for which ``2*min(length, b)/(length + b) >= threshold`` is possible."""
    low = max(1, math.floor(length * threshold / (2 - threshold) - _SLACK))
    high = math.ceil(length * (2 - threshold) / threshold + _SLACK)
    return range(low, high + 1)


@lru_cache(maxsize=4096)
def _plan(length: int, other: int, threshold: float) -> tuple[int, int] | None:
    """(q, t) for a query of ``length`` against strings of length ``other``: q-gram size
    (bigrams where they are guaranteed shared, else letters) and how many query q-gram
    occurrences a match shares at least; None when no such pair can be that similar."""
    total = length + other
    matched = max(0, math.ceil(threshold * total / 2 - _SLACK))
    if matched > min(length, other) or 2 * min(length, other) < (threshold - _SLACK) * total:
        return None
    bigrams = matched - (total - 2 * matched + 1)
    return (2, bigrams) if bigrams >= 1 else (1, matched)


def _close(a: str, b: str, floor: float) -> bool:
    """``similarity(a, b) >= floor``, with the shared-letter upper bound tried first."""
    if a == b:
        return True
    mine, theirs = _letters(a), _letters(b)
    shared = sum(min(n, theirs.get(c, 0)) for c, n in mine.items())
    return 2 * shared / (len(a) + len(b)) >= floor and similarity(a, b) >= floor


@lru_cache(maxsize=2**16)
def _letters(text: str) -> dict[str, int]:
    return dict(Counter(text))


def _grams(text: str, q: int) -> list[str]:
    return [text[i : i + q] for i in range(len(text) - q + 1)]


class FuzzyVocab:
    """Distinct strings, each posted under its characters and bigrams per length, for
    "every string at least ``threshold`` similar to this one" (see the module docstring)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._postings: dict[tuple[int, str], set[str]] = {}
        self._members: set[str] = set()
        #: strings in the order added, and per query text its answer and how much of
        #: this log it had seen (a repeated query checks only the strings added since)
        self._added: list[str] = []
        self._answers: dict[str, tuple[set[str], int]] = {}

    def add(self, text: str) -> None:
        self._members.add(text)
        self._added.append(text)
        for q in (1, 2):
            for gram in set(_grams(text, q)):
                self._postings.setdefault((len(text), gram), set()).add(text)

    def discard(self, text: str) -> None:
        self._members.discard(text)
        for q in (1, 2):
            for gram in set(_grams(text, q)):
                found = self._postings.get((len(text), gram))
                if found is not None:
                    found.discard(text)
                    if not found:
                        del self._postings[(len(text), gram)]

    def near(self, text: str) -> set[str] | None:
        """Every stored string at least ``threshold`` similar to ``text``; None when a
        posting it needs is longer than :data:`MAX_PER_KEY`."""
        if not text:
            return set()
        floor = self.threshold - _SLACK
        known = self._answers.get(text)
        if known is not None:
            found, seen = known
            found = {s for s in found if s in self._members}
            found |= {
                s for s in self._added[seen:] if s in self._members and _close(text, s, floor)
            }
            self._answers[text] = (found, len(self._added))
            return set(found)
        found = set()
        for other in _window(len(text), self.threshold):
            plan = _plan(len(text), other, self.threshold)
            if plan is None:
                continue
            q, shared = plan
            occurrences = Counter(_grams(text, q))
            needed = sum(occurrences.values()) - shared + 1
            sized = sorted((len(self._postings.get((other, g), ())), g) for g in occurrences)
            covered = 0
            for size, gram in sized:
                if covered >= needed:
                    break
                if size > MAX_PER_KEY:
                    return None
                found |= self._postings.get((other, gram), set())
                covered += occurrences[gram]
        found = {s for s in found if _close(text, s, floor)}
        self._answers[text] = (found, len(self._added))
        return set(found)


class DraftIndex:
    """Drafts by the keys of the module docstring; :meth:`candidates` in draft order."""

    def __init__(self, drafts: Iterable[EntityDraft] = ()) -> None:
        self._order: dict[int, int] = {}
        self._postings: dict[str, dict[int, EntityDraft]] = {}
        self._surnames = FuzzyVocab(SURNAME_MAYBE)
        self._long_keys: dict[str, FuzzyVocab] = {}
        #: Clusters scored against every draft because a key was over the bound.
        self.overflows = 0
        #: Most drafts or strings any one key listed so far.
        self.largest = 0
        for d in drafts:
            self.add(d)

    def add(self, draft: EntityDraft) -> None:
        """Index a draft; drafts added later come later in :meth:`candidates`."""
        self._order[id(draft)] = len(self._order)
        self._put(draft, draft.words)

    def moved(self, draft: EntityDraft, old_words: Sequence[str]) -> None:
        """Re-key a draft whose words changed (a fuller name absorbed)."""
        self._take(draft, tuple(old_words))
        self._put(draft, draft.words)

    def candidates(self, cluster: LocalCluster) -> list[EntityDraft] | None:
        """Every draft ``best_match`` could pick for ``cluster``, in the order drafts were
        added; None when a key over the bound would be needed (score every draft)."""
        keys: list[str] = []
        if cluster.cls == "PERSON":
            near = self._surnames.near(cluster.surname)
            if near is None:
                self.overflows += 1
                return None
            keys.extend(f"P|{s}" for s in near)
        else:
            words = cluster.words
            keys.append(f"K|{cluster.key}")
            if len(words) == 1:
                keys.append(f"L|{cluster.cls}|{skeleton(words[0])}")
            elif len(words) >= 2:
                keys.append(f"1|{cluster.cls}|{skeleton(words[-1])}")
                vocab = self._long_keys.get(cluster.cls)
                near = vocab.near(cluster.key) if vocab is not None else set()
                if near is None:
                    self.overflows += 1
                    return None
                keys.extend(f"F|{cluster.cls}|{k}" for k in near)
        found: dict[int, EntityDraft] = {}
        for key in keys:
            posting = self._postings.get(key)
            if posting is None:
                continue
            if len(posting) > MAX_PER_KEY:
                self.overflows += 1
                return None
            found.update(posting)
        return sorted(found.values(), key=lambda d: self._order[id(d)])

    def _keys(self, cls: str, words: tuple[str, ...]) -> list[str]:
        if not words:
            return []  # no name: best_match can never score it
        skeletons = [skeleton(w) for w in words]
        if cls == "PERSON":
            return [f"P|{skeletons[-1]}"]
        key = " ".join(skeletons)
        if len(words) == 1:
            return [f"K|{key}", f"1|{cls}|{skeletons[0]}"]
        return [f"K|{key}", f"L|{cls}|{skeletons[-1]}", f"F|{cls}|{key}"]

    def _put(self, draft: EntityDraft, words: tuple[str, ...]) -> None:
        for key in self._keys(draft.cls, words):
            posting = self._postings.setdefault(key, {})
            if not posting:
                self._vocab(key, add=True)
            posting[id(draft)] = draft
            self.largest = max(self.largest, len(posting))

    def _take(self, draft: EntityDraft, words: tuple[str, ...]) -> None:
        for key in self._keys(draft.cls, words):
            posting = self._postings.get(key)
            if posting is None:
                continue
            posting.pop(id(draft), None)
            if not posting:
                del self._postings[key]
                self._vocab(key, add=False)

    def _vocab(self, key: str, *, add: bool) -> None:
        """Keep the fuzzy vocabularies equal to the surnames and long keys posted."""
        kind, _, rest = key.partition("|")
        if kind == "P":
            vocab, text = self._surnames, rest
        elif kind == "F":
            cls, _, text = rest.partition("|")
            vocab = self._long_keys.setdefault(cls, FuzzyVocab(NAME_SAME))
        else:
            return
        if add:
            vocab.add(text)
        else:
            vocab.discard(text)
