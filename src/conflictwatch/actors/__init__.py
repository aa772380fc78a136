"""Actors: countries, state institutions, people, intergovernmental bodies and armed groups.

- `country_of(text)`: ISO3 of a country name, demonym, capital/seat metonym or state-institution phrase.
- `load_actor_dictionary(extra)`: the versioned actor dictionary (data/actors.tsv, then a user TSV named
  by `extra` or the `actors` setting), with the lexicons of the general rules (data/actors_*.tsv).
- `DocumentActors(dictionary)`: per-document resolver that learns roles and surnames as it reads;
  `.resolve(phrase)` gives an ActorRef, `.find_in(sentence_doc, offset=...)` the ActorSpans of a sentence.

Ids: a state is its ISO3 code ("ARM"); a state institution adds an institution code ("ARM.MOD" defense
ministry, "ARM.MFA", "ARM.GOV", "ARM.MIL", "ARM.LEG", "RUS.PKO" peacekeepers, ...); intergovernmental
bodies are "IGO.<acronym>" ("IGO.OSCE.MINSK"), NGOs "NGO.<acronym>", armed groups "AG.<name>",
non-state territorial authorities "SEP.<code>" (composing like states: "SEP.NKR.GOV"), parties
"<ISO3>.PTY.<name>", people "person:<first-last>". Unresolved actors keep their text with id None.
"""

from conflictwatch.actors.countries import country_of
from conflictwatch.actors.dictionary import ActorDictionary, ActorEntry, load_actor_dictionary
from conflictwatch.actors.document import ActorSpan, DocumentActors

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorSpan",
    "DocumentActors",
    "country_of",
    "load_actor_dictionary",
]
