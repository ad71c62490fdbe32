"""Multi-page dumps: deterministic, one part of the split each, spans that hold each page."""

from __future__ import annotations

from benchmarks.corpora.aeb import Page
from benchmarks.corpora.dumps import build_dumps
from benchmarks.corpora.parts import part


def _pages() -> list[Page]:
    pages = []
    for pid in ("0abc", "100", "1", "2", "3", "4", "5", "9"):
        html = f"<html><body><nav>Home</nav><p>Body of page {pid} with its own words.</p></body>"
        pages.append(Page(pid, f"https://example.org/{pid}", html, f"Body of page {pid}"))
    return pages


def test_parts_follow_the_last_hex_digit_of_sha1_of_the_id() -> None:
    # sha1 last hex digits: "0abc" 2, "100" a, "1" b, "2" 0, "3" b, "4" a, "5" 4, "9" 7
    assert [part(p) for p in ("0abc", "100", "1", "2", "3", "4", "5", "9")] == [
        "tuning", "check", "check", "tuning", "check", "check", "tuning", "tuning",
    ]  # fmt: skip


def test_dumps_are_seeded_and_hold_pages_of_one_part() -> None:
    pages = _pages()
    dumps = build_dumps(pages, "tuning", 6)
    assert dumps == build_dumps(pages, "tuning", 6)  # same seed, same files
    assert build_dumps(pages, "tuning", 6, seed=14) != dumps
    for dump in dumps:
        assert 2 <= len(dump.page_ids) <= 4 and len(set(dump.page_ids)) == len(dump.page_ids)
        assert all(part(pid) == "tuning" for pid in dump.page_ids)
        for pid, gold, (lo, hi) in zip(dump.page_ids, dump.golds, dump.spans, strict=True):
            assert gold == f"Body of page {pid}"
            assert f"Body of page {pid} with its own words." in dump.text[lo:hi]
    assert all(
        part(pid) == "check" for d in build_dumps(pages, "check", 3) for pid in d.page_ids
    )
