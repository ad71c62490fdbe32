"""Unit tests of the text cleaner's parts: line model, chrome, roles, body, splitting."""

from __future__ import annotations

import pytest

from newsweave.clean.body import densest_block, find_layout
from newsweave.clean.chrome import (
    is_call_to_action,
    is_call_to_action_sentence,
    is_chrome,
    is_comments_marker,
    phrases,
)
from newsweave.clean.lines import split_lines
from newsweave.clean.paragraphs import build_paragraphs
from newsweave.clean.split import split_parts
from newsweave.clean.structure import classify_all, is_label_run
from newsweave.words import word_count


def test_inline_remnants_removed_between_raw_slices() -> None:
    raw = "## Mayor <b>opens</b> bridge &amp; [path](https://x.org/p) **now**\n  • A bullet line"
    head, bullet = split_lines(raw)
    assert head.text == "Mayor opens bridge & path now"
    assert head.marked_heading and not head.bullet
    for piece in head.pieces:
        if piece.insert is None:
            assert "<" not in raw[piece.start : piece.end]
    assert [p.insert for p in head.pieces if p.insert is not None] == ["&"]
    assert bullet.bullet and bullet.text == "A bullet line"
    assert raw[bullet.start : bullet.end] == "A bullet line"


def test_line_spans_cover_the_raw_text() -> None:
    raw = "first line\n\n   indented line  \nlast"
    lines = split_lines(raw)
    assert [line.text for line in lines] == ["first line", "", "indented line", "last"]
    assert lines[2].indent == 3
    for line in lines:
        assert raw[line.start : line.end] == line.text


@pytest.mark.parametrize(
    "text",
    [
        "Share", "Follow us on Twitter", "More from Politics", "View section", "2 min read 0 views",
        "Advertisement", "Читайте также: Новости дня", "Поделиться", "Partager sur Facebook",
        "Lire aussi : Le budget", "Weitere Artikel", "Compartir en Twitter",
        "Home > World > Europe",
        "© 2024 Example Media. All rights reserved.", "Facebook Twitter Email", "Rating: 9 Votes",
        "We use cookies", "Sign up for our newsletter",
    ],
)  # fmt: skip
def test_chrome_lines(text: str) -> None:
    assert is_chrome(text)


@pytest.mark.parametrize(
    "text",
    [
        "The president said he would follow the plan closely.",
        "Share prices fell sharply on Monday after the announcement of new tariffs on imports",
        "US plan under discussion",
        "He posted 12 comments on the draft before the vote.",
    ],
)
def test_not_chrome(text: str) -> None:
    assert not is_chrome(text)


def test_phrase_list_covers_languages() -> None:
    known = phrases()
    for phrase in ("share", "поделиться", "поділитися", "partager", "teilen", "compartir"):
        assert phrase in known


def test_comments_marker() -> None:
    assert is_comments_marker("Top Rated Comments")
    assert is_comments_marker("12 комментариев")
    assert not is_comments_marker("The minister did not reply to requests for comment on Monday.")


MENU_AND_BODY = """Home
News
Sport
Weather

Council approves plan for new library in town centre

The council approved plans on Tuesday for a new library in the town centre, ending years of debate.
The building will have space for 50,000 books and a cafe, and is due to open in two years.
Critics said the money would be better spent on repairing roads and schools in the area.

Share
Most read
Five things to do this weekend
"""


def test_densest_block_skips_menus_and_trailing_chrome() -> None:
    infos = classify_all(split_lines(MENU_AND_BODY))
    block = densest_block(infos, 0, len(infos))
    assert block is not None
    first, last = (infos[i].text for i in block)
    assert first.startswith("The council approved")
    assert last.startswith("Critics said")


_DEEPER_TAIL = """Home
News
    The council approved the new library on Monday after a long and heated debate in the hall.
    The building will have space for 50,000 books and a cafe, and is due to open in two years.
    The mayor said the project would be paid for by a grant from the regional government.
      Critics said the money would be better spent on repairing roads and schools in the area.
      The vote passed by nine to four, and building work is expected to start next spring.
Most read
"""

_DEEPER_COMMENT = """Home
News
    The council approved the new library on Monday after a long and heated debate in the hall.
    The building will have space for 50,000 books and a cafe, and is due to open in two years.
    The mayor said the project would be paid for by a grant from the regional government.
      Reply
      Critics said the money would be better spent on repairing roads and schools in the area.
Most read
"""


def test_densest_block_keeps_the_body_continued_one_level_deeper() -> None:
    infos = classify_all(split_lines(_DEEPER_TAIL))
    block = densest_block(infos, 0, len(infos))
    assert block is not None
    assert infos[block[1]].text.startswith("The vote passed")


def test_densest_block_stops_at_a_non_body_line_at_another_depth() -> None:
    infos = classify_all(split_lines(_DEEPER_COMMENT))
    block = densest_block(infos, 0, len(infos))
    assert block is not None
    assert infos[block[1]].text.startswith("The mayor said")


def test_broken_paragraph_joined_but_sentences_not() -> None:
    raw = (
        "The minister said the talks had been useful and that a new round would\n\n"
        "take place next month in the capital, officials confirmed later.\n\n"
        "Another paragraph starts here and ends with a proper full stop as usual.\n"
    )
    infos = classify_all(split_lines(raw))
    paragraphs = build_paragraphs(infos, 0, len(infos) - 1, set())
    assert [len(p.lines) for p in paragraphs] == [2, 1]
    assert paragraphs[0].text.endswith(
        "would take place next month in the capital, officials confirmed later."
    )


def test_single_article_not_split_by_repeated_subheads() -> None:
    body = "This sentence is long enough to be counted as a line of body text here.\n"
    raw = ("Results Table Of The Week\n" + body * 8) * 3
    infos = classify_all(split_lines(raw))
    assert len(split_parts(infos)) == 1  # a line shown three times is no headline


def test_a_list_of_teaser_titles_below_the_body_is_not_its_end() -> None:
    body = [
        "The council approved plans on Tuesday for a new library in the town centre, ending "
        "years of debate about the empty post office building on the main square.",
        "The building will have space for 50,000 books and a cafe, and is due to open in two "
        "years, the mayor told reporters after the vote.",
    ]
    teasers = ["- Regional rail line to close for six weeks of summer repairs",
               "- Ferry operator adds a second evening crossing to the islands",
               "- New cycle lanes planned along the river from next spring"]  # fmt: skip
    recipe = ["- Mix the flour and the butter until the dough is smooth and soft.",
              "- Leave it to rest in a cool place for about half an hour."]  # fmt: skip
    for tail, kept in ((teasers, False), (recipe, True)):
        infos = classify_all(split_lines("\n\n".join(["Library approved", *body]) + "\n\n"
                                         + "\n".join(tail) + "\n"))  # fmt: skip
        layout = find_layout(infos, 0, len(infos))
        assert layout is not None
        assert infos[layout.end].text.startswith("Leave it" if kept else "The building")


@pytest.mark.parametrize(
    "text",
    [
        "Need more space? Subscribe to our sister title for the latest news from the frontier!",
        "Join our Space Forums to keep talking space on the latest missions and more!",
        "No spam, we promise. You can unsubscribe at any time.",
        "Stay up to date with the company. Subscribe to our newsletter.",
        "The author's book is out now. Follow him on Twitter @authorname. Follow us on Twitter.",
        "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
        "Подпишитесь на наш телеграм-канал, чтобы не пропустить главное.",
        "Folgen Sie uns auf Twitter und Facebook.",
    ],
)
def test_calls_to_action(text: str) -> None:
    assert is_call_to_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council said it would follow the advice of its lawyers and appeal the ruling.",
        "Follow the river north for two miles and the village appears on the left.",
        "Our reporter saw three ambulances outside the station on Tuesday night.",
        "Get out, the guard shouted at the crowd, according to two witnesses.",
    ],
)
def test_not_calls_to_action(text: str) -> None:
    assert not is_call_to_action(text)


def test_call_to_action_sentence_needs_a_verb_and_a_target_or_the_reader() -> None:
    assert is_call_to_action_sentence("Sign up for our newsletter here.")
    assert is_call_to_action_sentence("Write to the reporter at jane.doe@example.com")
    assert not is_call_to_action_sentence("Sign language interpreters joined the briefing.")


_PROMO_TAIL = """Home
News
    The council approved the new library on Monday after a long and heated debate in the hall.
    The building will have space for 50,000 books and a cafe, and is due to open in two years.
    The vote passed by nine to four, and building work is expected to start next spring.
      Five things to do this weekend
      Ferry operator adds a second evening crossing
    Need more news? Subscribe to our weekly newsletter for the best stories from the region!
    No spam, we promise. You can unsubscribe at any time.
Most read
"""

_AUTHOR_CLOSER = """Home
News
    The council approved the new library on Monday after a long and heated debate in the hall.
    The building will have space for 50,000 books and a cafe, and is due to open in two years.
    The vote passed by nine to four, and building work is expected to start next spring.
    Follow the council's debates on Twitter @towncouncil, where every vote is posted live.
Most read
"""


def test_promo_lines_after_the_article_and_page_material_are_not_its_end() -> None:
    infos = classify_all(split_lines(_PROMO_TAIL))
    layout = find_layout(infos, 0, len(infos))
    assert layout is not None
    assert infos[layout.end].text.startswith("The vote passed")


def test_a_call_to_action_right_after_the_last_paragraph_is_kept() -> None:
    infos = classify_all(split_lines(_AUTHOR_CLOSER))
    layout = find_layout(infos, 0, len(infos))
    assert layout is not None
    assert infos[layout.end].text.startswith("Follow the council")


_RELATED_BOX = """The council approved the new library on Monday after a long and heated debate.

Related Stories
  - Regional Rail Line To Close For Six Weeks Of Summer Repairs
  - Ferry Operator Adds A Second Evening Crossing To The Islands

The building will have space for 50,000 books and a cafe, and is due to open in two years.

Tour Dates And Venues For The Coming Season
The vote passed by nine to four, and building work is expected to start next spring.
"""


def test_a_labelled_column_of_headlines_inside_the_body_is_dropped() -> None:
    infos = classify_all(split_lines(_RELATED_BOX))
    texts = [p.text for p in build_paragraphs(infos, 0, len(infos) - 1, set())]
    assert not any("Ferry" in t or "Rail" in t for t in texts)
    assert "Tour Dates And Venues For The Coming Season" in texts  # a subhead, no label
    assert texts[-1].startswith("The vote passed")


# A flattened page (indentation is DOM depth) with a newsletter box set one level deeper
# among the paragraphs, and a related-links box under a label at the article's end.
_NESTED_BOXES = """        Home
            The harbour board voted on Tuesday to dredge the eastern channel before the storms.
            Fishing crews had warned for months that silt left the channel too shallow at low tide.
                Get the morning briefing in your inbox. The news that matters, every weekday.
                Sign Up
                This site is protected by reCAPTCHA Privacy Policy | Terms of Service
            The work will cost about 2 million euros and should be finished by the end of November.
                “We cannot wait for another boat to run aground,” the harbour master told the board.
            The board will publish the contractor's name next week, a spokeswoman said on Tuesday.
                  related news
                  Ferry timetable changes for the winter season
                  Coastguard station gets a new lifeboat
        About us
"""


def _paragraph_texts(raw: str) -> list[str]:
    infos = classify_all(split_lines(raw))
    layout = find_layout(infos, 0, len(infos))
    assert layout is not None
    return [p.text for p in build_paragraphs(infos, layout.start, layout.end, set())]


def test_a_deeper_box_with_page_material_inside_the_body_is_dropped() -> None:
    texts = _paragraph_texts(_NESTED_BOXES)
    assert texts[0].startswith("The harbour board voted")
    assert not any("briefing" in t or "Sign Up" in t or "reCAPTCHA" in t for t in texts)
    assert not any("Ferry" in t or "Coastguard" in t for t in texts)
    # a deeper quote without buttons or links is the article's
    assert any(t.startswith("“We cannot wait") for t in texts)
    assert texts[-1].startswith("The board will publish")


def test_deeper_lines_holding_much_of_the_body_are_kept() -> None:
    raw = _NESTED_BOXES.replace(
        "                Sign Up\n",
        "                Sign Up\n" + "                The channel was last dredged in 2019, when "
        "the council paid for the work from its reserves after a long dispute.\n" * 4,
    )
    assert any(t.startswith("The channel was last dredged") for t in _paragraph_texts(raw))


@pytest.mark.parametrize(
    "text",
    [
        "Select Category Affiliates Affordable Housing Architecture Art and Artists Baby "
        "Bathrooms Bedrooms Books Children's Rooms Design Events Dining Rooms Furniture Gardens",
        "Select Month November 2012 October 2012 September 2012 August 2012 July 2012 June 2012 "
        "May 2012 April 2012 March 2012 February 2012 January 2012",
        "Rankings and Research Companies Channelcast Marketing Matters Events Jobs Cloud Data "
        "Center Networking Security Storage Software Mobility Managed Services Video",
    ],
)
def test_long_lines_of_capitalised_labels_are_no_body(text: str) -> None:
    assert is_label_run(text, word_count(text))
    (info,) = classify_all(split_lines(text))
    assert info.role == "short"


@pytest.mark.parametrize(
    "text",
    [
        # prose cut before its stop, in English and German (nouns capitalised, verbs not)
        "The harbour board voted on Tuesday to dredge the eastern channel before the winter "
        "storms, after fishing crews warned that silt left it too shallow at low tide",
        "Die Bundesregierung hat am Dienstag beschlossen, dass die Mittel für den Ausbau der "
        "Schienenwege in den kommenden fünf Jahren deutlich erhöht werden sollen",
        # a list of names that closes like a sentence is the article's
        "Present were Anna Berg, Carl Dahl, Eva Fors, Gustav Holm, Ida Jonsson, Karl Lind, "
        "Maria Nord, Olof Persson, Rut Sand and Tore Ulf.",
    ],
)
def test_prose_is_no_label_run(text: str) -> None:
    assert not is_label_run(text, word_count(text))
