"""Defaults in one place, so a behaviour is tuned here and not hunted for."""

from __future__ import annotations

import os


def _env_int(name: str, default: int) -> int:
    """``NEWSWEAVE_<name>`` from the environment when it holds a positive whole number, so
    an operator can change a limit without editing code; anything else keeps the default."""
    value = os.environ.get(f"NEWSWEAVE_{name}", "").replace("_", "")
    return int(value) if value.isdigit() and int(value) > 0 else default


# -- limits on what one input may cost (each checked before the cost is paid) --------

#: Inputs larger than this are rejected before they are read (the file's size from
#: ``stat``, and a bounded read for stdin, pipes and files that grow while read).
MAX_INPUT_BYTES = _env_int("MAX_INPUT_BYTES", 25 * 1024 * 1024)

#: A compressed input (gzip, a ``.warc.gz`` record, a gzip or deflate HTTP body in a
#: WARC) is rejected as soon as decompressing it has produced more than this: bombs are
#: counted while they are unpacked, in bounded chunks, and never held whole.
MAX_DECOMPRESSED_BYTES = _env_int("MAX_DECOMPRESSED_BYTES", 50 * 1024 * 1024)

#: One document (a file's text, a JSONL line, a feed item, a WARC record, an upload)
#: with more characters than this is rejected before cleaning: about 200 times a long
#: news article, so only dumps and junk reach it, and every later stage stays bounded.
MAX_DOCUMENT_CHARS = _env_int("MAX_DOCUMENT_CHARS", 2_000_000)

#: The extract stage parses at most this many characters of an article (cut at a
#: paragraph or sentence break) and says so in the article's ``analysis`` note: spaCy
#: refuses texts over its ``max_length`` (1,000,000) and needs time and memory in
#: proportion; 100,000 characters is several times the longest news articles.
MAX_PARSE_CHARS = _env_int("MAX_PARSE_CHARS", 100_000)

#: A decoded text with more than this share of U+FFFD or control characters is mis-encoded.
MAX_BAD_CHAR_RATIO = 0.02

#: Text that fails strict UTF-8 is still read as UTF-8 (bad bytes replaced with U+FFFD,
#: counted and reported) when invalid sequences are at most this share of its characters
#: and valid multi-byte UTF-8 sequences are at least as many as the invalid ones ...
MAX_INVALID_UTF8_RATIO = 0.01
#: ... or, with no such evidence of UTF-8, when they are at most this share: a stray byte
#: or two in ASCII text is too thin a clue to pick a legacy code page on.
MAX_STRAY_BYTE_RATIO = 0.001

#: Share of NUL/control bytes in the first block that marks a file as binary.
BINARY_BYTE_RATIO = 0.10

#: Language detection needs this many letters to say anything.
MIN_LANGUAGE_LETTERS = 20

#: ... and letters to be at least this share of the visible characters, and the letters
#: of the most used script at least this share of the letters; otherwise the text is
#: noise (random bytes decoded in some code page) and its language is "unknown".
MIN_LETTER_SHARE = 0.7
MIN_SCRIPT_SHARE = 0.8

#: Articles written per store transaction; each document still commits or fails alone.
INGEST_BATCH_SIZE = 200

#: The database used when --db is not given.
DEFAULT_DB = "newsweave.db"

#: File name endings read from folders (other files in a folder are skipped, not rejected).
FOLDER_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".gz")

#: Articles parsed per spaCy batch and written per transaction by the extract stage.
EXTRACT_BATCH_SIZE = 64

#: Stories whose events are merged and written per transaction by the events stage.
STORY_BATCH_SIZE = 50

# -- newsweave watch: polling feeds over HTTP ------------------------------------

#: Seconds between polls of a feed when nothing goes wrong (``watch --every``).
WATCH_EVERY = 15 * 60

#: The longest a failing feed waits before it is tried again (its wait doubles per error).
WATCH_MAX_BACKOFF = 24 * 60 * 60

#: Seconds a request may take to connect, or between two chunks of its answer.
FETCH_TIMEOUT = 20.0

#: Times a request that timed out, could not connect or got a 429/5xx is tried again.
FETCH_RETRIES = 2

#: Seconds before the first retry; each further retry waits twice as long.
FETCH_BACKOFF = 1.0

#: Seconds between the starts of two requests to one host (raised by a robots.txt Crawl-delay).
FETCH_HOST_DELAY = 1.0

#: Requests in flight at once to one host, and in all.
FETCH_HOST_CONCURRENCY = 2
FETCH_CONCURRENCY = 8

#: Bytes read of one page or feed before the download is stopped and the item rejected.
FETCH_MAX_BYTES = 5 * 1024 * 1024

#: Redirects followed for one request (each hop is checked against robots.txt).
FETCH_MAX_REDIRECTS = 5

#: Seconds a host's robots.txt is trusted before it is fetched again.
ROBOTS_TTL = 6 * 60 * 60

#: Words an adult reads per minute: an article's reading time is its words over this.
READING_WORDS_PER_MINUTE = 230

#: Host names the web app answers to (the request's Host header), against DNS rebinding:
#: a page on another site that points its own name at 127.0.0.1 is refused.
ALLOWED_HOSTS = ("localhost", "127.0.0.1", "[::1]")

#: Largest upload body the web app reads (JSON of one article); larger answers 413.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

#: Uploads each client (IP address) may make per minute, and how many at once in a burst.
UPLOADS_PER_MINUTE = 30
UPLOAD_BURST = 5

#: Stories on one page of the story list (web page and /api/stories).
STORIES_PER_PAGE = 50

#: Memory the web app may spend on rendered pages kept while the store is unchanged
#: (``web/cache.py``; 0 keeps none). A story page is 50-150 KB, an article page 10-40 KB.
PAGE_CACHE_MB = 64

#: Seconds a kept page is served at most, even when the store has not changed: pages say
#: "5 min ago" and ``?since=24h`` moves with the clock.
PAGE_CACHE_SECONDS = 60
