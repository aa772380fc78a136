"""Claims about an incident, and the points on which claimants disagree.

Every mention linked to an incident is a claim by someone (a ministry, a mediator, or the outlet's
own reporting). Disputed fields:
- perpetrator: claimants name different sides as the attacker (accusations, or mutual blame);
- occurred: someone denies what others report;
- a casualty figure (`killed:ARM`): claimants give different counts of the same kind and side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from conflictwatch.actors.countries import country_of
from conflictwatch.link.lexicon import type_roles
from conflictwatch.link.tallies import claimant_name
from conflictwatch.link.types import (
    OWN_REPORTING,
    CasualtyTally,
    Citation,
    Claim,
    Dispute,
    DisputeVersion,
)
from conflictwatch.model import ActorRef, Mention

_MUTUAL = re.compile(r"\b(each other|one another)\b", re.IGNORECASE)
#: "Armenia and Azerbaijan blamed each other": the two sides of a mutual accusation, named.
_MUTUAL_PAIR = re.compile(
    r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) and ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
    r"(?: \w+){0,2} (?:blam|accus)\w* (?:each other|one another)\b"
)


def _party(actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.id


def describe(mention: Mention) -> str:
    """A short reading of what a mention claims: who did what to whom, and the figures."""
    parts = [mention.type.lower()]
    if mention.agent:
        parts.append(f"by {mention.agent.name}")
    if mention.target:
        parts.append(f"against {mention.target.name}")
    figures = [c.text for c in mention.casualties]
    if figures:
        parts.append("(" + "; ".join(figures) + ")")
    return " ".join(parts)


def make_claims(mentions: Sequence[Mention], roles: Sequence[str]) -> tuple[Claim, ...]:
    claims = []
    for mention, role in zip(mentions, roles, strict=True):
        if role == "event" and mention.casualties:
            role = "casualty"
        claims.append(
            Claim(
                mention_id=mention.id,
                claimant=claimant_name(mention),
                claimant_country=mention.claimant.country if mention.claimant else None,
                role=role,
                type=mention.type,
                modality=mention.modality.value,
                value=describe(mention),
                evidence=Citation.of(mention.evidence),
            )
        )
    return tuple(claims)


def _accuser(mention: Mention) -> str | None:
    """Who makes an accusation: its claimant, else the accusing agent."""
    return _party(mention.claimant) or _party(mention.agent)


def perpetrator_dispute(
    mentions: Sequence[Mention], roles: Sequence[str], parties: Sequence[str]
) -> Dispute | None:
    """Versions of who attacked, when at least two claimants name different attackers."""
    versions: dict[str, DisputeVersion] = {}
    for mention, role in zip(mentions, roles, strict=True):
        if role != "accusation":
            continue
        accuser, accused = _accuser(mention), _party(mention.target)
        sides = mutual_sides(mention.evidence.text) or tuple(parties)
        if _MUTUAL.search(mention.evidence.text) and len(sides) == 2:
            for side in sides:
                other = next(p for p in sides if p != side)
                versions.setdefault(
                    side,
                    DisputeVersion(
                        claimant=side, value=other, evidence=Citation.of(mention.evidence)
                    ),
                )
        elif accuser and accused and accuser != accused:
            versions.setdefault(
                accuser,
                DisputeVersion(
                    claimant=accuser, value=accused, evidence=Citation.of(mention.evidence)
                ),
            )
    if len({v.value for v in versions.values()}) < 2:
        return None
    return Dispute(field="perpetrator", versions=tuple(versions[k] for k in sorted(versions)))


def mutual_sides(text: str) -> tuple[str, ...]:
    """The two countries a sentence says blame each other, when it names them."""
    match = _MUTUAL_PAIR.search(text)
    if match is None:
        return ()
    sides = tuple(dict.fromkeys(code for name in match.groups() if (code := country_of(name))))
    return sides if len(sides) == 2 else ()


def occurrence_dispute(mentions: Sequence[Mention], roles: Sequence[str]) -> Dispute | None:
    """Someone denies what others report: one version per side.

    The "yes" side is whoever made the charge a denial answers (the accusers of alleged acts);
    with no accusation in the incident, whoever reports the act. Sides are countries when known.
    """
    # Only a denial of a violent act disputes the incident; rejecting another charge does not.
    denials = [
        m
        for m, r in zip(mentions, roles, strict=True)
        if r == "denial" and type_roles().get(m.type) == "violent"
    ]
    charged = [m for m, r in zip(mentions, roles, strict=True) if r == "alleged"]
    reports = charged or [m for m, r in zip(mentions, roles, strict=True) if r == "event"]
    if not denials or not reports:
        return None
    versions: dict[str, DisputeVersion] = {}
    for mention in reports:
        side = _side_of(mention)
        versions.setdefault(
            side, DisputeVersion(claimant=side, value="yes", evidence=Citation.of(mention.evidence))
        )
    for mention in denials:
        side = _side_of(mention)
        versions[side] = DisputeVersion(
            claimant=side, value="no", evidence=Citation.of(mention.evidence)
        )
    if len(versions) < 2:
        return None
    return Dispute(field="occurred", versions=tuple(versions[k] for k in sorted(versions)))


def _side_of(mention: Mention) -> str:
    """Who speaks, as a side: the claimant's country, else the agent's, else a name."""
    return _party(mention.claimant) or _party(mention.agent) or claimant_name(mention)


def figure_disputes(tallies: Sequence[CasualtyTally]) -> list[Dispute]:
    """Claimants who give different counted figures for the same kind and side."""
    disputes = []
    for item in tallies:
        by_claimant: dict[str, DisputeVersion] = {}
        for claim in item.claims:
            if not claim.counted or (claim.min is None and claim.max is None):
                continue
            value = _figure(claim.min, claim.max) + (" (hedged)" if claim.hedged else "")
            by_claimant[claim.claimant] = DisputeVersion(
                claimant=claim.claimant, value=value, evidence=claim.evidence
            )
        named = {k: v for k, v in by_claimant.items() if k != OWN_REPORTING} or by_claimant
        if len(named) >= 2 and len({v.value for v in named.values()}) >= 2:
            field = f"{item.kind}:{item.side or 'unknown'}"
            disputes.append(Dispute(field=field, versions=tuple(named[k] for k in sorted(named))))
    return disputes


def _figure(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}-{high}"
    if low is not None:
        return f"at least {low}"
    return f"up to {high}"


def disputes(
    mentions: Sequence[Mention],
    roles: Sequence[str],
    tallies: Sequence[CasualtyTally],
    parties: Sequence[str],
) -> tuple[Dispute, ...]:
    found = [
        perpetrator_dispute(mentions, roles, parties),
        occurrence_dispute(mentions, roles),
        *figure_disputes(tallies),
    ]
    return tuple(d for d in found if d is not None)
