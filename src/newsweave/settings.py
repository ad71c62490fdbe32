"""Defaults in one place, so a behaviour is tuned here and not hunted for."""

from __future__ import annotations

#: Inputs larger than this are rejected rather than read into memory.
MAX_INPUT_BYTES = 25 * 1024 * 1024

#: A decoded text with more than this share of U+FFFD or control characters is mis-encoded.
MAX_BAD_CHAR_RATIO = 0.02

#: Share of NUL/control bytes in the first block that marks a file as binary.
BINARY_BYTE_RATIO = 0.10

#: Language detection needs this many letters to say anything.
MIN_LANGUAGE_LETTERS = 20

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
