"""Replicas for the long throughput stream: same-length renaming, and facts derived from
the base article's real analysis that still point at the right characters."""

from __future__ import annotations

import dataclasses

from benchmarks.corpora.replay import (
    ReplayMapper,
    cipher,
    person_words,
    renamer,
    replicas,
    shift_days,
    span_days,
    transform,
)
from benchmarks.corpora.stream import Source, stream
from newsweave.clean import clean_document
from newsweave.extract.analyse import analyse_articles
from newsweave.ingest import record_document
from newsweave.language import detect_language
from newsweave.model import Article, Document, Mention
from tests.conftest import SAMPLES


def test_cipher_keeps_length_and_case_and_is_one_name_in_every_case() -> None:
    assert cipher("Trump", 0) == "Trump"
    renamed = cipher("Trump", 3)
    assert len(renamed) == 5 and renamed[0].isupper() and renamed[1:].islower()
    assert renamed != "Trump"
    assert cipher("trump", 3) == renamed.lower()
    assert cipher("TRUMP", 3) == renamed.upper()
    assert cipher("O'Neil", 2)[1] == "'"
    assert cipher("Trump", 3) != cipher("Trump", 4)


def test_renamer_changes_people_and_some_long_words_never_short_ones() -> None:
    rename = renamer({"kushner"}, 5)
    text = "Jared Kushner met the envoy and KUSHNER said it was not over."
    out = rename(text)
    assert len(out) == len(text)
    assert "Kushner" not in out and "KUSHNER" not in out
    assert cipher("Kushner", 5) in out and cipher("KUSHNER", 5) in out
    for short in ("met", "the", "and", "was", "not", "it"):
        assert f" {short} " in out
    assert renamer({"kushner"}, 0)(text) == text
    # the same word is renamed the same way wherever it stands
    assert rename("envoy; envoy") in {"envoy; envoy", f"{cipher('envoy', 5)}; {cipher('envoy', 5)}"}


def test_shift_days_moves_calendar_days_only() -> None:
    assert shift_days("on 2025-12-30 and 2025-13-40", 3) == "on 2026-01-02 and 2025-13-40"
    assert shift_days("2025-W40 2025-12", 10) == "2025-W40 2025-12"


def test_transform_edits_words_keeps_categories_and_dict_keys() -> None:
    mention = Mention("a1", 0, 5, "Trump", "PERSON", field="text")
    out = transform({"who": [mention], "n": 3, "unit": "usd"}, str.upper, str.title)
    expected = dataclasses.replace(
        mention, article_id="A1", text="TRUMP", label="Person", field="Text"
    )
    assert out == {"who": [expected], "n": 3, "unit": "Usd"}


def _sample_records() -> list[dict[str, str]]:
    """A short stream from the sample articles' prose paragraphs (their scraped chrome
    would be cleaned differently once its words are renamed)."""
    sources = []
    for path in sorted(SAMPLES.iterdir())[:3]:
        paragraphs = path.read_text(encoding="utf-8").split("\n")
        prose = [p.strip() for p in paragraphs if len(p.split()) >= 25]
        sources.append(Source(path.stem, "Talks in Florida go on", "\n".join(prose)))
    return stream(sources, 4, seed=1)


def _article(record: dict[str, str]) -> Article:
    """The article ``newsweave run`` makes of a JSONL record (as the benchmark writes it)."""
    document = record_document(record, "stream.jsonl", 1, "utf-8", record["id"])
    assert isinstance(document, Document)
    (article,) = clean_document(document)
    return dataclasses.replace(article, language=detect_language(article.text))


def test_derived_facts_point_at_the_replica_text_and_carry_its_id() -> None:
    base = _sample_records()
    mapper = ReplayMapper(span_days(base))
    base_articles = [_article(r) for r in base]
    list(mapper(analyse_articles, [base_articles]))
    assert mapper.parsed == len(base)

    def names(record: dict[str, str]) -> set[str]:
        return person_words(mapper.base[record["url"]][1])

    copies = list(replicas(base, len(base), names))
    assert [c["url"] for c in copies] == [f"{r['url']}#r1" for r in base]
    assert all(c["published"] > r["published"] for c, r in zip(copies, base, strict=True))
    articles = [_article(c) for c in copies]
    (derived,) = list(mapper(analyse_articles, [articles]))
    assert (mapper.derived, mapper.mismatched) == (len(copies), 0)
    for article, facts in zip(articles, derived, strict=True):
        assert facts.article_id == article.id
        assert all(m.article_id == article.id for m in facts.mentions)
        assert facts.analysed and facts.mentions
        for m in facts.mentions:
            assert m.label in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
            if m.field == "text":
                assert article.text[m.start : m.end] == m.text
        for q in facts.quotes:
            assert q.article_id == article.id
    people = [m for f in derived for m in f.mentions if m.label == "PERSON"]
    based = {m.text for f in mapper.base.values() for m in f[1].mentions if m.label == "PERSON"}
    assert people and not {m.text for m in people} & based
