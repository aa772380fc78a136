"""PETRARCH-2 gold-standard validation records (PETR2_GSR_validation.xml): CAMEO events on real news.

Each record is one newswire sentence with zero or more gold codings (source actor code, target actor code,
CAMEO event code). We code the sentence's top event (plover.code_sentence) and turn it into codings: our
PLOVER type, times every source country, times every target country. A gold coding is matched when one of
ours has a PLOVER type that data/event_cameo.tsv accepts for the gold CAMEO root, and the same source and
target countries (joint events such as meetings: every ordered pair of parties) (the first three letters of the gold actor code; "---" is an unknown country and matches
an actor with no country).

Definitions follow the README's UD-PETRARCH anchor: `correct` = correct / (correct + uncoded), i.e. the
share of gold codings we reproduce; `false_positive` = extra / records, where an extra is one of our codings
that matches no gold coding. `extra_share` = extra / our codings, `type_acc` = share of gold codings whose
type our top event has. The file has no splits; every record with evaluate="true" is scored.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conflictwatch.evaluate.plover import SYMMETRIC, Coded, cameo_table, code_sentence
from conflictwatch.evaluate.result import EvalResult

FILE_NAME = "PETR2_GSR_validation.xml"

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldCoding:
    root: str  # two-digit CAMEO root
    source: str | None  # ISO3-like country part of the actor code, None for "---"
    target: str | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    id: str
    text: str
    codings: tuple[GoldCoding, ...]


def _country(code: str) -> str | None:
    head = code[:3]
    return None if not head or head == "---" else head


def parse_records(xml: str) -> list[Record]:
    """The evaluated sentences of a PETRARCH validation file (it is not well-formed XML, so regexes)."""
    records: list[Record] = []
    for attrs_text, body in _SENTENCE.findall(xml):
        attrs = dict(_ATTR.findall(attrs_text))
        if attrs.get("evaluate", "true").lower() != "true":
            continue
        text_match = _TEXT.search(body)
        if text_match is None:
            continue
        codings = []
        for coding_text in _CODING.findall(body):
            coding = dict(_ATTR.findall(coding_text))
            if coding.get("noevents", "").lower() == "true" or "eventcode" not in coding:
                continue
            codings.append(
                GoldCoding(
                    root=coding["eventcode"][:2],
                    source=_country(coding.get("sourcecode", "")),
                    target=_country(coding.get("targetcode", "")),
                )
            )
        text = " ".join(text_match.group(1).split())
        records.append(Record(id=attrs.get("id", ""), text=text, codings=tuple(codings)))
    return records


def our_codings(coded: Coded) -> list[tuple[str, str | None, str | None]]:
    """(type, source, target) triples for our top event: every source country times every target."""
    if coded.type is None:
        return []
    parties = sorted(coded.sources | coded.targets)
    joint = coded.event is not None and coded.event.type in SYMMETRIC  # not an announced intent
    if coded.type in SYMMETRIC and joint and len(parties) > 1:
        # a joint event ("A and B met") is coded both ways between every pair of parties
        return [(coded.type, s, t) for s in parties for t in parties if s != t]
    sources: list[str | None] = [*sorted(coded.sources)] or [None]
    targets: list[str | None] = [*sorted(coded.targets)] or [None]
    return [(coded.type, s, t) for s in sources for t in targets]


def _matches(ours: tuple[str, str | None, str | None], gold: GoldCoding) -> bool:
    entry = cameo_table().get(gold.root)
    if entry is None:
        return False
    return ours[0] in entry[1] and ours[1] == gold.source and ours[2] == gold.target


def _type_ok(coded: Coded, gold: GoldCoding) -> bool:
    entry = cameo_table().get(gold.root)
    return entry is not None and coded.event_type in entry[1]


def score_records(
    records: Sequence[Record], *, both_parties: bool = False
) -> tuple[dict[str, float], dict[str, Any]]:
    counts: Counter[str] = Counter()
    for record in records:
        coded = code_sentence(record.text, both_parties=both_parties)
        ours = our_codings(coded)
        matched_gold = [g for g in record.codings if any(_matches(o, g) for o in ours)]
        counts["gold"] += len(record.codings)
        counts["correct"] += len(matched_gold)
        counts["ours"] += len(ours)
        counts["extra"] += sum(1 for o in ours if not any(_matches(o, g) for g in record.codings))
        counts["type"] += sum(1 for g in record.codings if _type_ok(coded, g))
    n = len(records)
    gold = counts["gold"]
    metrics = {
        "correct": counts["correct"] / gold if gold else 0.0,
        "false_positive": counts["extra"] / n if n else 0.0,
        "extra_share": counts["extra"] / counts["ours"] if counts["ours"] else 0.0,
        "type_acc": counts["type"] / gold if gold else 0.0,
    }
    return metrics, {"counts": dict(counts)}


def score(data: Path, split: str | None, **options: object) -> EvalResult:
    """Score PETR2_GSR_validation.xml (a folder holding it, or the file); `limit` scores the first N;
    `both_parties=True` codes only events whose source and target both have a code."""
    path = data / FILE_NAME if data.is_dir() else data
    records = parse_records(path.read_text(encoding="utf-8"))
    limit = options.get("limit")
    if isinstance(limit, int) and limit > 0:
        records = records[:limit]
    metrics, details = score_records(records, both_parties=options.get("both_parties") is True)
    details["note"] = "no splits in this file: every evaluated record is scored"
    return EvalResult(
        benchmark="petrarch", split=split, n=len(records), metrics=metrics, details=details
    )
