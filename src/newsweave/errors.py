"""Every user-facing error in one place, each with a next step.

Readers never raise for a bad input: they turn it into a ``Rejection`` whose
reason comes from here, so that one bad file never aborts a batch.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""

    exit_code = 1


class StoreError(NewsweaveError):
    """The store could not be opened or written."""


class UsageError(NewsweaveError):
    exit_code = 2


# Reasons for rejected inputs. Each says what is wrong and what to do.
EMPTY = "empty input (0 bytes of text): nothing to read; check the scraper's output"
BLANK = "input holds only whitespace: nothing to read; check the scraper's output"
TOO_LARGE = (
    "input is {size:,} bytes, over the {limit:,}-byte limit: split it into one article per file"
)
BINARY = "binary content ({detail}), not text, HTML or JSONL: pass the article text instead"
UNDECODABLE = "cannot decode the text ({detail}): re-save it as UTF-8"
TRUNCATED_HTML = (
    "HTML ends before its closing </body>/</html> tags (truncated download?): fetch the page again"
)
TRUNCATED_GZIP = "gzip stream is truncated or corrupt ({detail}): fetch or compress the file again"
NO_ARTICLE = "no article text found in the {fmt} input: is it an article page?"
JSONL_BAD_LINE = "line {line}: not valid JSON ({detail}); fix or remove the line"
JSONL_NO_TEXT = "line {line}: no 'text' or 'html' field holding a string; add one"
JSONL_BAD_FIELD = "line {line}: field '{field}' must be a string"
NOT_FOUND = "no such file, folder or glob match: check the path"
UNREADABLE = "cannot read the file ({detail}): check its permissions"
BAD_WARC = "cannot read the WARC archive ({detail}): check that the file is complete"
BAD_FEED = "cannot parse the RSS/Atom feed ({detail}): check that the file is complete"
FEED_NO_CONTENT = "feed item {item} has no content or summary: nothing to read"
WARC_NO_HTML = "the WARC archive holds {records} record(s) but no HTML response: nothing to read"

# Reasons a watched feed or page could not be read (``newsweave watch``).
ROBOTS_DISALLOWED = "robots.txt of {host} disallows this page for newsweave: skipped"
ROBOTS_UNKNOWN = (
    "robots.txt of {host} could not be read, so nothing is fetched from it: "
    "it is tried again at the next poll"
)
HTTP_STATUS = "the server answered HTTP {status} {phrase}: check the URL"
FETCH_FAILED = "could not fetch the page ({detail}): it is tried again at the next poll"
TOO_LARGE_PAGE = "the page is over the {limit:,}-byte limit: stopped reading it"
TOO_MANY_REDIRECTS = "more than {limit} redirects: check the URL"
FEED_UNSAFE_XML = (
    "the XML declares entities or a DTD ({detail}), which newsweave never expands: "
    "ask the publisher for a plain feed"
)
FEED_UNREADABLE = "neither an RSS/Atom feed, an OPML list nor a sitemap ({detail}): check the URL"
OPML_UNREADABLE = "cannot read the OPML file ({detail}): check that it is complete"
NO_CONTACT = (
    "newsweave watch needs a contact for its User-Agent, so that site operators can reach you: "
    "pass --contact you@example.org or set NEWSWEAVE_CONTACT"
)
