"""One display name per article's publisher, used wherever an outlet is named: the compare
stage counts claims per outlet by it (the export's claims carry these names), and the web
pages, the CLI and the report name an article's outlet with it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from newsweave.clean.outlets import UNKNOWN_OUTLET, host, known_outlet


class Published(Protocol):
    """What naming an outlet needs of an article (an ``Article`` or a listing row)."""

    @property
    def id(self) -> str: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def agency(self) -> str | None: ...


def outlet_name(article: Published) -> str:
    """The outlet, else a known outlet's name or the host of its URL, else the wire agency,
    else "unknown outlet (<article id>)".

    A file name is never an outlet: it says nothing a reader can recognise (the user
    names the outlet of a file with ``newsweave run --outlet``). Each article of an
    unknown outlet keeps an outlet of its own, marked with its id, so that three
    unnamed outlets are not counted as one in a comparison.
    """
    if article.outlet:
        return article.outlet
    from_url = known_outlet(article.url) or host(article.url)
    if from_url:
        return from_url
    return article.agency or f"{UNKNOWN_OUTLET} ({article.id[:8]})"


def outlet_names(articles: Iterable[Published]) -> list[str]:
    """The distinct outlets of these articles, in the order the compare stage lists them."""
    return sorted({outlet_name(a) for a in articles})
