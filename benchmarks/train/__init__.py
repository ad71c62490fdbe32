"""Fit what newsweave ships from evaluation data: only ever from training splits.

``python -m benchmarks.train.train_cluster_model`` (ECB+ training topics) and
``python -m benchmarks.train.build_cluster_df`` (generic news, not ECB+).
"""
