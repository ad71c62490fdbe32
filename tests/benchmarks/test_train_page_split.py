"""The page-boundary trainer labels exactly the gap a glued page starts in."""

from __future__ import annotations

from benchmarks.corpora.dumps import Dump
from benchmarks.train.train_page_split import dedent, examples
from newsweave.clean import split
from tests.clean.test_split_pages import HARBOUR
from tests.clean.test_split_pages import MENU as SITE_MENU

BODY = HARBOUR[:3]
MENU = [*SITE_MENU, "Follow us", "Privacy Policy", "Contact"]


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
