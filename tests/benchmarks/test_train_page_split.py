"""The page-boundary trainer labels exactly the gap a glued page starts in."""

from __future__ import annotations

from benchmarks.corpora.dumps import Dump
from benchmarks.train.train_page_split import dedent, examples
from newsweave.clean import split

BODY = [
    "The city council on Monday approved a plan to rebuild the sea wall that protects the old "
    "harbour district, after two winters of flooding left dozens of shops closed for weeks.",
    "Engineers said the new wall would be two metres higher than the existing one and would be "
    "built in stages so that fishing boats can keep using the harbour during the works.",
    "The project will cost about 40 million euros, most of it paid by the regional government, "
    "with the rest coming from a flood fund set up by the city three years ago.",
]
MENU = ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion", "Weather",
        "Subscribe", "Sign in", "Search", "Follow us", "Privacy Policy", "Contact"]  # fmt: skip


def test_one_positive_gap_per_page_boundary_and_none_inside_a_page() -> None:
    ad = "Advertisement"
    first = "\n".join(["Harbour Gazette", *MENU, "", *BODY[:2], ad, BODY[2], *MENU])
    second = "\n".join(["Evening Courier", *MENU, "Sea wall approved", "12 March 2024", *BODY])
    text = f"{first}\n{second}\n"
    dump = Dump("d", text, ("a", "b"), ("", ""), ((0, len(first)), (len(first) + 1, len(text))))
    xs, ys = examples(dump)
    assert ys == [1.0]  # the ad inside the first body is no gap of its own; the menus are
    assert len(xs[0]) == len(split.GAP_FEATURES)
    assert xs[0][split.GAP_FEATURES.index("titled_date")] == 1.0  # headline, then its date


def test_dedent_strips_indentation_and_keeps_each_page_span() -> None:
    first, second = "  Home\n    A body line.", "  News\n\n      Another body."
    text = f"{first}\n\n{second}\n"
    dump = Dump("d", text, ("a", "b"), ("", ""), ((0, len(first)), (len(first) + 2, len(text) - 1)))
    flat = dedent(dump)
    assert flat.text == "Home\nA body line.\n\nNews\n\nAnother body.\n"
    assert [flat.text[lo:hi] for lo, hi in flat.spans] == ["Home\nA body line.",
                                                           "News\n\nAnother body."]  # fmt: skip
