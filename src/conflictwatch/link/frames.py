"""One document's mentions -> frames: what the document says about each event it reports.

Inside one article, every sentence about the same battle belongs to one event: violent mentions whose
dates lie within a few days of each other make one frame. Accusations and denials made in the
article join the frame they are about (the one nearest in time) as claims; an act that is only the
object of an accusation ("accused X of shelling") is an alleged act, a claim rather than news of an
event. What the article recalls from long before is background; ceasefire talk is read apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence

from conflictwatch.actors.countries import load_countries
from conflictwatch.link.lexicon import ceasefire_cues, common_words, type_roles
from conflictwatch.link.types import Frame
from conflictwatch.model import DatePrecision, Mention, Modality

ZERO = dt.timedelta(0)
#: Violent mentions of one article this close in time describe one event.
SAME_EVENT_GAP = dt.timedelta(days=7)
#: A violent mention dated this long before the article's publication is recalled, not news.
RECENT = dt.timedelta(days=14)
#: A date vaguer than this (a season, a year) names a period, not an event.
MAX_EVENT_SPAN = dt.timedelta(days=31)
#: An undated article speaks of the days up to its publication (as extraction assumes).
UNDATED_WINDOW = dt.timedelta(days=6)
#: How far before its guessed date an event reported without a date may lie.
SOFT_DATE_REACH = dt.timedelta(days=21)
#: Frames longer than this are blocked only by their first and last weeks.
MAX_BLOCK_WEEKS = 6
#: Most tokens kept per frame for text similarity.
MAX_TOKENS = 250
#: The opening of an article whose names and numbers describe its main event.
LEAD_CHARS = 5000

NON_FACTUAL = frozenset(
    {Modality.HYPOTHETICAL, Modality.THREATENED, Modality.PLANNED, Modality.NEGATED}
)
CLAIM_ROLES = ("alleged", "accusation", "denial")

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_OPENERS = frozenset('.!?:;"“”()\u2014-')


@functools.cache
def _iso2_toiso3() -> dict[str, str]:
    return {c.iso2: c.iso3 for c in load_countries().by_iso3.values()}


def iso3(code: str | None) -> str | None:
    """Country codes as ISO3, whatever the source wrote (gazetteer ISO2, actor ISO3)."""
    if not code:
        return None
    code = code.upper()
    return code if len(code) == 3 else _iso2_toiso3().get(code)


def mention_role(mention: Mention, accusation_sentences: frozenset[tuple[str, int]]) -> str:
    """event, alleged, accusation, denial, background, ceasefire or other."""
    role = type_roles().get(mention.type, "other")
    if role == "violent":
        return _violent_role(mention, accusation_sentences)
    if role in ("accusation", "denial"):
        if mention.background or mention.modality in NON_FACTUAL:
            return "other"
        return "denial" if mention.modality is Modality.DENIED else role
    if (
        is_ceasefire(mention)
        and not mention.background
        and not _is_vague(mention)
        and not names_past_ceasefire(mention)
    ):
        return "ceasefire"
    return "other"


def _violent_role(mention: Mention, accusation_sentences: frozenset[tuple[str, int]]) -> str:
    if mention.modality in NON_FACTUAL:
        return "other"
    if mention.background or _is_vague(mention):
        return "background"
    if mention.modality is Modality.DENIED:
        return "denial"
    if (mention.doc_id, mention.evidence.start) in accusation_sentences:
        return "alleged"
    return "event"


def _is_vague(mention: Mention) -> bool:
    date = mention.date
    if date is None or date.start is None or date.end is None:
        return False
    return date.end - date.start > MAX_EVENT_SPAN or date.precision is DatePrecision.YEAR


def is_ceasefire(mention: Mention) -> bool:
    """A mention about a ceasefire: its trigger, mode or sentence names one."""
    if mention.mode == "ceasefire":
        return True
    if mention.type not in ("AGREE", "REQUEST", "CONSULT", "FIGHT"):
        return False
    text = mention.evidence.text.lower()
    return any(cue in text for cue in ceasefire_cues().subjects)


def names_past_ceasefire(mention: Mention) -> bool:
    """The sentence's ceasefire is named by an earlier year ("a 2020 Moscow-brokered ceasefire",
    "the 1994 ceasefire agreement"): a call to observe an old truce, not news of a new one."""
    date = mention.date
    if date is None or date.start is None:
        return False
    text = mention.evidence.text.lower()
    for cue in ceasefire_cues().subjects:
        for found in re.finditer(re.escape(cue), text):
            before = text[max(0, found.start() - 40) : found.start()]
            years = [int(y) for y in _YEAR.findall(before)]
            if years and years[-1] < date.start.year:
                return True
    return False


def _is_recalled(mention: Mention, published: dt.date | None) -> bool:
    """Dated well before publication: "in August" in a mid-September article is an earlier event,
    even though August ended only days before (a month names its events, not its last day)."""
    date = mention.date
    if published is None or date is None or date.end is None or date.start is None:
        return False
    coarse = date.precision in (DatePrecision.MONTH, DatePrecision.YEAR)
    return (date.start if coarse else date.end) < shift(published, -RECENT)


def build_frames(
    mentions: Sequence[Mention],
    *,
    published: dt.date | None = None,
    text: str | None = None,
    doc_id: str | None = None,
) -> list[Frame]:
    """The frames of one document's mentions (all of `mentions` share one doc_id).

    With the document's `text`, the names and numbers of its opening (`LEAD_CHARS`) join every
    event frame's tokens: an article about one shooting names the victim and the street anywhere,
    not only in the sentences that report the shooting. With its text, date and `doc_id`, an
    article with no event of its own still gets a "document" frame.
    """
    frames = _mention_frames(mentions, published, text) if mentions else []
    doc_id = mentions[0].doc_id if mentions else doc_id
    if doc_id and text and published and not any(f.kind in ("event", "claims") for f in frames):
        frames.append(_document_frame(doc_id, mentions, published, text))
    return frames


def _document_frame(
    doc_id: str, mentions: Sequence[Mention], published: dt.date, text: str
) -> Frame:
    """An article that reports no event of its own may still be about one (a follow-up, a
    profile of a victim): its names, places and date let it join an incident, never make one."""
    start, end = shift(published, -UNDATED_WINDOW), published
    countries = frame_countries(mentions)
    return Frame(
        id=_frame_id(doc_id, "document", ""),
        doc_id=doc_id,
        kind="document",
        start=start,
        end=end,
        countries=countries,
        blocks=block_keys(start, end, countries, explicit=False),
        tokens=_merged(_text_tokens(text[:LEAD_CHARS], _place_words(mentions)), ()),
        mentions=(),
        roles=(),
        explicit=False,
    )


def _mention_frames(
    mentions: Sequence[Mention], published: dt.date | None, text: str | None
) -> list[Frame]:
    doc_id = mentions[0].doc_id
    accusations = frozenset(
        (m.doc_id, m.evidence.start) for m in mentions if type_roles().get(m.type) == "accusation"
    )
    roles: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.evidence.start, m.id)):
        role = mention_role(mention, accusations)
        if role == "event" and _is_recalled(mention, published):
            role = "background"
        roles.setdefault(role, []).append(mention)
    frames: list[Frame] = []
    event_groups = _group_by_time(roles.get("event", []), SAME_EVENT_GAP)
    claims = [m for r in CLAIM_ROLES for m in roles.get(r, [])]
    attached, loose = _attach_claims(event_groups, claims)
    role_of = {m.id: r for r, ms in roles.items() for m in ms}
    others = roles.get("other", [])
    lead = _text_tokens(text[:LEAD_CHARS], _place_words(mentions)) if text else ()
    for group, extra in zip(event_groups, attached, strict=True):
        context = others if len(event_groups) == 1 else ()
        frames.append(_frame(doc_id, "event", [*group, *extra], role_of, context, lead))
    for group in _group_by_time(loose, SAME_EVENT_GAP):
        frames.append(_frame(doc_id, "claims", group, role_of, ()))
    for group in _group_by_date(roles.get("background", [])):
        frames.append(_frame(doc_id, "background", group, role_of, ()))
    ceasefire = roles.get("ceasefire", [])
    if ceasefire:
        # One frame per article: ceasefires.py tells its ceasefires apart by date and mediator.
        # Other mentions of the same sentences ride along as context (who attacked whom, who
        # mediated), never as states.
        sentences = {m.evidence.start for m in ceasefire}
        context = [
            m for m in mentions if m.evidence.start in sentences and role_of[m.id] != "ceasefire"
        ]
        role_of.update({m.id: "context" for m in context})
        frames.append(_frame(doc_id, "ceasefire", [*ceasefire, *context], role_of, ()))
    return frames


def _interval(mention: Mention) -> tuple[dt.date, dt.date] | None:
    date = mention.date
    if date is None or date.start is None or date.end is None:
        return None
    return date.start, date.end


def _is_stated(mention: Mention) -> bool:
    """The text itself dates the mention (not a default window around publication)."""
    return _interval(mention) is not None and bool(mention.date and mention.date.text)


def _is_day(mention: Mention) -> bool:
    return mention.date is not None and mention.date.precision is DatePrecision.DAY


@dataclasses.dataclass(slots=True)
class _TimeGroup:
    """Mentions of one event and its anchor: the span of its most precisely dated members."""

    anchor: tuple[dt.date, dt.date] | None
    day_anchor: bool
    members: list[Mention]


def _fits(
    interval: tuple[dt.date, dt.date], day: bool, group: _TimeGroup, gap: dt.timedelta
) -> bool:
    """Whether a stated date can be the date of the group's event.

    Days are compared with the anchor as a whole (complete link, never chaining through other
    members); a coarser date (a week, a month) must contain some day of the anchor, so "last week"
    never joins an event dated after that week.
    """
    if group.anchor is None:
        return False
    first, last = group.anchor
    if day and group.day_anchor:
        return max(last, interval[1]) - min(first, interval[0]) <= gap
    return interval[0] <= last and first <= interval[1]


def _anchor_distance(interval: tuple[dt.date, dt.date], group: _TimeGroup) -> dt.timedelta:
    assert group.anchor is not None
    return _gap(interval, group.anchor)


def _group_by_time(mentions: Sequence[Mention], gap: dt.timedelta) -> list[list[Mention]]:
    """Groups of mentions about one event each.

    Mentions the text dates are placed finest first (days, then weeks, then months) into the
    group whose anchor they fit (see `_fits`), else start a group. Mentions dated only by the
    article's default window, or undated, speak of the article's own time: they join the largest
    group whose anchor meets their window (the latest on a tie), else the largest group, or form
    one group when nothing is dated.
    """
    stated = sorted(
        (m for m in mentions if _is_stated(m)),
        key=lambda m: (not _is_day(m), *(_interval(m) or ()), m.evidence.start, m.id),
    )
    groups: list[_TimeGroup] = []
    for mention in stated:
        interval = _interval(mention)
        assert interval is not None
        day = _is_day(mention)
        fitting = [g for g in groups if _fits(interval, day, g, gap)]
        if not fitting:
            groups.append(_TimeGroup(anchor=interval, day_anchor=day, members=[mention]))
            continue
        chosen = min(
            fitting, key=lambda g: (_anchor_distance(interval, g), -len(g.members), groups.index(g))
        )
        chosen.members.append(mention)
        if day and chosen.day_anchor and chosen.anchor is not None:
            chosen.anchor = (min(chosen.anchor[0], interval[0]), max(chosen.anchor[1], interval[1]))
    implicit = [m for m in mentions if not _is_stated(m)]
    if implicit and not groups:
        return [sorted(implicit, key=lambda m: (m.evidence.start, m.id))]
    for mention in implicit:
        _home_group(mention, groups).members.append(mention)
    ordered = sorted(groups, key=lambda g: g.anchor or (dt.date.max, dt.date.max))
    return [g.members for g in ordered]


def _home_group(mention: Mention, groups: Sequence[_TimeGroup]) -> _TimeGroup:
    """The group a mention with no stated date belongs to (see `_group_by_time`)."""
    interval = _interval(mention)
    meeting = [
        g
        for g in groups
        if interval is not None and g.anchor is not None and _gap(interval, g.anchor) == ZERO
    ]
    pool = meeting or list(groups)
    return max(pool, key=lambda g: (len(g.members), g.anchor or (dt.date.min, dt.date.min)))


def _group_by_date(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Recalled events group only when dated alike: "the 2020 war" and "September 27" differ."""
    groups: dict[tuple[dt.date, dt.date] | None, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(_interval(mention), []).append(mention)
    return [groups[key] for key in sorted(groups, key=lambda k: (k is None, k or ()))]


def _attach_claims(
    groups: Sequence[Sequence[Mention]], claims: Sequence[Mention]
) -> tuple[list[list[Mention]], list[Mention]]:
    """Each claim joins the event group it can be about (see `_claim_target`); the rest are loose."""
    attached: list[list[Mention]] = [[] for _ in groups]
    loose: list[Mention] = []
    targets = [_anchor_group(group) for group in groups]
    for claim in claims:
        best = _claim_target(claim, targets)
        if best is None:
            loose.append(claim)
        else:
            attached[best].append(claim)
    return attached, loose


def _anchor_group(mentions: Sequence[Mention]) -> _TimeGroup:
    """A built group's anchor: its stated days, else its stated dates, else all its dates."""
    days = [m for m in mentions if _is_stated(m) and _is_day(m)]
    stated = [m for m in mentions if _is_stated(m)]
    anchor = _span(days) or _span(stated) or _span(mentions)
    return _TimeGroup(anchor=anchor, day_anchor=bool(days), members=list(mentions))


def _claim_target(claim: Mention, groups: Sequence[_TimeGroup]) -> int | None:
    """The group a claim is about: one whose anchor its stated date fits (a day within
    SAME_EVENT_GAP of it, a coarser date containing part of it), or for a claim the text does
    not date, the nearest group within SAME_EVENT_GAP; the largest on a tie."""
    if not groups:
        return None
    interval = _interval(claim)
    scored = []
    for i, group in enumerate(groups):
        size = -len(group.members)
        if interval is None or group.anchor is None:
            scored.append((ZERO, size, i))
            continue
        gap = _gap(interval, group.anchor)
        if _is_stated(claim):
            day = _is_day(claim)
            fits = gap <= SAME_EVENT_GAP if day and group.day_anchor else gap == ZERO
            if fits:
                scored.append((gap, size, i))
        elif gap <= SAME_EVENT_GAP:
            scored.append((gap, size, i))
    return min(scored)[2] if scored else None


def _span(mentions: Iterable[Mention]) -> tuple[dt.date, dt.date] | None:
    intervals = [iv for m in mentions if (iv := _interval(m)) is not None]
    if not intervals:
        return None
    return min(s for s, _ in intervals), max(e for _, e in intervals)


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> dt.timedelta:
    return max(ZERO, max(a[0], b[0]) - min(a[1], b[1]))


def _frame(
    doc_id: str,
    kind: str,
    mentions: Sequence[Mention],
    role_of: dict[str, str],
    context: Sequence[Mention],
    lead: Sequence[str] = (),
) -> Frame:
    ordered = sorted(mentions, key=lambda m: (m.evidence.start, m.id))
    core = [m for m in ordered if role_of[m.id] in ("event", "background", "ceasefire")]
    span = _span(core) or _span(ordered)
    countries = frame_countries(ordered)
    start, end = span if span else (None, None)
    explicit = any(m.date is not None and m.date.text for m in core or ordered)
    return Frame(
        id=_frame_id(doc_id, kind, ordered[0].id),
        doc_id=doc_id,
        kind=kind,
        start=start,
        end=end,
        countries=countries,
        blocks=block_keys(start, end, countries, explicit=explicit),
        tokens=_merged(salient_tokens([*ordered, *context]), lead),
        mentions=tuple(ordered),
        roles=tuple(role_of[m.id] for m in ordered),
        explicit=explicit,
    )


def _frame_id(doc_id: str, kind: str, first_mention: str) -> str:
    return hashlib.sha256(f"{doc_id}:{kind}:{first_mention}".encode()).hexdigest()[:16]


def frame_countries(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """Countries where the event happened or whose forces took part (claimants are left out:
    third parties comment on wars they are not in)."""
    found: set[str] = set()
    for mention in mentions:
        for place in mention.places:
            code = iso3(place.country)
            if code:
                found.add(code)
        for actor in (mention.agent, mention.target):
            code = iso3(actor.country) if actor else None
            if code:
                found.add(code)
    return tuple(sorted(found))


ONE_DAY = dt.timedelta(days=1)


def shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    """`day + delta`, held within the calendar (impossible dates never raise)."""
    try:
        return day + delta
    except OverflowError:
        return dt.date.min if delta < dt.timedelta(0) else dt.date.max


def _weeks(start: dt.date, end: dt.date) -> list[str]:
    """ISO weeks touched by [start - 1 day, end + 1 day]; long spans only by their ends."""
    first, last = shift(start, -3 * ONE_DAY), shift(end, 3 * ONE_DAY)
    weeks = (last - first).days // 7 + 1
    if weeks > MAX_BLOCK_WEEKS:
        days = [first, shift(first, 7 * ONE_DAY), shift(last, -7 * ONE_DAY), last]
    else:
        days = [shift(first, 7 * i * ONE_DAY) for i in range(weeks)] + [last]
    keys = []
    for day in days:
        year, week, _ = day.isocalendar()
        keys.append(f"{year}-W{week:02d}")
    return list(dict.fromkeys(keys))


def block_keys(
    start: dt.date | None,
    end: dt.date | None,
    countries: Sequence[str],
    *,
    explicit: bool = True,
) -> tuple[str, ...]:
    """Index keys: "WEEK" for every frame, and "WEEK:CTRY" (or "WEEK:*" with no country).

    Lookups (see `query_keys`) pair a frame only with frames that share a week and a country, or
    where one side names no country.
    """
    if start and not explicit:
        start = shift(start, -SOFT_DATE_REACH)  # a guessed date may be of an older event
    weeks = _weeks(start, end) if start and end else ["undated"]
    keys = list(weeks)
    for week in weeks:
        keys.extend(f"{week}:{c}" for c in countries or ("*",))
    return tuple(keys)


def query_keys(blocks: Sequence[str]) -> tuple[str, ...]:
    """The keys to look a frame's candidates up under, from its own block keys."""
    weeks = [k for k in blocks if ":" not in k]
    countries = [k for k in blocks if ":" in k and not k.endswith(":*")]
    if not countries:
        return tuple(weeks)
    return (*countries, *(f"{week}:*" for week in weeks))


def _merged(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys([*first, *second][:MAX_TOKENS])))


def _place_words(mentions: Iterable[Mention]) -> frozenset[str]:
    return frozenset(w.lower() for m in mentions for p in m.places for w in _WORD.findall(p.text))


def _text_tokens(text: str, exclude: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Salient tokens of a stretch of text, in order of first appearance."""
    common = common_words() | exclude
    seen: dict[str, None] = {}
    for line in text.splitlines():
        if _title_cased(line):
            continue  # headlines capitalise every word: capitals there do not mark names
        for match in _WORD.finditer(line):
            token = _token(match.group(), line, match.start(), common)
            if token:
                seen[token] = None
    return tuple(seen)


def _title_cased(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w[0].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _token(word: str, text: str, start: int, common: frozenset[str]) -> str | None:
    token = word.lower().removesuffix("'s").strip("'-")
    if word[0].isdigit():
        token = token.replace(",", "")
        if len(token) < 2 or _YEAR.fullmatch(token):
            return None  # years say when, and dates are compared as dates
        return token
    if len(token) < 2 or token in common or not word[0].isupper():
        return None
    return None if _opens_sentence(text, start) else token


def salient_tokens(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """Names and numbers of the mentions' sentences: capitalised words not opening a sentence
    (people, streets, towns) and multi-digit numbers (ages, addresses), lower-cased."""
    common = common_words()
    seen: dict[str, None] = {}
    mentions = list(mentions)
    common = common | _place_words(mentions)  # places are compared by distance, not as words
    texts = dict.fromkeys(m.evidence.text for m in mentions)
    for text in texts:
        for match in _WORD.finditer(text):
            token = _token(match.group(), text, match.start(), common)
            if token:
                seen[token] = None
            if len(seen) >= MAX_TOKENS:
                return tuple(sorted(seen))
    return tuple(sorted(seen))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip()
    return not before or before[-1] in _OPENERS
