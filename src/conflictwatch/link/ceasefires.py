"""Ceasefires as tracked objects: parties, mediators, start, terms, states over time, violations.

Ceasefire frames (mentions about a ceasefire, one group per article and time) from all documents are
grouped when their dates overlap (within `SAME_CEASEFIRE`) and their sides agree. The states come from
cue words of each sentence (data/link_ceasefire_cues.tsv), in date order; violation claims are the
accusations and reports of ceasefire violations made between its start and its collapse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from conflictwatch.link.candidates import UnionFind
from conflictwatch.link.claims import make_claims
from conflictwatch.link.frames import frame_countries, iso3, shift
from conflictwatch.link.incidents import principal_parties
from conflictwatch.link.lexicon import ceasefire_cues
from conflictwatch.link.tallies import claimant_name
from conflictwatch.link.types import Ceasefire, CeasefireState, Citation, Claim, Frame
from conflictwatch.model import DatePrecision, Mention, Modality

SAME_CEASEFIRE = dt.timedelta(days=3)
#: Violations are looked for this long after the start when no collapse is recorded.
WATCH = dt.timedelta(days=30)
STATE_ORDER = ("proposed", "agreed", "in_force", "violated", "collapsed")
_MEDIATION_MODES = frozenset({"mediation", "mediate"})
_PROPOSAL_MODALITIES = frozenset({Modality.PLANNED, Modality.HYPOTHETICAL})


def mention_states(mention: Mention) -> list[str]:
    """The life-cycle states one sentence signals, in life-cycle order."""
    if mention.modality is Modality.NEGATED:
        return []
    text = mention.evidence.text.lower()
    found = {state for cue, state in ceasefire_cues().states if cue in text}
    if mention.modality in _PROPOSAL_MODALITIES:
        found = {"proposed"} | (found & {"violated", "collapsed"})
    if mention.type == "FIGHT":
        found.add("violated")
    return [s for s in STATE_ORDER if s in found]


def _date(mention: Mention) -> dt.date | None:
    """When the sentence dates it; an undated sentence speaks of its article's own day."""
    date = mention.date
    if date is None:
        return None
    exact = date.text and date.precision is DatePrecision.DAY
    return date.start if exact else date.end


def group_frames(frames: Sequence[Frame]) -> list[list[Frame]]:
    dated = sorted((f for f in frames if f.start and f.end), key=lambda f: (f.start, f.id))
    groups = UnionFind()
    for i, a in enumerate(dated):
        groups.add(a.id)
        for b in dated[i + 1 :]:
            assert a.end and b.start
            if b.start - a.end > SAME_CEASEFIRE:
                break
            if not a.countries or not b.countries or set(a.countries) & set(b.countries):
                groups.union(a.id, b.id)
    by_id = {f.id: f for f in frames}
    result = [[by_id[i] for i in group] for group in groups.groups()]
    result.extend([f] for f in sorted(frames, key=lambda f: f.id) if not (f.start and f.end))
    return result


def _mediators(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """Who brokers: the agents of mediation, and the countries named in mediation sentences."""
    found: dict[str, None] = {}
    for mention in mentions:
        if mention.mode not in _MEDIATION_MODES:
            continue
        if mention.agent is not None:
            found[iso3(mention.agent.country) or mention.agent.name] = None
        after = _after_trigger(mention)
        for place in mention.places:
            code = iso3(place.country)
            if code and place.text and place.text in after:
                found[code] = None  # "brokered by France and the United States"
    return tuple(found)


def _after_trigger(mention: Mention, width: int = 40) -> str:
    text = mention.evidence.text
    at = text.lower().find(mention.trigger.lower()) if mention.trigger else -1
    if at < 0:
        return ""
    start = at + len(mention.trigger)
    return text[start : start + width]


def assemble_ceasefire(frames: Sequence[Frame], violations: Sequence[Claim]) -> Ceasefire:
    mentions = sorted(
        {m.id: m for f in frames for m in f.mentions}.values(),
        key=lambda m: (_date(m) or dt.date.max, m.doc_id, m.evidence.start),
    )
    states: list[CeasefireState] = []
    for mention in mentions:
        for state in mention_states(mention):
            if states and states[-1].state == state:
                continue
            states.append(
                CeasefireState(
                    state=state,
                    date=_date(mention),
                    claimant=claimant_name(mention),
                    evidence=Citation.of(mention.evidence),
                )
            )
    mediators = _mediators(mentions)
    parties = principal_parties(mentions, exclude=mediators)
    started = [s.date for s in states if s.state in ("agreed", "in_force") and s.date]
    dates = [d for m in mentions if (d := _date(m))]
    terms = tuple(
        dict.fromkeys(
            m.target.name
            for m in mentions
            if m.type == "AGREE" and m.target is not None and m.target.id is None
        )
    )
    return Ceasefire(
        id="c" + hashlib.sha256(min(f.id for f in frames).encode()).hexdigest()[:15],
        parties=parties,
        mediators=mediators,
        start=min(started) if started else min(dates, default=None),
        terms=terms,
        states=tuple(states),
        violations=tuple(violations),
        mentions=tuple(m.id for m in mentions),
        documents=tuple(sorted({m.doc_id for m in mentions})),
    )


def violation_claims(ceasefire: Ceasefire, frames: Sequence[Frame]) -> list[Claim]:
    """Accusations and violent reports between the ceasefire's start and its collapse (or a
    month), about its parties."""
    if ceasefire.start is None:
        return []
    collapsed = [s.date for s in ceasefire.states if s.state == "collapsed" and s.date]
    until = min(collapsed) if collapsed else shift(ceasefire.start, WATCH)
    claims: list[Claim] = []
    for frame in frames:
        pairs = [
            (m, r)
            for m, r in zip(frame.mentions, frame.roles, strict=True)
            if r in ("accusation", "alleged") or "violat" in m.trigger.lower()
        ]
        chosen = [
            (m, r)
            for m, r in pairs
            if (d := _date(m)) is not None
            and ceasefire.start <= d <= until
            and _about(frame_countries([m]), ceasefire.parties)
        ]
        claims.extend(make_claims([m for m, _ in chosen], [r for _, r in chosen]))
    return claims


def _about(countries: Sequence[str], parties: Sequence[str]) -> bool:
    """A claim naming no country may be about anyone; one naming countries must share one."""
    return not countries or not parties or bool(set(countries) & set(parties))
