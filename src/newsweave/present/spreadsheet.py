"""The export as CSV files, for people who work in a spreadsheet.

Each file holds one table of the JSON export (``export_json``), read from the same
records, so the two can never disagree: the same field names, one row per record, and
the same ``start``/``end`` offsets into the article's cleaned text. Values that are lists
or objects in the JSON (an entity's mentions, a claim's evidence spans, an article's
captions) are written in their cell as the same JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsweave.present.export import export_json
from newsweave.store import SqlStore

#: File name → the export table it holds, and its leading columns in the JSON's order
#: (written even when the table is empty; any further field follows them).
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "articles.csv": ("articles", (
        "id", "source", "headline", "published", "published_from", "outlet", "agency",
        "dateline", "language", "text", "duplicate_of", "story_id", "url", "standfirst", "section",
        "cited_outlets", "words", "part", "captions", "offsets", "extra", "analysis",
    )),
    "stories.csv": ("stories", (
        "id", "title", "article_ids", "first_published", "last_published", "summary",
    )),
    "quotes.csv": ("quotes", (
        "id", "article_id", "text", "start", "end", "speaker", "speaker_entity_id",
        "speaker_start", "speaker_end", "cue", "kind",
    )),
    "claims.csv": ("claims", (
        "id", "story_id", "text", "outlets_supporting", "outlets_silent", "disagreements",
        "evidence",
    )),
    "events.csv": ("events", (
        "id", "story_id", "kind", "date", "precision", "summary", "participants", "location",
        "evidence",
    )),
    "entities.csv": ("entities", (
        "id", "name", "type", "aliases", "names_by_script", "roles", "mentions",
    )),
}  # fmt: skip


def export_csv(store: SqlStore, folder: Path) -> dict[str, int]:
    """Write the six CSV files into ``folder`` (created if missing); return rows per file."""
    data = export_json(store)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (table, leading) in TABLES.items():
        written[name] = write_table(folder / name, data[table], leading)
    return written


def write_table(path: Path, records: Sequence[Mapping[str, Any]], leading: Sequence[str]) -> int:
    """One header row, then one row per record (UTF-8, RFC 4180 quoting)."""
    columns = list(leading)
    for record in records:
        columns.extend(k for k in record if k not in columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for record in records:
            writer.writerow([cell(record.get(c)) for c in columns])
    return len(records)


#: First characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str | int | float:
    """A value as a spreadsheet cell: empty for null, JSON for lists and objects.

    Article text is written by strangers: a text cell that would start a formula gets a
    leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice), so
    opening the file never runs ``=HYPERLINK(…)`` or ``=cmd|…``. Offsets count from the
    text without it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
