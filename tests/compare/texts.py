"""Small news texts by three made-up outlets, parsed once for the compare tests."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from newsweave.model import Article, OffsetMap
from newsweave.nlp import parse

TEXTS = {
    "Harbour Herald": (
        "A missile strike on the port of Valdora killed eight people on Tuesday, officials said. "
        "The regional council approved a 40 million euro reconstruction fund. "
        "The mayor called the attack a deliberate act of terror."
    ),
    "Coastal Post": (
        "Officials said a missile strike on Valdora port killed 12 people on Tuesday. "
        "Firefighters worked through the night to contain the blaze at the docks."
    ),
    "Valley Times": (
        "The council in Valdora approved a reconstruction fund of €40 million "
        "(about $43 million) after the strike on the port. "
        "Schools in the city will stay closed until Friday, the education office said."
    ),
}


def article(outlet: str, text: str, published: str = "2025-03-05") -> Article:
    return Article(
        source=f"{outlet}.txt",
        document_hash=outlet,
        part=0,
        text=text,
        offsets=OffsetMap(),
        outlet=outlet,
        published=published,
        language="en",
    )


@lru_cache(maxsize=1)
def parsed() -> tuple[tuple[Article, ...], tuple[Doc, ...]]:
    articles = tuple(article(o, t) for o, t in TEXTS.items())
    return articles, tuple(parse([a.text for a in articles]))
