"""``newsweave run``: ingest inputs and bring every stage up to date.

Exit code 3 with ``--strict``: finished, but some inputs were rejected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsweave import pipeline
from newsweave.cli.common import cli_store, db_option, user_errors
from newsweave.distributed import BatchMapper
from newsweave.stages import STORE_STAGES

EXIT_REJECTED = 3


@click.command()
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
        with user_errors():
            mapper = stack.enter_context(dask_mapper(address))
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
