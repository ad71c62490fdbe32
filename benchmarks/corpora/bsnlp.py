"""Read the BSNLP / SlavNER development topics (raw texts, gold ``.out`` lines, offsets).

Layout (``shared/data/bsnlp/SOURCE.md``): ``<topic>/raw/<lang>/<file>.txt`` (five header
lines: id, language, date, URL, title; offsets count from the title line) and
``<topic>/mentions/<lang>.tsv`` (every gold mention with offsets, base form, category and
cross-lingual id). The ``.out`` gold of a document is exactly the set of distinct
(mention, base, category, clid) rows of its mentions, so the reader builds it from the
TSV. Any topic folder in that layout is read; the tuning/check split is by topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.metrics.bsnlp import Line

#: Topics whose documents tune rules; every other topic is the check part (split by
#: topic, because the held-out test topics are other news events).
TUNING_TOPICS = frozenset({"brexit", "ryanair"})


#: One ``.out`` line: a distinct surface form of an entity in a document.
GoldLine = Line


@dataclass(frozen=True)
class BsnlpDoc:
    topic: str
    lang: str
    file: str
    date: str | None
    text: str
    gold: frozenset[GoldLine]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.topic, self.lang, self.file)


def in_tuning_part(topic: str) -> bool:
    return topic in TUNING_TOPICS


def read_raw(path: Path) -> tuple[str | None, str]:
    """(creation date or None, text the offsets point into) of one raw file."""
    parts = path.read_text(encoding="utf-8").split("\n", 4)
    date = parts[2].strip() if len(parts) > 2 and parts[2].strip() else None
    return date, parts[4] if len(parts) > 4 else ""


def read_mentions(path: Path) -> dict[str, set[GoldLine]]:
    """File name → its gold lines, from a ``mentions/<lang>.tsv`` (split on tabs only)."""
    out: dict[str, set[GoldLine]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        file, _start, _end, mention, base, category, clid = line.split("\t")
        out.setdefault(file, set()).add(GoldLine(mention, base, category, clid))
    return out


def load(data: Path, langs: tuple[str, ...] = ("ru", "uk")) -> list[BsnlpDoc]:
    """Every document of every topic under ``data`` in the given languages."""
    docs: list[BsnlpDoc] = []
    for topic_dir in sorted(p for p in data.iterdir() if (p / "raw").is_dir()):
        for lang in langs:
            raw_dir = topic_dir / "raw" / lang
            tsv = topic_dir / "mentions" / f"{lang}.tsv"
            if not raw_dir.is_dir() or not tsv.is_file():
                continue
            gold = read_mentions(tsv)
            for path in sorted(raw_dir.glob("*.txt")):
                date, text = read_raw(path)
                docs.append(
                    BsnlpDoc(
                        topic_dir.name, lang, path.stem, date, text,
                        frozenset(gold.get(path.stem, set())),
                    )
                )  # fmt: skip
    return docs
