"""Follow sources as they publish: ``poll`` fetches due feeds, news sitemaps and OPML lists
politely (``fetch``, ``robots``), reads what they list (``sources``), ingests new pages
through the pipeline and keeps each feed's state (``state``) in the store."""

from __future__ import annotations

from newsweave.watch.fetch import Fetched, Fetcher, FetchOptions, user_agent
from newsweave.watch.poll import FeedReport, PollReport, expand, page_document, poll
from newsweave.watch.sources import Item, Listing, read_listing, read_opml

__all__ = [
    "FeedReport",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "Item",
    "Listing",
    "PollReport",
    "expand",
    "page_document",
    "poll",
    "read_listing",
    "read_opml",
    "user_agent",
]
