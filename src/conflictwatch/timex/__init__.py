"""Temporal expressions: recognition and TIMEX3 normalization relative to a document date."""

from conflictwatch.timex.find import event_time, find_timexes, since_bound
from conflictwatch.timex.types import Timex

__all__ = ["Timex", "event_time", "find_timexes", "since_bound"]
