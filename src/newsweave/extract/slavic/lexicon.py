"""The word lists of ``data/slavic_lexicon.json``, read once (lists are data, not code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class SlavicLexicon:
    org_nouns: dict[str, frozenset[str]]
    org_complements: frozenset[str]
    org_kind_nouns: dict[str, frozenset[str]]
    nation_adjectives: tuple[str, ...]
    not_names: frozenset[str]
    products: frozenset[str]
    product_nouns: dict[str, frozenset[str]]
    joiners: frozenset[str]
    speech_verbs: dict[str, tuple[str, ...]]
    pronouns: dict[str, frozenset[str]]
    event_triggers: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def lexicon() -> SlavicLexicon:
    text = resources.files("newsweave").joinpath("data/slavic_lexicon.json").read_text("utf-8")
    data = json.loads(text)
    return SlavicLexicon(
        org_nouns={k: frozenset(v) for k, v in data["org_nouns"].items()},
        org_complements=frozenset(data["org_complements"]),
        org_kind_nouns={k: frozenset(v) for k, v in data["org_kind_nouns"].items()},
        nation_adjectives=tuple(data["nation_adjectives"]),
        not_names=frozenset(data["not_names"]),
        products=frozenset(data["products"]),
        product_nouns={k: frozenset(v) for k, v in data["product_nouns"].items()},
        joiners=frozenset(data["joiners"]),
        speech_verbs={k: tuple(v) for k, v in data["speech_verbs"].items()},
        pronouns={k: frozenset(v) for k, v in data["pronouns"].items()},
        event_triggers={k: tuple(v) for k, v in data["event_triggers"].items()},
    )
