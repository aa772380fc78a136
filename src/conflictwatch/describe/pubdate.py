"""When was an article published? Given date, then metadata, then the text, then inference.

Each step says how it knows (`DateProvenance`) and which words settled it. When nothing settles
the day the answer is UNKNOWN with the bounds the text allows: a wrong date is worse than none.
"""

from __future__ import annotations

import datetime as dt

from conflictwatch.describe.chain import Clues, candidate_years, describe_reading, infer_day
from conflictwatch.describe.fulldates import FullDate, find_full_dates
from conflictwatch.describe.intervals import Window
from conflictwatch.describe.mentions import Mentions, find_mentions
from conflictwatch.describe.metadata import parse_metadata_date
from conflictwatch.describe.offices import PersonMention, find_people, people_window
from conflictwatch.describe.textdate import byline_date, weekday_checked_date
from conflictwatch.model import DatePrecision, DateProvenance, PublicationDate


def infer_publication_date(
    text: str,
    *,
    given: dt.date | None = None,
    metadata: str | None = None,
    today: dt.date | None = None,
) -> PublicationDate:
    """The publication date of an article from the strongest evidence available.

    `text` is the clean article text; `given` a date stated with the input; `metadata` a date
    string from HTML or feed metadata; `today` (default: the current date) is never exceeded.
    """
    today = today or dt.date.today()
    if given is not None and given <= today:
        return _dated(given, DateProvenance.GIVEN, "given with the input")
    if metadata:
        stated = parse_metadata_date(metadata)
        if stated is not None and stated[0] <= today:
            evidence = f"metadata '{metadata.strip()}'"
            return _dated(stated[0], DateProvenance.METADATA, evidence, precision=stated[1])
    return date_from_text(text, today=today)


def date_from_text(text: str, *, today: dt.date) -> PublicationDate:
    """A date the text writes out (byline, weekday-checked date), else one inferred from clues."""
    full_dates = find_full_dates(text)
    for found in (byline_date(text, full_dates), weekday_checked_date(full_dates)):
        if found is not None and found.value <= today:
            return _dated(found.value, DateProvenance.TEXT, found.evidence)
    return _infer(text, full_dates, today)


def _dated(
    value: dt.date,
    provenance: DateProvenance,
    evidence: str,
    precision: DatePrecision = DatePrecision.DAY,
) -> PublicationDate:
    return PublicationDate(
        value=value, precision=precision, provenance=provenance, evidence=evidence
    )


def _infer(text: str, full_dates: tuple[FullDate, ...], today: dt.date) -> PublicationDate:
    mentions = find_mentions(text, full_dates)
    people = find_people(text)
    floor = _floor(mentions, full_dates)
    bounds = Window.between(floor, today)
    window = bounds.intersect(people_window(people))
    notes = _notes(mentions, people, window, bounds)
    if window.empty:
        window = bounds  # the people named disagree with each other: rely on the rest
    clues = Clues(
        month_days=mentions.month_days,
        weekdays=mentions.weekdays,
        latest_bare_year=max(mentions.years, default=None),
        window=window,
    )
    reading = infer_day(clues)
    if reading is None:
        latest = window.end if window.end is not None and window.end < today else None
        reason = "; ".join([_why_unknown(mentions, clues), *notes])
        return PublicationDate.unknown(reason, earliest=window.start, latest=latest)
    evidence = describe_reading(reading, clues, candidate_years(clues))
    return _dated(reading.day, DateProvenance.INFERRED, "; ".join([evidence, *notes]))


def _floor(mentions: Mentions, full_dates: tuple[FullDate, ...]) -> dt.date | None:
    """The earliest the article can be: after every year and full date it mentions."""
    floors = [date.settled for date in full_dates if date.settled is not None]
    if mentions.years:
        floors.append(dt.date(max(mentions.years), 1, 1))
    if mentions.month_year_floor is not None:
        floors.append(mentions.month_year_floor)
    return max(floors, default=None)


def _notes(
    mentions: Mentions, people: tuple[PersonMention, ...], window: Window, bounds: Window
) -> list[str]:
    notes = []
    if mentions.years:
        notes.append(f"years mentioned up to {max(mentions.years)} give only a lower bound")
    if people:
        names = ", ".join(mention.name for mention in people)
        if window.empty:
            notes.append(f"terms of people named ({names}) disagree; ignored")
        elif window != bounds:
            notes.append(f"people named in office ({names}) allow {window.describe()}")
    return notes


def _why_unknown(mentions: Mentions, clues: Clues) -> str:
    weekdays = sorted({mention.surface for mention in mentions.weekdays})
    month_days = sorted({month_day.surface for month_day in mentions.month_days})
    if not weekdays and not month_days:
        return "no date, month-day or weekday in the text settles the day"
    if not month_days:
        quoted = ", ".join(f"'{name}'" for name in weekdays)
        return f"weekday {quoted} without a month-day"
    if not weekdays:
        return f"month-days ({', '.join(month_days)}) without a weekday that fixes the year"
    years = candidate_years(clues)
    tried = f" from {min(years)} to {max(years)}" if years else ""
    return (
        f"month-days ({', '.join(month_days)}) and weekdays ({', '.join(weekdays)}) "
        f"do not fit together in any year{tried}"
    )
