"""The PLOVER gold-standard scorer on hand-made records, and one quick run on the real file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictwatch.evaluate import evaluate
from conflictwatch.evaluate.plover import accepted_types, code_sentence, plover_name


def write_gold(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    header = {"id": "X-DOCUMENT-0001", "event": "DOCUMENT"}
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps([header, *records]), "utf-8")
    return tmp_path


def record(event: str, text: str, source: list[str], target: list[str]) -> dict[str, object]:
    return {
        "event": event,
        "text": text,
        "source": [{"actorText": c, "code": c} for c in source],
        "target": [{"actorText": c, "code": c} for c in target] or "",
    }


def test_scores_type_and_countries(tmp_path: Path) -> None:
    data = write_gold(
        tmp_path,
        [
            record("ACCUSE", "France accused Rwanda of lying.", ["FRA"], ["RWA"]),
            record("DEMAND", "Germany demanded that Poland pay.", ["DEU"], ["POL"]),
            record("AGREE", "Japan accused China of spying.", ["JPN"], ["CHN"]),
            record("PROTEST", "The weather was fine.", ["USA"], []),
        ],
    )
    result = evaluate("plover", data)
    assert result.n == 4
    # record 1 fully right; record 2 right (DEMAND = REQUEST; target from the "that" clause);
    # record 3 wrong type;
    # record 4 uncoded.
    assert result.metrics["type_acc"] == 0.5
    assert result.metrics["coverage"] == 0.75
    assert result.metrics["correct"] == 0.5
    assert abs(result.metrics["false_positive"] - 1 / 3) < 1e-9


def test_legacy_names_and_overlapping_types() -> None:
    assert plover_name("DEMAND") == "REQUEST"
    assert plover_name("DISAPPROVE") == "ACCUSE"
    assert plover_name("AGREE") == "AGREE"
    assert "ASSAULT" in accepted_types("FIGHT")
    assert accepted_types("AGREE") == frozenset({"AGREE"})


def test_quick_run_on_real_file(benchmarks_dir: Path) -> None:
    result = evaluate("plover", benchmarks_dir / "plover_gsr", limit=40)
    assert result.n == 40
    assert 0.0 <= result.metrics["correct"] <= 1.0
    assert result.metrics["type_acc"] > 0.3


@pytest.mark.parametrize(
    ("text", "coded_type", "sources", "targets"),
    [
        # the target is the country of the clause's place
        (
            "US and British activists staged a protest in Beijing.",
            "PROTEST",
            {"USA", "GBR"},
            {"CHN"},
        ),
        # a target phrase of no known country: a domestic event
        ("Turkish police detained the students on Monday.", "COERCE", {"TUR"}, {"TUR"}),
        # an agent phrase naming no country gives the country inside its whole phrase
        ("Rebels in Lebanon clashed with the army near the port.", "FIGHT", {"LBN"}, None),
        # an announced hostile act is a threat
        ("NATO said it would tighten the naval blockade of Serbia.", "THREATEN", {"IGO"}, {"SRB"}),
    ],
)
def test_code_sentence_fills_parties_as_a_coder(
    text: str, coded_type: str | None, sources: set[str], targets: set[str] | None
) -> None:
    coded = code_sentence(text)
    if coded_type is not None:
        assert coded.type == coded_type
    assert coded.sources == sources
    if targets is not None:
        assert coded.targets == targets


def test_both_parties_leaves_one_sided_events_uncoded() -> None:
    text = "Leaders of the Georgian opposition agreed to postpone the demonstration."
    assert code_sentence(text).type is not None
    assert code_sentence(text, both_parties=True).type is None


@pytest.mark.parametrize(
    "text", ["", "Clashes near the Iraqi border", "12 34 56 | 78 90", "Die Armee griff an."]
)
def test_code_sentence_on_bad_input_and_headlines(text: str) -> None:
    coded = code_sentence(text)  # a headline's root is a noun: the clause search must end
    assert coded.type is None or coded.type == "FIGHT"


def test_domestic_inference_is_a_human_coders_and_optional() -> None:
    from conflictwatch.evaluate.plover import code_sentence

    text = "Islamic fundamentalists threatened to attack Algerian government offices."
    human = code_sentence(text)
    assert human.type == "THREATEN"
    assert human.sources == frozenset({"DZA"}) and human.targets == frozenset({"DZA"})
    dictionary = code_sentence(text, domestic=False)
    assert dictionary.sources == frozenset() and dictionary.targets == frozenset({"DZA"})


def test_code_events_adds_comparable_current_events() -> None:
    from conflictwatch.evaluate.plover import code_events

    text = "Syria accused Egypt of lying, and Egyptian protesters demonstrated against Syria."
    top_only = code_events(text, domestic=False)
    assert [(c.type, c.sources, c.targets) for c in top_only] == [
        ("ACCUSE", frozenset({"SYR"}), frozenset({"EGY"}))
    ]
    both = code_events(text, domestic=False, also=0.5)
    assert [(c.type, c.sources, c.targets) for c in both][1:] == [
        ("PROTEST", frozenset({"EGY"}), frozenset({"SYR"}))
    ]
    assert len(code_events(text, domestic=False, also=0.9)) == 1  # the protest ranks lower


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # an event noun with no actor of its own: nobody to code
        ("The talks came after the shooting in Lebanon.", "ASSAULT"),
        # an intent with no one stating it (the target, Hezbollah, has a country)
        ("No peace is possible unless Hezbollah is disarmed.", "AGREE"),
    ],
)
def test_events_without_a_party_of_their_own_are_left_uncoded(text: str, event_type: str) -> None:
    coded = code_sentence(text, domestic=False)
    assert coded.type is None
    assert coded.event_type == event_type


def test_a_wish_of_another_party_is_its_request_not_a_threat() -> None:
    from conflictwatch.evaluate.plover import code_events

    coded = code_events("Tehran wants Hezbollah to attack Israel.", domestic=False, also=0.0)
    assert [(c.type, c.sources, c.targets) for c in coded if c.type is not None] == [
        ("REQUEST", frozenset({"IRN"}), frozenset({"LBN"}))
    ]  # "wants Y to attack" asks Y to attack: no threat by Y


def test_a_known_group_gets_no_country_from_its_label() -> None:
    coded = code_sentence("Pro-Russian separatists shelled Ukrainian positions.", domestic=False)
    assert coded.type == "ASSAULT"
    assert coded.sources == frozenset() and coded.targets == frozenset({"UKR"})


def test_ordering_an_investigation_is_one_demand() -> None:
    from conflictwatch.evaluate.plover import code_events

    coded = code_events("Armenia ordered an inquiry into Azerbaijan.", domestic=False, also=0.5)
    assert [(c.type, c.sources) for c in coded] == [("REQUEST", frozenset({"ARM"}))]


@pytest.mark.parametrize(
    ("text", "coded_type", "country"),
    [
        ("Thousands of Kenyan students demonstrated in Nairobi on Friday.", "PROTEST", "KEN"),
        ("Turkish authorities imposed a curfew in the town on Tuesday.", "COERCE", "TUR"),
    ],
)
def test_a_protest_or_coercion_with_no_object_is_domestic(
    text: str, coded_type: str, country: str
) -> None:
    human = code_sentence(text)
    assert human.type == coded_type
    assert human.sources == frozenset({country}) and human.targets == frozenset({country})
    assert code_sentence(text, domestic=False).targets != frozenset({country})


def test_a_reported_duty_is_coded_as_the_speakers_demand() -> None:
    coded = code_sentence("Britain said on Friday that the Sudanese government must end the war.")
    assert coded.type == "REQUEST"
    assert coded.sources == frozenset({"GBR"}) and coded.targets == frozenset({"SDN"})


def test_withdrawing_observers_announced_is_a_threat() -> None:
    coded = code_sentence("Canada announced that it will withdraw its observers from Haiti.")
    assert coded.type == "THREATEN"  # CAMEO 136: threaten to halt international involvement
    assert coded.sources == frozenset({"CAN"}) and coded.targets == frozenset({"HTI"})


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a noun that only modifies another names no event
        ("Georgian patrol units arrived in the town.", "MOBILIZE"),
        # the crime of a legal charge is what is alleged, not an event reported
        ("Two Georgian men were charged with murder.", "ASSAULT"),
        # no source named and no place to stand for one
        ("Three Georgian soldiers were wounded in the shooting.", "ASSAULT"),
    ],
)
def test_events_a_coder_has_no_act_or_source_to_code(text: str, event_type: str) -> None:
    from conflictwatch.evaluate.plover import code_events

    coded = code_events(text, domestic=False, also=0.0, petrarch=True)
    assert [c.type for c in coded if c.event_type == event_type] == [None]


def test_an_expected_or_owed_act_is_not_the_agents_intent() -> None:
    from conflictwatch.evaluate.plover import code_events

    coded = code_events("Armenia expects Russia to provide assistance.", domestic=False, also=0.0)
    assert [c.type for c in coded if c.type is not None] == []
    said = code_events(
        "Turkey said that Armenia must withdraw its troops.", domestic=False, also=0.0
    )
    assert [(c.type, c.sources, c.targets) for c in said if c.type is not None] == [
        ("REQUEST", frozenset({"TUR"}), frozenset({"ARM"}))
    ]


def test_what_a_request_asks_for_is_not_coded_again() -> None:
    from conflictwatch.evaluate.plover import code_events

    coded = code_events(
        "Moscow called on Armenia to respect the ceasefire agreement.",
        domestic=False,
        also=0.0,
        petrarch=True,
    )
    assert [(c.type, c.sources, c.targets) for c in coded] == [
        ("REQUEST", frozenset({"RUS"}), frozenset({"ARM"}))
    ]
