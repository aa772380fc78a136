"""Casualty tallies: low / best / high per kind and side, from the claims, without double counting.

- A report that gives a running total ("bringing the toll to 158") and an increment ("another 54")
  counts the total only: the increment is inside it (the figure stays listed, `counted=False`).
- One claimant repeating a figure in several reports is one estimate (its largest), never a sum.
- Across claimants: low is the smallest unhedged estimate, best the median unhedged estimate, high
  the largest estimate of all. Hedged figures ("may have been killed") only widen the range.
- A confirmation without a number ("confirmed killed soldiers") means at least one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from conflictwatch.link.types import OWN_REPORTING, CasualtyTally, Citation, FigureClaim
from conflictwatch.model import Casualty, Mention, Population


def claimant_name(mention: Mention) -> str:
    return mention.claimant.name if mention.claimant else OWN_REPORTING


TallyKey = tuple[str, str | None, bool]  # kind, side, civilian


def figure_claims(mentions: Iterable[Mention]) -> dict[TallyKey, list[FigureClaim]]:
    """Every casualty figure of the mentions, grouped by (kind, side, civilian), in text order."""
    grouped: dict[TallyKey, list[tuple[Mention, Casualty]]] = {}
    for mention in mentions:
        for casualty in mention.casualties:
            civilian = casualty.population is Population.CIVILIAN
            key = (casualty.kind.value, casualty.side, civilian)
            grouped.setdefault(key, []).append((mention, casualty))
    return {key: _mark_counted(pairs) for key, pairs in grouped.items()}


def _mark_counted(pairs: Sequence[tuple[Mention, Casualty]]) -> list[FigureClaim]:
    """Increments of a report that also gives a running total are not counted."""
    with_total = {m.doc_id for m, c in pairs if c.cumulative}
    seen: set[tuple[str, int]] = set()
    claims = []
    for mention, casualty in sorted(pairs, key=lambda p: (p[0].doc_id, p[1].start, p[0].id)):
        key = (mention.doc_id, casualty.start)
        if key in seen:  # one phrase attached to two mentions of its sentence
            continue
        seen.add(key)
        counted = casualty.cumulative or mention.doc_id not in with_total
        claims.append(
            FigureClaim(
                mention_id=mention.id,
                claimant=claimant_name(mention),
                min=casualty.min,
                max=casualty.max,
                hedged=casualty.hedged,
                cumulative=casualty.cumulative,
                counted=counted,
                text=casualty.text,
                evidence=Citation.of(mention.evidence),
            )
        )
    return claims


def _estimate(claims: Sequence[FigureClaim]) -> tuple[int | None, int | None, int | None, bool]:
    """One claimant's (low, value, high, hedged) from its counted figures."""
    lows = [c.min if c.min is not None else (1 if c.max is None else None) for c in claims]
    highs = [c.max if c.max is not None else c.min for c in claims]
    low = max((v for v in lows if v is not None), default=None)
    high = max((v for v in highs if v is not None), default=None)
    value = high if high is not None else low
    return low, value, high, all(c.hedged for c in claims)


def tally(
    kind: str, side: str | None, claims: Sequence[FigureClaim], *, civilian: bool = False
) -> CasualtyTally:
    counted = [c for c in claims if c.counted]
    by_claimant: dict[str, list[FigureClaim]] = {}
    for claim in counted:
        by_claimant.setdefault(claim.claimant, []).append(claim)
    estimates = [_estimate(group) for _, group in sorted(by_claimant.items())]
    firm = [e for e in estimates if not e[3]]
    lows = [e[0] for e in firm if e[0] is not None]
    values = sorted(e[1] for e in firm if e[1] is not None)
    highs = [v for e in estimates for v in (e[2], e[0]) if v is not None]
    best = values[(len(values) - 1) // 2] if values else None
    floors = [c.min for c in counted if c.min is not None and c.max is None and not c.hedged]
    if best is not None and floors:
        best = max(best, *floors)  # a firm "at least N" is a floor for the best estimate
    return CasualtyTally(
        kind=kind,
        side=side,
        low=min(lows) if lows else None,
        best=best,
        high=max(highs) if highs else None,
        cumulative=any(c.cumulative for c in counted),
        claims=tuple(claims),
        civilian=civilian,
    )


def incident_tallies(mentions: Iterable[Mention]) -> tuple[CasualtyTally, ...]:
    """The tallies of one incident's mentions, by kind then side."""
    grouped = figure_claims(mentions)
    return tuple(
        tally(kind, side, claims, civilian=civilian)
        for (kind, side, civilian), claims in sorted(
            grouped.items(), key=lambda i: (i[0][0], i[0][1] or "", i[0][2])
        )
    )


def combined_tallies(groups: Iterable[Sequence[CasualtyTally]]) -> tuple[CasualtyTally, ...]:
    """Totals over several incidents (an episode, a date range).

    Increments add up; a running total stands for everything up to it, so the total of a kind and
    side is the larger of the biggest running total and the sum of the increments, never both.
    """
    sums: dict[TallyKey, list[CasualtyTally]] = {}
    for tallies in groups:
        for item in tallies:
            sums.setdefault((item.kind, item.side, item.civilian), []).append(item)
    result = []
    ordered = sorted(sums.items(), key=lambda i: (i[0][0], i[0][1] or "", i[0][2]))
    for (kind, side, civilian), items in ordered:
        totals = [t for t in items if t.cumulative]
        increments = [t for t in items if not t.cumulative]
        result.append(
            CasualtyTally(
                kind=kind,
                side=side,
                low=_combine([t.low for t in totals], [t.low for t in increments]),
                best=_combine([t.best for t in totals], [t.best for t in increments]),
                high=_combine([t.high for t in totals], [t.high for t in increments]),
                cumulative=bool(totals),
                claims=tuple(c for t in items for c in t.claims),
                civilian=civilian,
            )
        )
    return tuple(result)


def _combine(totals: Sequence[int | None], increments: Sequence[int | None]) -> int | None:
    known_totals = [v for v in totals if v is not None]
    known_increments = [v for v in increments if v is not None]
    if not known_totals and not known_increments:
        return None
    return max(max(known_totals, default=0), sum(known_increments))
