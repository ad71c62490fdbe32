"""One display name per article's publisher, so claims can be counted per outlet."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlparse

from newsweave.model import Article


def outlet_name(article: Article) -> str:
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
