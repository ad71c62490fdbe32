"""Quote extraction on small texts written for the purpose, with the real spaCy model.

Why real texts and the real model: attribution depends on the parse (who is
the subject of "said", what a pronoun points back to), so a mocked parse would
test nothing. Every test checks that spans slice the text exactly.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsweave.extract.quotes import extract_quotes, find_quoted_spans
from newsweave.model import Quote
from newsweave.nlp import english


@pytest.fixture(scope="module")
def nlp() -> Language:
    return english()


def run(nlp: Language, text: str, aliases: tuple[str, ...] = ()) -> list[Quote]:
    quotes = extract_quotes(nlp(text), "a1", outlet_aliases=aliases)
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.article_id == "a1"
    return quotes


def only(quotes: list[Quote], start_words: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(start_words)]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


def test_curly_quote_with_named_speaker_after(nlp: Language) -> None:
    text = "The mayor spoke on Monday.\n\n“We will rebuild the bridge by spring,” Maria Lopez said."
    q = only(run(nlp, text), "We will rebuild")
    assert q.kind == "direct"
    assert q.speaker == "Maria Lopez"
    assert q.cue == "said"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == "Maria Lopez"


def test_straight_marks_and_speaker_before_colon(nlp: Language) -> None:
    text = (
        'Finance minister Peter Hall told reporters: "The budget is balanced for the first time."'
    )
    q = only(run(nlp, text), "The budget")
    assert q.kind == "direct"
    assert q.speaker == "Peter Hall"
    assert q.cue == "told"


def test_pronoun_speaker_resolves_to_full_name_and_surname_expands(nlp: Language) -> None:
    text = (
        "Senator Anna Berg visited the flooded valley on Tuesday.\n\n"
        "Berg met farmers near the river.\n\n"
        '"Nobody here will be left alone," she added.'
    )
    q = only(run(nlp, text), "Nobody here")
    assert q.speaker == "Anna Berg"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == "she"
    assert q.cue == "added"


def test_split_quote_is_one_quote_from_first_to_last_words(nlp: Language) -> None:
    text = "“The plan is ready,” Tom Reed said, “but the money is not there yet.”"
    quotes = [q for q in run(nlp, text) if q.kind != "indirect"]
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct"
    assert q.text.startswith("The plan is ready")
    assert q.text.endswith("not there yet.")
    assert q.speaker == "Tom Reed"


def test_quote_running_over_two_paragraphs(nlp: Language) -> None:
    text = (
        "Engineer Laura Stone described the night of the storm.\n\n"
        "“The water came in faster than any of us expected. We had minutes, not hours.\n\n"
        "“By morning the whole ground floor was gone,” Stone said."
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.startswith("The water came in")
    assert q.text.endswith("was gone")
    assert q.speaker == "Laura Stone"


def test_partial_quote_inside_a_sentence(nlp: Language) -> None:
    text = (
        "Union leader Sam Ortiz said the talks with the company were "
        '"productive and constructive," but no deal was signed.'
    )
    quotes = run(nlp, text)
    q = only([q for q in quotes if q.kind == "partial"], "the talks")
    assert "productive and constructive" in q.text
    assert q.speaker == "Sam Ortiz"


def test_scare_quotes_and_titles_are_not_quotes(nlp: Language) -> None:
    text = (
        'The general ordered what he called a "limited operation" in the north.\n\n'
        'The minister spoke about it on the talk show "Good Morning Nation" yesterday, '
        "and critics called the plan a “gamble”."
    )
    assert all(q.kind == "indirect" for q in run(nlp, text))


def test_publication_notes_gives_the_cited_outlet(nlp: Language) -> None:
    text = (
        "The Daily Ledger reports that the factory will close.\n\n"
        '"The decision was taken months ago," the publication notes.'
    )
    q = only(run(nlp, text, ("The Daily Ledger",)), "The decision")
    assert q.speaker == "The Daily Ledger"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == "the publication"


def test_publication_without_aliases_finds_the_outlet_named_in_text(nlp: Language) -> None:
    text = (
        "According to Reuters, the factory will close in March.\n\n"
        '"The decision was taken months ago," the agency writes.'
    )
    q = only(run(nlp, text), "The decision")
    assert q.speaker == "Reuters"


def test_according_to_names_the_speaker(nlp: Language) -> None:
    text = "“Prices will fall by summer,” according to economist Julia Park."
    q = only(run(nlp, text), "Prices will fall")
    assert q.speaker is not None and q.speaker.endswith("Julia Park")
    assert q.cue == "according to"


def test_guillemets(nlp: Language) -> None:
    text = "« We are not leaving the table », negotiator Pierre Martin said on Friday."
    q = only(run(nlp, text), "We are not leaving")
    assert q.text == "We are not leaving the table"
    assert q.speaker == "Pierre Martin"


def test_indirect_speech_with_that_and_told(nlp: Language) -> None:
    text = (
        "Health official Mark Chen said that the new clinic would open in June. "
        "Chen told reporters the waiting lists had doubled since last year."
    )
    quotes = [q for q in run(nlp, text) if q.kind == "indirect"]
    texts = [q.text for q in quotes]
    assert "the new clinic would open in June" in texts
    assert "the waiting lists had doubled since last year" in texts
    assert all(q.speaker == "Mark Chen" for q in quotes)


def test_quote_without_cue_takes_previous_speaker_in_paragraph(nlp: Language) -> None:
    text = "“We lost everything,” farmer Ivan Petrov said. “Now we start again.”"
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].text.endswith("Now we start again.")
    assert quotes[0].speaker == "Ivan Petrov"


def test_media_as_speaker(nlp: Language) -> None:
    text = 'The minister said the army "will not retreat an inch," local media reported.'
    quotes = [q for q in run(nlp, text) if q.kind != "indirect"]
    assert quotes and quotes[0].speaker in ("local media", "minister")


def test_marks_scanner_pairs_misused_curly_marks() -> None:
    text = '"The basic block is ready,” she said.'
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["The basic block is ready"]


def test_apostrophe_pairs_are_double_marks() -> None:
    text = "''It draws people in,'' he said. The Clintons' house is big."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["It draws people in"]


def test_straight_marks_over_two_paragraphs_with_pronoun_after(nlp: Language) -> None:
    text = (
        "Farm leader Rosa Diaz spoke after the harvest.\n\n"
        '"The rain came too late for the wheat. Half the fields are lost.\n\n'
        '"We will ask the province for help next week," she said.'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("The rain came too late")
    assert quotes[0].text.endswith("help next week")
    assert quotes[0].speaker == "Rosa Diaz"


def test_he_said_in_an_interview_after_named_speaker_in_previous_sentence(
    nlp: Language,
) -> None:
    text = (
        "Energy minister Karl Weber defended the new tariff on Sunday. "
        '"Nobody will pay more this winter," he said in a Sunday interview.'
    )
    q = only(run(nlp, text), "Nobody will pay")
    assert q.kind == "direct"
    assert q.speaker == "Karl Weber"
    assert q.cue == "said"


def test_quote_after_a_speaker_sentence_with_colon(nlp: Language) -> None:
    text = (
        "Coach Dana White was blunt after the match.\n\n"
        "She said: “We played badly and we deserved to lose.”"
    )
    q = only(run(nlp, text), "We played badly")
    assert q.kind == "direct"
    assert q.speaker == "Dana White"


def test_indirect_speech_kind_and_speaker_span(nlp: Language) -> None:
    text = "Police chief Omar Haddad said that the road would reopen on Thursday morning."
    q = only(run(nlp, text), "the road would reopen")
    assert q.kind == "indirect"
    assert q.speaker == "Omar Haddad"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == "Omar Haddad"


def test_partial_quote_extends_to_the_reported_clause_only(nlp: Language) -> None:
    text = (
        'Mayor Ann Cole told reporters on Monday that the new budget was "a disaster for families".'
    )
    q = only([q for q in run(nlp, text) if q.kind == "partial"], "the new budget")
    assert q.text.endswith("a disaster for families")
    assert q.speaker == "Ann Cole"


def test_two_quotes_with_two_speech_clauses_stay_apart(nlp: Language) -> None:
    text = '"That never happened," Bob Hale said. Then he asked, "Was I going to stay alone?"'
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["That never happened", "Was I going to stay alone?"]
    assert all(q.speaker == "Bob Hale" for q in quotes)
    assert [q.cue for q in quotes] == ["said", "asked"]


def test_bare_continued_is_a_cue_but_continued_to_is_not(nlp: Language) -> None:
    text = (
        "Union leader Paul Grant spoke first.\n\n"
        "Prices continued to rise in May.\n\n"
        "Grant continued: “We will not accept a pay cut this year.”"
    )
    q = only(run(nlp, text), "We will not accept")
    assert q.kind == "direct"
    assert q.cue == "continued"
    assert q.speaker == "Paul Grant"


def test_name_and_colon_introduce_a_speaker(nlp: Language) -> None:
    text = (
        "Two candidates answered the same question on the debate stage.\n\n"
        'Garcia: "Our goal is to cut the waiting lists in half." '
        'Novak: "The mission is to build three new hospitals."'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [(q.text[:8], q.speaker) for q in quotes] == [
        ("Our goal", "Garcia"),
        ("The miss", "Novak"),
    ]


def test_speaker_between_closing_mark_and_verb(nlp: Language) -> None:
    text = (
        "The economy grew last year. “It is not the position that everything is fine,” "
        "Gene Harlow, a top outside adviser, said at an event in Iowa."
    )
    q = only(run(nlp, text), "It is not the position")
    assert q.speaker == "Gene Harlow"


def test_decade_apostrophe_and_titles_are_not_quotes(nlp: Language) -> None:
    text = (
        "Many of his formative years were spent in Tampa in the 1970s and '80s; the city "
        "shaped him.\n\n"
        "He paid $8 million for the jet, according to his book ''The Art of the Deal.'' "
        'His brother, Gov. C.L. "Butch" Otter, spoke at the rally.'
    )
    assert [q.text for q in run(nlp, text) if q.kind != "indirect"] == []


def test_indirect_speaker_through_a_misparsed_gerund_and_description_text(nlp: Language) -> None:
    text = (
        "Robert Kalna, who has described the bloc as an institution in “deep crisis”, has "
        "showered Halvorsen with praise saying he would bring peace back to Europe. "
        "Poland's lead negotiator said on Friday that the delegation had finished its work."
    )
    quotes = [q for q in run(nlp, text) if q.kind == "indirect"]
    speakers = {q.text[:8]: q.speaker for q in quotes}
    assert speakers["he would"] == "Robert Kalna"
    assert speakers["the dele"] == "Poland's lead negotiator"


def test_speaker_paragraph_ending_in_colon_introduces_the_next_paragraph(nlp: Language) -> None:
    text = (
        "Pollster Dana Marsh looked at the numbers again.\n\n"
        "Marsh continued:\n\n"
        '"The health issue is very much a partisan issue in this race."'
    )
    q = only(run(nlp, text), "The health issue")
    assert q.kind == "direct"
    assert q.speaker == "Dana Marsh"
    assert q.cue == "continued"


def test_nested_single_quote_closing_before_the_double_close(nlp: Language) -> None:
    text = (
        "Supporters were angry. \"They treat it like, 'Oh, this is important,' \" "
        'Ann Magel said at the rally. "But others get a pass."'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("They treat it like")
    assert quotes[0].speaker == "Ann Magel"


def test_paragraph_opening_quote_takes_the_speaker_reported_just_before(nlp: Language) -> None:
    text = (
        "Strategist Leo Brandt said the effort would grow. Rather, he said, the campaign's "
        "struggles will build support.\n\n"
        "“To my knowledge, there is no heavy hitter involved yet.”"
    )
    q = only(run(nlp, text), "To my knowledge")
    assert q.kind == "direct"
    assert q.speaker == "Leo Brandt"
