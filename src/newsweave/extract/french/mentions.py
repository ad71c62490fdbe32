"""People, organisations and places in French text, from the French model's entities.

The model labels PER, ORG, LOC and MISC: PER → PERSON, ORG → ORG, LOC → GPE (news
places are mostly countries and cities; the English path's GPE), MISC is left out
(works, events, nationalities). An elided article glued to a name ("l'Élysée",
"d'Emmanuel Macron") is not part of it, and a function title the model took for an
organisation ("ministre des Affaires étrangères") is left out: it names a role.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsweave.model import Mention, SpanField

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_ELIDED = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_ROLE = re.compile(
    r"^(?:ministre|président|présidente|premier ministre|secrétaire|porte-parole|chef|"
    r"directeur|directrice|ambassadeur|ambassadrice|député|députée|sénateur|sénatrice)\b",
    re.IGNORECASE,
)


def find_french_mentions(
    doc: Doc, article_id: str, *, field: SpanField = "text", index: int | None = None
) -> list[Mention]:
    """Mentions in a parsed French text, with spans into ``doc.text``."""
    out: list[Mention] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        start, surface = ent.start_char, ent.text
        elided = _ELIDED.match(surface)
        if elided:
            start, surface = start + elided.end(), surface[elided.end() :]
        surface = surface.rstrip(" ,.;:")
        if len(surface) < 2 or not surface[:1].isupper() or _ROLE.match(surface):
            continue
        out.append(
            Mention(
                article_id=article_id,
                start=start,
                end=start + len(surface),
                text=surface,
                label=label,
                field=field,
                index=index,
            )
        )
    return out
