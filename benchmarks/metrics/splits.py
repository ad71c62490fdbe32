"""Is a multi-page dump split right? One file's gold bodies against its output articles.

A file is split right when every gold body is matched by a different output
article whose body scores token F1 >= 0.7 against it (the article-extraction
benchmark's 4-token-shingle precision and recall, F1 per pair). Extra output
articles do not make a file wrong (they are counted apart, as false splits);
two gold bodies matched by one article do. The matching is a maximum bipartite
matching over the pairs at or above the threshold, so the order of articles
does not matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.metrics.aeb import page_pr

#: Body F1 an output article needs to count as a gold body's article.
MATCH_F1 = 0.7


def pair_f1(predicted: str, gold: str) -> float:
    """Token-shingle F1 of one output article against one gold body."""
    precision, recall = page_pr(predicted, gold)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _augment(g: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    """Kuhn's augmenting path from gold ``g`` (a few bodies per file: no need for more)."""
    for a in edges[g]:
        if a in seen:
            continue
        seen.add(a)
        if a not in owner or _augment(owner[a], edges, owner, seen):
            owner[a] = g
            return True
    return False


def matched(golds: Sequence[str], outputs: Sequence[str], threshold: float = MATCH_F1) -> int:
    """How many gold bodies get an output article of their own with F1 >= ``threshold``."""
    edges = [
        [a for a, out in enumerate(outputs) if pair_f1(out, gold) >= threshold] for gold in golds
    ]
    owner: dict[int, int] = {}
    return sum(1 for g in range(len(golds)) if _augment(g, edges, owner, set()))


@dataclass(frozen=True)
class FileScore:
    """One dump: gold bodies, output articles, bodies matched."""

    golds: int
    outputs: int
    matched: int

    @property
    def right(self) -> bool:
        return self.matched == self.golds


def score_file(golds: Sequence[str], outputs: Sequence[str]) -> FileScore:
    return FileScore(len(golds), len(outputs), matched(golds, outputs))


@dataclass(frozen=True)
class SplitScore:
    files: int
    right: int
    exact_count: int  # files with as many output articles as gold bodies
    bodies: int
    bodies_matched: int

    @property
    def share_right(self) -> float:
        return self.right / self.files if self.files else 0.0


def summarise(scores: Sequence[FileScore]) -> SplitScore:
    return SplitScore(
        files=len(scores),
        right=sum(s.right for s in scores),
        exact_count=sum(s.outputs == s.golds for s in scores),
        bodies=sum(s.golds for s in scores),
        bodies_matched=sum(s.matched for s in scores),
    )
