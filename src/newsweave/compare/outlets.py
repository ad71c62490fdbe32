"""One display name per article's publisher, used wherever an outlet is named: the compare
stage counts claims per outlet by it (the export's claims carry these names), and the web
pages, the CLI and the report name an article's outlet with it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Protocol
from urllib.parse import urlparse


class Published(Protocol):
    """What naming an outlet needs of an article (an ``Article`` or a listing row)."""

    @property
    def outlet(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def agency(self) -> str | None: ...

    @property
    def source(self) -> str: ...

    @property
    def part(self) -> int: ...


def outlet_name(article: Published) -> str:
    """The outlet, else the URL's host, else the wire agency, else the input file's name.

    Some inputs carry no outlet at all; naming them by their file keeps two
    unnamed outlets apart instead of merging them into one "unknown".
    """
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlparse(article.url).hostname
        if host:
            return host.removeprefix("www.")
    if article.agency:
        return article.agency
    name = PurePath(article.source).name or article.source
    return f"{name}#{article.part}" if article.part else name


def outlet_names(articles: Iterable[Published]) -> list[str]:
    """The distinct outlets of these articles, in the order the compare stage lists them."""
    return sorted({outlet_name(a) for a in articles})
