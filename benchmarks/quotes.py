"""Quotes and their speakers on PolNeAR, newsweave next to a quotation-mark baseline.

Why PolNeAR: it is political news annotated with attribution relations (source,
cue, content), so it scores both halves of the task. Gold quotes are the
attributions whose Content holds a quotation mark (two apostrophes, the
NYT's '', count as one; ``--no-apostrophe-marks`` leaves them out, as the
counts in SOURCE.md do). Content may be discontinuous: the union of its
pieces. Predicted quotes are ``direct`` or ``partial`` (``indirect`` ones are
not scored against quote gold). Matching (:mod:`benchmarks.metrics.quotes`,
printed with the scores): a prediction matches a gold Content when their
overlap is at least 50% of the gold AND at least 50% of the prediction,
one-to-one, greedily by overlap; ``speaker_f1`` counts only matches whose
speaker is right: its span lies on the gold Source, or its name and the gold
Source share whole words (one word set holds the other; pronouns count by
position only). The baseline pairs quotation marks and takes the PERSON
nearest to a speech verb in the quote's sentence (see ``baseline_preds``).
The last line is ``quote_f1=… speaker_f1=…`` for newsweave.

Tuning: this runner chooses no threshold or weight; error analysis for the
quote rules is done on the train split only, and the dev split is reported
(``tuned_on=polnear-train reported_on=polnear-dev``).

The whole dev split (84 articles) takes about half a minute on one core,
most of it parsing; ``--every 3`` is a lean subset for a CI gate.

Example:
    .venv/bin/python -m benchmarks.quotes --data ../shared/data/polnear --split dev
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span

from benchmarks.corpora.polnear import GoldArticle, load_split
from benchmarks.metrics.quotes import Pred, Score, score_article
from newsweave.extract.quotes import extract_quotes
from newsweave.nlp import parse

DATA = Path(__file__).resolve().parents[2] / "shared/data/polnear"
_BASELINE_QUOTE = re.compile(r"(?:[\"“]|'')([^\"“”\n]+?)(?:[\"”]|'')")
_BASELINE_VERBS = frozenset({"say", "tell", "add", "write", "state", "note", "according"})


def newsweave_preds(doc: Doc, art: GoldArticle) -> list[Pred]:
    out = []
    for q in extract_quotes(doc, art.name):
        if q.kind == "indirect":
            continue
        span = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
        out.append(Pred(q.start, q.end, q.speaker, span))  # type: ignore[arg-type]
    return out


def baseline_preds(doc: Doc, art: GoldArticle) -> list[Pred]:
    """Marks + the PERSON nearest to a speech verb in the quote's sentence(s).

    The window is the sentence the quote opens in through the sentence its
    closing mark ends in (so ``"…," said Jane Doe.`` is inside it); the first
    speech verb outside the quote is the cue and the PERSON outside the quote
    nearest before it is the speaker, else the nearest after it (inverted
    "said Jane Doe"). No pronouns, no previous sentences, no split quotes.
    """
    out = []
    for m in _BASELINE_QUOTE.finditer(art.text):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        speaker: Span | None = None
        if span is not None and len(span):
            last = min(span[-1].i + 2, len(doc) - 1)  # the token after the closing mark
            sent = doc[span[0].sent.start : doc[last].sent.end]
            persons = [
                e
                for e in sent.ents
                if e.label_ == "PERSON" and not (m.start() <= e.start_char < m.end())
            ]
            verbs = [
                t
                for t in sent
                if t.lemma_ in _BASELINE_VERBS and not (m.start() <= t.idx < m.end())
            ]
            if verbs and persons:
                verb = verbs[0]
                before = [e for e in persons if e.end <= verb.i]
                speaker = before[-1] if before else min(persons, key=lambda e: e.start - verb.i)
        out.append(
            Pred(
                m.start(1),
                m.end(1),
                speaker.text if speaker is not None else None,
                (speaker.start_char, speaker.end_char) if speaker is not None else None,
            )
        )
    return out


def run(arts: list[GoldArticle], apostrophes: bool = True) -> dict[str, Score]:
    systems: dict[str, Callable[[Doc, GoldArticle], list[Pred]]] = {
        "newsweave": newsweave_preds,
        "baseline": baseline_preds,
    }
    totals = {name: Score() for name in systems}
    parse_seconds = 0.0
    t0 = time.perf_counter()
    for art, doc in zip(arts, parse(a.text for a in arts), strict=True):
        parse_seconds += time.perf_counter() - t0
        for name, system in systems.items():
            t1 = time.perf_counter()
            preds = system(doc, art)
            sc = score_article(preds, art, apostrophes)
            sc.seconds = time.perf_counter() - t1
            tot = totals[name]
            tot.pred += sc.pred
            tot.gold += sc.gold
            tot.quote_tp += sc.quote_tp
            tot.speaker_tp += sc.speaker_tp
            tot.seconds += sc.seconds
        t0 = time.perf_counter()
    print(f"articles={len(arts)} parse={1000 * parse_seconds / max(len(arts), 1):.1f} ms/article")
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--every", type=int, default=1, help="every Nth article (a lean subset)")
    ap.add_argument(
        "--no-apostrophe-marks",
        action="store_true",
        help="do not count '' as a quotation mark in gold Content (SOURCE.md's counts)",
    )
    args = ap.parse_args(argv)
    arts = load_split(args.data, args.split)[:: args.every][: args.limit]
    if not arts:
        print(f"no PolNeAR articles under {args.data / args.split}", file=sys.stderr)
        return 1
    print(
        "matching: overlap >= 50% of both the gold Content and the predicted quote; speaker "
        "span on the gold Source or the same name in whole words"
    )
    totals = run(arts, apostrophes=not args.no_apostrophe_marks)
    print(
        f"{'system':<10} {'gold':>5} {'pred':>5}  quote P/R/F1          speaker P/R/F1       ms/art"
    )
    for name, sc in totals.items():
        qp, qr, qf = sc.prf(sc.quote_tp)
        sp, sr, sf = sc.prf(sc.speaker_tp)
        ms = 1000 * sc.seconds / len(arts)
        print(
            f"{name:<10} {sc.gold:>5} {sc.pred:>5}  {qp:.3f}/{qr:.3f}/{qf:.3f}  "
            f"{sp:.3f}/{sr:.3f}/{sf:.3f}  {ms:6.1f}"
        )
    nw = totals["newsweave"]
    print(f"tuned_on=polnear-train reported_on=polnear-{args.split}")
    print(f"quote_f1={nw.prf(nw.quote_tp)[2]:.4f} speaker_f1={nw.prf(nw.speaker_tp)[2]:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
