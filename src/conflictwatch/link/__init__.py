"""Linking (issue 5): mentions from many documents -> incidents with claims, casualty tallies and
disputes; ceasefires as tracked objects; episodes and the timeline.

Stages: `frames` (one document's view of each event), `candidates` (blocking and grouping),
`similarity` (same-event test), `incidents`, `claims`, `tallies`, `ceasefires`, `episodes`,
`timeline`; `api` runs them over a store.
"""

from conflictwatch.link.api import (
    build_timeline,
    link_documents,
    link_mentions_in_memory,
    list_ceasefires,
    list_incidents,
)
from conflictwatch.link.timeline import timeline_markdown
from conflictwatch.link.types import (
    CasualtyTally,
    Ceasefire,
    CeasefireState,
    Citation,
    Claim,
    Dispute,
    DisputeVersion,
    Episode,
    FigureClaim,
    Incident,
    LinkReport,
    Timeline,
    TimelineEntry,
)

__all__ = [
    "CasualtyTally",
    "Ceasefire",
    "CeasefireState",
    "Citation",
    "Claim",
    "Dispute",
    "DisputeVersion",
    "Episode",
    "FigureClaim",
    "Incident",
    "LinkReport",
    "Timeline",
    "TimelineEntry",
    "build_timeline",
    "link_documents",
    "link_mentions_in_memory",
    "list_ceasefires",
    "list_incidents",
    "timeline_markdown",
]
