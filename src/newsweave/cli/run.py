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
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsweave import pipeline
from newsweave.cli.common import cli_store, db_option, user_errors
from newsweave.distributed import BatchMapper
from newsweave.stages import STORE_STAGES

EXIT_REJECTED = 3


class RateColumn(ProgressColumn):
    """Units per second (articles or stories), as rich shows only byte rates itself."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if not speed and task.finished and task.elapsed:
            speed = task.completed / task.elapsed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with code 3 if any input was rejected or an article failed a stage.",
)
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
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse articles at once (default: one per core; 1: all in this "
    "process). Results are the same whatever the number.",
)
@click.option(
    "--outlet",
    default=None,
    metavar="NAME",
    help="The outlet that published these inputs (for scrapes that do not say); a JSONL "
    "record's own 'outlet' field wins. Applies to inputs not stored yet.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but rejections and errors.")
def run(
    paths: tuple[str, ...],
    target: str,
    strict: bool,
    until: str | None,
    dask_address: str | None,
    workers: int | None,
    outlet: str | None,
    quiet: bool,
) -> None:
    """Ingest files, folders (recursive), globs or - (stdin), then run every stage.

    Running it again on the same inputs changes nothing. Bad inputs are reported
    with a reason and stored as rejections; they never stop the batch.

    On a terminal each stage shows a progress bar with its rate and time left; piped,
    the run prints only its summary.

    \b
    Example: newsweave run samples/ --db newsweave.db
    One core: newsweave run corpus/ --workers 1
    Name the outlet: newsweave run scrapes/irish-times/ --outlet "The Irish Times"
    On Dask:  newsweave run corpus/ --dask local
              newsweave run corpus/ --dask tcp://scheduler:8786
    """
    err = Console(stderr=True, quiet=quiet)

    said: list[bool] = []

    def waiting() -> None:
        if not said:
            said.append(True)
            err.print(
                "another newsweave process is storing inputs or running the stages on this "
                "store: waiting for it (this run's inputs are stored; its stages run next)",
                highlight=False,
            )

    with (
        cli_store(target) as store,
        _mapper(dask_address, workers) as mapper,
        _progress(err) as (on_input, on_stage),
    ):
        report = pipeline.run(
            list(paths),
            store,
            on_input=on_input,
            on_stage=on_stage,
            until=until,
            mapper=mapper,
            outlet=outlet,
            on_wait=waiting,
        )
        total = store.article_count()
    for rejection in report.rejected:
        err.print(
            f"[yellow]rejected[/] {escape(printable(rejection.source))}: "
            f"{escape(rejection.reason)}",
            highlight=False,
            soft_wrap=True,
        )
    for warning in report.warnings:
        err.print(
            f"[yellow]warning[/] {escape(printable(warning['source']))}: "
            f"{escape(warning['warning'])}",
            highlight=False,
            soft_wrap=True,
        )
    for failure in report.failures:
        if failure["article_id"] is not None:
            what = f"{printable(failure['source'] or '')} (article {failure['article_id']})"
        else:
            what = f"story {failure['story_id']}"
        err.print(
            f"[red]failed[/] {failure['stage']} on {escape(what)}: "
            f"{escape(failure['reason'] or '')}",
            highlight=False,
            soft_wrap=True,
        )
    if not quiet:
        failed = f", {len(report.failures)} failed a stage" if report.failures else ""
        click.echo(
            f"read {report.inputs_read} input(s): stored {report.articles_stored} new "
            f"article(s) from {report.documents_stored} document(s), {report.already_stored} "
            f"already stored, {len(report.rejected)} rejected{failed}; the store holds "
            f"{total} article(s) in {target}"
        )
        click.echo("stages: " + _stage_times(report))
    if strict and (report.rejected or report.failures):
        sys.exit(EXIT_REJECTED)


def printable(name: str) -> str:
    """A source name on one terminal line: control characters (a newline in a file name)
    and undecodable bytes shown as escapes, so a name cannot forge or break a line."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if not ch.isprintable() and ch != " " else ch
        for ch in name
    )


def _stage_times(report: pipeline.RunReport) -> str:
    """``ingest 0.4 s, dedupe 6 in 0.1 s, …``: what each stage did and how long it took."""
    parts = [f"ingest {report.seconds.get('ingest', 0.0):.1f} s"]
    for name, count in report.stages.items():
        parts.append(f"{name} {count} in {report.seconds.get(name, 0.0):.1f} s")
    return ", ".join(parts)


@contextmanager
def _mapper(address: str | None, workers: int | None) -> Iterator[BatchMapper | None]:
    """Batches run in worker processes here (``workers``, default one per core), or on
    Dask when an address is given; the pool or cluster is up for the run."""
    from newsweave.distributed import dask_mapper, pool_mapper

    with ExitStack() as stack:
        if address is None:
            yield stack.enter_context(pool_mapper(workers))
            return
        with user_errors():
            mapper = stack.enter_context(dask_mapper(address, n_workers=workers))
        yield mapper


InputTick = Callable[[str], None]
StageTick = Callable[[str, int, int], None]


@contextmanager
def _progress(console: Console) -> Iterator[tuple[InputTick | None, StageTick | None]]:
    """On a terminal, a live line while reading, then one bar per stage with its rate and
    time left (each stays on screen when done); nothing when piped, in CI or quiet."""
    if not console.is_terminal or console.quiet:
        yield None, None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        reading = progress.add_task("read", total=None)
        tasks: dict[str, TaskID] = {}

        def on_input(source: str) -> None:
            progress.update(reading, advance=1)

        def on_stage(name: str, done: int, total: int) -> None:
            if name not in tasks:
                progress.update(reading, total=progress.tasks[reading].completed)
                tasks[name] = progress.add_task(name, total=total)
                # Shown at once, not at the next timed refresh: a stage may be over in
                # less than the refresh interval, and the line says what is running now.
                progress.refresh()
            progress.update(tasks[name], completed=done, total=total)

        yield on_input, on_stage
