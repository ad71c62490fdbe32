"""The ``newsweave`` command: a thin layer of Click verbs over the Python API.

Exit codes: 0 success; 1 an error the message explains (bad database, a
failure while writing); 2 wrong usage (unknown option, missing argument);
3 with ``run --strict``: finished, but some inputs were rejected.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave import __version__, pipeline, settings
from newsweave.errors import NewsweaveError
from newsweave.export import export_json
from newsweave.store import SqlStore, open_store

EXIT_REJECTED = 3
F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "target",
    default=settings.DEFAULT_DB,
    show_default=True,
    metavar="TARGET",
    help="SQLite file path (created if missing) or a postgresql:// URL.",
)


@contextmanager
def _store(target: str) -> Iterator[SqlStore]:
    try:
        store = open_store(target)
    except NewsweaveError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=__doc__)
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """newsweave: raw news articles in, a cited, structured picture of each story out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--strict", is_flag=True, help="Exit with code 3 if any input was rejected.")
def run(paths: tuple[str, ...], target: str, strict: bool) -> None:
    """Ingest files, folders (recursive), globs or - (stdin), then run every stage.

    Running it again on the same inputs changes nothing. Bad inputs are reported
    with a reason and stored as rejections; they never stop the batch.

    Example: newsweave run samples/ --db newsweave.db
    """
    err = Console(stderr=True)
    with _store(target) as store, _progress(err) as tick:
        report = pipeline.run(list(paths), store, on_input=tick)
        total = store.article_count()
    for rejection in report.rejected:
        err.print(
            f"[yellow]rejected[/] {escape(rejection.source)}: {escape(rejection.reason)}",
            highlight=False,
            soft_wrap=True,
        )
    click.echo(
        f"read {report.inputs_read} input(s): stored {report.articles_stored} new article(s) "
        f"from {report.documents_stored} document(s), {report.already_stored} already stored, "
        f"{len(report.rejected)} rejected; the store holds {total} article(s) in {target}"
    )
    if strict and report.rejected:
        sys.exit(EXIT_REJECTED)


@contextmanager
def _progress(console: Console) -> Iterator[Callable[[str], None]]:
    """A live progress line on a terminal; silence when piped or in CI."""
    if not console.is_terminal:
        yield lambda _source: None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("reading", total=None)
        yield lambda source: progress.update(task, advance=1, description=source[-50:])


@main.command()
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
    with _store(target) as store:
        data = export_json(store)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with click.open_file(output, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


@main.command()
@db_option
def articles(target: str) -> None:
    """List stored articles: id, outlet, date, headline, words.

    Example: newsweave articles --db newsweave.db
    """
    with _store(target) as store:
        rows = list(store.iter_articles())
    table = Table(title=f"{len(rows)} article(s) in {target}")
    for name, justify in (
        ("id", "left"),
        ("outlet", "left"),
        ("date", "left"),
        ("lang", "left"),
        ("headline", "left"),
        ("words", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for a in rows:
        table.add_row(
            a.id,
            a.outlet or "—",
            a.published or "—",
            a.language or "—",
            a.headline or "(no headline)",
            str(a.word_count),
        )
    Console(width=max(Console().width, 120)).print(table)
