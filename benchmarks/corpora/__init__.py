"""Readers of the evaluation data sets in ``../shared/data``, one module per data set.

``aeb`` (article-extraction-benchmark pages), ``ecbplus`` (ECB+ documents as feed
items), ``ecb_entities`` (ECB+ gold entity mentions and chains), ``ecb_sentences``
(ECB+ sentences with their event chains), ``polnear`` (PolNeAR attributions),
``timeml`` (gold TIMEX3 of TempEval-3 TimeML and MEANTIME CAT XML), ``stream`` (a
synthetic news stream of any length grown from PolNeAR texts, for throughput). None of the data
is ever copied into the repository.
"""

from benchmarks.corpora import aeb, ecb_entities, ecb_sentences, ecbplus, polnear, stream, timeml

__all__ = ["aeb", "ecb_entities", "ecb_sentences", "ecbplus", "polnear", "stream", "timeml"]
