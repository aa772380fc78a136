"""Offline gazetteer, toponym recognition and resolution (issue 4).

`geocode_text(text, doc=...)` finds and resolves every place name of an article; `load_gazetteer()`
gives the compiled gazetteer; `place_by_id(id)` looks a place up by its stable id.
"""

from conflictwatch.geo.gazetteer import Gazetteer, load_gazetteer, place_by_id
from conflictwatch.geo.geocode import Toponym, geocode_text, resolve_spans

__all__ = ["Gazetteer", "Toponym", "geocode_text", "load_gazetteer", "place_by_id", "resolve_spans"]
