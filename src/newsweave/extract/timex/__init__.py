"""Temporal expressions: where they are in a text and the TIMEX3 values they stand for."""

from newsweave.extract.timex.find import find_timexes, parse_dct

__all__ = ["find_timexes", "parse_dct"]
