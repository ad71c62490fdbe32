"""``newsweave brief`` and ``newsweave report``: a story's briefing in the terminal, every story
in one self-contained HTML file. Thin Click verbs over ``present``.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from newsweave.cli.common import cli_store, db_option
from newsweave.present import print_brief, render_report, stories_view, story_view
from newsweave.store import SqlStore


def _pick_story(store: SqlStore, wanted: str) -> str:
    """A story id, or its number in `newsweave stories` order (1 = first)."""
    stories = stories_view(store)
    if wanted.isdigit() and 1 <= int(wanted) <= len(stories):
        return str(stories[int(wanted) - 1]["id"])
    for s in stories:
        if s["id"] == wanted or s["id"].removeprefix("story-") == wanted:
            return str(s["id"])
    known = ", ".join(f"{i}={s['id']}" for i, s in enumerate(stories[:5], 1)) or "none yet"
    raise click.ClickException(
        f"no story {wanted!r} in this database (stories: {known}); "
        "give a story id or its number, or run `newsweave run PATH` first"
    )


@click.command()
@click.argument("story")
@db_option
@click.option("--claims", "max_claims", default=10, show_default=True, help="Claims to list.")
def brief(story: str, target: str, max_claims: int) -> None:
    """Print a story's briefing, timeline and outlet comparison in the terminal.

    STORY is a story id (as in the export) or its number in the story list (1 = the biggest).

    Example: newsweave brief 1 --db newsweave.db
    """
    with cli_store(target) as store:
        view = story_view(store, _pick_story(store, story))
    if view is None:  # the story vanished between the two reads
        raise click.ClickException(f"story {story!r} is gone; run `newsweave run` again")
    out = Console(highlight=False, soft_wrap=False)
    print_brief(out, view, max_claims)


@click.command()
@db_option
@click.option(
    "-o",
    "--output",
    "output",
    default="report.html",
    show_default=True,
    type=click.Path(dir_okay=False, writable=True),
    help="HTML file to write.",
)
def report(target: str, output: str) -> None:
    """Write every story's briefing, timeline and comparison to one self-contained HTML file.

    The file needs no network: styles are inline, citations link to the cited words.

    Example: newsweave report --db newsweave.db -o report.html
    """
    with cli_store(target) as store:
        html = render_report(store)
    path = Path(output)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(
            f"cannot write {output!r}: {exc.strerror}; choose another -o"
        ) from exc
    click.echo(f"wrote {path.resolve()}")
