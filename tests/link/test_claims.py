"""Claims grouped by claimant, and disputed fields."""

from __future__ import annotations

from tests.link.link_support import ARMENIA, AZERBAIJAN, casualty, mention

from conflictwatch.link.claims import disputes, make_claims
from conflictwatch.link.tallies import incident_tallies
from conflictwatch.model import ActorRef, Modality

RUSSIA = ActorRef(id="RUS", name="Russia", country="RUS", kind="state")


def test_mutual_blame_is_a_perpetrator_dispute_with_both_versions() -> None:
    blame = mention(
        "d1", 0, "Yerevan and Baku blame each other for the flare-up.", type="ACCUSE", agent=ARMENIA
    )
    fight = mention("d1", 60, "Clashes erupted.")
    found = disputes([fight, blame], ["event", "accusation"], (), ("ARM", "AZE"))
    (dispute,) = found
    assert dispute.field == "perpetrator"
    assert {(v.claimant, v.value) for v in dispute.versions} == {("ARM", "AZE"), ("AZE", "ARM")}


def test_a_denied_attack_disputes_that_it_happened() -> None:
    report = mention(
        "d1", 0, "Armenia said Azerbaijan shelled a hospital.", type="ASSAULT", claimant=ARMENIA
    )
    denial = mention(
        "d1",
        50,
        "Azerbaijan denied targeting civilians.",
        type="ASSAULT",
        claimant=AZERBAIJAN,
        modality=Modality.DENIED,
    )
    (dispute,) = disputes([report, denial], ["event", "denial"], (), ())
    assert dispute.field == "occurred"
    assert {(v.claimant, v.value) for v in dispute.versions} == {("ARM", "yes"), ("AZE", "no")}


def test_a_denial_answers_the_accusers_one_version_per_side() -> None:
    charge = "Armenia's Foreign Ministry accused Azerbaijan of targeting hospitals."
    mentions = [
        mention("d1", 0, "Fighting went on around the town.", claimant=None),
        mention("d1", 40, "Russia said fighting went on.", claimant=RUSSIA),
        mention("d1", 80, charge, type="ACCUSE", agent=ARMENIA, target=AZERBAIJAN),
        mention("d1", 80, charge, type="ASSAULT", claimant=ARMENIA, trigger="targeting"),
        mention(
            "d1",
            160,
            "Azerbaijan rejected accusations that it targets civilians.",
            type="ASSAULT",
            claimant=AZERBAIJAN,
            modality=Modality.DENIED,
        ),
    ]
    roles = ["event", "event", "accusation", "alleged", "denial"]
    (dispute,) = [d for d in disputes(mentions, roles, (), ("ARM", "AZE")) if d.field == "occurred"]
    assert [(v.claimant, v.value, v.evidence.start) for v in dispute.versions] == [
        ("ARM", "yes", 80),
        ("AZE", "no", 160),
    ]


def test_mutual_blame_names_its_own_sides() -> None:
    text = "Russia voiced concern after Armenia and Azerbaijan blamed each other for the fire."
    blame = mention("d1", 0, text, type="ACCUSE", agent=ARMENIA)
    # The incident's principal parties were read wrong: the sentence says who blames whom.
    (dispute,) = disputes([blame], ["accusation"], (), ("ARM", "RUS"))
    assert {(v.claimant, v.value) for v in dispute.versions} == {("ARM", "AZE"), ("AZE", "ARM")}


def test_different_counts_from_two_claimants_are_disputed() -> None:
    mentions = [
        mention(
            "d1",
            0,
            "A: 10 killed.",
            claimant=ActorRef(id=None, name="A"),
            casualties=(casualty("killed", 10, side="ARM"),),
        ),
        mention(
            "d2",
            0,
            "B: 30 killed.",
            claimant=ActorRef(id=None, name="B"),
            casualties=(casualty("killed", 30, side="ARM"),),
        ),
    ]
    found = disputes(mentions, ["event", "event"], incident_tallies(mentions), ())
    assert [(d.field, [v.value for v in d.versions]) for d in found] == [
        ("killed:ARM", ["10", "30"])
    ]


def test_claims_carry_claimant_role_and_evidence() -> None:
    report = mention(
        "d1",
        5,
        "Armenia says two were killed.",
        claimant=ARMENIA,
        casualties=(casualty("killed", 2),),
    )
    (claim,) = make_claims([report], ["event"])
    assert (claim.claimant, claim.role, claim.evidence.start) == ("Armenia", "casualty", 5)
