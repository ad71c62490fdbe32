"""Entity resolution across articles: variants merge, namesakes stay apart, ids are stable."""

from __future__ import annotations

from newsweave.extract.entities import entity_for_span, find_mentions, resolve_entities
from newsweave.extract.entities.names import name_key, strip_possessive
from newsweave.model import Entity, Mention
from newsweave.nlp import english

ARTICLES = {
    "kyiv-post": (
        "Ukrainian President Volodymyr Zelenskyy met European leaders in Brussels on "
        "Thursday. Zelenskyy said the aid package would arrive before winter."
    ),
    "wire": (
        "Volodymyr Zelensky told reporters in Kyiv that talks with Washington were "
        "constructive. Zelensky added that a deal was not yet ready."
    ),
    "daily": (
        "In an interview, Volodymyr Zelenskiy thanked the European Union for its support. "
        "Zelenskiy also spoke with Polish President Andrzej Duda."
    ),
    "bush-1": (
        "Former president George Bush and his brother Jeb Bush attended the ceremony in "
        "Houston. Later, Bush told the crowd that his brother would run again."
    ),
    "bush-2": (
        "Jeb Bush, the former governor of Florida, announced a book tour in Miami. "
        "Bush said the first stop would be Tampa."
    ),
    "bush-3": (
        "George Bush, the former president, opened a library in Dallas. "
        "Bush said the library would hold his papers."
    ),
}


def _mentions(articles: dict[str, str]) -> dict[str, list[Mention]]:
    nlp = english()
    return {a: find_mentions(nlp(text), a) for a, text in articles.items()}


def _people(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities if e.type == "PERSON"}


def test_transliteration_variants_are_one_person() -> None:
    entities = resolve_entities(_mentions(ARTICLES))
    zel = [e for e in entities if "zelensky" in name_key(e.name)]
    assert len(zel) == 1
    (person,) = zel
    assert {m.article_id for m in person.mentions} == {"kyiv-post", "wire", "daily"}
    assert person.name.startswith("Volodymyr ")
    assert {"Zelensky", "Volodymyr Zelenskiy"} <= set(person.aliases) | {person.name}
    assert any("President" in r for r in person.roles)


def test_people_sharing_a_surname_stay_apart() -> None:
    entities = resolve_entities(_mentions(ARTICLES))
    people = _people(entities)
    george, jeb = people["George Bush"], people["Jeb Bush"]
    assert george.id != jeb.id
    # A bare "Bush" in an article naming only one of them goes to that one.
    assert any(m.article_id == "bush-2" and m.text == "Bush" for m in jeb.mentions)
    assert any(m.article_id == "bush-3" and m.text == "Bush" for m in george.mentions)
    assert not any(m.article_id == "bush-3" for m in jeb.mentions)
    assert not any(m.article_id == "bush-2" for m in george.mentions)


def test_surname_refers_back_to_the_full_name_within_an_article() -> None:
    text = (
        "Mr. Tomas Novak, a Czech diplomat, arrived in Vienna. Novak said the meeting "
        "was useful, and Mr. Novak promised a statement."
    )
    entities = resolve_entities(_mentions({"a": text}))
    (novak,) = [e for e in entities if "novak" in name_key(e.name)]
    assert novak.name == "Tomas Novak"
    assert len(novak.mentions) == 3


def test_places_and_acronyms_merge() -> None:
    entities = resolve_entities(_mentions(ARTICLES))
    eu = [e for e in entities if e.name == "European Union"]
    assert len(eu) == 1
    text = "The European Union and the United States agreed. The EU will pay, the US said."
    merged = resolve_entities(_mentions({"x": text}))
    names = {e.name: e for e in merged}
    assert {m.text for m in names["European Union"].mentions} == {"European Union", "EU"}
    assert {m.text for m in names["United States"].mentions} == {"United States", "US"}


def test_incremental_resolution_keeps_ids() -> None:
    first = resolve_entities(_mentions({k: ARTICLES[k] for k in ("kyiv-post", "bush-2")}))
    ids = {e.name: e.id for e in first}
    more = resolve_entities(_mentions({k: ARTICLES[k] for k in ("wire", "bush-3")}), existing=first)
    zel = [e for e in more if "zelensky" in name_key(e.name)]
    assert len(zel) == 1 and zel[0].id == ids["Volodymyr Zelenskyy"]
    assert {m.article_id for m in zel[0].mentions} == {"kyiv-post", "wire"}
    people = _people(more)
    assert people["Jeb Bush"].id == ids["Jeb Bush"]
    assert people["George Bush"].id != ids["Jeb Bush"]
    assert len({e.id for e in more}) == len(more)


def test_entity_ids_are_derived_from_type_and_name() -> None:
    entities = resolve_entities(_mentions({"bush-1": ARTICLES["bush-1"]}))
    ids = {e.name: e.id for e in entities}
    assert ids["George Bush"] == "person-george-bush"
    assert ids["Jeb Bush"] == "person-jeb-bush"


def test_entity_for_span_finds_the_speaker_entity() -> None:
    mentions = _mentions({"wire": ARTICLES["wire"]})
    entities = resolve_entities(mentions)
    start = ARTICLES["wire"].index("Zelensky added")
    found = entity_for_span(entities, "wire", start, start + len("Zelensky"))
    assert found is not None and found.type == "PERSON"


def test_strip_possessive() -> None:
    assert strip_possessive("Trump's") == "Trump"
    assert strip_possessive("Russia’s") == "Russia"
    assert strip_possessive("the United States'") == "the United States"
    assert strip_possessive("Paris") == "Paris"


def test_surname_tagged_norp_joins_the_person_named_elsewhere() -> None:
    """A caption's "Putin's" tagged NORP is the person the other articles name in full."""
    mentions = {
        "a": [
            Mention("a", 0, 14, "Vladimir Putin", "PERSON"),
            Mention("a", 30, 35, "Putin", "PERSON"),
        ],
        "b": [Mention("b", 0, 5, "Putin", "NORP", field="caption", index=0)],
    }
    people = _people(resolve_entities(mentions))
    assert {m.article_id for m in people["Vladimir Putin"].mentions} == {"a", "b"}


def test_places_carry_no_roles() -> None:
    """A role on a place is a misparse ("Kyiv, a prospect"); people keep theirs."""
    mentions = {
        "a": [
            Mention("a", 0, 4, "Kyiv", "GPE", role="prospect"),
            Mention("a", 10, 24, "Rustem Umerov", "PERSON", role="top negotiator"),
        ]
    }
    found = {e.name: e for e in resolve_entities(mentions)}
    assert found["Kyiv"].roles == () and found["Rustem Umerov"].roles == ("top negotiator",)
