"""Direct quotes of the sample corpus, found and attributed as labelled by hand.

Why: the sample articles hold the phenomena the extractor exists for (pronoun
speakers, "the publication says", quotes carried over from the paragraph
before), and the issue's bar is 90% of direct quotes found and 85% with the
right speaker. The articles go through the real reader and cleaner first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.clean import clean_document
from newsweave.extract.quotes import extract_quotes
from newsweave.ingest import iter_documents
from newsweave.model import Article, Document, Quote
from newsweave.nlp import parse

ROOT = Path(__file__).resolve().parents[3]
LABELS = Path(__file__).resolve().parent / "data" / "sample_quotes.json"


@pytest.fixture(scope="module")
def extracted() -> dict[tuple[str, int], tuple[Article, list[Quote]]]:
    articles = [
        art
        for doc in iter_documents([str(ROOT / "samples")])
        if isinstance(doc, Document)
        for art in clean_document(doc)
    ]
    out = {}
    for art, parsed in zip(articles, parse(a.text for a in articles), strict=True):
        key = (Path(art.source).name[:3], art.part)
        out[key] = (art, extract_quotes(parsed, art.id, outlet_aliases=art.cited_outlets))
    return out


def _same_speaker(found: str | None, expected: str) -> bool:
    return found is not None and found.split()[-1].lower() == expected.split()[-1].lower()


def test_sample_direct_quotes_found_with_their_speakers(
    extracted: dict[tuple[str, int], tuple[Article, list[Quote]]],
) -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["quotes"]
    found = right = 0
    misses = []
    for label in labels:
        art, quotes = extracted[(label["source"], label["part"])]
        pos = art.text.find(label["snippet"])
        assert pos >= 0, label["snippet"]
        hit = [q for q in quotes if q.kind != "indirect" and q.start <= pos < q.end]
        if hit:
            found += 1
            right += _same_speaker(hit[0].speaker, label["speaker"])
            if not _same_speaker(hit[0].speaker, label["speaker"]):
                misses.append((label["snippet"], hit[0].speaker, label["speaker"]))
        else:
            misses.append((label["snippet"], None, label["speaker"]))
    print(
        f"sample direct quotes: found {found}/{len(labels)}, right speaker {right}/{len(labels)}",
        misses,
    )
    assert found / len(labels) >= 0.90, misses
    assert right / len(labels) >= 0.85, misses


def test_every_sample_quote_slices_its_article(
    extracted: dict[tuple[str, int], tuple[Article, list[Quote]]],
) -> None:
    for art, quotes in extracted.values():
        for q in quotes:
            assert art.text[q.start : q.end] == q.text
            if q.speaker_start is not None and q.speaker_end is not None:
                assert q.speaker_start < q.speaker_end <= len(art.text)


def test_scare_quotes_and_titles_in_samples_are_not_quotes(
    extracted: dict[tuple[str, int], tuple[Article, list[Quote]]],
) -> None:
    texts = [q.text for _, quotes in extracted.values() for q in quotes]
    assert not any(t.startswith("special military operation") for t in texts)
    assert not any(t.startswith("Meet the Press") for t in texts)
