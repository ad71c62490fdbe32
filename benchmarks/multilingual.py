"""Russian and Ukrainian mentions and cross-language entity links on BSNLP (SlavNER).

Why: newsweave reads Russian and Ukrainian outlets beside English ones, and a name must
be found, put in its nominative and linked to the same entity across languages. The
data (``shared/data/bsnlp``, its SOURCE.md) holds the BSNLP development topics with
gold ``.out`` lines (distinct form, base form, category, cross-lingual id per document).

Systems, in the same run on the same documents:

* ``newsweave``: ``extract.slavic.find_slavic_mentions`` (natasha's spans corrected with
  pymorphy3's dictionaries, base forms) and ids from the product's entity resolver
  (``extract.entities.resolve_entities``) over all documents of a topic, both languages.
  A topic's documents are one run: the mentions of a first pass over them teach a
  ``Gazetteer`` (names at least three documents found and agree on the label of, learned
  from newsweave's own output, never from the gold lines), and the second pass finds
  those names again and labels them as agreed, as the extract stage does with the
  store's entities.
* ``natasha`` (peer): natasha's NER spans alone, no normalisation (base = form) and no
  linking (two forms are one entity when they are the same string).

Measures (:mod:`benchmarks.metrics.bsnlp`): the task's recognition measures per category
(relaxed partial, relaxed exact, strict), the sub-metric of the task brief (form OR
base form equal; ``ner_f1_*``, over PER/LOC/ORG) and cross-language LEA linking
(``link_f1``). newsweave finds PER, ORG and LOC only: PRO and EVT are listed to show
what is missed.

Tuning and check parts: split by topic (``corpora.bsnlp.TUNING_TOPICS``: brexit and
ryanair tune every rule; every other topic, here asia_bibi and nord_stream, is the
check part). The last line gives the check part.

Example:
    .venv/bin/python -m benchmarks.multilingual --data ../shared/data/bsnlp
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from benchmarks.corpora.bsnlp import TUNING_TOPICS, BsnlpDoc, in_tuning_part, load
from benchmarks.metrics.bsnlp import (
    CATEGORIES,
    PRF,
    Line,
    LinkCounts,
    Scores,
    link_lea,
    score_document,
)
from newsweave.extract.entities import resolve_entities
from newsweave.extract.slavic import find_slavic_mentions, natasha_spans
from newsweave.extract.slavic.gazetteer import Gazetteer
from newsweave.extract.slavic.mentions import RawSpan
from newsweave.model import Mention

DATA = Path(__file__).resolve().parents[2] / "shared/data/bsnlp"
MAIN = ("PER", "LOC", "ORG")
_CATEGORY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_NATASHA = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
Response = dict[tuple[str, str, str], list[Line]]


def _doc_id(doc: BsnlpDoc) -> str:
    return f"{doc.lang}/{doc.file}"


def peer_lines(doc: BsnlpDoc, spans: Sequence[RawSpan]) -> list[Line]:
    """natasha alone: its spans and labels, the form as base and as entity id."""
    out = []
    for s in spans:
        form = doc.text[s.start : s.end]
        out.append(Line(form, form, _NATASHA[s.label], form.lower()))
    return out


def newsweave_lines(
    docs: Sequence[BsnlpDoc], spans: dict[tuple[str, str, str], list[RawSpan]]
) -> Response:
    """newsweave's lines per document; ids from resolving each topic's mentions together."""
    first: dict[str, list[Mention]] = {}
    for doc in docs:
        found = find_slavic_mentions(doc.text, doc.lang, _doc_id(doc), spans=spans[doc.key])
        first.setdefault(doc.topic, []).extend(found)
    gazetteers = {topic: Gazetteer.learn(found) for topic, found in first.items()}
    by_topic: dict[str, dict[str, list[Mention]]] = {}
    for doc in docs:
        found = find_slavic_mentions(
            doc.text, doc.lang, _doc_id(doc), spans=spans[doc.key],
            gazetteer=gazetteers[doc.topic],
        )  # fmt: skip
        by_topic.setdefault(doc.topic, {})[_doc_id(doc)] = found
    entity_of: dict[tuple[str, str, int], str] = {}
    for topic, mentions in by_topic.items():
        for entity in resolve_entities(mentions):
            for m in entity.mentions:
                entity_of[(topic, m.article_id, m.start)] = entity.id
    out: Response = {}
    for doc in docs:
        lines = out.setdefault(doc.key, [])
        for m in by_topic[doc.topic][_doc_id(doc)]:
            clid = entity_of.get((doc.topic, m.article_id, m.start), f"{m.label}:{m.name}")
            lines.append(Line(m.text, m.name, _CATEGORY[m.label], clid))
    return out


def _scores(docs: Iterable[BsnlpDoc], response: Response) -> Scores:
    total = Scores()
    for doc in docs:
        total.add(score_document(doc.gold, response.get(doc.key, [])))
    return total


def _links(docs: Sequence[BsnlpDoc], response: Response) -> LinkCounts:
    total = LinkCounts()
    for topic in sorted({d.topic for d in docs}):
        mine = [d for d in docs if d.topic == topic]
        gold = {(d.lang, d.file): list(d.gold) for d in mine}
        resp = {(d.lang, d.file): response.get(d.key, []) for d in mine}
        total.add(link_lea(gold, resp))
    return total


def _row(name: str, table: dict[str, PRF]) -> str:
    cells = [f"{table.get(c, PRF()).f1:.3f}" for c in CATEGORIES]
    main = Scores.pooled(table, MAIN)
    return (
        f"  {name:<22}" + " ".join(f"{c:>6}" for c in cells)
        + f"   P={main.precision:.3f} R={main.recall:.3f} F1={main.f1:.3f}"
    )  # fmt: skip


def report(title: str, docs: Sequence[BsnlpDoc], systems: dict[str, Response]) -> dict[str, float]:
    """Print one part's tables; return newsweave's sub-metric F1 per language and link F1."""
    print(f"\n== {title}: {len(docs)} documents ==")
    figures: dict[str, float] = {}
    for lang in sorted({d.lang for d in docs}):
        part = [d for d in docs if d.lang == lang]
        header = " ".join(f"{c:>6}" for c in CATEGORIES)
        print(f"[{lang}] {len(part)} documents; F1 per category {header}   pooled PER/LOC/ORG")
        for measure in ("subtask", "relaxed", "exact", "strict"):
            for name, response in systems.items():
                scores = _scores(part, response)
                print(_row(f"{measure:<8} {name}", getattr(scores, measure)))
                if measure == "subtask" and name == "newsweave":
                    figures[f"ner_f1_{lang}"] = Scores.pooled(scores.subtask, MAIN).f1
    for name, response in systems.items():
        links = _links(docs, response)
        prf = f"P={links.precision:.3f} R={links.recall:.3f} F1={links.f1:.3f}"
        print(f"  cross-language LEA {name:<10} {prf}")
        if name == "newsweave":
            figures["link_f1"] = links.f1
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder in the BSNLP layout")
    parser.add_argument("--langs", nargs="+", default=["ru", "uk"])
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no BSNLP data at {args.data}", file=sys.stderr)
        return 2
    docs = load(args.data, tuple(args.langs))
    if not docs:
        print(f"no documents for {args.langs} under {args.data}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    spans = {d.key: natasha_spans(d.text) for d in docs}
    spans_time = time.perf_counter() - started
    systems = {
        "newsweave": newsweave_lines(docs, spans),
        "natasha": {d.key: peer_lines(d, spans[d.key]) for d in docs},
    }
    elapsed = time.perf_counter() - started
    print(f"{len(docs)} documents; natasha NER {spans_time:.0f} s, everything {elapsed:.0f} s")
    tuning = [d for d in docs if in_tuning_part(d.topic)]
    check = [d for d in docs if not in_tuning_part(d.topic)]
    report("ALL", docs, systems)
    tuned = report("tuning part", tuning, systems)
    checked = report("check part", check, systems)
    check_topics = ",".join(sorted({d.topic for d in check}))
    print(f"\ntuned_on={','.join(sorted(TUNING_TOPICS))} reported_on={check_topics}")
    print(" ".join(f"{k}_tuning={v:.3f}" for k, v in tuned.items()))
    print(" ".join(f"{k}={checked.get(k, 0.0):.3f}" for k in ("ner_f1_ru", "ner_f1_uk", "link_f1")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
