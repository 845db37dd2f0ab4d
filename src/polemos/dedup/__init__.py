"""Cross-document dedup: candidates from many articles describing one event become one Event.

`cluster` groups stored candidates (see `cluster.py` for why the result does not depend on the
order they arrived in); `build_event` merges a group into an ACLED-style record.
"""

from polemos.dedup.cluster import cluster
from polemos.dedup.merge import build_event, event_id
from polemos.dedup.records import Member
from polemos.dedup.rules import block, compatible

__all__ = ["Member", "block", "build_event", "cluster", "compatible", "event_id"]
