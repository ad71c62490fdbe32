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

The entity book keeps the same keys over the stored entities as state rows
(:class:`StoredIndex`), read for the keys a run's clusters hit; a run's new and renamed
drafts sit in a :class:`DraftIndex` beside it (:class:`BookIndex`). There the lists
are capped instead of scanned past (:data:`MAX_POSTING`, :data:`MAX_STRINGS`,
:data:`MAX_CANDIDATES`): a scan of every stored entity is what keyed rows are there to
avoid, so past the caps a cluster is scored against the closest and most mentioned
entities only. The run's index is capped the same way (``capped``: a key past
:data:`MAX_PER_KEY` is read for its latest entries), so a run's lookups stay linear in
the run however long it is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice

from newsweave.extract.entities.cluster import LocalCluster
from newsweave.extract.entities.match import NAME_SAME, SURNAME_MAYBE, EntityDraft
from newsweave.extract.entities.names import similarity, skeleton
from newsweave.keyed import KeyedState

__all__ = [
    "MAX_CANDIDATES",
    "MAX_PER_KEY",
    "MAX_POSTING",
    "MAX_STRINGS",
    "BookIndex",
    "DraftIndex",
    "FuzzyVocab",
    "StoredIndex",
    "cluster_keys",
    "draft_keys",
]

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


def _close_to(text: str, strings: Iterable[str], floor: float) -> set[str]:
    """The ``strings`` whose ``similarity`` to ``text`` is at least ``floor``: the
    shared-letter upper bound first (most candidates fail it), the real ratio after.
    The query's letters are counted once and the bound summed without a Python frame
    per letter: this filter runs about a thousand times per article."""
    mine = _letters(text)
    letters, counts = tuple(mine), tuple(mine.values())
    zeros = (0,) * len(letters)
    length = len(text)
    out: set[str] = set()
    for s in strings:
        if s == text:
            out.add(s)
            continue
        shared = sum(map(min, counts, map(_letters(s).get, letters, zeros)))
        if 2 * shared / (length + len(s)) >= floor and similarity(text, s) >= floor:
            out.add(s)
    return out


@lru_cache(maxsize=2**16)
def _letters(text: str) -> dict[str, int]:
    return dict(Counter(text))


def _grams(text: str, q: int) -> list[str]:
    return [text[i : i + q] for i in range(len(text) - q + 1)]


class FuzzyVocab:
    """Distinct strings, each posted under its characters and bigrams per length, for
    "every string at least ``threshold`` similar to this one" (see the module docstring).

    A run asks the same surname again and again (one query per cluster naming it), while
    the vocabulary grows. Each posting lists its strings in the order they were added,
    with that order's number, so a repeated query reads, in the postings its plan picks,
    only the strings added since it was last answered: the work of a query is the new
    entries of a few rare postings, not every string added since (which made a run's
    lookups quadratic in the run).

    ``capped``: a posting longer than :data:`MAX_PER_KEY` is read for its latest
    :data:`MAX_PER_KEY` strings (counted in :attr:`capped_reads`) instead of the query
    answering None, so a query's work is bounded whatever the vocabulary holds.
    """

    def __init__(self, threshold: float, *, capped: bool = False) -> None:
        self.threshold = threshold
        self.capped = capped
        #: postings read cut to their latest :data:`MAX_PER_KEY` strings (``capped`` only)
        self.capped_reads = 0
        #: (length, gram) → string → its number in the order added (ascending in the dict)
        self._postings: dict[tuple[int, str], dict[str, int]] = {}
        self._members: set[str] = set()
        self._added = 0
        #: per query text: its answer and how many strings had been added when answered
        self._answers: dict[str, tuple[set[str], int]] = {}
        #: per query text: the postings it reads (:meth:`_cover`) and when they were chosen
        self._covers: dict[str, tuple[list[tuple[int, str]], int]] = {}
        #: strings the similarity filter looked at, over every query (a figure for tests)
        self.compared = 0

    def add(self, text: str) -> None:
        if text in self._members:
            return
        self._members.add(text)
        number = self._added
        self._added += 1
        for q in (1, 2):
            for gram in set(_grams(text, q)):
                self._postings.setdefault((len(text), gram), {})[text] = number

    def discard(self, text: str) -> None:
        if text not in self._members:
            return
        self._members.discard(text)
        for q in (1, 2):
            for gram in set(_grams(text, q)):
                found = self._postings.get((len(text), gram))
                if found is not None:
                    found.pop(text, None)
                    if not found:
                        del self._postings[(len(text), gram)]

    def near(self, text: str) -> set[str] | None:
        """Every stored string at least ``threshold`` similar to ``text``; None when a
        posting it needs is longer than :data:`MAX_PER_KEY` (never when ``capped``)."""
        if not text:
            return set()
        known, since = self._answers.get(text, (set(), 0))
        known = {s for s in known if s in self._members}
        if since == self._added:
            return known
        postings = self._read(self._cover(text))
        if postings is not None and not self.capped and any(len(p) > MAX_PER_KEY for p in postings):
            postings = self._read(self._cover(text, fresh=True))  # a kept cover grew long
        if postings is None:
            return None
        fresh: set[str] = set()
        for posting in postings:
            if len(posting) > MAX_PER_KEY:
                self.capped_reads += 1
                fresh.update(islice(_added_since(posting, since), MAX_PER_KEY))
            elif posting:
                fresh.update(_added_since(posting, since))
        self.compared += len(fresh)
        found = known | _close_to(text, fresh, self.threshold - _SLACK)
        self._answers[text] = (found, self._added)
        return set(found)

    def _read(self, keys: list[tuple[int, str]] | None) -> list[dict[str, int]] | None:
        return None if keys is None else [self._postings.get(key, {}) for key in keys]

    def _cover(self, text: str, *, fresh: bool = False) -> list[tuple[int, str]] | None:
        """The postings a query of ``text`` reads: per length in its window, its rarest
        q-grams until they cover the occurrences the module docstring's argument needs;
        None when one of them is longer than :data:`MAX_PER_KEY` (unless ``capped``). Any
        such cover finds
        every close string, rare or not, so a query's cover is kept until the vocabulary
        has doubled (choosing it costs more than reading it) unless ``fresh``."""
        planned = self._covers.get(text)
        if planned is not None and not fresh and self._added < 2 * planned[1] + 64:
            return planned[0]
        keys: list[tuple[int, str]] = []
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
                if size > MAX_PER_KEY and not self.capped:
                    return None
                keys.append((other, gram))
                covered += occurrences[gram]
        self._covers[text] = (keys, self._added)
        return keys


def _added_since(posting: dict[str, int], since: int) -> Iterator[str]:
    """The strings of a posting added as number ``since`` or later: its last entries."""
    for text, number in reversed(posting.items()):
        if number < since:
            return
        yield text


def draft_keys(cls: str, words: tuple[str, ...]) -> list[str]:
    """The blocking keys a draft of class ``cls`` named ``words`` is listed under."""
    if not words:
        return []  # no name: best_match can never score it
    skeletons = [skeleton(w) for w in words]
    if cls == "PERSON":
        return [f"P|{skeletons[-1]}"]
    key = " ".join(skeletons)
    if len(words) == 1:
        return [f"K|{key}", f"1|{cls}|{skeletons[0]}"]
    return [f"K|{key}", f"L|{cls}|{skeletons[-1]}", f"F|{cls}|{key}"]


def cluster_keys(cluster: LocalCluster) -> tuple[list[str], tuple[str, str] | None]:
    """The keys a cluster reads: the direct ones, and the fuzzy lookup (vocabulary, text)
    whose answers ``s`` are read as keys ``VOCABULARY|s`` (``P`` for surnames, ``F|cls``
    for the long keys of a class)."""
    if cluster.cls == "PERSON":
        return [], ("P", cluster.surname)
    words = cluster.words
    keys = [f"K|{cluster.key}"]
    if len(words) == 1:
        keys.append(f"L|{cluster.cls}|{skeleton(words[0])}")
    elif len(words) >= 2:
        keys.append(f"1|{cluster.cls}|{skeleton(words[-1])}")
        return keys, (f"F|{cluster.cls}", cluster.key)
    return keys, None


class DraftIndex:
    """Drafts by the keys of the module docstring; :meth:`candidates` in draft order.

    ``capped``: a key over :data:`MAX_PER_KEY` is read for its latest drafts and
    strings instead of the cluster being scored against every draft (the entity book's
    run index, where that scan would make a long run quadratic again)."""

    def __init__(self, drafts: Iterable[EntityDraft] = (), *, capped: bool = False) -> None:
        self.capped = capped
        self._order: dict[int, int] = {}
        self._postings: dict[str, dict[int, EntityDraft]] = {}
        self._surnames = FuzzyVocab(SURNAME_MAYBE, capped=capped)
        self._long_keys: dict[str, FuzzyVocab] = {}
        #: Clusters scored against every draft because a key was over the bound; with
        #: ``capped``, keys read for their latest entries only.
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
        added; None when a key over the bound would be needed (score every draft), never
        when ``capped``."""
        keys, fuzzy = cluster_keys(cluster)
        if fuzzy is not None:
            vocab_name, text = fuzzy
            vocab = self._surnames if vocab_name == "P" else self._long_keys.get(cluster.cls)
            near = vocab.near(text) if vocab is not None else set()
            if near is None:
                self.overflows += 1
                return None
            keys.extend(f"{vocab_name}|{s}" for s in near)
        found: dict[int, EntityDraft] = {}
        for key in keys:
            posting = self._postings.get(key)
            if posting is None:
                continue
            if len(posting) > MAX_PER_KEY:
                self.overflows += 1
                if not self.capped:
                    return None
                found.update(dict(islice(reversed(posting.items()), MAX_PER_KEY)))
                continue
            found.update(posting)
        return sorted(found.values(), key=lambda d: self._order[id(d)])

    def _keys(self, cls: str, words: tuple[str, ...]) -> list[str]:
        return draft_keys(cls, words)

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
            vocab = self._long_keys.setdefault(cls, FuzzyVocab(NAME_SAME, capped=self.capped))
        else:
            return
        if add:
            vocab.add(text)
        else:
            vocab.discard(text)


# -- the stored index: the entity book's blocking keys as state rows -----------------

#: Entities one stored blocking key lists; past it the least mentioned are dropped. At
#: 5,000 news articles the longest key listed 104 entities (module docstring), so the cap
#: changes nothing there; past it, a key like ``P|smith`` stops growing with the store and
#: the entities it drops are the ones a new mention is least likely to name.
MAX_POSTING = 200
#: Strings one stored q-gram posting lists; past it the earliest added are dropped (the
#: count stays exact, so the rarest postings are still chosen first). 668 at 5,000 articles.
MAX_STRINGS = 2000
#: Stored entities one name cluster is scored against at most: the closest keys first
#: (the direct keys, then fuzzy ones by similarity), each key's most mentioned first.
#: Twice the cap of a key; the 99th percentile at 5,000 articles was 93.
MAX_CANDIDATES = 400


def _threshold(vocabulary: str) -> float:
    return SURNAME_MAYBE if vocabulary == "P" else NAME_SAME


def _sizes_key(vocabulary: str, length: int) -> str:
    return f"qn:{vocabulary}:{length}"


def _gram_key(vocabulary: str, length: int, gram: str) -> str:
    return f"q:{vocabulary}:{length}:{gram}"


class StoredIndex:
    """The keys of :class:`DraftIndex` over the stored entities, kept as rows of a
    :class:`~newsweave.keyed.KeyedState`, so a run reads only the keys its clusters hit.

    Rows: ``b:KEY`` lists ``[entity id, mentions]`` under a blocking key (at most
    :data:`MAX_POSTING`, the most mentioned kept); the fuzzy vocabularies (``P`` for
    surnames, ``F|cls`` for long keys) are the strings with a posting, each under its
    letters and bigrams per length as :class:`FuzzyVocab` keeps them: ``q:VOC:LEN:GRAM``
    lists the strings (at most :data:`MAX_STRINGS`) and ``qn:VOC:LEN`` counts them per
    gram, so a lookup reads the counts first and then only the rarest postings it needs.
    Within the caps the candidates are exactly :class:`DraftIndex`'s.
    """

    def __init__(self, state: KeyedState) -> None:
        self.state = state
        self._near: dict[tuple[str, str], set[str]] = {}
        self._ids: dict[int, list[str]] = {}
        #: posting key → whether it listed anything before this run's updates
        self._had: dict[str, bool] = {}
        #: clusters whose candidates were cut at :data:`MAX_CANDIDATES`
        self.bounded = 0
        #: lookups that read a q-gram posting cut at :data:`MAX_STRINGS`
        self.capped = 0
        #: most candidates any one cluster got this run
        self.largest = 0

    def forget(self) -> None:
        """Drop the answers read so far (the rows changed); the figures stay."""
        self._near.clear()
        self._ids.clear()

    # -- reading ------------------------------------------------------------------

    def prefetch(self, clusters: Sequence[LocalCluster]) -> None:
        """Read the rows every cluster's candidates need, a few queries for them all."""
        lookups = [cluster_keys(c) for c in clusters]
        self._fuzzy([f for _, f in lookups if f is not None])
        keys: set[str] = set()
        for direct, fuzzy in lookups:
            keys.update(f"b:{k}" for k in direct)
            if fuzzy is not None:
                keys.update(f"b:{fuzzy[0]}|{s}" for s in self._closest(fuzzy))
        self.state.get_many(sorted(keys))

    def _closest(self, fuzzy: tuple[str, str]) -> list[str]:
        """The strings near a lookup's text, most similar first, as many as can give
        candidates (each posting lists at least one entity, and an entity is under one
        key of each kind)."""
        self._fuzzy([fuzzy])
        text = fuzzy[1]
        near = sorted(self._near[fuzzy], key=lambda s: (-similarity(text, s), s))
        return near[:MAX_CANDIDATES]

    def candidate_ids(self, cluster: LocalCluster) -> list[str]:
        """The stored entities :func:`best_match` could pick for ``cluster`` (within the
        caps), at most :data:`MAX_CANDIDATES`."""
        known = self._ids.get(id(cluster))
        if known is not None:
            return known
        keys, fuzzy = cluster_keys(cluster)
        if fuzzy is not None:
            keys = keys + [f"{fuzzy[0]}|{s}" for s in self._closest(fuzzy)]
        found: dict[str, None] = {}
        for key in keys:
            for entity_id, _ in self.state.get(f"b:{key}") or ():
                if len(found) >= MAX_CANDIDATES and entity_id not in found:
                    self.bounded += 1
                    break
                found[entity_id] = None
            else:
                continue
            break
        ids = list(found)
        self.largest = max(self.largest, len(ids))
        self._ids[id(cluster)] = ids
        return ids

    def _fuzzy(self, queries: Iterable[tuple[str, str]]) -> None:
        """Answer the (vocabulary, text) lookups not answered yet: the per-length counts
        first, then the rarest postings each needs (see the module docstring)."""
        todo = [q for q in dict.fromkeys(queries) if q not in self._near]
        steps: dict[tuple[str, str], list[tuple[int, Counter[str], int]]] = {}
        for vocabulary, text in todo:
            threshold = _threshold(vocabulary)
            mine: list[tuple[int, Counter[str], int]] = []
            for other in _window(len(text), threshold) if text else ():
                plan = _plan(len(text), other, threshold)
                if plan is not None:
                    occurrences = Counter(_grams(text, plan[0]))
                    mine.append((other, occurrences, sum(occurrences.values()) - plan[1] + 1))
            steps[vocabulary, text] = mine
        sizes = self.state.get_many(
            sorted({_sizes_key(v, other) for (v, _), mine in steps.items() for other, *_ in mine})
        )
        chosen: dict[tuple[str, str], list[str]] = {}
        for (vocabulary, text), mine in steps.items():
            keys: list[str] = []
            for other, occurrences, needed in mine:
                counts = sizes.get(_sizes_key(vocabulary, other), {})
                covered = 0
                for size, gram in sorted((counts.get(g, 0), g) for g in occurrences):
                    if covered >= needed:
                        break
                    if size:
                        keys.append(_gram_key(vocabulary, other, gram))
                        self.capped += size > MAX_STRINGS
                    covered += occurrences[gram]
            chosen[vocabulary, text] = keys
        postings = self.state.get_many(sorted({k for keys in chosen.values() for k in keys}))
        for (vocabulary, text), keys in chosen.items():
            floor = _threshold(vocabulary) - _SLACK
            found = {s for k in keys for s in postings.get(k, ())}
            self._near[vocabulary, text] = _close_to(text, found, floor)

    # -- writing ------------------------------------------------------------------

    def prepare(self, named: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """Read the postings that :meth:`update` of entities so named will change."""
        self.state.get_many(
            sorted({f"b:{k}" for cls, words in named for k in draft_keys(cls, words)})
        )

    def update(
        self,
        entity_id: str,
        old: tuple[str, tuple[str, ...]] | None,
        new: tuple[str, tuple[str, ...], int] | None,
    ) -> None:
        """Move an entity from the keys of its ``old`` (class, words) to those of its
        ``new`` (class, words, mentions); None for an entity created or removed."""
        if old is not None:
            for key in draft_keys(*old):
                self._edit(key, entity_id, None)
        if new is not None:
            for key in draft_keys(new[0], new[1]):
                self._edit(key, entity_id, new[2])

    def _edit(self, key: str, entity_id: str, size: int | None) -> None:
        listed = self.state.get(f"b:{key}") or []
        self._had.setdefault(key, bool(listed))
        entries = [e for e in listed if e[0] != entity_id]
        if size is not None:
            entries.append([entity_id, size])
            entries.sort(key=lambda e: (-e[1], e[0]))
            del entries[MAX_POSTING:]
        if entries:
            self.state.put(f"b:{key}", entries)
        elif listed:
            self.state.delete(f"b:{key}")

    def finish(self) -> None:
        """Bring the fuzzy vocabularies up to date with the postings that appeared or
        emptied since the last :meth:`finish`."""
        changes: list[tuple[str, str, bool]] = []
        for key, had in self._had.items():
            kind, _, rest = key.partition("|")
            if kind == "P":
                vocabulary, text = "P", rest
            elif kind == "F":
                cls, _, text = rest.partition("|")
                vocabulary = f"F|{cls}"
            else:
                continue
            has = bool(self.state.get(f"b:{key}"))
            if has != had:
                changes.append((vocabulary, text, has))
        self._had.clear()
        keys: set[str] = set()
        for vocabulary, text, _ in changes:
            keys.add(_sizes_key(vocabulary, len(text)))
            keys.update(_gram_key(vocabulary, len(text), g) for g in _all_grams(text))
        self.state.get_many(sorted(keys))
        for vocabulary, text, add in changes:
            sizes_key = _sizes_key(vocabulary, len(text))
            sizes = dict(self.state.get(sizes_key) or {})
            for gram in _all_grams(text):
                key = _gram_key(vocabulary, len(text), gram)
                strings = [s for s in self.state.get(key) or () if s != text]
                if add:
                    strings.append(text)
                    del strings[:-MAX_STRINGS]
                sizes[gram] = sizes.get(gram, 0) + (1 if add else -1)
                if sizes[gram] <= 0:
                    del sizes[gram]
                if strings:
                    self.state.put(key, strings)
                else:
                    self.state.delete(key)
            if sizes:
                self.state.put(sizes_key, sizes)
            else:
                self.state.delete(sizes_key)


def _all_grams(text: str) -> set[str]:
    return {g for q in (1, 2) for g in _grams(text, q)}


class BookIndex:
    """What :func:`~newsweave.extract.entities.resolve.match_clusters` asks of an index,
    for the entity book: the stored candidates (:class:`StoredIndex`, as drafts made by
    ``draft_of``) and this run's new or renamed drafts (a :class:`DraftIndex`), in the
    order a run over every draft would score them (stored by id, then new ones as made).
    The run's index is ``capped``: no cluster is scored against every draft of the run."""

    def __init__(self, stored: StoredIndex, draft_of: Callable[[str], EntityDraft]) -> None:
        self.stored = stored
        self._draft_of = draft_of
        self._run = DraftIndex(capped=True)
        self._members: dict[int, EntityDraft] = {}
        self._rank: dict[int, tuple[int, str, int]] = {}

    def candidates(self, cluster: LocalCluster) -> list[EntityDraft]:
        found = {id(d): d for d in map(self._draft_of, self.stored.candidate_ids(cluster))}
        for d in self._run.candidates(cluster) or ():  # capped: never None
            found[id(d)] = d
        return sorted(found.values(), key=self._order)

    def _order(self, draft: EntityDraft) -> tuple[int, str, int]:
        return self._rank.get(id(draft)) or (0, str(draft.id), 0)

    def add(self, draft: EntityDraft) -> None:
        """A new draft (no id yet), after every stored one and those added before."""
        self._rank[id(draft)] = (1, "", len(self._rank))
        self._members[id(draft)] = draft
        self._run.add(draft)

    def moved(self, draft: EntityDraft, old_words: Sequence[str]) -> None:
        """A draft renamed by a fuller name; a stored one stays under its stored keys too
        (an extra candidate is scored and dropped, never chosen wrongly)."""
        if id(draft) in self._members:
            self._run.moved(draft, old_words)
        else:
            self._members[id(draft)] = draft
            self._run.add(draft)
