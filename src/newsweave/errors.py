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


class WorkerDied(NewsweaveError):
    """A worker process died (killed, out of memory, a crash in compiled code) while
    analysing one input, and again when that input was analysed alone."""


# Reasons for rejected inputs. Each says what is wrong and what to do.
EMPTY = "empty input (0 bytes of text): nothing to read; check the scraper's output"
BLANK = "input holds only whitespace: nothing to read; check the scraper's output"
TOO_LARGE = (
    "input is {size:,} bytes, over the {limit:,}-byte limit (NEWSWEAVE_MAX_INPUT_BYTES): "
    "split it into one article per file"
)
TOO_LARGE_STREAM = (
    "input holds more than {limit:,} bytes (read stopped there; limit "
    "NEWSWEAVE_MAX_INPUT_BYTES): split it into one article per file"
)
TOO_LARGE_UNPACKED = (
    "compressed input unpacks to more than {limit:,} bytes (unpacking stopped there: a "
    "decompression bomb or a dump; limit NEWSWEAVE_MAX_DECOMPRESSED_BYTES): split it into "
    "smaller files"
)
TOO_LONG = (
    "the text is {chars:,} characters, over the {limit:,}-character limit for one article "
    "(NEWSWEAVE_MAX_DOCUMENT_CHARS): split it into one article per file"
)
PDF = (
    "a PDF document: newsweave reads text, HTML, JSONL, RSS/Atom and WARC; extract its text "
    "first (for example `pdftotext FILE.pdf`) and pass the .txt"
)
URL_INPUT = (
    "a URL: `newsweave run` reads files, folders, globs and - (stdin), never the network; "
    "use `newsweave watch URL` for feeds, or download the page and pass the file"
)
SYMLINK_LOOP = "symbolic link that loops or cannot be followed ({detail}): remove or fix the link"
SYMLINK_DIR = (
    "symbolic link to a folder: links inside an input folder are not followed (they can "
    "loop); pass the folder it points to itself"
)
NOT_REGULAR = "not a regular file ({kind}): newsweave reads files; pass the article files"
UNREADABLE_FOLDER = "cannot list the folder ({detail}): check its permissions"
XML_ENTITIES = (
    "the XML declares entities ({detail}), which newsweave never expands or fetches "
    "(entity bombs, external files): remove the entity declarations from the feed"
)
BINARY = "binary content ({detail}), not text, HTML or JSONL: pass the article text instead"
UNDECODABLE = "cannot decode the text ({detail}): re-save it as UTF-8"
#: The reason stored when a stage raised on one article or story (which the run skips).
STAGE_FAILED = (
    "the {stage} stage failed on this {unit} ({kind}: {detail}); it is not retried until "
    "the stage's version changes: please report it"
)
#: Characters of an exception's message kept in a failure reason.
FAILURE_DETAIL_CHARS = 300


def stage_failed(stage: str, unit: str, exc: BaseException) -> str:
    """The reason recorded for a stage's failure on one unit, from its exception."""
    detail = str(exc)[:FAILURE_DETAIL_CHARS]
    return STAGE_FAILED.format(stage=stage, unit=unit, kind=type(exc).__name__, detail=detail)


#: Not a rejection: the note stored with a document decoded as UTF-8 despite bad bytes.
REPLACED_BYTES = (
    "{count} invalid UTF-8 byte sequence(s) replaced with U+FFFD; re-save the file as UTF-8"
)
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
TRUNCATED_WARC_RECORD = (
    "the WARC record is cut short ({missing:,} bytes missing at the end of the archive): "
    "fetch or write the archive again"
)
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
