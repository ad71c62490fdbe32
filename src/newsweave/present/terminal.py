"""A story's briefing in the terminal: cited sentences, timeline, outlet comparison, framing.

Rendered with rich from the story view (``present.story``), the same data the web page
and the HTML report show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def print_brief(out: Console, view: dict[str, Any], max_claims: int = 10) -> None:
    """The terminal briefing: sentences with numbered citations, timeline, comparison, framing."""
    out.rule(f"[bold]{escape(view['title'] or view['id'])}")
    span = f"{view['first_published'] or '?'} – {view['last_published'] or '?'}"
    out.print(
        f"[dim]{escape(span)} · {len(view['articles'])} articles · "
        f"{escape(', '.join(view['outlets']))}[/]"
    )
    outlet_of = {a["id"]: a["outlet"] for a in view["articles"]}
    notes: list[str] = []
    out.print("\n[bold]Briefing[/]")
    if not view["summary"]:
        out.print("[dim]no briefing yet: run `newsweave run` to compute it[/]")
    for i, s in enumerate(view["summary"], 1):
        marks = []
        for c in s["citations"]:
            notes.append(_note(c, outlet_of))
            marks.append(f"[{len(notes)}]")
        out.print(f"{i}. {escape(s['sentence'])} [cyan]{escape(''.join(marks))}[/]")
    _print_timeline(out, view["timeline"])
    _print_claims(out, view, max_claims)
    _print_framing(out, view)
    if notes:
        out.print("\n[bold]Citations[/] [dim](article id, characters start–end)[/]")
        for i, note in enumerate(notes, 1):
            out.print(f"[cyan][{i}][/] {escape(note)}")


def _note(c: dict[str, Any], outlet_of: dict[str, str]) -> str:
    where = f" caption {c['index']}" if c.get("field") == "caption" else ""
    return (
        f"{outlet_of.get(c['article_id'], '?')}: {c['article_id']}{where} {c['start']}–{c['end']}"
    )


def _print_timeline(out: Console, entries: Sequence[dict[str, Any]]) -> None:
    if not entries:
        return
    table = Table(title="Timeline", title_justify="left", show_lines=False)
    for col in ("date", "what happened", "who", "sources"):
        table.add_column(col, overflow="fold")
    for t in entries:
        table.add_row(
            escape(t["date"]),
            escape(t["summary"]),
            escape(", ".join(t["participants"][:4])),
            str(len(t["citations"])),
        )
    out.print(table)


def _print_claims(out: Console, view: dict[str, Any], limit: int) -> None:
    rows = view["claims"][:limit]
    if not rows:
        return
    table = Table(title="What each outlet says", title_justify="left", show_lines=True)
    table.add_column("claim", ratio=3, overflow="fold")
    for o in view["outlets"]:
        table.add_column(escape(o), ratio=1, overflow="fold")
    marks = {"supports": "[green]✓[/]", "silent": "[dim]–[/]"}
    for c in rows:
        cells = []
        for o in view["outlets"]:
            st = c["by_outlet"][o]
            cells.append(marks.get(st["status"], f"[yellow]≠ {escape(st.get('value', ''))}[/]"))
        table.add_row(escape(c["text"]), *cells)
    out.print(table)


def _print_framing(out: Console, view: dict[str, Any]) -> None:
    groups = view["framing"][:5]
    if not groups:
        return
    table = Table(title="Different words for the same thing", title_justify="left")
    table.add_column("thing")
    for o in view["outlets"]:
        table.add_column(escape(o), overflow="fold")
    for g in groups:
        table.add_row(
            escape(g["label"]),
            *(escape(", ".join(g["outlets"].get(o, [])[:4])) for o in view["outlets"]),
        )
    out.print(table)
