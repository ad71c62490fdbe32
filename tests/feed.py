"""A deterministic feed of a few hundred short article files grown from the bundled samples.

The crash and concurrency tests need many small, distinct, real-looking articles that
still form stories, share people and disagree on numbers: each file here is a few
consecutive paragraphs of one sample article (or of one English text fixture), under a
scraper date header near the source's date, with its figures shifted. Windows of one
source overlap, so some files are near copies of others, as syndicated wire copy is.
Built from a seed, so every run of a test writes the same files.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    *sorted((ROOT / "samples").glob("*.txt")),
    ROOT / "tests" / "data" / "text" / "wire_reuters.txt",
    ROOT / "tests" / "data" / "mixed" / "good-article.txt",
)
#: Where a source gives no date of its own (the fixtures), the feed dates it here.
DEFAULT_DAY = date(2025, 12, 20)
_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b|\b(December|March) (\d{1,2}), (20\d\d)\b")
_MONTHS = {"December": 12, "March": 3}
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,:])")


def _paragraphs(text: str) -> list[str]:
    """Paragraphs long enough to be body text (site chrome and captions are short)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 120]


def _day(text: str) -> date:
    found = _DATE.search(text)
    if found is None:
        return DEFAULT_DAY
    if found.group(1):
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    return date(int(found.group(6)), _MONTHS[found.group(4)], int(found.group(5)))


def _shift_numbers(text: str, rng: random.Random) -> str:
    """Some figures nudged, as outlets report slightly different counts."""
    return _NUMBER.sub(lambda m: str(int(m.group()) + rng.choice((0, 0, 0, 1, 2))), text)


def write_feed(
    folder: Path, count: int, seed: int = 14, paragraphs: tuple[int, int] = (1, 3)
) -> list[Path]:
    """Write ``count`` article files of ``paragraphs`` (fewest, most) consecutive source
    paragraphs into ``folder`` (created); return them in name order."""
    rng = random.Random(seed)
    sources = [(p.read_text(encoding="utf-8"), p) for p in SOURCES]
    usable = [(text, _paragraphs(text)) for text, _ in sources]
    usable = [(text, paras) for text, paras in usable if len(paras) >= 2]
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    seen: set[str] = set()
    while len(written) < count:
        text, paras = rng.choice(usable)
        size = rng.randint(paragraphs[0], min(paragraphs[1], len(paras)))
        start = rng.randrange(0, len(paras) - size + 1)
        body = [_shift_numbers(p, rng) for p in paras[start : start + size]]
        day = _day(text) + timedelta(days=rng.randint(-2, 2))
        headline = " ".join(body[0].split(". ")[0].split()[:12]).rstrip(" ,;:")
        content = f"date {day.isoformat()}\n\n{headline}\n\n" + "\n\n".join(body) + "\n"
        if content in seen:  # each file a distinct input, so each is stored
            continue
        seen.add(content)
        path = folder / f"feed-{len(written):04d}.txt"
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
