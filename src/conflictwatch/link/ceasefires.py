"""Ceasefires as tracked objects: parties, mediators, start, terms, states over time, violations.

Each article has one ceasefire frame (its sentences about ceasefires, with the other mentions of
those sentences as context). `split_frame` tells the article's ceasefires apart: sentences with
stated dates that cannot be one day (see `_dates_fit`) or with different mediators speak of
different ceasefires, and a plural ceasefire brokered by several mediators ("the two other
agreements brokered by France and the United States") is one ceasefire per mediator. Across
documents, ceasefires are one when their dates meet (within `SAME_CEASEFIRE`), their sides
agree and their mediators do not differ.

The states come from the cue words of each sentence (data/link_ceasefire_cues.tsv) and the
modality of its mentions: a sentence that calls for a ceasefire (or for one to be kept) proposes
it, whatever else it names; one that welcomes a ceasefire adds no state. Violation claims are the
accusations of attacks and the reports of violations made between the ceasefire's start (its
agreement or entry into force) and its collapse, with their claimants.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence

from conflictwatch.actors import ActorDictionary, country_of, load_actor_dictionary
from conflictwatch.actors.phrases import PhraseResolver
from conflictwatch.link.claims import make_claims
from conflictwatch.link.episodes import episodes_near
from conflictwatch.link.frames import frame_countries, iso3, shift
from conflictwatch.link.incidents import principal_parties
from conflictwatch.link.lexicon import ceasefire_cues
from conflictwatch.link.tallies import claimant_name
from conflictwatch.link.types import (
    OWN_REPORTING,
    Ceasefire,
    CeasefireState,
    Citation,
    Claim,
    Episode,
    Frame,
)
from conflictwatch.model import DatePrecision, Mention, Modality

SAME_CEASEFIRE = dt.timedelta(days=3)
#: Violations are looked for this long after the start when no collapse is recorded.
WATCH = dt.timedelta(days=30)
STATE_ORDER = ("proposed", "agreed", "in_force", "violated", "collapsed")
_MEDIATION_MODES = frozenset({"mediation", "mediate"})
_PROPOSAL_MODALITIES = frozenset({Modality.PLANNED, Modality.HYPOTHETICAL})
#: How far after a mediation cue ("brokered by") the list of mediators is read (it ends earlier,
#: at the first word that names no one).
_MEDIATOR_REACH = 160
#: A ceasefire noun in the plural: the sentence may speak of several ceasefires.
_PLURAL = re.compile(r"\b(?:ceasefires|cease-fires|truces|armistices|agreements)\b")
#: Which role a violation claim prefers when one sentence gives several.
_CLAIM_RANK = {"accusation": 0, "alleged": 1, "denial": 2, "event": 3}


def _names(text: str, cues: Iterable[str]) -> bool:
    return any(cue in text for cue in cues)


def _violation_cues() -> tuple[str, ...]:
    return tuple(cue for cue, state in ceasefire_cues().states if state == "violated")


def mention_states(mention: Mention) -> list[str]:
    """The life-cycle states one sentence signals, in life-cycle order.

    A call ("urged the sides to observe the ceasefire") or a plan only proposes; a comment
    ("welcomed the truce") adds nothing; a denial adds nothing.
    """
    if mention.modality is Modality.NEGATED:
        return []
    cues = ceasefire_cues()
    text = mention.evidence.text.lower()
    if _names(text, cues.comments):
        return []
    found = {state for cue, state in cues.states if cue in text}
    if mention.type == "FIGHT":
        found.add("violated")
    if mention.modality in _PROPOSAL_MODALITIES or _names(text, cues.calls):
        found = {"proposed"} | (found & {"violated", "collapsed"})
    return [s for s in STATE_ORDER if s in found]


def _date(mention: Mention) -> dt.date | None:
    """When the sentence dates it; an undated sentence speaks of its article's own day."""
    date = mention.date
    if date is None:
        return None
    exact = date.text and date.precision is DatePrecision.DAY
    return date.start if exact else date.end


def _stated_precision(mention: Mention) -> tuple[DatePrecision, dt.date | None]:
    """How precisely the text dates the sentence, and the first day its date allows (`_date` is
    the last): "later last month" is a month, not its last day."""
    date = mention.date
    if (
        date is None
        or not date.text
        or date.precision in (DatePrecision.DAY, DatePrecision.UNKNOWN)
    ):
        return DatePrecision.DAY, _date(mention)
    return date.precision, date.start


def sentence_mediators(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """Who brokers, in one sentence's mentions: the agents of mediation, and the actors named in
    the list right after a mediation cue ("brokered by France and the United States", "mediated
    by Doha and Cairo", "brokered by the UN"), resolved by the actor resolver: a state by its ISO3
    code, a body without a country by its name. The list ends at the first word that names no
    actor ("brokered by Turkey between the two militias")."""
    found: dict[str, None] = {}
    for mention in mentions:
        if mention.mode in _MEDIATION_MODES and mention.agent is not None:
            found[iso3(mention.agent.country) or mention.agent.name] = None
    if not mentions:
        return ()
    text = mentions[0].evidence.text
    lower = text.lower()
    for cue in ceasefire_cues().mediation:
        for match in re.finditer(re.escape(cue), lower):
            for phrase in _listed_names(text[match.end() : match.end() + _MEDIATOR_REACH]):
                code = _mediator_code(phrase)
                if code is not None:
                    found[code] = None
    return tuple(found)


_LIST_WORD = re.compile(r"[^\W\d_][\w.'’-]*|\d+|[,;:()]|\S")
_LIST_JOINERS = frozenset({",", "and", "&"})


def _listed_names(window: str) -> list[str]:
    """The names listed at the start of `window`: capitalized phrases (each may open with "the")
    joined by commas and "and"; the list ends at any other word. "the U.N. and the African
    Union, began" -> ["the U.N.", "the African Union"]."""
    phrases: list[list[str]] = [[]]
    for word in _LIST_WORD.findall(window):
        if word.lower() in _LIST_JOINERS:
            if not phrases[-1]:
                break
            phrases.append([])
        elif word.lower() == "the" and not phrases[-1]:
            phrases[-1].append(word)
        elif word[:1].isupper():
            possessive = re.sub(r"['’]s$", "", word)
            phrases[-1].append(possessive)
            if possessive != word:
                break  # "Turkey's president": the country, then no more names
        else:
            break
    return [" ".join(p) for p in phrases if any(w[:1].isupper() for w in p)]


def _mediator_code(phrase: str) -> str | None:
    """ISO3 of a state (a name, demonym or seat: "Washington"; a known person's country), else the
    name of a body the actor dictionary knows ("the UN"), else None."""
    code = country_of(phrase)
    if code is not None:
        return code
    actor = PhraseResolver(_dictionary()).resolve(phrase)
    if actor is None or actor.id is None:
        return None
    if actor.kind == "person":
        return iso3(actor.country)
    return iso3(actor.country) or actor.name


@functools.cache
def _dictionary() -> ActorDictionary:
    return load_actor_dictionary()


def venue_countries(mentions: Iterable[Mention]) -> set[str]:
    """Countries of the places where an agreement was made or negotiated ("a ceasefire signed in
    Doha", "talks in Geneva"): hosts, not parties, unless some mention has them as an actor."""
    cues = ceasefire_cues().venues
    actors: set[str] = set()
    hosts: set[str] = set()
    for mention in mentions:
        for actor in (mention.agent, mention.target):
            code = iso3(actor.country) if actor else None
            if code:
                actors.add(code)
        text = mention.evidence.text.lower()
        for place in mention.places:
            code = iso3(place.country)
            written = place.text.lower() if place.text else ""
            if code and written and any(f"{cue} {written}" in text for cue in cues):
                hosts.add(code)
    return hosts - actors


def _stated_span(mentions: Iterable[Mention]) -> tuple[dt.date, dt.date] | None:
    """The span the text itself gives these mentions (default windows around publication are
    not dates the text states)."""
    spans = [
        (m.date.start, m.date.end)
        for m in mentions
        if m.date is not None and m.date.text and m.date.start and m.date.end
    ]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> dt.timedelta:
    return max(dt.timedelta(0), max(a[0], b[0]) - min(a[1], b[1]))


def _is_day(span: tuple[dt.date, dt.date]) -> bool:
    return span[1] - span[0] <= dt.timedelta(days=1)


def _dates_fit(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    """Days within SAME_CEASEFIRE of each other, or a coarser date containing part of the other."""
    if a is None or b is None:
        return True
    if _is_day(a) and _is_day(b):
        return _gap(a, b) <= SAME_CEASEFIRE
    return _gap(a, b) == dt.timedelta(0)


def _mediators_fit(a: Iterable[str], b: Iterable[str]) -> bool:
    first, second = set(a), set(b)
    return not first or not second or bool(first & second)


@dataclasses.dataclass(slots=True)
class _Part:
    """One ceasefire of one article while its sentences are read."""

    mediators: set[str]
    anchor: tuple[dt.date, dt.date] | None
    members: list[tuple[Mention, str]]


def _best_part(
    parts: Sequence[_Part],
    mediators: set[str],
    stated: tuple[dt.date, dt.date] | None,
    taken: Sequence[_Part],
) -> _Part | None:
    """The ceasefire a sentence continues: the nearest in date among those it fits; for an
    undated sentence (the article's own time), the latest."""
    fitting = [
        (i, p)
        for i, p in enumerate(parts)
        if p not in taken
        and _mediators_fit(p.mediators, mediators)
        and _dates_fit(p.anchor, stated)
    ]
    if not fitting:
        return None
    if stated is not None:
        return min(
            fitting,
            key=lambda ip: (_gap(ip[1].anchor, stated) if ip[1].anchor else SAME_CEASEFIRE, -ip[0]),
        )[1]
    return max(fitting, key=lambda ip: (ip[1].anchor[1] if ip[1].anchor else dt.date.min, ip[0]))[1]


def split_frame(frame: Frame) -> list[Frame]:
    """One article's ceasefire frame -> one frame per ceasefire the article speaks of."""
    sentences: dict[int, list[tuple[Mention, str]]] = {}
    for mention, role in zip(frame.mentions, frame.roles, strict=True):
        sentences.setdefault(mention.evidence.start, []).append((mention, role))
    cues = ceasefire_cues()
    parts: list[_Part] = []
    last: _Part | None = None
    for start in sorted(sentences):
        pairs = sentences[start]
        core = [m for m, r in pairs if r == "ceasefire"]
        if not core:
            continue
        text = core[0].evidence.text.lower()
        mediators = sentence_mediators([m for m, _ in pairs])
        stated = _stated_span(core)
        several = len(mediators) >= 2 and _PLURAL.search(text) is not None
        keys = [{code} for code in mediators] if several else [set(mediators)]
        chosen: list[_Part] = []
        for key in keys:
            part = _best_part(parts, key, stated, chosen)
            if part is None:
                part = _Part(mediators=set(key), anchor=stated, members=[])
                parts.append(part)
            else:
                part.mediators |= key
                if stated is not None and (part.anchor is None or not _is_day(part.anchor)):
                    part.anchor = stated  # a day pins down a ceasefire known by its month
            chosen.append(part)
        if last is not None and last not in chosen and _names(text, cues.anaphors):
            chosen.append(last)  # "that cease-fire, as well as the two other agreements ..."
        for part in chosen:
            part.members.extend(pairs)
        last = chosen[0]
    if len(parts) <= 1:
        return [frame]
    return [_sub_frame(frame, i, part) for i, part in enumerate(parts)]


def _sub_frame(frame: Frame, index: int, part: _Part) -> Frame:
    mentions = tuple(m for m, _ in part.members)
    start, end = part.anchor or (frame.start, frame.end)
    return dataclasses.replace(
        frame,
        id=f"{frame.id}.{index}",
        start=start,
        end=end,
        countries=frame_countries(mentions),
        mentions=mentions,
        roles=tuple(r for _, r in part.members),
        mediators=tuple(sorted(part.mediators)),
    )


def _mediators_of(frame: Frame) -> tuple[str, ...]:
    return frame.mediators or _frame_mediators(frame.mentions)


@dataclasses.dataclass(slots=True)
class _Group:
    frames: list[Frame]
    mediators: set[str]
    countries: set[str]
    docs: set[str]
    end: dt.date
    has_day: bool  # some report dates it to a day
    collapsed: bool = False  # some report says it collapsed
    proposed_only: bool = True  # every report only proposes it


def group_frames(frames: Sequence[Frame]) -> list[list[Frame]]:
    """The ceasefires of many articles: their frames split (see `split_frame`), then each, in
    date order, joins the first ceasefire of other articles whose dates meet it (within
    SAME_CEASEFIRE), whose sides it shares and whose mediators do not differ from its own; a report
    that only proposes a truce never joins one that has collapsed. The
    test is against the whole group, so a report naming no mediator never bridges two
    ceasefires brokered by different mediators; and two reports dated only by a week or a month
    are too vague to be joined on their dates."""
    parts = [part for frame in frames for part in split_frame(frame)]
    dated = sorted((f for f in parts if f.start and f.end), key=lambda f: (f.start, f.id))
    groups: list[_Group] = []
    for part in dated:
        assert part.start and part.end
        mediators = set(_mediators_of(part))
        day = _is_day((part.start, part.end))
        # a call to keep or make a truce is about another one than a truce that has collapsed
        states = _part_states(part)
        proposal = states <= {"proposed"}
        home = next(
            (
                g
                for g in groups
                if part.start - g.end <= SAME_CEASEFIRE
                and (day or g.has_day)
                and part.doc_id not in g.docs
                and (not part.countries or not g.countries or g.countries & set(part.countries))
                and _mediators_fit(g.mediators, mediators)
                and not (g.collapsed and proposal)
                and not (g.proposed_only and "collapsed" in states)
            ),
            None,
        )
        if home is None:
            home = _Group(
                frames=[], mediators=set(), countries=set(), docs=set(), end=part.end, has_day=day
            )
            groups.append(home)
        home.frames.append(part)
        home.mediators |= mediators
        home.countries |= set(part.countries)
        home.docs.add(part.doc_id)
        home.end = max(home.end, part.end)
        home.has_day = home.has_day or day
        home.collapsed = home.collapsed or "collapsed" in states
        home.proposed_only = home.proposed_only and proposal
    result = [g.frames for g in groups]
    result.extend([f] for f in sorted(parts, key=lambda f: f.id) if not (f.start and f.end))
    return result


def _part_states(frame: Frame) -> set[str]:
    return {
        state
        for mention, role in zip(frame.mentions, frame.roles, strict=True)
        if role != "context"
        for state in mention_states(mention)
    }


def _frame_mediators(mentions: Sequence[Mention]) -> tuple[str, ...]:
    by_sentence: dict[tuple[str, int], list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault((mention.doc_id, mention.evidence.start), []).append(mention)
    found: dict[str, None] = {}
    for group in by_sentence.values():
        found.update(dict.fromkeys(sentence_mediators(group)))
    return tuple(found)


def assemble_ceasefire(frames: Sequence[Frame], violations: Sequence[Claim]) -> Ceasefire:
    pairs = {m.id: (m, r) for f in frames for m, r in zip(f.mentions, f.roles, strict=True)}
    ordered = sorted(
        pairs.values(),
        key=lambda p: (_date(p[0]) or dt.date.max, p[0].doc_id, p[0].evidence.start, p[0].id),
    )
    mentions = [m for m, _ in ordered]
    core = [m for m, r in ordered if r != "context"]
    states: list[CeasefireState] = []
    for mention in core:
        for state in mention_states(mention):
            if states and states[-1].state == state:
                continue
            precision, earliest = _stated_precision(mention)
            states.append(
                CeasefireState(
                    state=state,
                    date=_date(mention),
                    claimant=claimant_name(mention),
                    evidence=Citation.of(mention.evidence),
                    precision=precision,
                    earliest=earliest,
                )
            )
    mediators = tuple(dict.fromkeys(code for f in frames for code in _mediators_of(f)))
    # Mediators of the other ceasefires a sentence names are not parties to this one either.
    hosts = venue_countries(mentions)
    parties = principal_parties(mentions, exclude={*mediators, *_frame_mediators(mentions), *hosts})
    started = [s for s in states if s.state in ("agreed", "in_force") and s.date]
    first = min(started, key=lambda s: (s.date, s.precision is not DatePrecision.DAY), default=None)
    dates = [d for m in core if (d := _date(m))]
    return Ceasefire(
        id="c" + hashlib.sha256(min(f.id for f in frames).encode()).hexdigest()[:15],
        parties=parties,
        mediators=mediators,
        start=first.date if first else min(dates, default=None),
        start_precision=first.precision if first else DatePrecision.DAY,
        terms=stated_terms(core),
        states=tuple(states),
        violations=tuple(violations),
        mentions=tuple(m.id for m in mentions),
        documents=tuple(sorted({m.doc_id for m in mentions})),
    )


def with_belligerents(
    ceasefire: Ceasefire, frames: Sequence[Frame], episodes: Sequence[Episode]
) -> Ceasefire:
    """The parties checked against the sides of the fighting the ceasefire would halt.

    The episode is the one its start falls in (see `episodes_near`), between countries its
    sentences name other than mediators; when they name none, only an episode alone at that
    time. A party who is no side of that episode proposes or comments ("Lavrov said a lasting
    ceasefire needs monitors"); a ceasefire whose sentences name fewer than two sides ("three
    humanitarian ceasefires to halt the fighting in Karabakh") is between the episode's sides,
    and says the parties were inferred.
    """
    mentions = [m for frame in frames for m in frame.mentions]
    brokers = {*ceasefire.mediators, *_frame_mediators(mentions)}
    named = {*ceasefire.parties, *(c for f in frames for c in f.countries)} - brokers
    near = episodes_near(ceasefire.start, episodes, named)
    if not near or (not named and len(near) > 1) or len(near[0].countries) < 2:
        return ceasefire
    sides = tuple(p for p in ceasefire.parties if p in near[0].countries)
    if len(sides) >= 2:
        return dataclasses.replace(ceasefire, parties=sides)
    inferred = tuple(c for c in near[0].countries if c not in brokers)
    return dataclasses.replace(ceasefire, parties=inferred, parties_inferred=True)


def stated_terms(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """The sentences that state terms (a start time, monitors, a withdrawal), once each."""
    cues = ceasefire_cues().terms
    return tuple(
        dict.fromkeys(m.evidence.text for m in mentions if _names(m.evidence.text.lower(), cues))
    )


def violation_claims(ceasefire: Ceasefire, frames: Sequence[Frame]) -> list[Claim]:
    """Claims of violations while the ceasefire held: accused attacks, and accusations or reports
    that name a violation, dated after it began (on its first day only when they name one) and
    before its collapse (or within WATCH), about its parties. One claim per sentence: the
    accusation when it has one (it names the accuser)."""
    began = [s.date for s in ceasefire.states if s.state in ("agreed", "in_force") and s.date]
    if not began:
        return []
    start = min(began)
    collapsed = [s.date for s in ceasefire.states if s.state == "collapsed" and s.date]
    until = min(collapsed) if collapsed else shift(start, WATCH)
    cues = _violation_cues()
    subjects = ceasefire_cues().subjects
    sentences: dict[tuple[str, int], list[tuple[Mention, str]]] = {}
    for frame in frames:
        for mention, role in zip(frame.mentions, frame.roles, strict=True):
            if role in _CLAIM_RANK:
                key = (mention.doc_id, mention.evidence.start)
                sentences.setdefault(key, []).append((mention, role))
    picked: list[tuple[Mention, str]] = []
    for key in sorted(sentences):
        pairs = sentences[key]
        text = pairs[0][0].evidence.text.lower()
        names = _names(text, cues) and _names(text, subjects)  # "violating the truce"
        if not names and all(role != "alleged" for _, role in pairs):
            continue
        mention, role = min(pairs, key=lambda p: (_CLAIM_RANK[p[1]], p[0].id))
        day = _date(mention)
        if day is None or not start <= day <= until or (day == start and not names):
            continue
        if _about(frame_countries([m for m, _ in pairs]), ceasefire.parties):
            picked.append((mention, role))
    claims = make_claims([m for m, _ in picked], [r for _, r in picked])
    return [_with_accuser(c, m) for c, (m, _) in zip(claims, picked, strict=True)]


def _with_accuser(claim: Claim, mention: Mention) -> Claim:
    """An accusation the text attributes to no one else is made by its accusing agent."""
    if claim.claimant != OWN_REPORTING or claim.role != "accusation" or mention.agent is None:
        return claim
    return dataclasses.replace(
        claim, claimant=mention.agent.name, claimant_country=iso3(mention.agent.country)
    )


def _about(countries: Sequence[str], parties: Sequence[str]) -> bool:
    """A claim naming no country may be about anyone; one naming countries must share one."""
    return not countries or not parties or bool(set(countries) & set(parties))
