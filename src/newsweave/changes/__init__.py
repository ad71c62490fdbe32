"""Each story's change log: what changed in it and when newsweave learned of it.

Changes are found where they happen and logged with the stage's own results: the
cluster stage knows which articles joined a story, which outlets they brought and
which stories merged (``membership``); the compare stage diffs a story's new claims
against the ones it stored last time (``claims``). Both look only at the stories a
run changed. ``since`` reads the time windows users give ("24h", "2026-12-06").
"""

from __future__ import annotations

from newsweave.changes.claims import claim_changes
from newsweave.changes.membership import Membership, membership_changes
from newsweave.changes.since import parse_since

__all__ = ["Membership", "claim_changes", "membership_changes", "parse_since"]
