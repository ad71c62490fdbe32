"""``newsweave export``: the whole store as the JSON contract (GUIDE.md §2)."""

from __future__ import annotations

import json

import click

from newsweave.cli.common import cli_store, db_option
from newsweave.present import export_json


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format (the contract of GUIDE.md §2).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="File to write; - (the default) writes to standard output.",
)
def export(target: str, fmt: str, output: str) -> None:
    """Write everything in the store as one JSON document.

    Offsets in it are character offsets into each article's cleaned text.

    Example: newsweave export --db newsweave.db -o newsweave.json
    """
    with cli_store(target) as store:
        data = export_json(store)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with click.open_file(output, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
