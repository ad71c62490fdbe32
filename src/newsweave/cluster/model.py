"""The learned article-to-story similarity: pair features and a logistic regression over them.

Following Miranda et al. (2018), the similarity between a new article and a story
is a learned function of several signals, and whether the best story is good
enough is a learned threshold. The weights are fitted on ECB+ training topics by
``benchmarks/train_cluster_model.py`` and shipped as ``data/cluster_model.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Feature names, in vector order; the JSON file must list the same names.
FEATURES: tuple[str, ...] = (
    "body_cos",
    "title_cos",
    "title_body_cos",
    "names_cos",
    "shared_rare_names",
    "days_apart",
    "same_days",
    "story_size",
    "avg_body",
    "avg_names",
    "salient_names",
    "exclusive_body",
    "exclusive_names",
    "max_body",
)

MODEL_FILE = "cluster_model.json"


Weight = Callable[[str], float]


@dataclass(frozen=True)
class Weighted:
    """An article vector ready for many comparisons: each value times its weight squared
    (so a dot product with an unweighted story centroid needs one lookup per term)."""

    values: dict[str, float]
    norm: float
    unit: dict[str, float]


def weigh(vec: Mapping[str, float], weight: Weight) -> Weighted:
    """Weight once: ``values`` (v·w², for centroids) and ``unit`` (the L2-normalised v·w)."""
    values: dict[str, float] = {}
    unit: dict[str, float] = {}
    total = 0.0
    for t, v in vec.items():
        w = weight(t)
        values[t] = v * w * w
        unit[t] = v * w
        total += (v * w) ** 2
    n = math.sqrt(total)
    if n > 0:
        unit = {t: x / n for t, x in unit.items()}
    return Weighted(values, n, unit)


def mean_cosine(a: Weighted, unit_sum: Mapping[str, float], size: int) -> float:
    """Average cosine of the article with a story's members (average-link similarity),
    from the sum of the members' unit vectors: one lookup per article term."""
    if size <= 0:
        return 0.0
    get = unit_sum.get
    return sum(v * get(t, 0.0) for t, v in a.unit.items()) / size


def cosine(a: Weighted, b: Mapping[str, float], b_norm: float) -> float:
    """Cosine of a prepared article vector and an unweighted centroid with a cached norm."""
    if a.norm <= 0.0 or b_norm <= 0.0:
        return 0.0
    get = b.get
    dot = 0.0
    for t, v in a.values.items():
        x = get(t)
        if x is not None:
            dot += v * x
    return dot / (a.norm * b_norm)


def exclusive_share(a: Weighted, story_df: Mapping[str, int], df: Mapping[str, int]) -> float:
    """Share of the article's weight on terms found mostly in this story: ``Σ u_t² ·
    df_story(t)/df(t)``. Topic words shared by two events of the same kind ("pirates",
    "Oscars") score ~½ with each; an event's own names and numbers score ~1 with it."""
    get = story_df.get
    total = 0.0
    for t, u in a.unit.items():
        n = get(t)
        if n:
            total += u * u * n / max(df.get(t, n), n)
    return total


def norm(v: Mapping[str, float], weight: Weight) -> float:
    return math.sqrt(sum((x * weight(t)) ** 2 for t, x in v.items()))


def days_feature(day: int | None, first: int | None, last: int | None) -> tuple[float, float]:
    """(log-scaled days between the article and the story's date range, same-days flag).

    Both are 0 when either date is unknown: an unknown date is no evidence either way,
    and no feature says *whether* a date is known (on ECB+ that is a corpus artefact).
    """
    if day is None or first is None or last is None:
        return 0.0, 0.0
    gap = max(0, first - day, day - last)
    return math.log1p(gap) / math.log1p(365.0), 1.0 if gap <= 2 else 0.0


@dataclass
class ClusterModel:
    """Logistic-regression weights, the join threshold and the stream's hard limits."""

    weights: list[float]
    bias: float
    threshold: float
    window_days: int = 30
    merge_threshold: float = 1.0
    names_weight: float = 0.5
    features: list[str] = field(default_factory=lambda: list(FEATURES))
    trained_on: str = ""
    notes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if list(self.features) != list(FEATURES) or len(self.weights) != len(FEATURES):
            raise ValueError(
                f"cluster model lists features {self.features}, this code computes "
                f"{list(FEATURES)}: regenerate it with benchmarks/train_cluster_model.py"
            )
        self._w = np.asarray(self.weights, dtype=np.float64)

    def probability(self, x: Sequence[float]) -> float:
        """P(article belongs to story | pair features)."""
        z = float(np.dot(self._w, np.asarray(x, dtype=np.float64))) + self.bias
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
            names_weight=float(data.get("names_weight", 0.5)),
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


def fit_logistic(
    x: NDArray[np.float64], y: NDArray[np.float64], l2: float = 1e-2, iters: int = 50
) -> tuple[NDArray[np.float64], float]:
    """Tiny L2-regularised logistic regression by Newton's method (IRLS).

    Eight features and a few thousand pairs: Newton converges in a handful of steps,
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
