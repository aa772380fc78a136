"""Recognition and normalization of temporal expressions on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictwatch.model import DatePrecision
from conflictwatch.timex import Timex, event_time, find_timexes

MONDAY = dt.date(2020, 7, 20)  # a Monday


def _only(text: str, anchor: dt.date | None = MONDAY) -> Timex:
    found = find_timexes(text, anchor=anchor)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def _value(text: str, anchor: dt.date | None = MONDAY) -> str:
    return _only(text, anchor).value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Clashes broke out on July 12.", "2020-07-12"),
        ("Talks were held on 12 July 2019.", "2019-07-12"),
        ("The plan was unveiled in August.", "2019-08"),
        ("It was signed in March 1996.", "1996-03"),
        ("They agreed in 2018 to talk.", "2018"),
        ("The neighbours fought in the 1990s.", "199"),
        ("Officials said on Friday that it was over.", "2020-07-17"),
        ("Clashes erupted on Tuesday.", "2020-07-14"),
        ("He said on Monday that talks failed.", "2020-07-20"),
        ("They will meet on Monday.", "2020-07-27"),
        ("The summit is to be held on Thursday.", "2020-07-23"),
        ("The army said yesterday it had withdrawn.", "2020-07-19"),
        ("Shelling resumed today.", "2020-07-20"),
        ("Troops arrived last week.", "2020-W29"),
        ("Prices rose last month.", "2020-06"),
        ("Exports fell this year.", "2020"),
        ("Exports fell last year.", "2019"),
        ("The war ended two years ago.", "2018"),
        ("Six weeks of fighting followed.", "P6W"),
        ("Fighting entered its sixth day.", "P6D"),
        ("The ceasefire began at 18:30 Yerevan time.", "2020-07-20T18:30"),
        ("Fire was exchanged overnight.", "2020-07-19TNI"),
        ("Gangs attacked the town overnight on Saturday.", "2020-07-18"),
        ("Drones struck Kyiv overnight Friday.", "2020-07-17"),
        ("Shelling overnight into Sunday killed two.", "2020-07-19"),
        ("Gunfire could be heard throughout the night.", "2020-07-19TNI"),
        ("Inspectors visit every month.", "P1M"),
        ("Reports are published daily.", "P1D"),
        ("Profit fell in the third quarter.", "2020-Q3"),
        ("The talks collapsed last summer.", "2019-SU"),
        ("Sales are down now.", "PRESENT_REF"),
        ("The meeting is set for 2021-03-04.", "2021-03-04"),
    ],
)
def test_values_relative_to_a_monday(text: str, value: str) -> None:
    assert _value(text) == value


def test_offsets_and_text_agree() -> None:
    text = "Clashes broke out on July 12 and ended on July 16, officials said."
    found = find_timexes(text, anchor=MONDAY)
    assert [t.text for t in found] == ["July 12", "July 16"]
    assert all(text[t.start : t.end] == t.text for t in found)


def test_day_month_order_settled_by_adjacent_weekday() -> None:
    anchor = dt.date(2020, 10, 3)
    found = find_timexes("the ministry said, Saturday (3/10/2020).", anchor=anchor)
    numeric = [t for t in found if "/" in t.text]
    assert numeric[0].value == "2020-10-03"
    assert numeric[0].confidence == 1.0


def test_ambiguous_numeric_date_without_weekday_is_less_certain() -> None:
    timex = _only("The report of 3/10/2020 was leaked.", anchor=None)
    assert timex.value == "2020-03-10"
    assert timex.confidence < 1.0


def test_spans_carry_interval_and_precision() -> None:
    week = _only("Troops arrived last week.")
    assert week.span is not None
    assert (week.span.start, week.span.end) == (dt.date(2020, 7, 13), dt.date(2020, 7, 19))
    assert week.span.precision is DatePrecision.WEEK
    month = _only("The plan was unveiled in August.")
    assert month.span is not None and month.span.precision is DatePrecision.MONTH
    assert month.span.end == dt.date(2019, 8, 31)
    decade = _only("The neighbours fought in the 1990s.")
    assert decade.span is not None and decade.span.precision is DatePrecision.YEAR
    assert (decade.span.start.year, decade.span.end.year) == (1990, 1999)  # type: ignore[union-attr]


def test_range_covers_all_its_days() -> None:
    timex = _only("Fighting raged on July 12-16.")
    assert timex.value == "2020-07-12"
    assert timex.range_end == "2020-07-16"
    assert timex.span is not None
    assert (timex.span.start, timex.span.end) == (dt.date(2020, 7, 12), dt.date(2020, 7, 16))


def test_since_runs_to_the_anchor_and_is_a_bound() -> None:
    timex = _only("Fighting has displaced 40,000 people since 2016.")
    assert timex.value == "2016"
    assert timex.mod == "ON_OR_AFTER"
    assert timex.span is not None
    assert (timex.span.start, timex.span.end) == (dt.date(2016, 1, 1), MONDAY)


def test_since_after_a_superlative_only_measures_rarity() -> None:
    timex = _only("It was the worst escalation since 2016.")
    assert timex.mod == "ON_OR_AFTER"
    assert timex.span is not None and timex.span.end == dt.date(2016, 12, 31)


def test_start_and_end_of_the_current_unit() -> None:
    anchor = dt.date(2025, 3, 5)
    start = _only("Since the start of the year, 300 people have been killed.", anchor=anchor)
    assert (start.value, start.mod) == ("2025", "ON_OR_AFTER")
    assert start.span is not None
    assert (start.span.start, start.span.end) == (dt.date(2025, 1, 1), anchor)
    month_end = _only("By the end of the month, the troops will leave.", anchor=anchor)
    assert month_end.value == "2025-03"
    looking_back = _only("Since the end of the month, 30 have died.", anchor=anchor)
    assert looking_back.value == "2025-02"
    assert _only("At the middle of the week, talks stalled.", anchor=anchor).mod == "MID"


def test_day_first_ranges() -> None:
    anchor = dt.date(2025, 3, 20)
    night = _only("Drones hit Odesa on the night of 8 to 9 March.", anchor=anchor)
    assert (night.text, night.value, night.range_end) == (
        "8 to 9 March",
        "2025-03-08",
        "2025-03-09",
    )
    between = _only("Between 3 and 5 March, 20 people died.", anchor=anchor)
    assert between.span is not None
    assert (between.span.start, between.span.end) == (dt.date(2025, 3, 3), dt.date(2025, 3, 5))
    # without "between", "3 and 5 March" are two days; only the one written with its month is read
    assert _only("Strikes on 3 and 5 March killed four.", anchor=anchor).value == "2025-03-05"


def test_earlier_this_week_ends_at_the_anchor() -> None:
    timex = _only("Earlier this week, the Kremlin said so.", anchor=dt.date(2020, 11, 4))
    assert timex.value == "2020-W45"
    assert timex.span is not None
    assert (timex.span.start, timex.span.end) == (dt.date(2020, 11, 2), dt.date(2020, 11, 4))


def test_relative_expressions_stay_unresolved_without_anchor() -> None:
    found = find_timexes(
        "Last week a soldier was killed. In August, two more died on Tuesday.", anchor=None
    )
    assert [t.value for t in found] == ["XXXX-WXX", "XXXX-08", "XXXX-WXX-2"]
    assert all(t.span is None for t in found)


def test_absolute_expressions_resolve_without_anchor() -> None:
    timex = _only("Fighting began on September 27, 2020.", anchor=None)
    assert timex.value == "2020-09-27"
    assert timex.span is not None and timex.span.start == dt.date(2020, 9, 27)


def test_may_the_verb_is_not_a_month() -> None:
    assert find_timexes("May God help them, he said. Talks may resume.", anchor=MONDAY) == []
    assert _value("Talks resumed in May.") == "2020-05"


def test_ages_and_counts_are_not_times() -> None:
    assert find_timexes("A 6-year-old boy and 2000 people fled.", anchor=MONDAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "31 February",
        "12 34 56 78 90 1234 5678 9999 0000",
        "Die Kämpfe begannen am Dienstag.",
        "Пятница, 13 число",
        "99/99/9999 and 00/00/00 and 2020-13-45",
        "in 9999",
        "July " * 5000,
        "\x00\ufffd" * 100,
    ],
)
def test_bad_input_never_raises(text: str) -> None:
    for anchor in (MONDAY, None, dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        for timex in find_timexes(text, anchor=anchor):
            assert text[timex.start : timex.end] == timex.text


def test_impossible_date_gets_no_day_value() -> None:
    found = find_timexes("The deal was signed on 31 February 2020.", anchor=MONDAY)
    assert not any(t.value.endswith("-02-31") for t in found)
    assert all(t.confidence < 1.0 for t in found if t.value.startswith("2020-02"))


def test_far_future_and_two_digit_years_are_low_confidence() -> None:
    assert all(t.confidence <= 0.3 for t in find_timexes("It ends in 2150.", anchor=MONDAY))
    assert _only("The note dated 3/10/20 was found.").confidence <= 0.5


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a month alone after a verb in the past is the last such month up to the anchor's
        ("Operations were suspended in January.", "2020-01"),
        ("Operations were suspended in July.", "2020-07"),
        ("Rebels seized the town in December.", "2019-12"),
        ("In December, rebels seized the town.", "2019-12"),
        ("Fighting raged throughout December.", "2019-12"),
        # "since" looks back whatever the verb
        ("Fighting has continued since September.", "2019-09"),
        # ... after a future cue, the next one from the anchor's month
        ("Talks will resume in June.", "2021-06"),
        ("Talks will resume in September.", "2020-09"),
        # an infinitive, a modal or a bound between the verb and the month leaves it undecided:
        # the nearest occurrence
        ("They agreed to buy the plant in September.", "2020-09"),
        ("It would be paid on an unspecified date in September.", "2020-09"),
        ("The loan was due by September.", "2020-09"),
        # seasons the same way
        ("The offensive was launched in the spring.", "2020-SP"),
        ("Government forces will counter-attack in the spring.", "2021-SP"),
        ("Rebels will regroup in the summer.", "2020-SU"),
    ],
)
def test_a_month_or_season_alone_follows_the_tense(text: str, value: str) -> None:
    assert _value(text) == value


def test_a_season_without_a_cue_is_the_one_the_anchor_falls_in() -> None:
    found = find_timexes("It was the largest attack of the winter.", anchor=dt.date(2026, 2, 11))
    assert [t.value for t in found] == ["2025-WI"]
    found = find_timexes("It was the largest attack of the winter.", anchor=dt.date(2026, 12, 11))
    assert [t.value for t in found] == ["2026-WI"]


def test_the_end_of_a_range_of_months_lies_on_the_side_of_its_start() -> None:
    found = find_timexes("Clashes lasted from October to December.", anchor=MONDAY)
    assert [t.value for t in found] == ["2019-10", "2019-12"]
    found = find_timexes("Talks will run from June to August.", anchor=MONDAY)
    assert [t.value for t in found] == ["2021-06", "2021-08"]
    found = find_timexes("The truce held from November to February.", anchor=MONDAY)
    assert [t.value for t in found] == ["2019-11", "2020-02"]


def test_a_november_article_reads_a_past_january_as_the_last_one() -> None:
    november = dt.date(2024, 11, 3)
    assert _value("Peace talks were suspended in January.", november) == "2024-01"
    assert _value("Peace talks will resume in January.", november) == "2025-01"


def test_weekdays_follow_the_tense_as_months_do() -> None:
    friday = dt.date(2024, 11, 15)
    assert _value("Gunmen attacked the village on Saturday.", friday) == "2024-11-09"
    assert _value("Troops will withdraw on Saturday.", friday) == "2024-11-16"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The rebels first took the town in '98.", "1998"),
        ("Since the '08 war the border has been closed.", "2008"),
        ("The note dated 3/10/98 was found.", "1998-10-03"),
        ("A law passed on 1/2/21 was repealed.", "2021-01-02"),
    ],
)
def test_two_digit_years_take_the_century_that_does_not_lie_ahead(text: str, value: str) -> None:
    found = _only(text)
    assert found.value == value
    assert 0.3 < found.confidence < 1.0


def test_an_impossible_day_leaves_a_low_confidence_month() -> None:
    found = _only("The commanders met on 31 February, officials said.")
    assert found.value == "2020-02"
    assert found.confidence <= 0.3
    assert find_timexes("They met on February 31, officials said.", anchor=MONDAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rebels will attack Goma in 2099.",
        "Rebels attacked Goma on 31 February.",
        "Fighting is planned for March 2150.",
    ],
)
def test_doubtful_dates_do_not_date_an_event(text: str) -> None:
    found = find_timexes(text, anchor=MONDAY)
    assert found and all(t.confidence <= 0.3 for t in found)
    assert event_time(found, anchor=MONDAY) is None


def test_odd_numbers_never_crash() -> None:
    for text in ["On 0/0/00 it began.", "in '00", "99/99/99", "On 31/02/2020 it began.", "in 9999"]:
        for timex in find_timexes(text, anchor=MONDAY):
            assert timex.confidence <= 1.0


def test_as_dict_is_json_ready() -> None:
    data = _only("Clashes broke out on July 12.").as_dict()
    assert data["value"] == "2020-07-12"
    assert data["span"]["start"] == "2020-07-12"
    assert data["span"]["precision"] == "day"


def test_event_time_prefers_the_most_specific_date() -> None:
    text = "In July, clashes that broke out on July 12 were the worst since 2016."
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None and span.start == dt.date(2020, 7, 12)
    assert span.precision is DatePrecision.DAY


def test_event_time_ignores_durations_bounds_and_unresolved() -> None:
    assert event_time(find_timexes("Six weeks of fighting.", anchor=MONDAY), anchor=MONDAY) is None
    bound = find_timexes("The worst escalation since 2016.", anchor=MONDAY)
    assert event_time(bound, anchor=MONDAY) is None
    until = find_timexes("The truce holds until May.", anchor=MONDAY)
    assert event_time(until, anchor=MONDAY) is None
    since = event_time(
        find_timexes("Attacks have killed 40 since June.", anchor=MONDAY), anchor=MONDAY
    )
    assert since is not None and (since.start, since.end) == (dt.date(2020, 6, 1), MONDAY)
    unresolved = find_timexes("Clashes erupted on Tuesday.", anchor=None)
    assert event_time(unresolved, anchor=None) is None
    assert event_time([], anchor=MONDAY) is None


def test_tense_is_recorded_only_when_it_decided() -> None:
    assert _only("They will meet on Monday.").tense == "future"
    assert _only("Clashes erupted on Tuesday.").tense == "past"
    assert _only("Talks were held on 12 July 2019.").tense is None


_PIECES = ["July 12", "on Monday", "3/10/20", "31 February", "last week", "since 2016", " ", ", "]
_PIECES += ["in 2950", "18:30 Yerevan time", "overnight", "the 1990s", "two weeks ago", "May", "x"]


def test_any_mix_of_date_words_never_raises() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(
        parts=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=12),
        anchor=st.one_of(st.none(), st.dates()),
    )
    def check(parts: list[str], anchor: dt.date | None) -> None:
        text = "".join(parts)
        for timex in find_timexes(text, anchor=anchor):
            assert text[timex.start : timex.end] == timex.text
            assert 0.0 <= timex.confidence <= 1.0
        event_time(find_timexes(text, anchor=anchor), anchor=anchor)

    check()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They waited 5 1/2 hours in Nairobi.", "PT5H30M"),
        ("Refugees lived in camps for 2 1/2 years.", "P2Y6M"),
        ("A minute and a half later, a pilot called.", "PT1M30S"),
        ("Talks lasted an hour and a half.", "PT1H30M"),
        ("Troops will stay for at least two more weeks.", "P2W"),
    ],
)
def test_fractional_and_extended_durations(text: str, value: str) -> None:
    assert _value(text) == value


def test_a_range_of_lengths_keeps_both_ends() -> None:
    found = _only("Shipments resume within two to three weeks.")
    assert (found.text, found.value, found.range_end) == ("two to three weeks", "P2W", "P3W")


@pytest.mark.parametrize(
    "text", ["The dividend is $1.76 a year.", "Guards stand there 24 hours a day."]
)
def test_rates_are_no_durations(text: str) -> None:
    assert "P1Y" not in [t.value for t in find_timexes(text, anchor=MONDAY)]
    assert "P1D" not in [t.value for t in find_timexes(text, anchor=MONDAY)]


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("The deal should close around year end.", "2020", "END"),
        ("Rules take effect at the end of the year.", "2020", "END"),
        ("The index has risen 4% since year-end.", "2019", "ON_OR_AFTER"),
    ],
)
def test_year_end(text: str, value: str, mod: str) -> None:
    found = _only(text)
    assert (found.value, found.mod) == (value, mod)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The boy was found on Thanksgiving Day.", "2019-11-28"),
        ("He was found clinging to a tube last Thanksgiving.", "2019-11-28"),
        ("Voters will go to the polls on Election Day.", "2020-11-03"),
        ("Pilgrims gathered for Easter.", "2020-04-12"),
        ("The ceasefire was agreed on Christmas 2018.", "2018-12-25"),
    ],
)
def test_holidays(text: str, value: str) -> None:
    assert _value(text) == value


def test_a_lower_case_holiday_word_is_no_date() -> None:
    assert find_timexes("They ate the easter eggs.", anchor=MONDAY) == []


def test_the_week_of_a_day() -> None:
    assert _value("A hearing is set for the week of August 3.") == "2020-W32"


def test_clock_time_takes_the_date_or_bracketed_weekday_after_it() -> None:
    assert _value("The offer expires at 5 p.m. EST Nov. 9.", dt.date(1989, 11, 2)) == (
        "1989-11-09T17:00"
    )
    friday = find_timexes("The blast occurred at 10:35 a.m. (0735 GMT) Friday.", anchor=MONDAY)
    assert friday[0].value == "2020-07-17T10:35"


def test_a_clock_time_takes_the_date_written_with_its_weekday() -> None:
    anchor = dt.date(2026, 10, 14)
    found = find_timexes("At around 11:30 a.m. on Monday, 3 August, a drone struck.", anchor=anchor)
    assert [t.value for t in found] == ["2026-08-03T11:30"]
    found = find_timexes("At 9 p.m. on Friday, March 6, 2026, they left.", anchor=anchor)
    assert [t.value for t in found] == ["2026-03-06T21:00"]


def test_a_local_clock_time_takes_its_day_from_the_bracketed_gmt_time() -> None:
    tuesday = dt.date(2026, 2, 17)
    # five hours ahead of GMT: 2240 GMT on Monday is early Tuesday
    text = "The attack began at around 3:40 a.m. local time (2240 GMT on Monday)."
    assert find_timexes(text, anchor=tuesday)[0].value == "2026-02-17T03:40"
    # behind GMT: 0345 GMT on Sunday is Saturday evening, and the day written first rules
    text = "It began at about 10:45 p.m. local time (0345 GMT Sunday)."
    assert find_timexes(text, anchor=tuesday)[0].value == "2026-02-14T22:45"
    text = "It hit at 2 p.m. local time (1100 GMT on Monday)."
    assert find_timexes(text, anchor=tuesday)[0].value == "2026-02-16T14:00"


def test_a_weekday_outside_the_month_named_for_the_event_gives_way() -> None:
    anchor = dt.date(2026, 3, 11)
    text = "In March last year, gunmen killed 44 worshippers during Friday prayers."
    span = event_time(find_timexes(text, anchor=anchor), anchor=anchor)
    assert span is not None and span.value == "2025-03"
    # within the month, the weekday is its day
    text = "In March, gunmen killed 44 worshippers during Friday prayers."
    span = event_time(find_timexes(text, anchor=anchor), anchor=anchor)
    assert span is not None and span.value == "2026-03-06"


def test_a_show_called_this_week_is_no_date() -> None:
    text = 'Baker said on ABC\'s "This Week With David Brinkley" that it failed.'
    found = find_timexes(text, anchor=MONDAY)
    assert [t.text for t in found] == []


def test_the_past_year_is_last_year() -> None:
    assert _value("Hate groups grew over the past year.") == "2019"


def test_weekday_evening_keeps_the_part_of_day() -> None:
    assert _value("The rally began Friday evening.") == "2020-07-17TEV"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Fighting erupted in late June.", dt.date(2020, 6, 21), dt.date(2020, 6, 30)),
        ("Fighting erupted in early June.", dt.date(2020, 6, 1), dt.date(2020, 6, 10)),
        ("Fighting erupted in mid-2019.", dt.date(2019, 5, 1), dt.date(2019, 8, 31)),
        ("Clashes have grown since late last year.", dt.date(2019, 9, 1), MONDAY),
    ],
)
def test_early_mid_and_late_name_part_of_the_period(
    text: str, start: dt.date, end: dt.date
) -> None:
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None and (span.start, span.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("30 were killed over the past 24 hours.", dt.date(2020, 7, 19), MONDAY, DatePrecision.DAY),
        ("In the last 48 hours, 20 died.", dt.date(2020, 7, 18), MONDAY, DatePrecision.WEEK),
        (
            "Over the past three months, 400 died.",
            dt.date(2020, 4, 20),
            MONDAY,
            DatePrecision.MONTH,
        ),
        ("Talks resume in the next two weeks.", MONDAY, dt.date(2020, 8, 3), DatePrecision.MONTH),
        ("Thousands died over the past decade.", dt.date(2010, 7, 20), MONDAY, DatePrecision.YEAR),
        (
            "Thousands died in the past two decades.",
            dt.date(2000, 7, 20),
            MONDAY,
            DatePrecision.YEAR,
        ),
    ],
)
def test_a_window_against_the_report_date_dates_the_event(
    text: str, start: dt.date, end: dt.date, precision: DatePrecision
) -> None:
    window = _only(text)
    assert window.type == "DURATION" and window.mod is None
    span = event_time([window], anchor=MONDAY)
    assert span is not None and (span.start, span.end, span.precision) == (start, end, precision)


def test_the_last_decade_is_the_calendar_decade_and_the_past_decade_ten_years() -> None:
    assert (_only("Prices fell in the last decade.").value) == "201"
    assert (_only("Prices fell over the past decade.").value) == "P10Y"


def test_a_duration_not_laid_against_the_report_keeps_over_as_more_than() -> None:
    found = _only("Fighting lasted over two weeks.")
    assert (found.value, found.mod, found.span) == ("P2W", "MORE_THAN", None)


def test_days_listed_together_make_one_stretch() -> None:
    text = "Gunmen attacked the village on Friday and Saturday, officials said."
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None
    assert (span.start, span.end) == (dt.date(2020, 7, 17), dt.date(2020, 7, 18))
    apart = "Gunmen attacked on Friday, and on Sunday the army struck back."
    span = event_time(find_timexes(apart, anchor=MONDAY), anchor=MONDAY)
    assert span is not None and span.start == span.end


def test_late_on_one_day_and_early_on_the_next_is_one_stretch() -> None:
    text = "Shells hit the camp late on Friday and early on Saturday, aid workers said."
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None
    assert (span.start, span.end) == (dt.date(2020, 7, 17), dt.date(2020, 7, 18))
    apart = "Rebels attacked on Friday, and early on Saturday the army struck back."
    span = event_time(find_timexes(apart, anchor=MONDAY), anchor=MONDAY)
    assert span is not None and span.start == span.end


def test_the_days_an_act_started_and_ended_on_are_one_stretch() -> None:
    text = "The fighting started on July 3 and ended on July 5, a doctor said."
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None
    assert (span.start, span.end) == (dt.date(2020, 7, 3), dt.date(2020, 7, 5))
    # two acts on two days are not one stretch
    apart = "The army attacked on July 3 and the rebels retreated on July 5."
    span = event_time(find_timexes(apart, anchor=MONDAY), anchor=MONDAY)
    assert span is not None and span.start == span.end


def test_a_range_written_as_one_expression_after_from_or_between_is_the_event_time() -> None:
    for text in ("Gunmen raided villages between 3 and 5 March.", "Raids ran from 3 to 5 March."):
        span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
        assert span is not None, text
        assert (span.start, span.end) == (dt.date(2020, 3, 3), dt.date(2020, 3, 5))


def test_days_of_last_year_written_day_first() -> None:
    found = _only("Fighters blockaded the road on 5 September last year.")
    assert found.value == "2019-09-05"
    ranged = _only("Between 2 and 5 September last year, fighters blockaded the road.")
    assert (ranged.value, ranged.range_end, ranged.mod) == ("2019-09-02", "2019-09-05", None)
    listed = find_timexes("They struck on 3 and 5 March last year.", anchor=MONDAY)
    assert [t.value for t in listed] == ["2019-03-05"]  # "and" makes a range only after "between"


def test_from_one_day_to_another_is_one_range() -> None:
    text = "Rebels attacked the town from Friday to Sunday."
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None
    assert (span.start, span.end) == (dt.date(2020, 7, 17), dt.date(2020, 7, 19))
    opened = event_time(find_timexes("The truce runs from Monday.", anchor=MONDAY), anchor=MONDAY)
    assert opened is None


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        (
            "Shelling went on between 10 p.m. on Saturday and the early hours of Sunday.",
            dt.date(2020, 7, 18),
            dt.date(2020, 7, 19),
        ),
        ("The militia held the road between Thursday and Saturday.", "2020-07-16", "2020-07-18"),
        ("Clashes raged between May and June.", dt.date(2020, 5, 1), dt.date(2020, 6, 30)),
        ("The war between 1992 and 1995 displaced millions.", "1992-01-01", "1995-12-31"),
        (
            "The assault began late on Friday and lasted into the early hours of Saturday.",
            "2020-07-17",
            "2020-07-18",
        ),
        ("Fighting on Thursday continued until Saturday.", "2020-07-16", "2020-07-18"),
    ],
)
def test_two_times_joined_into_a_stretch_make_one_range(
    text: str, first: dt.date | str, last: dt.date | str
) -> None:
    span = event_time(find_timexes(text, anchor=MONDAY), anchor=MONDAY)
    assert span is not None
    assert (str(span.start), str(span.end)) == (str(first), str(last))


def test_between_two_parties_is_no_range() -> None:
    text = "Talks between Russia and Ukraine resumed on Friday and Saturday."
    found = find_timexes(text, anchor=MONDAY)
    assert [t.mod for t in found] == [None, None]


def test_a_clock_time_takes_a_day_named_after_it_in_its_sentence() -> None:
    found = find_timexes("The attack came between 10 p.m. and midnight on Saturday.", anchor=MONDAY)
    assert found[0].value == "2020-07-18T22:00"
    span = event_time(found, anchor=MONDAY)
    assert span is not None and (span.start, span.end) == (dt.date(2020, 7, 18),) * 2
    alone = _only("At around 11 p.m., the town was shelled.")
    assert alone.value == "2020-07-20T23:00"  # no day named: the report's own


def test_earlier_and_later_this_month_are_not_its_early_or_late_part() -> None:
    late_anchor = dt.date(2020, 7, 27)
    earlier = find_timexes("Earlier this month, 50 were killed.", anchor=late_anchor)
    span = event_time(earlier, anchor=late_anchor)
    assert span is not None and span.start == dt.date(2020, 7, 1)
    assert span.end is not None and span.end >= dt.date(2020, 7, 26)


def test_hours_later_is_the_day_the_text_last_named() -> None:
    text = "Fighters attacked a base early on Saturday. Troops retook it hours later."
    found = {t.text: t.value for t in find_timexes(text, anchor=MONDAY)}
    assert found == {"Saturday": "2020-07-18", "hours later": "2020-07-18"}
    # with no day named before, the report's own day
    alone = _only("Troops retook the base hours later.")
    assert alone.value == "2020-07-20"
