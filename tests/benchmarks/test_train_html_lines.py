from __future__ import annotations

import numpy as np
import pytest

from benchmarks.train.train_html_lines import (
    PageLines,
    examples,
    fit_weighted_logistic,
    tuning_f1,
)
from newsweave.clean.line_model import FEATURES, LineModel

GOLD = "Ministers met in Kyiv on Tuesday to discuss new grain routes"


def _page(folder: str, page_id: str, lines: list[str], first: list[float]) -> PageLines:
    rows = [[value] + [0.0] * (len(FEATURES) - 1) for value in first]
    return PageLines(folder, page_id, lines, rows, GOLD)


def test_examples_label_by_gold_shingles_and_weigh_pages_and_folders_alike() -> None:
    body = "Ministers met in Kyiv on Tuesday"  # 6 tokens: 3 shingles, all in the gold
    menu = "Home News Sport Weather Podcasts"  # 5 tokens: 2 shingles, none in the gold
    pages = [
        _page("aeb", "a", [body, menu], [1.0, 2.0]),
        _page("dragnet", "b", [body, "", menu], [3.0, 9.0, 4.0]),
        _page("dragnet", "c", [menu], [5.0]),
    ]
    x, y, w = examples(pages)
    assert x[:, 0].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]  # the line without a token is left out
    assert y.tolist() == [1.0, 0.0, 1.0, 0.0, 0.0]
    # a line's share of its page's shingles, over its folder's page count
    assert w.tolist() == pytest.approx([3 / 5, 2 / 5, 3 / 5 / 2, 2 / 5 / 2, 1 / 2])


def test_weighted_logistic_learns_the_sign_and_a_weight_counts_like_a_repeat() -> None:
    x = np.array([[-2.0], [-1.0], [1.0], [2.0], [-0.5], [0.5]])
    y = np.array([0.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    weights, bias = fit_weighted_logistic(x, y, np.ones(6), l2=0.0)
    assert weights[0] > 0 and bias == pytest.approx(0.0, abs=1e-9)  # the data are symmetric
    # weight 2 on the last row equals that row twice (weights are rescaled to the row count)
    heavy, _ = fit_weighted_logistic(x, y, np.array([1, 1, 1, 1, 1, 2.0]), l2=0.0)
    twice, _ = fit_weighted_logistic(np.vstack([x, x[-1:]]), np.append(y, 0.0), np.ones(7), l2=0.0)
    assert heavy[0] == pytest.approx(twice[0], rel=1e-6)


def test_tuning_f1_scores_the_kept_lines_per_folder() -> None:
    n = len(FEATURES)
    keep_positive = LineModel((10.0,) + (0.0,) * (n - 1), 0.0, (0.0,) * n, (1.0,) * n, 0.5)
    body = "Ministers met in Kyiv on Tuesday to discuss new grain routes."
    menu = "Home News Sport Weather Podcasts and more links"
    pages = [_page("aeb", "a", [body, menu], [1.0, -1.0])]
    assert tuning_f1(keep_positive, pages) == {"aeb": pytest.approx(1.0)}
