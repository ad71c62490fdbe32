"""Multi-page dumps: deterministic, one part of the split each, spans that hold each page."""

from __future__ import annotations

from benchmarks.corpora.aeb import Page
from benchmarks.corpora.dumps import build_dumps, part_of


def _pages() -> list[Page]:
    pages = []
    for pid in ("0a", "1b", "2c", "3d", "4e", "5f", "6a", "8b"):
        html = f"<html><body><nav>Home</nav><p>Body of page {pid} with its own words.</p></body>"
        pages.append(Page(pid, f"https://example.org/{pid}", html, f"Body of page {pid}"))
    return pages


def test_parts_follow_the_id_split() -> None:
    assert [part_of(p) for p in ("0f", "3a", "4b", "7c", "8d", "fe")] == [
        "tuning", "tuning", "check", "check", None, None,
    ]  # fmt: skip


def test_dumps_are_seeded_and_hold_pages_of_one_part() -> None:
    pages = _pages()
    dumps = build_dumps(pages, "tuning", 6)
    assert dumps == build_dumps(pages, "tuning", 6)  # same seed, same files
    assert build_dumps(pages, "tuning", 6, seed=14) != dumps
    for dump in dumps:
        assert 2 <= len(dump.page_ids) <= 4 and len(set(dump.page_ids)) == len(dump.page_ids)
        assert all(part_of(pid) == "tuning" for pid in dump.page_ids)
        for pid, gold, (lo, hi) in zip(dump.page_ids, dump.golds, dump.spans, strict=True):
            assert gold == f"Body of page {pid}"
            assert f"Body of page {pid} with its own words." in dump.text[lo:hi]
    assert all(
        part_of(pid) == "check" for d in build_dumps(pages, "check", 3) for pid in d.page_ids
    )
