"""The synthetic stream the throughput benchmark runs on, grown from the sample articles."""

from __future__ import annotations

import re
from collections import Counter

from benchmarks.corpora.stream import Source, stream
from tests.conftest import SAMPLES


def _sources() -> list[Source]:
    out = []
    for path in sorted(SAMPLES.iterdir()):
        headline, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        out.append(Source(path.stem, headline, body.strip()))
    return out


def test_a_stream_has_exactly_n_records_and_is_the_same_for_a_seed() -> None:
    first = list(stream(_sources(), 120, seed=3))
    assert len(first) == 120
    assert first == list(stream(_sources(), 120, seed=3))
    assert first != list(stream(_sources(), 120, seed=4))
    assert {"id", "title", "text", "published", "outlet", "url"} <= set(first[0])
    assert len({r["id"] for r in first}) == 120


def test_stories_grow_over_days_with_copies_and_renamed_people() -> None:
    records = list(stream(_sources(), 300, seed=3))
    by_story = Counter(r["id"].split("-")[0] for r in records)
    assert max(by_story.values()) > 3 and len(by_story) > 30
    texts = Counter(r["text"] for r in records)
    assert any(n > 1 for n in texts.values()), "no wire copy in 300 articles"
    source_words = set(re.findall(r"[A-Z][a-z]+", " ".join(s.text for s in _sources())))
    streamed = Counter(w for r in records for w in set(re.findall(r"[A-Z][a-z]+", r["text"])))
    invented = {w for w in streamed if w not in source_words}
    # Each story renames its most named people with names of its own.
    assert len(invented) > 20 and all(streamed[w] < 60 for w in invented)
    lengths = sorted(len(r["text"].split()) for r in records)
    assert lengths[len(lengths) // 10] < lengths[len(lengths) // 2] < lengths[-1]
