"""Which sources outlets rely on, and who claims are attributed to."""

from __future__ import annotations

from newsweave.compare.sources import attribution_of, find_sources, quotes_by_speaker
from newsweave.model import Quote
from newsweave.nlp import parse
from tests.compare.texts import article

TEXT = (
    "The minister resigned on Monday, according to the Interfax news agency. "
    "A senior official told Reuters that talks had stalled. "
    "The ceasefire is holding, state media reported. "
    "Talks will resume next week, the agency said."
)


def test_agencies_wires_and_the_media_are_found_with_exact_spans() -> None:
    a = article("Daily Example", TEXT)
    [doc] = parse([TEXT])
    uses = find_sources(a, doc, "Daily Example")
    names = [u.source for u in uses]
    assert "Reuters" in names
    assert any("Interfax" in n for n in names)
    assert "state media" in names
    # "the agency said" refers back to the agency named before it.
    assert names.count(next(n for n in names if "Interfax" in n)) == 2
    for u in uses:
        assert TEXT[u.span.start : u.span.end]
        assert u.source.split()[-1] in TEXT[u.span.start : u.span.end] or u.cue == "say"


def test_a_claim_is_attributed_to_the_subject_of_its_speech_verb() -> None:
    [doc] = parse(["Officials in Kyiv said the bridge was hit twice."])
    assert attribution_of(doc[:]) == "Officials"


def test_quotes_are_grouped_by_speaker_then_outlet() -> None:
    quotes = [
        Quote("a1", 0, 5, "hello", "direct", speaker="Ann Lee"),
        Quote("a2", 0, 5, "hello", "direct", speaker="Ann Lee"),
        Quote("a2", 9, 12, "bye", "direct", speaker=None),
    ]
    table = quotes_by_speaker(quotes, {"a1": "One", "a2": "Two"})
    assert {o: len(q) for o, q in table["Ann Lee"].items()} == {"One": 1, "Two": 1}
    assert list(table["(unattributed)"]) == ["Two"]
