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
