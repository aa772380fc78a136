"""Expressions settled against the rest of the text: reference time, a report's quarter, years
written earlier in a sentence."""

from __future__ import annotations

import datetime as dt

from conflictwatch.timex import find_timexes

ANCHOR = dt.date(2020, 7, 20)
REPORT_DAY = dt.date(1989, 10, 26)


def _values(text: str, anchor: dt.date | None = ANCHOR) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor=anchor)}


def test_following_and_later_count_from_the_last_date_told() -> None:
    text = (
        "On May 22, 1995, he was made a general, and the following year he was sent abroad. "
        "Two days later he resigned."
    )
    found = _values(text)
    assert found["the following year"] == "1996"
    assert found["Two days later"] == "1995-05-24"


def test_the_next_morning_and_that_day_use_the_reference_day() -> None:
    text = (
        "The court met on March 3, 2019. The judge ruled the next morning. "
        "Earlier that day, police left."
    )
    found = _values(text)
    assert found["the next morning"] == "2019-03-04TMO"
    assert found["Earlier that day"] == "2019-03-04"


def test_the_previous_weekday_counts_back_from_the_reference() -> None:
    text = "Shares fell on Oct. 13, 1989, down 4% from the previous Friday."
    assert _values(text)["the previous Friday"] == "1989-10-06"


def test_reference_falls_back_to_the_anchor() -> None:
    assert _values("A day later, the talks resumed.")["A day later"] == "2020-07-21"


def test_without_an_anchor_anaphors_stay_unresolved() -> None:
    found = find_timexes("On May 22, 1995 he left; the following year he returned.", anchor=None)
    following = [t for t in found if t.text == "the following year"]
    assert following and following[0].span is None and following[0].value.startswith("X")


def test_a_year_earlier_in_a_quarterly_report_is_that_quarter() -> None:
    text = (
        "Net income rose 5% in the third quarter. Profit was $3 million, up from $2 million a "
        "year earlier. Sales were $9 million, compared with $8 million a year ago."
    )
    found = _values(text, REPORT_DAY)
    assert found["the third quarter"] == "1989-Q3"
    assert found["a year earlier"] == "1988-Q3"
    assert found["a year ago"] == "1988-Q3"  # the focus does not drift to the year before


def test_a_year_ago_without_figures_stays_a_year() -> None:
    text = "Sales rose in the third quarter. A year ago the company was founded."
    assert _values(text, REPORT_DAY)["A year ago"] == "1988"


def test_the_quarter_ended_on_a_day_is_that_calendar_quarter() -> None:
    found = _values("For the quarter ended Sept. 30, Delta earned $3 million.", REPORT_DAY)
    assert found["the quarter"] == "1989-Q3"


def test_a_later_quarter_is_no_focus_before_it_is_over() -> None:
    text = "It expects a fourth-quarter charge. In the latest quarter it earned $5 million."
    assert _values(text, REPORT_DAY)["the latest quarter"] == "1989-Q3"


def test_an_attributive_date_takes_the_year_written_in_its_sentence() -> None:
    text = "After the 2020 war, the parties cited the November 9 statement again."
    assert _values(text, dt.date(2021, 6, 1))["November 9"] == "2020-11-09"


def test_a_plain_date_keeps_the_anchor_year() -> None:
    text = "Invited in Madrid in July 1997, the three will join NATO on March 12 in Missouri."
    assert _values(text, dt.date(1999, 2, 27))["March 12"] == "1999-03-12"


def test_a_bare_clock_time_takes_the_day_named_just_before() -> None:
    text = "Shelling began late on Thursday. At around 11 p.m. local time, a shell hit the market."
    clock = [t for t in find_timexes(text, anchor=ANCHOR) if t.type == "TIME"]
    assert [t.value for t in clock] == ["2020-07-16T23:00"]


def test_a_clock_time_far_from_the_named_day_keeps_the_report_day() -> None:
    text = (
        "Shelling began on Thursday. Aid groups left the town. Talks stalled again. "
        "At 9 a.m., a shell hit the market."
    )
    clock = [t for t in find_timexes(text, anchor=ANCHOR) if t.type == "TIME"]
    assert [t.value for t in clock] == ["2020-07-20T09:00"]


def test_the_day_a_statement_was_made_does_not_date_the_clock_times_of_the_event() -> None:
    text = (
        "Gunmen abducted 40 worshippers during a Sunday service, police said on Monday. "
        "The attackers stormed the church at around 10 a.m."
    )
    clock = [t for t in find_timexes(text, anchor=ANCHOR) if t.type == "TIME"]
    assert [t.value for t in clock] == ["2020-07-19T10:00"]
    alone = "Police said on Monday that gunmen stormed a church. They arrived at 10 a.m."
    clock = [t for t in find_timexes(alone, anchor=ANCHOR) if t.type == "TIME"]
    assert [t.value for t in clock] == ["2020-07-20T10:00"]  # no other day to go by


def test_overnight_and_yesterday_count_from_the_day_a_statement_was_made() -> None:
    tuesday = dt.date(2026, 3, 17)
    text = (
        "Drones hit the port overnight, killing two, officials said on Monday. "
        "Yesterday's strike killed one, the governor said Monday. "
        "Troops shelled the town yesterday, the army said on Tuesday. "
        "Today the talks resumed, the envoy said on March 16."
    )
    found = {t.text: t for t in find_timexes(text, anchor=tuesday)}
    assert found["overnight"].value == "2026-03-15TNI"
    span = found["overnight"].span
    assert span is not None
    assert (span.start, span.end) == (
        dt.date(2026, 3, 15),
        dt.date(2026, 3, 16),
    )
    assert found["Yesterday"].value == "2026-03-15"
    assert found["yesterday"].value == "2026-03-16"  # said on the anchor's own day
    assert found["Today"].value == "2026-03-16"


def test_a_statement_day_long_before_the_anchor_does_not_move_today() -> None:
    text = "Today the talks resumed, the envoy said on March 2."
    assert _values(text, dt.date(2026, 3, 17))["Today"] == "2026-03-17"


def test_at_dawn_takes_the_day_named_just_before_and_before_dawn_is_no_bound() -> None:
    text = (
        "Troops killed nine rebels on Monday. Soldiers met the guerrillas at dawn. "
        "Fighters overran a base before dawn on Friday."
    )
    found = {t.text: t for t in find_timexes(text, anchor=ANCHOR)}
    assert found["at dawn"].value == "2020-07-20TMO"
    assert (found["before dawn"].value, found["before dawn"].mod) == ("2020-07-17TMO", None)


def test_the_end_of_the_month_is_of_the_month_its_sentence_named() -> None:
    named = _values("A truce declared in April expired at the end of the month. ")
    assert named["the end of the month"] == "2020-04"
    # a month named in another sentence does not carry over: "the month" is the current one
    apart = _values("A truce was declared in April. Talks will resume by the end of the month.")
    assert apart["the end of the month"] == "2020-07"
