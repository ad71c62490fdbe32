"""Quotes: the words an article attributes to someone, and who that someone is."""

from newsweave.extract.quotes.cues import according_to, is_speech, subject_of
from newsweave.extract.quotes.extract import extract_quotes
from newsweave.extract.quotes.spans import find_quoted_spans

__all__ = ["according_to", "extract_quotes", "find_quoted_spans", "is_speech", "subject_of"]
