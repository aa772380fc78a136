"""The PETRARCH-2 validation scorer on a hand-made file, and one quick run on the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.evaluate import evaluate
from conflictwatch.evaluate.petrarch import GoldCoding, parse_records

GOLD = """<Validation>
# a comment line with <EventCoding...> in it
<Sentences>
<Sentence category="AFP" date="20080804" id="A_1" evaluate="true"/>
<EventCoding eventcode="112" sourcecode="FRAGOV" targetcode="RWA" />
<Text>
France accused Rwanda of lying.
</Text>
<Parse>
1	France	France	PROPN	NNP	_	2	nsubj	_	_
</Parse>
</Sentence>
<Sentence category="AFP" date="20080804" id="A_2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
The weather was fine and France condemned the attack.
</Text>
</Sentence>
<Sentence category="AFP" date="20080804" id="A_3" evaluate="false"/>
<EventCoding eventcode="190" sourcecode="USA" targetcode="IRQ" />
<Text>
The United States bombed Iraq.
</Text>
</Sentence>
<Sentence category="AFP" date="20080804" id="A_4" evaluate="true">
<EventCoding eventcode="190" sourcecode="---REB" targetcode="SYR" />
<Text>
Rebels shelled Syria's army.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_parse_records(tmp_path: Path) -> None:
    records = parse_records(GOLD)
    assert [r.id for r in records] == ["A_1", "A_2", "A_4"]
    assert records[0].codings == (GoldCoding(root="11", source="FRA", target="RWA"),)
    assert records[1].codings == ()
    assert records[1].no_events and not records[0].no_events and not records[2].no_events
    assert records[2].codings == (GoldCoding(root="19", source=None, target="SYR"),)
    assert records[0].text == "France accused Rwanda of lying."


def test_score(tmp_path: Path) -> None:
    (tmp_path / "PETR2_GSR_validation.xml").write_text(GOLD, encoding="utf-8")
    result = evaluate("petrarch", tmp_path)
    assert result.n == 3
    # A_1 coded right (ACCUSE FRA->RWA), A_4 right (ASSAULT, accepted for CAMEO 19; no source
    # country; target SYR); A_2's no-event flag is a gold item of its own, missed: its condemnation
    # is coded, an extra coding on a no-event record (UD-PETRARCH's validation counts).
    assert abs(result.metrics["correct"] - 2 / 3) < 1e-9
    assert abs(result.metrics["false_positive"] - 1 / 3) < 1e-9
    assert abs(result.metrics["type_acc"] - 2 / 3) < 1e-9


QUIET = """<Sentences>
<Sentence category="AFP" date="20080804" id="Q_1" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
The weather was fine in Paris on Sunday.
</Text>
</Sentence>
<Sentence category="AFP" date="20080804" id="Q_2" evaluate="true"/>
<EventCoding eventcode="112" sourcecode="FRAGOV" targetcode="RWA" />
<Text>
France accused Rwanda of lying.
</Text>
</Sentence>
</Sentences>
"""


def test_no_event_record_left_uncoded_is_correct(tmp_path: Path) -> None:
    path = tmp_path / "PETR2_GSR_validation.xml"
    path.write_text(QUIET, encoding="utf-8")
    result = evaluate("petrarch", path)
    assert result.metrics["correct"] == 1.0
    assert result.metrics["false_positive"] == 0.0
    assert result.details["counts"]["gold"] == 2


def test_tune_and_holdout_halves(tmp_path: Path) -> None:
    path = tmp_path / "PETR2_GSR_validation.xml"
    path.write_text(QUIET, encoding="utf-8")
    assert evaluate("petrarch", path, "tune").n == 1
    holdout = evaluate("petrarch", path, "holdout")
    assert holdout.n == 1 and holdout.metrics["correct"] == 1.0
    with pytest.raises(ValueError):
        evaluate("petrarch", path, "test")


def test_quick_run_on_real_file(benchmarks_dir: Path) -> None:
    data = benchmarks_dir / "petrarch_validation"
    result = evaluate("petrarch", data, limit=15)
    assert result.n == 15
    assert 0.0 <= result.metrics["correct"] <= 1.0


def test_only_joint_events_are_coded_both_ways() -> None:
    from conflictwatch.evaluate.petrarch import our_codings
    from conflictwatch.evaluate.plover import code_sentence

    joint = our_codings(code_sentence("The US, Russia, and Switzerland met yesterday."))
    assert sorted(joint) == sorted(
        ("CONSULT", a, b) for a in ("USA", "RUS", "CHE") for b in ("USA", "RUS", "CHE") if a != b
    )
    intent = our_codings(code_sentence("Israel announced it will free 150 Palestinian prisoners."))
    assert intent == [("AGREE", "ISR", "PSE")]


def test_subject_is_the_source_of_a_meeting_with_an_object() -> None:
    from conflictwatch.evaluate.petrarch import our_codings
    from conflictwatch.evaluate.plover import code_sentence

    one_way = our_codings(code_sentence("Armenia's foreign minister met the Georgian president."))
    assert one_way == [("CONSULT", "ARM", "GEO")]
    both_ways = our_codings(code_sentence("Armenia and Georgia clashed near the border."))
    assert sorted(both_ways) == [("FIGHT", "ARM", "GEO"), ("FIGHT", "GEO", "ARM")]


def test_talks_held_with_a_party_are_coded_both_ways() -> None:
    from conflictwatch.evaluate.petrarch import our_codings
    from conflictwatch.evaluate.plover import code_sentence

    talks = our_codings(code_sentence("Armenia's foreign minister held talks with Georgia."))
    assert sorted(talks) == [("CONSULT", "ARM", "GEO"), ("CONSULT", "GEO", "ARM")]


def test_one_coding_reproduces_at_most_one_gold_coding() -> None:
    from conflictwatch.evaluate.petrarch import _paired

    same = GoldCoding(root="19", source="ISR", target="PSE")  # 190 ISR PSECVL and PSEGZACVL
    assert _paired([("FIGHT", "ISR", "PSE")], [same, same]) == 1
    ours = [("ASSAULT", "ISR", "PSE"), ("FIGHT", "ISR", "PSE")]
    assert _paired(ours, [same, same]) == 2
    other = GoldCoding(root="04", source="ISR", target="PSE")
    assert _paired(ours, [same, other]) == 1


DUPLICATE = """<Sentences>
<Sentence category="TEST" date="20150609" id="D_1" evaluate="true">
<EventCoding eventcode="190" sourcecode="ISR" targetcode="PSECVL" />
<EventCoding eventcode="190" sourcecode="ISR" targetcode="PSEGZACVL" />
<Text>
Israeli aircraft bombed Palestinian civilians in Gaza.
</Text>
</Sentence>
</Sentences>
"""


def test_gold_codings_equal_at_root_and_country_need_two_codings(tmp_path: Path) -> None:
    path = tmp_path / "PETR2_GSR_validation.xml"
    path.write_text(DUPLICATE, encoding="utf-8")
    result = evaluate("petrarch", path)
    assert result.details["counts"]["gold"] == 2
    assert result.details["counts"]["ours"] == 1
    assert result.metrics["correct"] == 0.5  # one ASSAULT ISR->PSE coding: one gold item
    assert result.metrics["false_positive"] == 0.0


def test_petrarch_conventions_for_reports_and_the_future() -> None:
    from conflictwatch.evaluate.petrarch import sentence_codings

    _, reported = sentence_codings("Turkey said that Syria had shelled its border posts.")
    assert reported == [("ACCUSE", "TUR", "SYR")]
    _, own = sentence_codings("Turkey said that its jets had bombed Syria.")
    assert ("ACCUSE", "TUR", "TUR") not in own
    _, after = sentence_codings("Syria shelled Turkish border posts, Turkey said.")
    assert after == [("ASSAULT", "SYR", "TUR")]
    _, future = sentence_codings("Germany will send aid to Jordan.")
    assert future == [("AID", "DEU", "JOR")]
    _, denied = sentence_codings("Armenia did not attack Azerbaijan.")
    assert denied == []


def test_meeting_place_and_transnational_groups_get_codes() -> None:
    from conflictwatch.evaluate.petrarch import sentence_codings

    _, met = sentence_codings("Armenia and Azerbaijan will meet in Geneva.")
    assert sorted(met) == [("CONSULT", "ARM", "CHE"), ("CONSULT", "AZE", "CHE")]
    _, group = sentence_codings("Iraq said that ISIS had attacked Kirkuk.")
    assert group == [("ACCUSE", "IRQ", "IMG")]


def test_reciprocal_and_one_way_events() -> None:
    from conflictwatch.evaluate.petrarch import sentence_codings

    _, blamed = sentence_codings("Armenia and Azerbaijan blamed each other for the shelling.")
    assert sorted(blamed) == [("ACCUSE", "ARM", "AZE"), ("ACCUSE", "AZE", "ARM")]
    _, captured = sentence_codings("Twelve Armenian soldiers were captured by Azerbaijani forces.")
    assert captured == [("FIGHT", "AZE", "ARM")]  # a passive's subject is no side named first


def test_an_act_on_a_thing_takes_no_target_from_the_place() -> None:
    from conflictwatch.evaluate.petrarch import sentence_codings

    _, ours = sentence_codings("Georgian police are investigating the shooting in Tbilisi.")
    assert ours == [("INVESTIGATE", "GEO", None)]
