"""Streaming story clustering: features, a learned similarity, and the stream itself.

Typical use::

    clusterer = StoryClusterer()                 # loads data/cluster_model.json
    for article in new_articles:
        assignment = clusterer.assign(ClusterInput(article.id, article.headline,
                                                   article.text, article.published,
                                                   article.language))

Rebuild the state of an existing store with ``StoryClusterer.from_assignments(rows)``, or
resume from the rows a store saved with ``StoryClusterer(state=KeyedState(read))``;
``clusterer.rows(manifest)`` gives the rows a run changed (see :mod:`newsweave.keyed`).
"""

from newsweave.cluster.features import (
    ArticleFeatures,
    ClusterInput,
    IncrementalIdf,
    NameExtractor,
    capitalised_names,
    featurize,
)
from newsweave.cluster.model import FEATURES, ClusterModel
from newsweave.cluster.story import Story
from newsweave.cluster.stream import Assignment, StoryClusterer, StorySummary

__all__ = [
    "FEATURES",
    "ArticleFeatures",
    "Assignment",
    "ClusterInput",
    "ClusterModel",
    "IncrementalIdf",
    "NameExtractor",
    "Story",
    "StoryClusterer",
    "StorySummary",
    "capitalised_names",
    "featurize",
]
