"""A synthetic news stream of any size, grown from real development texts.

The throughput benchmark needs thousands to hundreds of thousands of articles that
behave like a stream: stories that grow over days, new people, syndicated copies and
a realistic mix of lengths. Each story here starts from one real article (PolNeAR's
train and development texts, political news of ~780 words) and is retold by several
outlets over a few days: paragraphs reordered, some sentences dropped, its most named
people renamed (the same way throughout the story, so each story brings its own
entities), its dates shifted. Some articles are wire copies of another in the story,
some are short briefs (the first paragraphs), some are long (two articles' worth).
Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.corpora import polnear

#: Syllables of invented names: each story renames its people to names of its own, so
#: entities grow with the stream, and none is a real person from the source texts.
SYLLABLES = (
    "ba",
    "bel",
    "cor",
    "da",
    "dra",
    "el",
    "fen",
    "gor",
    "ha",
    "ith",
    "ja",
    "kel",
    "lo",
    "mar",
    "nes",
    "or",
    "pel",
    "quin",
    "ra",
    "sel",
    "tor",
    "ul",
    "va",
    "wen",
    "yor",
    "za",
    "bri",
    "cas",
    "dun",
    "fal",
    "gar",
    "hol",
    "ke",
    "lind",
    "mo",
    "nov",
    "pem",
    "ros",
    "stav",
    "thorn",
    "val",
    "wex",
)
OUTLETS = tuple(f"Outlet {i:02d}" for i in range(1, 41))
_CAPITALISED = re.compile(r"\b([A-Z][a-z]{2,})\b")
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Source:
    """One real article the stream retells."""

    name: str
    headline: str
    text: str


def load_sources(data: Path) -> list[Source]:
    """PolNeAR's train and development texts (``data`` is its folder): the headline on
    the first line, then the body; texts under 80 words are left out."""
    out = []
    for split in ("train", "dev"):
        for article in polnear.load_split(data, split):
            headline, _, body = article.text.strip().partition("\n")
            if len(body.split()) >= 80:
                out.append(Source(article.name, headline.strip().rstrip("."), body.strip()))
    if not out:
        raise FileNotFoundError(f"no PolNeAR texts under {data}/train or {data}/dev")
    return out


def _names(text: str) -> list[str]:
    """Capitalised words named three times or more, not only at sentence starts: the
    people, places and bodies the story is about (renaming places too is harmless)."""
    counts = Counter(_CAPITALISED.findall(text))
    starts = Counter(m.group(1) for m in re.finditer(r"(?:^|[.!?]\s+)([A-Z][a-z]{2,})", text))
    return [w for w, n in counts.most_common(8) if n >= 3 and starts[w] < n / 2]


def _invented(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _rename(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, mapping)) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _retell(rng: random.Random, body: str) -> str:
    """The same report in another outlet's words: lead kept, later paragraphs reordered,
    about one sentence in eight dropped."""
    paras = [p for p in body.split("\n") if p.strip()]
    head, rest = paras[:1], paras[1:]
    rng.shuffle(rest)
    kept = []
    for para in head + rest:
        sentences = [s for s in _SENTENCE.split(para) if rng.random() > 0.125]
        if sentences:
            kept.append(" ".join(sentences))
    return "\n\n".join(kept)


#: Articles a day: the stream's days are as many as its length needs at this rate, so
#: stories overlap in time (and span runs of a thousand) as a monitor's feeds do.
PER_DAY = 200


def stream(sources: list[Source], n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` JSONL records (``id``, ``title``, ``text``, ``published``, ``outlet``, ``url``)
    in publication order: each story's articles over hours to days, stories interleaved as
    a feed delivers them."""
    rng = random.Random(seed)
    days = max(30, n // PER_DAY)
    start_of_stream = datetime(2021, 1, 1)
    out: list[tuple[datetime, dict[str, str]]] = []
    story = 0
    while len(out) < n:
        src = rng.choice(sources)
        names = _names(src.text)
        mapping = {w: _invented(rng) for w in names[: rng.randint(1, 3)]}
        body = _rename(src.text, mapping)
        headline = _rename(src.headline, mapping)
        published = start_of_stream + timedelta(days=rng.randrange(days), hours=rng.randrange(24))
        size = min(n - len(out), rng.choice((1, 1, 2, 3, 4, 6, 8, 12)))
        told: list[str] = []
        for k in range(size):
            outlet = rng.choice(OUTLETS)
            kind = rng.random()
            if told and kind < 0.12:
                text = rng.choice(told)  # a wire copy, as a second outlet runs it
            elif kind < 0.3:
                text = "\n\n".join(_retell(rng, body).split("\n\n")[: rng.randint(2, 4)])
            elif kind > 0.93:
                other = rng.choice(sources)
                text = _retell(rng, body) + "\n\n" + _retell(rng, _rename(other.text, mapping))
            else:
                text = _retell(rng, body)
            told.append(text)
            record = {
                "id": f"s{story}-{k}",
                "title": headline if k == 0 else f"{headline} ({outlet})",
                "text": text,
                "published": published.isoformat(timespec="minutes"),
                "outlet": outlet,
                "url": f"https://news.example/{outlet.split()[-1]}/{story}/{k}",
            }
            out.append((published, record))
            published += timedelta(hours=rng.randint(1, 30))
        story += 1
    out.sort(key=lambda pair: pair[0])
    return [record for _, record in out]


def write_jsonl(records: Iterable[dict[str, str]], path: Path) -> int:
    """Write ``records`` as JSON lines (the ``newsweave run`` JSONL input); return how many."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            count += 1
    return count
