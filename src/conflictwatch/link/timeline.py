"""The timeline: one dated entry per incident (and per ceasefire reached), in date order, each a
one-line summary built from the structured fields, with citations to its evidence sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from conflictwatch.link.episodes import episode_at
from conflictwatch.link.types import (
    Ceasefire,
    Citation,
    Episode,
    Incident,
    Timeline,
    TimelineEntry,
)

#: Citations kept per entry: the sentences that carry the most of the incident's facts.
MAX_CITATIONS = 5
_CEASEFIRE_WORDS = {"agreed": "Ceasefire agreed", "in_force": "Ceasefire in force"}


def _incident_citations(incident: Incident) -> tuple[Citation, ...]:
    """Event and casualty sentences first, then the rest, each sentence once."""
    ranked = sorted(
        incident.claims,
        key=lambda c: (c.role not in ("casualty", "event"), c.evidence.doc_id, c.evidence.start),
    )
    found: dict[tuple[str, int], Citation] = {}
    for claim in ranked:
        found.setdefault((claim.evidence.doc_id, claim.evidence.start), claim.evidence)
        if len(found) == MAX_CITATIONS:
            break
    return tuple(sorted(found.values(), key=lambda c: (c.doc_id, c.start)))


def _ceasefire_entries(ceasefire: Ceasefire, episodes: Sequence[Episode]) -> list[TimelineEntry]:
    entries = []
    reached = sorted(
        (s for s in ceasefire.states if s.state in _CEASEFIRE_WORDS and s.date),
        key=lambda s: (s.date or dt.date.max, s.state),
    )
    for state in reached:
        episode = episode_at(state.date, episodes)
        label = _CEASEFIRE_WORDS[state.state]
        who = f" between {', '.join(ceasefire.parties)}" if ceasefire.parties else ""
        via = f", mediated by {', '.join(ceasefire.mediators)}" if ceasefire.mediators else ""
        entries.append(
            TimelineEntry(
                start=state.earliest or state.date,  # a month-precise date spans its month
                end=state.date,
                summary=f"{label}{who}{via}",
                incident=None,
                episode=episode.id if episode else None,
                citations=(state.evidence,),
            )
        )
        break  # the first time it was reached
    return entries


def build_timeline_from(
    incidents: Sequence[Incident], episodes: Sequence[Episode], ceasefires: Sequence[Ceasefire]
) -> Timeline:
    entries = [
        TimelineEntry(
            start=i.start,
            end=i.end,
            summary=i.summary,
            incident=i.id,
            episode=i.episode,
            citations=_incident_citations(i),
        )
        for i in incidents
    ]
    for ceasefire in ceasefires:
        entries.extend(_ceasefire_entries(ceasefire, episodes))
    entries.sort(
        key=lambda e: (e.start is None, e.start or dt.date.min, e.incident is None, e.summary)
    )
    return Timeline(episodes=tuple(episodes), entries=tuple(entries))


def timeline_markdown(timeline: Timeline) -> str:
    """The timeline as Markdown: one section per episode, a bullet per entry with its sources."""
    lines = ["# Timeline", ""]
    names = {e.id: e for e in timeline.episodes}
    sections: dict[str | None, list[TimelineEntry]] = {}
    for entry in timeline.entries:
        sections.setdefault(entry.episode if entry.episode in names else None, []).append(entry)
    for episode in [*timeline.episodes, None]:
        key = episode.id if episode else None
        if key not in sections:
            continue
        if episode is not None:
            span = _span(episode.start, episode.end)
            lines += [f"## {episode.name}", "", f"*{span}*", ""]
        else:
            lines += ["## Other entries", ""]
        for entry in sections[key]:
            lines.append(f"- **{_span(entry.start, entry.end)}** {entry.summary}")
            for citation in entry.citations:
                quote = " ".join(citation.text.split())
                lines.append(f"  - [{citation.doc_id}:{citation.start}-{citation.end}] {quote}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return "undated"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"
