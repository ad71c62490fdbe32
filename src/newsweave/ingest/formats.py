"""Decide whether decoded text is HTML, JSONL or a plain-text scrape."""

from __future__ import annotations

import json
import re
from typing import Literal

InputFormat = Literal["text", "html", "jsonl", "feed"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_FEED_SUFFIXES = (".rss", ".atom")
_FEED_START = re.compile(
    r"\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.I | re.S
)
_HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_PAGE_OPEN = re.compile(r"<(html|body)[\s>]", re.I)
_PAGE_CLOSE = re.compile(r"</(html|body)\s*>", re.I)


def sniff(name: str, text: str) -> InputFormat:
    """Format from the file name's ending, else from the content."""
    lowered = name.lower().removesuffix(".gz")
    if lowered.endswith(_FEED_SUFFIXES) or _FEED_START.match(text[:4096]):
        return "feed"
    if lowered.endswith(_HTML_SUFFIXES):
        return "html"
    if lowered.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if _HTML_START.match(text):
        return "html"
    if _looks_like_jsonl(text):
        return "jsonl"
    head = text[:20000]
    # A scrape with a stray <u> stays text; a page is mostly markup.
    if head.lstrip().startswith("<") and len(_TAG.findall(head)) > 20:
        return "html"
    return "text"


def _looks_like_jsonl(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def is_truncated_html(text: str) -> bool:
    """A full page whose closing tags never arrived was cut off in transit."""
    return bool(_PAGE_OPEN.search(text[:50000])) and not _PAGE_CLOSE.search(text)
