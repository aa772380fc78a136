"""Episodes: incidents between the same sides with no long lull between them (a flare-up, a war).

Incidents are taken in date order; one joins an open episode of the same sides when it starts within
`EPISODE_GAP` of the episode's end. Undated incidents stay episodes of their own. Background
mentions ("the 2020 war") are matched to the episode whose span they overlap most; a recalled event
dated to the day ("the fighting began on September 27") also extends its episode's span.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Collection, Sequence

from conflictwatch.actors.countries import load_countries
from conflictwatch.link.frames import shift
from conflictwatch.link.tallies import combined_tallies
from conflictwatch.link.types import Episode, Frame, Incident

#: A lull longer than this ends an episode (reports of a war can be weeks apart).
EPISODE_GAP = dt.timedelta(days=45)
#: An episode longer than this is called a war rather than clashes.
WAR_SPAN = dt.timedelta(days=21)
#: A recalled event dated at most this coarsely extends the episode it recalls.
PRECISE_RECALL = dt.timedelta(days=1)
#: A ceasefire this close to an episode belongs to it (talks often come a day before or after).
EPISODE_SLACK = dt.timedelta(days=7)


@dataclasses.dataclass(slots=True)
class _Open:
    incidents: list[Incident]
    start: dt.date
    end: dt.date
    countries: set[str]


def _compatible(countries: set[str], incident: Incident) -> bool:
    return not countries or not incident.countries or bool(countries & set(incident.countries))


def group_incidents(incidents: Sequence[Incident]) -> list[list[Incident]]:
    """Incidents grouped into episodes, in date order (undated ones last, one each)."""
    dated = sorted(
        (i for i in incidents if i.start and i.end), key=lambda i: (i.start, i.end, i.id)
    )
    groups: list[_Open] = []
    for incident in dated:
        assert incident.start and incident.end
        target = next(
            (
                g
                for g in reversed(groups)
                if incident.start - g.end <= EPISODE_GAP and _compatible(g.countries, incident)
            ),
            None,
        )
        if target is None:
            target = _Open([], incident.start, incident.end, set())
            groups.append(target)
        target.incidents.append(incident)
        target.end = max(target.end, incident.end)
        target.countries.update(incident.countries)
    undated = sorted((i for i in incidents if not (i.start and i.end)), key=lambda i: i.id)
    return [g.incidents for g in groups] + [[i] for i in undated]


def episode_id(members: Sequence[Incident]) -> str:
    first = min(i.id for i in members)
    return "e" + hashlib.sha256(first.encode()).hexdigest()[:15]


def _country_names(codes: Sequence[str]) -> str:
    table = load_countries().by_iso3
    return "–".join(table[c].name if c in table else c for c in codes)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None:
        return "date unknown"
    if (start.year, start.month) == (end.year, end.month):
        return start.strftime("%B %Y")
    if start.year == end.year:
        return f"{start.strftime('%B')}–{end.strftime('%B %Y')}"
    return f"{start.strftime('%B %Y')}–{end.strftime('%B %Y')}"


def episode_name(members: Sequence[Incident], start: dt.date | None, end: dt.date | None) -> str:
    """A name from the structured fields: sides, what kind of violence, and when."""
    counts = Counter(c for i in members for c in i.countries)
    top = sorted(counts, key=lambda c: (-counts[c], c))[:2]
    sides = _country_names(sorted(top))
    if start and end and end - start > WAR_SPAN:
        what = "war"
    else:
        fights = sum(1 for i in members if i.type == "FIGHT")
        what = "clashes" if fights * 2 >= len(members) else "attacks"
    return " ".join(part for part in (sides, what) if part) + f", {_period(start, end)}"


def _overlap(frame: Frame, start: dt.date, end: dt.date) -> int:
    """Days of overlap (negative: days apart)."""
    assert frame.start and frame.end
    return (min(frame.end, end) - max(frame.start, start)).days + 1


def build_episodes(
    incidents: Sequence[Incident], background: Sequence[Frame]
) -> tuple[list[Episode], dict[str, str]]:
    """The episodes, and incident id -> episode id."""
    groups = group_incidents(incidents)
    spans: list[tuple[dt.date | None, dt.date | None]] = []
    for members in groups:
        starts = [i.start for i in members if i.start]
        ends = [i.end for i in members if i.end]
        spans.append((min(starts, default=None), max(ends, default=None)))
    countries = [{c for i in members for c in i.countries} for members in groups]
    recalls: list[list[Frame]] = [[] for _ in groups]
    for frame in sorted(background, key=lambda f: f.id):
        best = _recalled_episode(frame, spans, countries)
        if best is not None:
            recalls[best].append(frame)
    episodes: list[Episode] = []
    membership: dict[str, str] = {}
    for members, (start, end), recalled in zip(groups, spans, recalls, strict=True):
        start, end = _extended(start, end, recalled)
        ident = episode_id(members)
        episodes.append(
            Episode(
                id=ident,
                name=episode_name(members, start, end),
                start=start,
                end=end,
                incidents=tuple(i.id for i in members),
                countries=tuple(sorted({c for i in members for c in i.countries})),
                casualties=combined_tallies(i.casualties for i in members),
                recalled_by=tuple(m.id for f in recalled for m in f.mentions),
            )
        )
        membership.update({i.id: ident for i in members})
    episodes.sort(key=lambda e: (e.start is None, e.start or dt.date.min, e.id))
    return episodes, membership


def _recalled_episode(
    frame: Frame,
    spans: Sequence[tuple[dt.date | None, dt.date | None]],
    countries: Sequence[set[str]],
) -> int | None:
    if frame.start is None or frame.end is None:
        return None
    best: tuple[int, int] | None = None
    chosen = None
    for index, (start, end) in enumerate(spans):
        if start is None or end is None:
            continue
        if frame.countries and countries[index] and not set(frame.countries) & countries[index]:
            continue
        overlap = _overlap(frame, shift(start, -EPISODE_GAP), end)
        if overlap <= 0:
            continue
        score = (_overlap(frame, start, end), overlap)
        if best is None or score > best:
            best, chosen = score, index
    return chosen


def _extended(
    start: dt.date | None, end: dt.date | None, recalled: Sequence[Frame]
) -> tuple[dt.date | None, dt.date | None]:
    for frame in recalled:
        if frame.start and frame.end and frame.end - frame.start < PRECISE_RECALL and start and end:
            start, end = min(start, frame.start), max(end, frame.end)
    return start, end


def episodes_near(
    day: dt.date | None, episodes: Sequence[Episode], countries: Collection[str] = ()
) -> list[Episode]:
    """The dated episodes within EPISODE_SLACK of `day`, nearest first; with `countries`, only
    those between some of them (a ceasefire elsewhere in the world the same week is not this
    war's)."""
    if day is None:
        return []
    found: list[tuple[dt.timedelta, str, Episode]] = []
    for episode in episodes:
        if episode.start is None or episode.end is None:
            continue
        if countries and not set(countries) & set(episode.countries):
            continue
        distance = max(episode.start - day, day - episode.end, dt.timedelta(0))
        if distance <= EPISODE_SLACK:
            found.append((distance, episode.id, episode))
    return [episode for _, _, episode in sorted(found, key=lambda item: item[:2])]


def episode_at(day: dt.date | None, episodes: Sequence[Episode]) -> Episode | None:
    """The episode nearest `day`, if it lies within EPISODE_SLACK of it."""
    near = episodes_near(day, episodes)
    return near[0] if near else None
