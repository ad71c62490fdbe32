"""The stand-ins for spaCy's attribute ruler and lemmatizer give every token exactly
what the originals give."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
import spacy
from spacy.attrs import (  # type: ignore[import-not-found]  # compiled, no stubs
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    ORTH,
    POS,
    TAG,
)
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from newsweave import fastpipes, nlp

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]

TEXTS = [
    "The Senate voted 52-48 on Tuesday to confirm her, officials said. It was the first "
    "such vote since 2019, and they didn't expect another.",
    "I ain't gonna do it, y'all. Let's go. C'mon! Gotta run. Nothin' doin' 'em, ol' "
    "somethin' 'nuff.",
    "There is a cat. There's two. Those were the days; that that is, is. An apple a day.",
    "He gets it; she got it. I'd have known. You'd do. It does, I did, we had had enough.",
    "  \n\n  Line one.\n\n\nLine two  with   spaces. ",
    "Something, anyone, nobody and everybody: none of them ca n't , wo n't or sha n't.",
    "“We will not back down,” Mr. Smith told reporters in Kyiv, according to Reuters.",
    "",
]


def _ruler(pipe: Language) -> AttributeRuler:
    ruler = pipe.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return ruler


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    original = spacy.load(nlp.MODEL)
    return original, fastpipes.install(spacy.load(nlp.MODEL))


def test_the_shared_pipeline_uses_the_stand_ins() -> None:
    kinds = {name: type(pipe) for name, pipe in nlp.english().pipeline}
    assert kinds["attribute_ruler"] is fastpipes.ExactAttributeRuler
    assert kinds["lemmatizer"] is fastpipes.ExactLemmatizer


def test_every_token_gets_what_the_original_components_give(
    pipelines: tuple[Language, Language],
) -> None:
    original, fast = pipelines
    for text in TEXTS * 2:  # the second round reads the stand-ins' memos
        a, b = original(text), fast(text)
        assert numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), text
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_later_rules_win_and_multi_token_rules_set_their_index(
    pipelines: tuple[Language, Language],
) -> None:
    original, fast = pipelines
    rules: list[dict[str, Any]] = [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
        {"patterns": [[{"LOWER": "na"}]], "attrs": {"LEMMA": "NA"}},
        {"patterns": [[{"TAG": {"IN": ["NN", "NNS"]}}]], "attrs": {"LEMMA": "noun"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "cat"}]], "attrs": {"LEMMA": "feline"}},
        {"patterns": [[{"LOWER": {"REGEX": "^d.g$"}}]], "attrs": {"POS": "X"}},
    ]
    for pipe in (original, fast):
        _ruler(pipe).add_patterns(rules)
    try:
        for text in ("I'm gonna pet the cat and the dogs, not the dig.", TEXTS[1]):
            a, b = original(text), fast(text)
            assert numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), text
        assert [t.lemma_ for t in fast("gonna see the cat")] == ["go", "NA", "see", "the", "feline"]
    finally:
        for pipe in (original, fast):
            ruler = _ruler(pipe)
            kept = ruler.patterns[: -len(rules)]
            ruler.clear()
            ruler.add_patterns(kept)


def test_a_rule_it_cannot_compile_falls_back_to_spacy(
    pipelines: tuple[Language, Language],
) -> None:
    _, fast = pipelines
    ruler = _ruler(fast)
    ruler.add([[{"LOWER": "cat", "OP": "+"}]], {"LEMMA": "cats"})
    try:
        assert isinstance(ruler, fastpipes.ExactAttributeRuler)
        assert ruler._compile() is None
        assert [t.lemma_ for t in fast("the cat")] == ["the", "cats"]
    finally:
        kept = ruler.patterns[:-1]
        ruler.clear()
        ruler.add_patterns(kept)
    assert ruler._compile() is not None
