"""Benchmarks of each newsweave stage on public evaluation data, next to a peer system.

Runners (``python -m benchmarks.<name>`` from the repository root): ``extraction``,
``clustering``, ``dedupe``, ``quotes``, ``timex``, ``coref``, ``claim_alignment``;
``gate`` holds their scores to ``floors.json``. Readers live in ``corpora/``,
scorers in ``metrics/``, peers shared by several runners in ``peers/``, and what is
fitted from training splits in ``train/``. A runner never imports another runner.
"""
