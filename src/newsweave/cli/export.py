"""``newsweave export``: the whole store as the JSON contract (GUIDE.md §2)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsweave.cli.common import cli_store, db_option
from newsweave.present import export_csv, export_json


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: one document (the contract of GUIDE.md §2); csv: a folder of CSV files.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(writable=True),
    default=None,
    help="json: the file to write (default: standard output); csv: the folder to write into.",
)
def export(target: str, fmt: str, output: str | None) -> None:
    """Write everything in the store as one JSON document, or as CSV files.

    Offsets in it are character offsets into each article's cleaned text. With
    --format csv, -o names a folder that receives articles.csv, stories.csv,
    quotes.csv, claims.csv, events.csv and entities.csv: the JSON's tables with the
    same fields, one row per record, lists and objects as JSON in their cell.

    \b
    Example: newsweave export --db newsweave.db -o newsweave.json
    CSV:     newsweave export --db newsweave.db --format csv -o export/
    """
    if fmt == "csv":
        _export_csv(target, output)
        return
    if output is not None and Path(output).is_dir():
        raise click.BadParameter(f"{output!r} is a folder: give a file name", param_hint="-o")
    with cli_store(target) as store:
        data = export_json(store)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with click.open_file(output or "-", "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


def _export_csv(target: str, output: str | None) -> None:
    if output is None or output == "-":
        raise click.UsageError("--format csv writes several files: name a folder with -o DIR")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise click.BadParameter(f"{output!r} is a file: give a folder", param_hint="-o")
    with cli_store(target) as store:
        written = export_csv(store, folder)
    rows = ", ".join(f"{name} {count}" for name, count in written.items())
    click.echo(f"wrote {len(written)} CSV files to {folder}: {rows} row(s)", err=True)
