"""``newsweave articles``, ``stories`` and ``entities``: what the store holds, as tables."""

from __future__ import annotations

from collections import Counter

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsweave.cli.common import cli_store, db_option
from newsweave.compare.outlets import outlet_name
from newsweave.present import stories_view


@click.command()
@db_option
def articles(target: str) -> None:
    """List stored articles: id, outlet, date, headline, words.

    Example: newsweave articles --db newsweave.db
    """
    with cli_store(target) as store:
        rows = store.article_heads()
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
            outlet_name(a),
            a.published or "—",
            a.language or "—",
            a.headline or "(no headline)",
            str(a.word_count),
        )
    Console(width=max(Console().width, 120)).print(table)


@click.command()
@db_option
def stories(target: str) -> None:
    """List stories: title, dates, article count and the outlets that carried them.

    Example: newsweave stories --db newsweave.db
    """
    with cli_store(target) as store:
        found = stories_view(store)
    table = Table(title=f"{len(found)} stor{'y' if len(found) == 1 else 'ies'} in {target}")
    for name in ("id", "first", "last", "articles", "copies", "outlets", "title"):
        table.add_column(name, justify="right" if name in ("articles", "copies") else "left")
    for s in found:
        table.add_row(
            s["id"],
            s["first_published"] or "—",
            s["last_published"] or "—",
            str(s["article_count"]),
            str(s["copies"]),
            escape(", ".join(s["outlets"]) or "—"),
            escape(s["title"] or "(no title)"),
        )
    Console(width=max(Console().width, 140)).print(table)


@click.command()
@db_option
@click.option("--limit", default=50, show_default=True, help="Show the most mentioned N.")
def entities(target: str, limit: int) -> None:
    """List people, organisations and places with mention counts per outlet.

    Example: newsweave entities --db newsweave.db --limit 20
    """
    with cli_store(target) as store:
        found = store.entities()
        outlets = {a.id: outlet_name(a) for a in store.article_heads()}
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
