"""What a resolving rule gets and gives, and the word helpers every rule shares.

Why one contract: the grammar names each expression's kind and its parts, and
one rule per kind (in ``named`` and ``relative``) turns those parts into a
TIMEX3 type, value and mod. A rule gets the parts (``G``) and a context that
knows the DCT and, lazily, the tense around the expression (-1 looks back, +1
ahead, 0 unknown); it returns a ``Norm`` or None when the match is no time.
Relative expressions return ``relative=True``; without a DCT they keep no value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.extract.timex.lexicon import DAY_PARTS, POINT_MODS

__all__ = ["Ctx", "G", "Handler", "Norm", "normalise", "point_mod", "with_part"]


@dataclass(frozen=True)
class Norm:
    """A rule's answer: the TIMEX3 type, value and mod, and whether the DCT anchored it."""

    type: str
    value: str | None
    mod: str | None = None
    relative: bool = False


@dataclass
class Ctx:
    """What a handler may consult: the DCT, the tense, the surrounding words."""

    dct: dt.date | None
    direction: Callable[[], int]
    quarter_context: Callable[[], bool]
    # tense from a marker right next to the expression only ("by Dec. 15")
    near_direction: Callable[[], int]


G = dict[str, str]
Handler = Callable[[G, Ctx], Norm | None]


def normalise(s: str) -> str:
    """A matched word as the lexicon spells it: lower case, single spaces."""
    return re.sub(r"\s+", " ", s.lower().strip())


def point_mod(g: G) -> str | None:
    """The TIMEX3 mod of a point modifier ("early", "late", "mid-") the rule captured."""
    word = g.get("pmod") or g.get("relw") or g.get("relw2") or g.get("relw3") or g.get("relw4")
    return POINT_MODS.get(normalise(word)) if word else None


def with_part(date: str, part: str | None) -> tuple[str, str]:
    """Append a part of day ("morning" → TMO); the expression becomes a TIME."""
    if not part:
        return "DATE", date
    code = DAY_PARTS.get(normalise(part))
    return ("TIME", f"{date}T{code}") if code else ("DATE", date)
