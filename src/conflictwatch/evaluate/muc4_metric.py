"""The two MUC-4 metrics: GTT's template-filling micro P/R/F1 and GRIT's role-filler (REE) F1.

Definitions (Du, Rush & Cardie 2021; Du, Cardie & Rush 2021), as the benchmark README gives them:

- Mention strings are compared after normalization: lower case, punctuation removed, the articles
  a / an / the removed, white space collapsed.
- An entity is a tuple of coreferent mention strings. A predicted entity matches a gold entity when every
  one of its mentions is among the gold entity's mentions.
- GTT: per document, each predicted template is mapped to at most one gold template (one to one, or to
  nothing). A mapped pair counts only when the predicted incident type is contained in the gold one
  ("attack" fits "bombing / attack"). For a counted pair the incident type is one correct slot, every
  predicted entity that matches some gold entity of the same role is correct, and every gold entity that
  some predicted entity matches is found. Everything in an uncounted template is spurious or missing. The
  document keeps the mapping with the best micro F1 (the first one found, in GTT's enumeration order),
  and the counts are summed over documents (micro average over incident type and the five roles).
- GRIT (REE): per document and role, the entities of all templates are merged (an entity is dropped when
  it is a subset or superset of one already kept); predicted and gold entities are then paired one to
  one to maximize matches (CEAF with the strict similarity), P = matches / predicted, R = matches / gold.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterable, Iterator, Sequence

from conflictwatch.evaluate.matching import max_matching

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
INCIDENT = "incident_type"
SLOTS: tuple[str, ...] = (INCIDENT, *ROLES)

#: A mapping search larger than this falls back to a greedy alignment (GTT enumerates all of them).
MAX_MAPPINGS = 200_000

Entity = tuple[str, ...]

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = str.maketrans("", "", string.punctuation)


def normalize_mention(text: str) -> str:
    """Lower case, no punctuation, no articles, single spaces (SQuAD-style, as GTT and GRIT do)."""
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCTUATION)).split())


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ScoringTemplate:
    """A template as the scorer sees it: an incident type and, per role, entities of mention strings."""

    incident_type: str
    roles: dict[str, tuple[Entity, ...]]

    def entities(self, role: str) -> tuple[Entity, ...]:
        return self.roles.get(role, ())


@dataclasses.dataclass(frozen=True, slots=True)
class Tally:
    """Counts behind a precision and a recall: correct predicted / predicted, found gold / gold."""

    p_num: int = 0
    p_den: int = 0
    r_num: int = 0
    r_den: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.p_num + other.p_num,
            self.p_den + other.p_den,
            self.r_num + other.r_num,
            self.r_den + other.r_den,
        )

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


SlotTallies = dict[str, Tally]


def empty_tallies(slots: Iterable[str]) -> SlotTallies:
    return {slot: Tally() for slot in slots}


def add_tallies(total: SlotTallies, part: SlotTallies) -> None:
    """Add `part` into `total` in place."""
    for slot, tally in part.items():
        total[slot] = total.get(slot, Tally()) + tally


def micro(tallies: SlotTallies) -> Tally:
    return sum(tallies.values(), Tally())


def normalized(template: ScoringTemplate) -> ScoringTemplate:
    """The template with every mention normalized and empty entities dropped."""
    roles: dict[str, tuple[Entity, ...]] = {}
    for role in ROLES:
        entities = (tuple(normalize_mention(m) for m in e) for e in template.entities(role))
        roles[role] = tuple(e for e in entities if e)
    return ScoringTemplate(incident_type=template.incident_type, roles=roles)


def entity_matches(gold: Entity, predicted: Entity) -> bool:
    """GTT's and GRIT's strict similarity: every predicted mention is one of the gold mentions."""
    return all(m in gold for m in predicted)


# --- GTT template filling -----------------------------------------------------------------------------


def _pair_tallies(pred: ScoringTemplate, gold: ScoringTemplate) -> SlotTallies | None:
    """Counts for a predicted template aligned with a gold one; None when the types do not fit."""
    if pred.incident_type not in gold.incident_type:
        return None
    tallies = {INCIDENT: Tally(1, 1, 1, 1)}
    for role in ROLES:
        predicted, golds = pred.entities(role), gold.entities(role)
        correct = sum(any(entity_matches(g, p) for g in golds) for p in predicted)
        found = sum(any(entity_matches(g, p) for p in predicted) for g in golds)
        tallies[role] = Tally(correct, len(predicted), found, len(golds))
    return tallies


def _spurious(pred: ScoringTemplate) -> SlotTallies:
    tallies = {INCIDENT: Tally(0, 1, 0, 0)}
    tallies.update({role: Tally(0, len(pred.entities(role)), 0, 0) for role in ROLES})
    return tallies


def _missing(gold: ScoringTemplate) -> SlotTallies:
    tallies = {INCIDENT: Tally(0, 0, 0, 1)}
    tallies.update({role: Tally(0, 0, 0, len(gold.entities(role))) for role in ROLES})
    return tallies


def _mappings(
    options: Sequence[Sequence[int]], used: frozenset[int] = frozenset()
) -> Iterator[tuple[int, ...]]:
    """One-to-one partial mappings, predicted template i -> gold index or -1, in GTT's order."""
    if not options:
        yield ()
        return
    for choice in options[0]:
        if choice != -1 and choice in used:
            continue
        for rest in _mappings(options[1:], used | {choice} if choice != -1 else used):
            yield (choice, *rest)


def _mapping_count(options: Sequence[Sequence[int]]) -> int:
    count = 1
    for choices in options:
        count *= len(choices)
    return count


def _tallies_for(
    mapping: Sequence[int],
    pairs: dict[tuple[int, int], SlotTallies],
    preds: Sequence[ScoringTemplate],
    golds: Sequence[ScoringTemplate],
) -> SlotTallies:
    total = empty_tallies(SLOTS)
    mapped_golds = set()
    for i, j in enumerate(mapping):
        if j == -1:
            add_tallies(total, _spurious(preds[i]))
        else:
            add_tallies(total, pairs[i, j])
            mapped_golds.add(j)
    for j, gold in enumerate(golds):
        if j not in mapped_golds:
            add_tallies(total, _missing(gold))
    return total


def _greedy_mapping(pairs: dict[tuple[int, int], SlotTallies], n_preds: int) -> tuple[int, ...]:
    """Best pairs first by correct slots, each template used once (only for very large documents)."""
    ranked = sorted(pairs, key=lambda ij: -micro(pairs[ij]).p_num)
    mapping = [-1] * n_preds
    used: set[int] = set()
    for i, j in ranked:
        if mapping[i] == -1 and j not in used:
            mapping[i] = j
            used.add(j)
    return tuple(mapping)


def _gtt_order(
    mapping: Sequence[int], pairs: dict[tuple[int, int], SlotTallies], n_golds: int
) -> tuple[int, ...]:
    """Where GTT's enumeration first meets a mapping that counts the same as `mapping`.

    GTT enumerates every assignment of predicted templates to gold indices 0..n-1 or -1 (in that
    order, the first predicted template varying slowest) and keeps the first with the best F1. An
    unmapped template counts the same as one mapped to an unused gold template of another type, and
    GTT meets that form first: each unmapped template takes the lowest such gold index still free.
    Only ties in F1 with different counts need this.
    """
    used = {j for j in mapping if j != -1}
    order = []
    for i, j in enumerate(mapping):
        if j == -1:
            free = next((g for g in range(n_golds) if g not in used and (i, g) not in pairs), None)
            if free is not None:
                used.add(free)
            order.append(n_golds if free is None else free)  # -1 comes after every gold index
        else:
            order.append(j)
    return tuple(order)


def score_document_templates(
    preds: Sequence[ScoringTemplate], golds: Sequence[ScoringTemplate]
) -> SlotTallies:
    """GTT's counts for one document (templates already normalized), under its best alignment."""
    pairs: dict[tuple[int, int], SlotTallies] = {}
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            tallies = _pair_tallies(pred, gold)
            if tallies is not None:
                pairs[i, j] = tallies
    # Aligning with a gold template of another type counts the same as not aligning, so only
    # type-compatible golds are tried.
    options = [[j for j in range(len(golds)) if (i, j) in pairs] + [-1] for i in range(len(preds))]
    if _mapping_count(options) > MAX_MAPPINGS:
        return _tallies_for(_greedy_mapping(pairs, len(preds)), pairs, preds, golds)
    best: SlotTallies | None = None
    best_mapping: tuple[int, ...] = ()
    best_f1 = -1.0
    for mapping in _mappings(options):
        tallies = _tallies_for(mapping, pairs, preds, golds)
        f1 = micro(tallies).f1
        if f1 > best_f1 or (
            f1 == best_f1
            and _gtt_order(mapping, pairs, len(golds)) < _gtt_order(best_mapping, pairs, len(golds))
        ):
            best, best_mapping, best_f1 = tallies, mapping, f1
    return best if best is not None else empty_tallies(SLOTS)


def dedupe_gold_templates(templates: Iterable[ScoringTemplate]) -> list[ScoringTemplate]:
    """Drop repeated gold templates, as GTT's reader does."""
    kept: list[ScoringTemplate] = []
    for template in templates:
        if template not in kept:
            kept.append(template)
    return kept


# --- GRIT role-filler entity extraction ---------------------------------------------------------------


def merge_role_entities(templates: Iterable[ScoringTemplate], role: str) -> list[Entity]:
    """All templates' entities of one role, keeping the first of any subset/superset pair (GRIT)."""
    merged: list[Entity] = []
    for template in templates:
        for entity in template.entities(role):
            if not any(
                entity_matches(kept, entity) or entity_matches(entity, kept) for kept in merged
            ):
                merged.append(entity)
    return merged


def _max_matching(preds: Sequence[Entity], golds: Sequence[Entity]) -> int:
    """Size of a maximum one-to-one matching of predicted to gold entities."""
    return max_matching(preds, golds, lambda pred, gold: entity_matches(gold, pred))


def score_document_entities(preds: Sequence[Entity], golds: Sequence[Entity]) -> Tally:
    """GRIT's strict CEAF counts for one role of one document (entities already normalized)."""
    matched = _max_matching(preds, golds)
    return Tally(matched, len(preds), matched, len(golds))
