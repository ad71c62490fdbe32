"""Entities: mentions of people, organisations and places, resolved to one record each."""

from newsweave.extract.entities.mentions import find_mentions
from newsweave.extract.entities.resolve import entity_for_span, relabel, resolve_entities

__all__ = ["entity_for_span", "find_mentions", "relabel", "resolve_entities"]
