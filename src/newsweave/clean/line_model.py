"""A learned keep-or-drop decision for the lines of an extracted HTML body.

Why a model: trafilatura's body still carries lines that are not the article
(teasers, share prompts, link lists, counters); hand rules for them grow into
phrase lists that hold for the languages and sites they were written on. This
scores each line from signals that hold on any site and in any script (its
length in words, sentence ending, the share of its text inside links on the
page, the block it sits in, its position in the body, digits and capitals,
how it compares with its neighbours) with a logistic regression whose weights
ship as ``newsweave/data/html_line_model.json``, trained on the tuning part of
the development pages only (``python -m benchmarks.train.train_html_lines``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from statistics import median

from newsweave.words import word_count

#: The features, in the order of the model's weights.
FEATURES = (
    "log_words",
    "sentence_end",
    "link_share",
    "in_block",
    "tag_p",
    "tag_list",
    "tag_heading",
    "position",
    "edge",
    "digit_share",
    "capital_share",
    "log_words_vs_median",
    "log_neighbour_words",
    "neighbour_link_share",
)

_SENTENCE_END = tuple('.!?。！？؟…"”’»)')
_WORD = re.compile(r"\w+")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"li", "dd", "dt"}


@dataclass(frozen=True)
class LineBlock:
    """What the page says about one body line: its block's tag and its share of link text."""

    tag: str | None  # None: the line is no single block of the page
    link_share: float


def features(lines: list[str], blocks: list[LineBlock]) -> list[list[float]]:
    """One feature row per line (``FEATURES`` order); ``blocks`` is aligned with ``lines``."""
    counts = [word_count(line) for line in lines]
    mid = median(counts) if counts else 1.0
    last = max(len(lines) - 1, 1)
    rows = []
    for i, (line, block) in enumerate(zip(lines, blocks, strict=True)):
        words = _WORD.findall(line)
        chars = sum(len(w) for w in words) or 1
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        rows.append(
            [
                math.log1p(counts[i]),
                float(line.rstrip().endswith(_SENTENCE_END)),
                block.link_share,
                float(block.tag is not None),
                float(block.tag == "p"),
                float(block.tag in _LISTS or line.startswith("- ")),
                float(block.tag in _HEADINGS),
                i / last,
                1.0 / (1 + min(i, len(lines) - 1 - i)),
                sum(c.isdigit() for w in words for c in w) / chars,
                sum(w[0].isupper() for w in words) / len(words) if words else 0.0,
                math.log((counts[i] + 1) / (mid + 1)),
                math.log1p(sum(counts[j] for j in near) / len(near)) if near else 0.0,
                sum(blocks[j].link_share for j in near) / len(near) if near else 0.0,
            ]
        )
    return rows


@dataclass(frozen=True)
class LineModel:
    """Logistic regression over standardised features; a line is kept at ``threshold``."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def probability(self, row: list[float]) -> float:
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, row, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def keep(self, rows: list[list[float]]) -> list[bool]:
        return [self.probability(row) >= self.threshold for row in rows]

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "mean": list(self.mean),
            "scale": list(self.scale),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LineModel:
        if data.get("features") != list(FEATURES):
            raise ValueError("html line model was trained on other features: retrain it")
        return cls(
            weights=tuple(float(x) for x in data["weights"]),  # type: ignore[attr-defined]
            bias=float(data["bias"]),  # type: ignore[arg-type]
            mean=tuple(float(x) for x in data["mean"]),  # type: ignore[attr-defined]
            scale=tuple(float(x) for x in data["scale"]),  # type: ignore[attr-defined]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
        )


MODEL_FILE = "html_line_model.json"


@cache
def shipped_model() -> LineModel:
    """The model shipped with newsweave, read once."""
    text = resources.files("newsweave.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return LineModel.from_json(json.loads(text))
