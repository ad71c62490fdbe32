"""``newsweave changes`` and ``newsweave digest``: what changed in the stories lately, in
the terminal or as one file fit to email. Thin Click verbs over ``present``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.changes import parse_since
from newsweave.cli.common import cli_store, db_option
from newsweave.present.changes import MAX_CHANGES, changes_view
from newsweave.present.digest import digest_context, render_html, render_markdown


def _since(text: str) -> datetime:
    try:
        return parse_since(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc


since_option = click.option(
    "--since",
    default="24h",
    show_default=True,
    metavar="WHEN",
    help="How far back: 90m, 24h, 7d, 2w, or an ISO date or time (UTC unless it says).",
)


@click.command()
@db_option
@since_option
@click.option("--story", "story_id", default=None, metavar="ID", help="Only this story.")
@click.option(
    "--limit", default=MAX_CHANGES, show_default=True, type=click.IntRange(min=1), help="At most N."
)
def changes(target: str, since: str, story_id: str | None, limit: int) -> None:
    """Print what changed in the stories since a time, newest first: articles added,
    outlets joining, merges, new claims and disagreements.

    On a terminal a table; piped, one tab-separated line per change (time, story id,
    kind, what).

    \b
    Example: newsweave changes --since 24h --db newsweave.db
             newsweave changes --since 2026-12-06 | grep disagree
    """
    moment = _since(since)
    with cli_store(target) as store:
        rows = changes_view(store, moment, story_id, limit)
    out = Console(highlight=False)
    out.width = max(out.width, 140)
    if not out.is_terminal:
        for r in rows:
            click.echo("\t".join((r["at"], r["story_id"], r["kind"], r["text"])))
        return
    print_changes(out, rows, f"{len(rows)} change(s) since {moment:%Y-%m-%d %H:%M} UTC")


def print_changes(out: Console, rows: list[dict[str, object]], title: str) -> None:
    """The changes as a rich table: time, story, kind, what."""
    table = Table(title=title, title_justify="left")
    table.add_column("when (UTC)", no_wrap=True)
    table.add_column("story", overflow="fold", ratio=1)
    table.add_column("kind", no_wrap=True)
    table.add_column("what", overflow="fold", ratio=3)
    for r in rows:
        when = str(r["at"]).replace("T", " ")[:16]
        story = str(r["story_title"] or r["story_id"])
        table.add_row(when, escape(story), str(r["kind"]), escape(str(r["text"])))
    out.print(table)


@click.command()
@db_option
@since_option
@click.option(
    "-o",
    "--output",
    "output",
    default=None,
    type=click.Path(dir_okay=False, writable=True),
    help="File to write: .html for one self-contained page, .md for Markdown "
    "(default: Markdown on standard output).",
)
def digest(target: str, since: str, output: str | None) -> None:
    """Write a digest of the stories that are new or grew since a time, ranked by the
    outlets and articles that joined them: each with its cited briefing, what changed
    and the people in it.

    \b
    Example: newsweave digest --since 24h -o digest.html --db newsweave.db
             newsweave digest --since 7d -o week.md
    """
    moment = _since(since)
    with cli_store(target) as store:
        context = digest_context(store, moment)
    if output is None:
        click.echo(render_markdown(context), nl=False)
        return
    path = Path(output)
    markdown = path.suffix.lower() in (".md", ".markdown")
    text = render_markdown(context) if markdown else render_html(context)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(
            f"cannot write {output!r}: {exc.strerror}; choose another -o"
        ) from exc
    click.echo(f"wrote {path.resolve()}: {len(context['stories'])} story(ies)")
