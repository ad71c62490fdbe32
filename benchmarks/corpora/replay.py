"""A stream of 100,000 articles whose analysis costs what 2,000 parses cost.

Why: the whole pipeline's floor is the spaCy parse, about 0.1 s an article here, so a
100,000-article stream parsed for real is about three hours on both cores, more than a
working session has. What grows with the store is not the parse (a constant cost per
article, measured on the real stream) but the cross-article stages around it: copies,
stories, entities, events, comparisons, the saved states. This module feeds those
stages a long stream at their own cost:

- ``replicas`` turns a real stream of ``n_base`` articles into ``n`` records: replica
  ``r`` of each base article is the same text with every person's name, and two in five
  other words, replaced by invented words of the same length (the same in every article
  of replica ``r``, so a replica story has people of its own and the entity book grows
  as in a real stream),
  published ``r`` spans of the base stream later, so replicas are later stories, not
  copies of earlier ones;
- ``ReplayMapper`` stands where the parse workers stand (the extract stage's batch
  mapper): base articles are analysed for real, and a replica's facts are its base's,
  with the same renaming (every span is unchanged, the words being of equal length),
  the replica's id, and its dates moved by the same shift. A replica whose cleaned
  text is not its base's renamed text is analysed for real, and counted.

Everything after the extract stage, and ingest, cleaning and dedupe before it, run for
real on every replica. The benchmark reports the parsed and derived counts.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from newsweave.model import Article, ArticleFacts

#: A replica's url: its base's with ``#rN`` appended.
_REPLICA = re.compile(r"#r(\d+)$")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def cipher(word: str, replica: int) -> str:
    """An invented name of the same length and case pattern, fixed for (word, replica).

    Letters move by amounts that depend on the replica and the lower-cased letter's
    position, so "Trump", "TRUMP" and "trump" stay one name in every form the facts
    keep (as written, upper-cased, case-folded)."""
    if replica == 0:
        return word
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        if "a" <= low <= "z":
            shifted = chr((ord(low) - 97 + 3 * replica + 7 * i + 1) % 26 + 97)
            out.append(shifted.upper() if ch.isupper() else shifted)
        else:
            out.append(ch)
    return "".join(out)


def person_words(facts: ArticleFacts) -> set[str]:
    """The words of the names the analysis found as people (three letters or more)."""
    return {
        w.casefold() for m in facts.mentions if m.label == "PERSON" for w in _WORD.findall(m.text)
    }


def renamer(people: Iterable[str], replica: int) -> Callable[[str], str]:
    """A function renaming, in any case, the whole words of ``people`` and two in five of
    the other words of four letters or more (chosen by the word and the replica).

    Renaming people alone would leave a replica a near copy of its base, linked as a
    copy and merged into its story; with two in five words changed, replicas share few
    word shingles and are stories of their own, while the short function words that make
    the text English stay."""
    if replica == 0:
        return lambda text: text
    names = {w.casefold() for w in people}

    def rename(m: re.Match[str]) -> str:
        word = m.group(0)
        key = word.casefold()
        if key in names or (len(key) >= 4 and zlib.crc32(f"{key}:{replica}".encode()) % 5 < 2):
            return cipher(word, replica)
        return word

    return lambda text: _WORD.sub(rename, text)


def shift_days(text: str, days: int) -> str:
    """``text`` with every ISO calendar day in it moved by ``days``."""
    if not days:
        return text

    def move(m: re.Match[str]) -> str:
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return m.group(0)
        return (day + timedelta(days=days)).isoformat()

    return _ISO_DAY.sub(move, text)


#: Days beyond the base stream's span between replicas: more than the clusterer's time
#: window (60 days), or a replica would join its base's story through the numbers and
#: years the two share.
GAP_DAYS = 61


def span_days(base: Sequence[dict[str, str]]) -> int:
    """Days between replicas: the base stream's span and ``GAP_DAYS``."""
    days = [datetime.fromisoformat(r["published"]) for r in base]
    return (max(days) - min(days)).days + GAP_DAYS


def replicas(
    base: Sequence[dict[str, str]], count: int, names: Callable[[dict[str, str]], set[str]]
) -> Iterator[dict[str, str]]:
    """``count`` records after ``base``: its replicas 1, 2, … in publication order, made
    one at a time (a 100,000-record stream is never held in memory).

    ``names(record)`` gives the person words of a base record (from its real analysis)."""
    span = span_days(base)
    made = 0
    replica = 0
    while made < count:
        replica += 1
        for record in base:
            if made >= count:
                return
            rename = renamer(names(record), replica)
            published = datetime.fromisoformat(record["published"]) + timedelta(days=span * replica)
            made += 1
            yield {
                **record,
                "id": f"{record['id']}r{replica}",
                "title": rename(record["title"]),
                "text": rename(record["text"]),
                "published": published.isoformat(timespec="minutes"),
                "url": f"{record['url']}#r{replica}",
            }


#: Fields whose values are categories or normalised values, not words of the text
#: (labels, kinds, precisions, dates): only ids and dates change in them.
CATEGORIES = frozenset(
    {
        "field",
        "label",
        "kind",
        "precision",
        "tense",
        "type",
        "mod",
        "value",
        "anchor",
        "dates",
        "unit",
        "outlet",
    }
)


def transform(
    value: Any, edit: Callable[[str], str], plain: Callable[[str], str], name: str = ""
) -> Any:
    """``value`` with ``edit`` applied to every string in it (dataclasses, lists, tuples,
    dicts), and ``plain`` instead to the strings of a field or key in ``CATEGORIES``.
    Dict keys name fields: they are kept."""
    if isinstance(value, str):
        return plain(value) if name in CATEGORIES else edit(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: transform(getattr(value, f.name), edit, plain, f.name)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [transform(v, edit, plain, name) for v in value]
    if isinstance(value, tuple):
        return tuple(transform(v, edit, plain, name) for v in value)
    if isinstance(value, dict):
        return {k: transform(v, edit, plain, k) for k, v in value.items()}
    return value


class ReplayMapper:
    """The extract stage's batch mapper for a replicated stream (see the module doc).

    ``days_per_replica`` must be the shift ``replicas`` used (``span_days``)."""

    def __init__(self, days_per_replica: int) -> None:
        self.days_per_replica = days_per_replica
        self.base: dict[str, tuple[Article, ArticleFacts]] = {}
        self.parsed = 0
        self.derived = 0
        self.mismatched = 0

    def __call__(
        self, fn: Callable[[Sequence[Article]], list[ArticleFacts]], batches: Iterable[Any], /
    ) -> Iterator[list[ArticleFacts]]:
        for batch in batches:
            found: dict[str, ArticleFacts] = {}
            real: list[Article] = []
            for article in batch:
                derived = self._derive(article)
                if derived is None:
                    real.append(article)
                else:
                    found[article.id] = derived
            for article, facts in zip(real, fn(real) if real else [], strict=True):
                found[article.id] = facts
                self.parsed += 1
                if article.url and not _REPLICA.search(article.url):
                    self.base[article.url] = (article, facts)
            self.derived += len(batch) - len(real)
            yield [found[a.id] for a in batch]

    def _derive(self, article: Article) -> ArticleFacts | None:
        match = _REPLICA.search(article.url or "")
        if match is None or article.url is None:
            return None
        pair = self.base.get(article.url[: match.start()])
        if pair is None:
            return None
        base, facts = pair
        replica = int(match.group(1))
        rename = renamer(person_words(facts), replica)
        if rename(base.text) != article.text:
            self.mismatched += 1
            return None
        days = self.days_per_replica * replica

        def plain(text: str) -> str:
            return shift_days(text.replace(base.id, article.id), days)

        def edit(text: str) -> str:
            return rename(plain(text))

        derived: ArticleFacts = transform(facts, edit, plain)
        return dataclasses.replace(derived, article_id=article.id)
