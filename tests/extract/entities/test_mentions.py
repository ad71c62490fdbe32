"""Mentions: exact spans, possessives, roles and label fixes on small texts of our own."""

from __future__ import annotations

import pytest

from newsweave.extract.entities import find_mentions
from newsweave.model import Mention
from newsweave.nlp import english


def _mentions(text: str) -> list[Mention]:
    found = find_mentions(english()(text), "a1")
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.article_id == "a1"
    return found


def _by_text(found: list[Mention], text: str) -> list[Mention]:
    return [m for m in found if m.text == text]


def test_possessives_are_stripped_straight_and_curly() -> None:
    text = (
        "Angela Merkel's government met on Monday. Later, Merkel’s spokesman said "
        "Germany’s position had not changed."
    )
    found = _mentions(text)
    texts = {m.text for m in found}
    assert "Angela Merkel" in texts
    assert "Merkel" in texts
    assert "Germany" in texts
    assert not any(m.text.endswith(("'s", "’s")) for m in found)


def test_premodifier_and_apposition_roles() -> None:
    text = (
        "Finnish envoy Pekka Haavisto arrived in Nairobi on Tuesday. "
        "Amina Mohamed, the Kenyan foreign minister, welcomed him."
    )
    found = _mentions(text)
    (haavisto,) = _by_text(found, "Pekka Haavisto")
    assert haavisto.label == "PERSON"
    assert haavisto.role == "Finnish envoy"
    (mohamed,) = _by_text(found, "Amina Mohamed")
    assert mohamed.role is not None and "foreign minister" in mohamed.role


def test_title_with_of_phrase_is_a_role() -> None:
    text = "British Secretary of State Priya Kaur said the deal was close."
    found = _mentions(text)
    (kaur,) = _by_text(found, "Priya Kaur")
    assert kaur.role is not None and kaur.role.endswith("Secretary of State")
    assert not _by_text(found, "State")  # part of the title, not an organisation


def test_surname_tagged_as_organisation_becomes_a_person() -> None:
    text = (
        "Chancellor Olaf Scholz travelled to Warsaw. Scholz met the Polish president, "
        "and Scholz said later that the talks were useful. Aides to Scholz agreed."
    )
    found = _mentions(text)
    surnames = _by_text(found, "Scholz")
    assert surnames and all(m.label == "PERSON" for m in surnames)


@pytest.mark.parametrize("word", ["Kremlin", "Elysee"])
def test_institution_after_the_is_not_a_person(word: str) -> None:
    text = (
        f"The {word} said on Sunday that the talks would continue. The {word} declined to comment."
    )
    found = _mentions(text)
    assert all(m.label != "PERSON" for m in found if m.text == word)


def test_city_after_in_is_a_place() -> None:
    text = "Mayor Vitali Klitschko spoke to reporters in Kharkiv after the strike."
    found = _mentions(text)
    assert all(m.label != "PERSON" for m in found if m.text == "Kharkiv")


def test_leading_the_is_not_part_of_the_name() -> None:
    found = _mentions("Officials from the European Commission and the United States met.")
    texts = {m.text for m in found}
    assert "European Commission" in texts
    assert "United States" in texts


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Russia said it had captured two villages in Ukraine's Sumy and Donetsk regions.", "Sumy"),
        ("The envoy flew to Bratislava and Vienna.", "Bratislava"),
        ("The envoy visited Odesa and Poland.", "Odesa"),
    ],
)
def test_syntax_shows_a_mislabelled_name_is_a_place(text: str, name: str) -> None:
    """A name modifying "regions" or coordinated with a GPE is a place, whatever the tagger said."""
    assert [m.label for m in _by_text(_mentions(text), name)] == ["GPE"]
