"""Read PolNeAR (Newell et al., LREC 2018) attributions from their brat standoff files.

Why a loader of our own: the authors' loader is not shipped with the data, and
the quote benchmark only needs articles, attributions and their Source, Cue and
(possibly discontinuous) Content spans. Where an article was annotated by
several annotators, the lexicographically first .ann file is used so that every
run scores against the same single annotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

QUOTE_MARKS = '"“”«»„‟'
_PIECE = re.compile(r"(\d+) (\d+)")


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; spans are ``(start, end)`` pairs into the article text."""

    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]

    def content_text(self, text: str) -> str:
        return " … ".join(text[s:e] for s, e in self.content)


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[Attribution, ...]

    @property
    def quotes(self) -> list[Attribution]:
        """Gold quotes: attributions whose Content contains a quotation mark.

        Two apostrophes ('') count as one: it is how some wire copy (the New
        York Times in PolNeAR) types a double quotation mark.
        """
        return self.quotes_with(apostrophes=True)

    def quotes_with(self, *, apostrophes: bool) -> list[Attribution]:
        """Gold quotes, with or without '' counted as a quotation mark."""
        out = []
        for a in self.attributions:
            content = "".join(self.text[s:e] for s, e in a.content)
            if any(ch in QUOTE_MARKS for ch in content) or (apostrophes and "''" in content):
                out.append(a)
        return out


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in _PIECE.findall(field))


def parse_ann(ann: str) -> list[Attribution]:
    """Attributions of one brat file; an E line links T lines by role (Content2 = more content)."""
    tspans: dict[str, tuple[tuple[int, int], ...]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            tspans[cols[0]] = _spans(cols[1].split(" ", 1)[1] if " " in cols[1] else "")
        elif cols[0].startswith("E"):
            events.append([tuple(arg.split(":", 1)) for arg in cols[1].split() if ":" in arg])  # type: ignore[misc]
    out: list[Attribution] = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
        for role, tid in args:
            key = re.sub(r"\d+$", "", role)
            if key in roles:
                roles[key].extend(tspans.get(tid, ()))
        if roles["Content"]:
            out.append(
                Attribution(
                    tuple(sorted(roles["Content"])),
                    tuple(sorted(roles["Source"])),
                    tuple(sorted(roles["Cue"])),
                )
            )
    return out


def load_split(data: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Articles of ``data/split`` in name order, each with one annotator's attributions."""
    folder = data / split
    anns: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    articles: list[GoldArticle] = []
    for txt in sorted((folder / "text").glob("*.txt")):
        if txt.stem not in anns:
            continue
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        attrs = parse_ann(anns[txt.stem].read_text(encoding="utf-8"))
        articles.append(GoldArticle(txt.stem, text, tuple(attrs)))
        if limit is not None and len(articles) >= limit:
            break
    return articles
