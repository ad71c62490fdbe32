"""The ``newsweave`` command: a thin layer of Click verbs over the Python API.

Exit codes: 0 success; 1 an error the message explains (bad database, a
failure while writing); 2 wrong usage (unknown option, missing argument);
3 with ``run --strict``: finished, but some inputs were rejected.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave import __version__, pipeline
from newsweave.cli_common import cli_store, db_option
from newsweave.distributed import BatchMapper
from newsweave.errors import NewsweaveError
from newsweave.export import export_json
from newsweave.stages import STORE_STAGES

EXIT_REJECTED = 3
F = TypeVar("F", bound=Callable[..., Any])

@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=__doc__)
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """newsweave: raw news articles in, a cited, structured picture of each story out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--strict", is_flag=True, help="Exit with code 3 if any input was rejected.")
@click.option(
    "--until",
    type=click.Choice(["ingest", *(s.name for s in STORE_STAGES)]),
    default=None,
    help="Stop after this stage (later stages catch up on the next full run).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="local|ADDRESS",
    help="Run the spaCy extraction as Dask tasks: 'local' starts worker processes on this "
    "machine, tcp://host:8786 uses a running scheduler (its workers need newsweave "
    "installed). Results are the same as without it.",
)
def run(
    paths: tuple[str, ...], target: str, strict: bool, until: str | None, dask_address: str | None
) -> None:
    """Ingest files, folders (recursive), globs or - (stdin), then run every stage.

    Running it again on the same inputs changes nothing. Bad inputs are reported
    with a reason and stored as rejections; they never stop the batch.

    \b
    Example: newsweave run samples/ --db newsweave.db
    On Dask: newsweave run corpus/ --dask local
             newsweave run corpus/ --dask tcp://scheduler:8786
    """
    err = Console(stderr=True)
    with cli_store(target) as store, _mapper(dask_address) as mapper, _progress(err) as tick:
        report = pipeline.run(list(paths), store, on_input=tick, until=until, mapper=mapper)
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
def _mapper(address: str | None) -> Iterator[BatchMapper | None]:
    """No address: batches run in this process; else on Dask, the cluster up for the run."""
    if address is None:
        yield None
        return
    from newsweave.distributed import dask_mapper

    with ExitStack() as stack:
        try:
            mapper = stack.enter_context(dask_mapper(address))
        except NewsweaveError as exc:
            raise click.ClickException(str(exc)) from exc
        yield mapper


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
    with cli_store(target) as store:
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
    with cli_store(target) as store:
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


@main.command()
@db_option
def stories(target: str) -> None:
    """List stories: title, dates, article count and the outlets that carried them.

    Example: newsweave stories --db newsweave.db
    """
    with cli_store(target) as store:
        found = store.stories()
        outlets = store.outlets()
        copies = {a: d for a, (d, _) in store.article_links().items() if d is not None}
    table = Table(title=f"{len(found)} stor{'y' if len(found) == 1 else 'ies'} in {target}")
    for name in ("id", "first", "last", "articles", "copies", "outlets", "title"):
        table.add_column(name, justify="right" if name in ("articles", "copies") else "left")
    for s in found:
        names = sorted({o for a in s.article_ids if (o := outlets.get(a))})
        table.add_row(
            s.id,
            s.first_published or "—",
            s.last_published or "—",
            str(len(s.article_ids)),
            str(sum(a in copies for a in s.article_ids)),
            escape(", ".join(names) or "—"),
            escape(s.title or "(no title)"),
        )
    Console(width=max(Console().width, 140)).print(table)


@main.command()
@db_option
@click.option("--limit", default=50, show_default=True, help="Show the most mentioned N.")
def entities(target: str, limit: int) -> None:
    """List people, organisations and places with mention counts per outlet.

    Example: newsweave entities --db newsweave.db --limit 20
    """
    with cli_store(target) as store:
        found = store.entities()
        outlets = {a: o or "(unknown outlet)" for a, o in store.outlets().items()}
    found.sort(key=lambda e: (-len(e.mentions), e.name))
    table = Table(title=f"{len(found)} entities in {target} (top {min(limit, len(found))})")
    for name in ("id", "name", "type", "mentions", "per outlet", "aliases", "roles"):
        table.add_column(name, justify="right" if name == "mentions" else "left")
    for e in found[:limit]:
        per_outlet = Counter(outlets.get(m.article_id, "?") for m in e.mentions)
        table.add_row(
            e.id,
            escape(e.name),
            e.type,
            str(len(e.mentions)),
            escape(", ".join(f"{o} {n}" for o, n in per_outlet.most_common())),
            escape(", ".join(a for a in e.aliases if a != e.name)),
            escape(", ".join(e.roles[:3])),
        )
    Console(width=max(Console().width, 160)).print(table)


def _register_more_verbs() -> None:
    """Verbs whose code lives beside the modules they drive (briefing, report, web app)."""
    from newsweave.cli_report import brief, report
    from newsweave.web.cli import serve

    for command in (brief, report, serve):
        main.add_command(command)


_register_more_verbs()
