import datetime as dt

from conflictwatch.timex import find_timexes
from conflictwatch.timex.stamps import opens_as_timestamp, timestamp_end

SATURDAY = dt.date(2026, 11, 21)


def test_a_clock_time_opening_a_paragraph_before_a_dash_is_a_timestamp() -> None:
    text = "Intro line\n  10:15 GMT - A missile hit Dnipro at 10:05."
    start = text.index("10:15")
    assert opens_as_timestamp(text, start, start + len("10:15 GMT"))
    assert timestamp_end(text, text.index("\n") + 1) == text.index("A missile")
    later = text.index("10:05")
    assert not opens_as_timestamp(text, later, later + 5)  # inside the entry's own sentence


def test_a_timestamp_is_on_the_pages_day_whatever_the_text_said_before() -> None:
    text = (
        "Drones hit Odesa overnight, officials said.\n\n"
        "10:15 GMT - A missile strike on Dnipro killed three people."
    )
    values = {t.text: t.value for t in find_timexes(text, anchor=SATURDAY)}
    assert values == {"overnight": "2026-11-20TNI", "10:15 GMT": "2026-11-21T10:15"}
