"""Build the background document frequencies shipped with the story clusterer.

    python -m benchmarks.train.build_cluster_df --data ../shared/data

A stream's own counts give poor IDF to its first articles (every term is rare in
ten documents), so the clusterer blends them with document frequencies from
generic news that is *not* ECB+: TimeBank/AQUAINT wire stories (TempEval-3
TBAQ-cleaned), MEANTIME Wikinews articles and the article-extraction-benchmark dev
pages' gold bodies. Only terms seen in at least ``MIN_DF`` documents are kept (a term
seen once says little and would bloat the file). Writes ``data/cluster_df.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from newsweave.cluster.features import capitalised_names, name_keys, tokenize

OUT = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "data" / "cluster_df.json"
MIN_DF = 2


def tbaq_texts(path: Path) -> Iterator[str]:
    """Title and text of each TimeML document in TBAQ-cleaned.tar.gz (markup stripped)."""
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".tml"):
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            root = ET.fromstring(fh.read())
            parts = ["".join(el.itertext()) for el in root if el.tag in ("TITLE", "TEXT")]
            yield "\n".join(parts)


def meantime_texts(folder: Path) -> Iterator[str]:
    """Token files of the MEANTIME documents, one sentence per line."""
    for path in sorted(folder.glob("*/*.xml")):
        root = ET.parse(path).getroot()
        sentences: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        yield "\n".join(" ".join(sentences[k]) for k in sorted(sentences))


def aeb_texts(path: Path) -> Iterator[str]:
    """Gold article bodies of the article-extraction-benchmark dev pages."""
    for item in json.loads(path.read_text(encoding="utf-8")).values():
        yield str(item.get("articleBody", ""))


def documents(data: Path) -> dict[str, list[str]]:
    """Source name → its texts; a missing source is skipped (and not listed)."""
    found: dict[str, list[str]] = {}
    tbaq = data / "tempeval3" / "TBAQ-cleaned.tar.gz"
    if tbaq.exists():
        found["TempEval-3 TBAQ-cleaned (TimeBank, AQUAINT)"] = list(tbaq_texts(tbaq))
    meantime = data / "meantime-en" / "intra-doc_annotation"
    if meantime.exists():
        found["MEANTIME English (Wikinews)"] = list(meantime_texts(meantime))
    aeb = data / "article-extraction-benchmark" / "ground-truth.json"
    if aeb.exists():
        found["article-extraction-benchmark dev bodies"] = list(aeb_texts(aeb))
    return found


def count(texts: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Document frequencies of body terms and of name keys, as the clusterer makes them."""
    terms: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for text in texts:
        terms.update(set(tokenize(text)))
        names.update(set(name_keys(capitalised_names(text))))
    return terms, names


def _frequent(counts: Counter[str]) -> dict[str, int]:
    """Terms in at least MIN_DF documents, numbers left out (the stream weighs those)."""
    return {t: n for t, n in sorted(counts.items()) if n >= MIN_DF and not re.match(r"^\d", t)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    found = documents(args.data)
    texts = [t for ts in found.values() for t in ts if t.strip()]
    if not texts:
        print(f"no background corpus under {args.data}", file=sys.stderr)
        return 1
    terms, names = count(texts)
    table: dict[str, object] = {
        "docs": len(texts),
        "sources": {name: len(ts) for name, ts in found.items()},
        "min_df": MIN_DF,
        "terms": _frequent(terms),
        "names": _frequent(names),
    }
    args.out.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n")
    size = args.out.stat().st_size / 1024
    print(
        f"{len(texts)} documents, {len(_frequent(terms))} terms, {len(_frequent(names))} names; "
        f"wrote {args.out} ({size:.0f} kB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
