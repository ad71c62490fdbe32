"""Framing terms found from the texts: different words in the same slot, and stated renamings."""

from __future__ import annotations

from newsweave.compare.framing import by_outlet, framing_groups, phrases, renamings
from newsweave.nlp import parse

TEXTS = {
    "North Daily": "The talks aim to end the blockade. Diplomats want to end the blockade soon.",
    "South Courier": "The talks aim to end the siege. Aid groups want to end the siege quickly.",
    "East Wire": "The general ordered a quarantine of the town, describing it as a safety cordon.",
}


def _groups() -> list[tuple[str, dict[str, list[str]], list[tuple[str, str]]]]:
    found, renamed = [], []
    for (outlet, _text), doc in zip(TEXTS.items(), parse(list(TEXTS.values())), strict=True):
        ps = phrases(doc, outlet.lower(), outlet)
        found += ps
        for thing, name in renamings(doc):
            a = [p for p in ps if thing.start_char <= p.span.start and p.span.end <= thing.end_char]
            b = [p for p in ps if name.start_char <= p.span.start and p.span.end <= name.end_char]
            renamed.append((a[0], b[0]))
    return [(g.label, by_outlet(g), g.renamed) for g in framing_groups(found, renamed)]


def test_terms_filling_the_same_verb_slot_in_different_outlets_are_grouped() -> None:
    groups = _groups()
    siege = [outlets for _, outlets, _ in groups if "blockade" in outlets.get("North Daily", [])]
    assert siege, groups
    assert siege[0]["North Daily"] == ["blockade"]
    assert siege[0]["South Courier"] == ["siege"]


def test_a_stated_renaming_links_two_names() -> None:
    doc = next(iter(parse([TEXTS["East Wire"]])))
    [(thing, name)] = renamings(doc)
    assert "quarantine" in thing.text and "safety cordon" in name.text


def test_words_no_other_outlet_shares_a_slot_with_are_not_framing() -> None:
    labels = {label for label, _, _ in _groups()}
    assert "general" not in labels and "city" not in labels
