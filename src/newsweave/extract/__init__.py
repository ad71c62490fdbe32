"""Extractors that read a cleaned article and point back into its text.

``analyse`` parses each article once and runs every extractor on that parse;
each kind of fact has its package: ``entities``, ``quotes``, ``timex``,
``events``. Nothing is imported here, so that ``timex``, which needs no
parser, can be used without loading spaCy.
"""
