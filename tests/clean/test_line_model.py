from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsweave.clean.html import clean_html, line_candidates
from newsweave.clean.line_model import (
    FEATURES,
    LineBlock,
    LineModel,
    features,
    shipped_model,
)
from newsweave.model import Document, sha256_hex

HTML_DIR = Path(__file__).resolve().parents[1] / "data" / "html"


def _doc(name: str) -> Document:
    raw = (HTML_DIR / name).read_text(encoding="utf-8")
    return Document(name, raw, "html", "utf-8", sha256_hex(raw), {})


def test_features_are_computed_by_hand() -> None:
    lines = ["Home News", "Ministers met in Kyiv on Tuesday to discuss 12 new grain routes."]
    rows = features(lines, [LineBlock("li", 1.0), LineBlock("p", 0.0)])
    menu, body = (dict(zip(FEATURES, row, strict=True)) for row in rows)
    assert menu["log_words"] == pytest.approx(math.log1p(2))
    assert body["log_words"] == pytest.approx(math.log1p(12))
    assert (menu["sentence_end"], body["sentence_end"]) == (0.0, 1.0)
    assert (menu["link_share"], body["link_share"]) == (1.0, 0.0)
    assert (menu["tag_list"], menu["tag_p"], body["tag_p"]) == (1.0, 0.0, 1.0)
    assert (menu["position"], body["position"]) == (0.0, 1.0)
    assert menu["edge"] == body["edge"] == 1.0  # both are an end of the body
    # body: 2 digit characters among 52 word characters; 3 of 12 words capitalised
    assert body["digit_share"] == pytest.approx(2 / 52)
    assert body["capital_share"] == pytest.approx(3 / 12)
    # median of (2, 12) words is 7
    assert menu["log_words_vs_median"] == pytest.approx(math.log(3 / 8))
    assert menu["log_neighbour_words"] == pytest.approx(math.log1p(12))
    assert menu["neighbour_link_share"] == 0.0 and body["neighbour_link_share"] == 1.0


def test_a_line_outside_any_block_has_no_tag() -> None:
    (row,) = features(["Posted by a reader"], [LineBlock(None, 0.0)])
    named = dict(zip(FEATURES, row, strict=True))
    assert named["in_block"] == named["tag_p"] == named["tag_heading"] == 0.0
    assert named["position"] == 0.0 and named["log_neighbour_words"] == 0.0


def test_model_probability_is_the_logistic_of_standardised_features() -> None:
    n = len(FEATURES)
    model = LineModel(
        weights=(2.0,) + (0.0,) * (n - 1),
        bias=-1.0,
        mean=(1.0,) + (0.0,) * (n - 1),
        scale=(0.5,) + (1.0,) * (n - 1),
        threshold=0.5,
    )
    row = [2.0] + [5.0] * (n - 1)
    # z = -1 + 2 * (2 - 1) / 0.5 = 3
    assert model.probability(row) == pytest.approx(1 / (1 + math.exp(-3)))
    assert model.keep([row, [0.0] * n]) == [True, False]  # z = -1 + 2 * (0 - 1) / 0.5 = -5


def test_model_round_trips_and_refuses_other_features() -> None:
    model = shipped_model()
    assert LineModel.from_json(model.to_json()) == model
    stale = {**model.to_json(), "features": ["log_words"]}
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_json(stale)


def test_shipped_model_prefers_a_paragraph_to_a_linked_menu_line() -> None:
    lines = [
        "Negotiators from both sides met again on Friday, officials said, after weeks of talks.",
        "Ministers are expected to sign the agreement before the end of the month.",
        "Sport Weather Podcasts",
    ]
    blocks = [LineBlock("p", 0.0), LineBlock("p", 0.0), LineBlock("li", 1.0)]
    model = shipped_model()
    body, _, menu = (model.probability(row) for row in features(lines, blocks))
    assert body > menu


def test_learned_lines_clean_a_real_page_like_the_rules() -> None:
    doc = _doc("news_page.html")
    lines, rows = line_candidates(doc)
    assert len(lines) == len(rows) and all(len(r) == len(FEATURES) for r in rows)
    (learned,) = clean_html(doc, "model")
    (rules,) = clean_html(doc, "rules")
    assert learned.text.startswith("ISTANBUL (Reuters) - Negotiators")
    assert learned.headline == rules.headline
    # every paragraph of the rules' body is in the model's body
    assert all(p in learned.text for p in rules.text.split("\n\n"))
    # provenance holds: every copied segment is the raw page's own characters
    assert learned.offsets.segments
    for seg in learned.offsets.segments:
        copied = learned.text[seg.clean_start : seg.clean_start + seg.length]
        assert doc.raw[seg.raw_start : seg.raw_start + seg.length] == copied
