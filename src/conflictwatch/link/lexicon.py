"""The linking stage's data files (data/link_*.tsv), read once."""

from __future__ import annotations

import dataclasses
import functools

from conflictwatch.datafiles import read_tsv


@functools.cache
def type_roles() -> dict[str, str]:
    """PLOVER type -> violent, accusation, denial or diplomacy."""
    return {row["type"]: row["role"] for row in read_tsv("link_roles.tsv")}


@dataclasses.dataclass(frozen=True, slots=True)
class CeasefireCues:
    subjects: tuple[str, ...]
    states: tuple[tuple[str, str], ...]  # (cue, state)
    calls: tuple[str, ...] = ()  # the sentence asks for a ceasefire: it proposes
    comments: tuple[str, ...] = ()  # the sentence comments on one: no state of its own
    mediation: tuple[str, ...] = ()  # "brokered by": the countries after it mediate
    terms: tuple[str, ...] = ()  # words of stated terms
    anaphors: tuple[str, ...] = ()  # "that ceasefire": the one named just before
    venues: tuple[str, ...] = ()  # "signed in": the place after it hosts, it is no party


@functools.cache
def ceasefire_cues() -> CeasefireCues:
    rows = read_tsv("link_ceasefire_cues.tsv")

    def of(kind: str) -> tuple[str, ...]:
        return tuple(r["cue"] for r in rows if r["kind"] == kind)

    return CeasefireCues(
        subjects=of("subject"),
        states=tuple((r["cue"], r["state"]) for r in rows if r["kind"] == "state"),
        calls=of("call"),
        comments=of("comment"),
        mediation=of("mediation"),
        terms=of("terms"),
        anaphors=of("anaphor"),
        venues=of("venue"),
    )


@functools.cache
def common_words() -> frozenset[str]:
    return frozenset(row["word"] for row in read_tsv("link_common_words.tsv"))


@functools.cache
def link_weights() -> dict[str, float]:
    """Feature -> weight of the same-event score."""
    return {row["feature"]: float(row["weight"]) for row in read_tsv("link_weights.tsv")}
