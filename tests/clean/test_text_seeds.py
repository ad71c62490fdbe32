"""The plain-text cleaner on the five real seed scrapes in samples/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.clean.text import clean_plain_text
from newsweave.model import Article, Document, sha256_hex

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _clean(name: str) -> list[Article]:
    path = next(SAMPLES.glob(f"{name}_*.txt"))
    raw = path.read_text(encoding="utf-8")
    return clean_plain_text(Document(str(path), raw, "text", "utf-8", sha256_hex(raw)))


def _raw(name: str) -> str:
    return next(SAMPLES.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[Article]]:
    return {name: _clean(name) for name in ("000", "001", "002", "003", "004")}


CHROME = re.compile(
    r"opinion|More coverage|More from|View section|Short Url|^Follow$|min read|views|Details|"
    r"Original url|https?://|<u>|</u>|##",
    re.MULTILINE,
)


def test_six_articles_from_five_files(seeds: dict[str, list[Article]]) -> None:
    assert {name: len(arts) for name, arts in seeds.items()} == {
        "000": 1, "001": 2, "002": 1, "003": 1, "004": 1,
    }  # fmt: skip
    for arts in seeds.values():
        assert [a.part for a in arts] == list(range(len(arts)))
        assert all(a.language is None for a in arts)


EXPECTED = {
    # name, part: headline, published, published_from, agency, dateline, first words, last words
    ("000", 0): (
        "U.S.-Russia Talks on Ukraine Peace Plan Continue in Florida", "2025-12-21", "byline",
        None, None, "Discussions regarding a U.S.-initiated strategy",
        "obtained through borrowing from capital markets.",
    ),
    ("001", 0): (
        "US, Russian officials to meet in Florida for more Ukraine talks", "2025-12-20", "byline",
        None, "WASHINGTON", "WASHINGTON: Negotiators are set to meet",
        "get done this month before the end of the year.”",
    ),
    ("001", 1): (
        "Rubio to visit eastern Europe, bolster ties with pro-Trump leaders", None, None,
        None, "MUNICH", "MUNICH: US Secretary of State Marco Rubio",
        "would welcome more companies taking part in the project.",
    ),
    ("002", 0): (
        None, "2025-12-22", "header", None, None, "White House envoy Steve Witkoff said on Sunday",
        "from Russian representative Dmitriev, the publication notes.",
    ),
    ("003", 0): (
        "Zelenskyy signals progress in war talks, Kremlin downplays breakthrough", "2025-12-22",
        "header", None, None, "Ukrainian President Volodymyr Zelenskyy has said",
        "what can persuade even a stubborn person,\" he said.",
    ),
    ("004", 0): (
        "Russian Envoy Dmitriev to Join Ukraine Talks in Miami", "2025-12-20", "byline", "AFP",
        None, "Russian envoy Kirill Dmitriev said on Saturday he was heading to Miami",
        "a tidal wave of violence and destruction.",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("name", "part"), sorted(EXPECTED))
def test_seed_article_fields(seeds: dict[str, list[Article]], name: str, part: int) -> None:
    headline, published, origin, agency, dateline, first, last = EXPECTED[(name, part)]
    article = seeds[name][part]
    assert article.headline == headline
    assert (article.published, article.published_from) == (published, origin)
    assert article.agency == agency
    assert article.dateline == dateline
    assert article.text.startswith(first)
    assert article.text.endswith(last)
    assert not CHROME.search(article.text)
    assert "\n\n\n" not in article.text
    if headline is not None:
        assert headline not in article.text  # the repeated headline line is gone


def test_second_article_never_inherits_a_date(seeds: dict[str, list[Article]]) -> None:
    second = seeds["001"][1]
    assert second.published is None and second.published_from is None
    assert "ago" not in second.text


def test_outlets_and_url(seeds: dict[str, list[Article]]) -> None:
    moscow = seeds["004"][0]
    assert moscow.url is not None and moscow.url.endswith("-in-miami-a91497")
    assert moscow.outlet == "The Moscow Times"  # its host, named by the shipped outlet table
    unn = seeds["002"][0]
    assert unn.outlet == "UNN"
    assert unn.cited_outlets == ("Politico",)


def test_standfirsts_and_bullets_kept_out_of_text(seeds: dict[str, list[Article]]) -> None:
    first = seeds["000"][0]
    assert first.standfirst is not None and first.standfirst.startswith("Negotiations on a U.S.")
    assert first.standfirst not in first.text
    talks = seeds["001"][0]
    assert talks.standfirst is not None
    assert talks.standfirst.split("\n") == [
        "US negotiators held talks with Ukrainian, European officials on Friday",
        "Putin says Ukraine must abandon NATO ambitions, withdraw from claimed regions",
    ]
    assert "•" not in talks.text
    assert seeds["003"][0].standfirst is not None
    assert seeds["002"][0].standfirst is None  # no headline: the first line is the lede


def test_captions_apart_with_credit(seeds: dict[str, list[Article]]) -> None:
    sputnik = seeds["001"][0].captions
    assert len(sputnik) == 1 and sputnik[0].credit == "Sputnik"
    assert "Sputnik" not in seeds["001"][0].text
    assert seeds["001"][0].agency is None  # a photo credit is not the wire agency
    reuters = seeds["003"][0]
    assert [c.credit for c in reuters.captions] == ["Reuters"]
    assert reuters.agency is None and "/ Reuters" not in reuters.text
    tass = seeds["004"][0].captions
    assert len(tass) == 1 and tass[0].credit is not None and "TASS" in tass[0].credit
    assert "Solovykh" not in seeds["004"][0].text


def test_subheads_stay_in_body_and_are_recorded(seeds: dict[str, list[Article]]) -> None:
    article = seeds["003"][0]
    spans = article.extra["subheads"]
    assert [article.text[s:e] for s, e in spans] == [
        "US plan under discussion",
        "Moscow downplays talks",
    ]
    caps = seeds["001"][0]
    assert [caps.text[s:e] for s, e in caps.extra["subheads"]] == ["PUTIN OFFERING NO COMPROMISE"]


def test_broken_paragraph_joined_and_tags_removed(seeds: dict[str, list[Article]]) -> None:
    text = seeds["004"][0].text
    assert "He added that he may join the talks on Saturday in Miami" in text
    assert "Dmitriev wrote in an X post" in text
    assert "<u>" not in text and "vowed to press ahead" in text


def test_no_seed_is_cut_off(seeds: dict[str, list[Article]]) -> None:
    # Every seed ends on a full sentence; only a scrape cut mid-word is flagged.
    assert not any(a.extra.get("truncated") for arts in seeds.values() for a in arts)


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_offset_map_points_back_to_raw(seeds: dict[str, list[Article]], name: str) -> None:
    raw = _raw(name)
    for article in seeds[name]:
        assert article.document_hash == sha256_hex(raw)
        for seg in article.offsets.segments:
            copied = article.text[seg.clean_start : seg.clean_start + seg.length]
            assert raw[seg.raw_start : seg.raw_start + seg.length] == copied
        covered = set()
        for seg in article.offsets.segments:
            covered.update(range(seg.clean_start, seg.clean_start + seg.length))
        # Only paragraph breaks and joining spaces are inserted; the rest is copied.
        assert {article.text[i] for i in range(len(article.text)) if i not in covered} <= {
            " ",
            "\n",
        }
        for caption in article.captions:
            assert caption.raw_start is not None and caption.raw_end is not None
            assert raw[caption.raw_start : caption.raw_end] == caption.text
