"""The learned article-to-article similarity: pair features and a logistic regression.

Following Miranda et al. (2018), whether a new article belongs to a story is a
learned function of several signals, and "good enough" is a learned threshold.
Here the learned function scores *article pairs* (body, title, lead, names,
numbers, years, the people each article is about, what it counts); an article's
score for a story is the mean over the story's recent members (average link),
which keeps a story from drifting towards whatever its latest article was about.
The weights are fitted on ECB+ training topics by ``python -m benchmarks.train.train_cluster_model``
and shipped as ``data/cluster_model.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Feature names, in vector order; the JSON file must list the same names.
FEATURES: tuple[str, ...] = (
    "body_cos",
    "title_cos",
    "names_cos",
    "full_names_cos",
    "numbers_cos",
    "same_days",
    "lead_cos",
    "name_conflict",
    "years_disjoint",
    "main_year_differs",
    "protagonist_missing",
    "same_protagonist",
    "same_count",
    "count_conflict",
)

#: Article-to-story features, in vector order: the mean and best pair probability over the
#: story's recent members, the story's size (a mean over one member is less sure), and the
#: worst pair probability.
STORY_FEATURES: tuple[str, ...] = ("mean_prob", "max_prob", "log_size", "min_prob")

MODEL_FILE = "cluster_model.json"
BACKGROUND_FILE = "cluster_df.json"
#: Days apart (inclusive) that still count as "the same days" for the ``same_days`` flag.
SAME_DAYS = 2

Weight = Callable[[str], float]


def unit(vec: Mapping[str, float], weight: Weight, keep: int = 0) -> dict[str, float]:
    """The L2-normalised ``v·w`` of a sparse vector; with ``keep``, only its ``keep``
    heaviest terms (after normalising, so a truncated vector still scores like the whole)."""
    out = {t: v * weight(t) for t, v in vec.items()}
    n = math.sqrt(sum(x * x for x in out.values()))
    if n > 0:
        out = {t: x / n for t, x in out.items()}
    if keep and len(out) > keep:
        out = dict(sorted(out.items(), key=lambda kv: -kv[1])[:keep])
    return out


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sparse dot product, iterating over the shorter vector."""
    if len(a) > len(b):
        a, b = b, a
    total = 0.0  # a plain loop: twice as fast as sum() over a generator on the hot path
    for t, v in a.items():
        if t in b:
            total += v * b[t]
    return total


def story_terms(probs: Sequence[float], size: int) -> list[float]:
    """The :data:`STORY_FEATURES` of an article's pair probabilities with a story."""
    return [sum(probs) / len(probs), max(probs), math.log1p(size), min(probs)]


def same_days(a: int | None, b: int | None) -> float:
    """1 when both dates are known and at most :data:`SAME_DAYS` apart. An unknown date is
    no evidence either way (0, as for dates far apart: the time window handles those)."""
    if a is None or b is None:
        return 0.0
    return 1.0 if abs(a - b) <= SAME_DAYS else 0.0


@dataclass
class ClusterModel:
    """Logistic-regression weights over pair features, the join threshold on the mean pair
    probability, the merge threshold on story-to-story mean probability, the time window."""

    weights: list[float]
    bias: float
    threshold: float
    window_days: int = 30
    merge_threshold: float = 1.0
    #: Weight of the background document frequencies (``data/cluster_df.json``) against
    #: the stream's own counts; 0 turns them off.
    background: float = 0.0
    #: Logistic regression over :data:`STORY_FEATURES` (weights then bias); empty means
    #: "the story score is the mean pair probability".
    story_weights: list[float] = field(default_factory=list)
    #: The score a one-article story needs before a new article may join it (0: the join
    #: threshold). One pair is the noisiest evidence there is, and an early wrong pair
    #: seeds a story that then mixes two events for good, since stories never split.
    single_threshold: float = 0.0
    features: list[str] = field(default_factory=lambda: list(FEATURES))
    trained_on: str = ""
    notes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if list(self.features) != list(FEATURES) or len(self.weights) != len(FEATURES):
            raise ValueError(
                f"cluster model lists features {self.features}, this code computes "
                f"{list(FEATURES)}: regenerate it with "
                "`python -m benchmarks.train.train_cluster_model`"
            )
        if self.story_weights and len(self.story_weights) != len(STORY_FEATURES) + 1:
            raise ValueError(
                f"cluster model has {len(self.story_weights)} story weights, this code needs "
                f"{len(STORY_FEATURES) + 1}: regenerate it with "
                "`python -m benchmarks.train.train_cluster_model`"
            )

    def probability(self, x: Sequence[float]) -> float:
        """P(the two articles tell one story | pair features). Plain floats: six features
        per pair and thousands of pairs a second, where numpy's call overhead dominates."""
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def story_probability(self, probs: Sequence[float], size: int) -> float:
        """P(the article belongs to the story | its pair probabilities with the story's
        recent members, the story's size). The least probable pair counts too: an article
        that fits only some members may be bridging two events the story already mixes."""
        if not probs:
            return 0.0
        if not self.story_weights:
            return sum(probs) / len(probs)
        *w, b = self.story_weights
        z = b + sum(wi * t for wi, t in zip(w, story_terms(probs, size), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClusterModel:
        return cls(
            weights=[float(w) for w in data["weights"]],
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            window_days=int(data.get("window_days", 30)),
            merge_threshold=float(data.get("merge_threshold", 1.0)),
            background=float(data.get("background", 0.0)),
            story_weights=[float(w) for w in data.get("story_weights", [])],
            single_threshold=float(data.get("single_threshold", 0.0)),
            features=list(data.get("features", FEATURES)),
            trained_on=str(data.get("trained_on", "")),
            notes=dict(data.get("notes", {})),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> ClusterModel:
        """The shipped model (``newsweave/data/cluster_model.json``) or one at ``path``."""
        if path is None:
            text = resources.files("newsweave.data").joinpath(MODEL_FILE).read_text("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return cls.from_dict(json.loads(text))


@lru_cache(maxsize=1)
def background_counts() -> tuple[int, dict[str, int], dict[str, int]]:
    """(documents, term DF, name DF) of the shipped background corpus (generic news, not
    ECB+; built by ``python -m benchmarks.train.build_cluster_df``); zeros when the file is
    absent."""
    try:
        text = resources.files("newsweave.data").joinpath(BACKGROUND_FILE).read_text("utf-8")
    except FileNotFoundError:
        return 0, {}, {}
    data = json.loads(text)
    return int(data["docs"]), dict(data["terms"]), dict(data["names"])


def fit_logistic(
    x: NDArray[np.float64], y: NDArray[np.float64], l2: float = 1e-2, iters: int = 50
) -> tuple[NDArray[np.float64], float]:
    """Tiny L2-regularised logistic regression by Newton's method (IRLS).

    Six features and some thousands of pairs: Newton converges in a handful of steps,
    and numpy is all it needs, which keeps scikit-learn out of the install.
    """
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2 * n)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return w[:-1].copy(), float(w[-1])
