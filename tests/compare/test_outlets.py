"""The display name of an article's outlet is never its file name."""

from __future__ import annotations

from newsweave.compare.outlets import outlet_name, outlet_names
from newsweave.model import Article, OffsetMap


def _article(source: str, part: int = 0, **meta: str) -> Article:
    return Article(source=source, document_hash="d" * 64, part=part, text="Text.",
                   offsets=OffsetMap(), **meta)  # type: ignore[arg-type]  # fmt: skip


def test_named_outlet_known_host_host_agency_then_unknown() -> None:
    assert outlet_name(_article("a.txt", outlet="Harbour Gazette")) == "Harbour Gazette"
    assert outlet_name(_article("a.txt", url="https://www.reuters.com/world/x")) == "Reuters"
    assert outlet_name(_article("a.txt", url="https://news.example.org/x")) == "news.example.org"
    assert outlet_name(_article("a.txt", agency="AFP")) == "AFP"
    unknown = _article("/scrapes/moscow_2025-12-20.txt")
    name = outlet_name(unknown)
    assert name == f"unknown outlet ({unknown.id[:8]})"
    assert "moscow" not in name and ".txt" not in name


def test_unknown_outlets_stay_apart_in_a_list() -> None:
    first, second = _article("x/one.txt"), _article("x/one.txt", part=1)
    names = outlet_names([first, second, _article("y.txt", outlet="Harbour Gazette")])
    assert len(names) == 3 and names[0] == "Harbour Gazette"
    assert all("one.txt" not in n for n in names)
