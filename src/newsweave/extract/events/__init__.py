"""Events: what happened in each article, and the events merged across articles."""

from newsweave.extract.events.extract import entity_mentions, extract_events
from newsweave.extract.events.merge import merge_events

__all__ = ["entity_mentions", "extract_events", "merge_events"]
