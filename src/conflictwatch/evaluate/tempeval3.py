"""TempEval-3 Task A for temporal expressions: span F1 (strict and relaxed) and value F1.

Definitions (benchmarks/tempeval3/README.md): a system expression matches a gold one strictly when the
character spans are identical and relaxedly when they overlap (one-to-one); value F1 counts a true
positive when a relaxed match also has the identical TIMEX3 value, over all system and all gold
expressions; type F1 likewise. Each file's DCT is the anchor, and each file is parsed so that tense comes from the verbs. Only files under `data` are read: the
held-back platinum test is not part of the shared data. `split` "tune" or "check" picks a fixed half
of the files by a hash of their names (rules are tuned on one and checked on the other); any other
split selects the files whose path contains it ("TimeBank", "AQUAINT").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from conflictwatch.analyze.nlp import load_pipeline
from conflictwatch.evaluate.result import EvalResult
from conflictwatch.timex import Timex, find_timexes

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"([^\"]+)\"", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TmlDocument:
    name: str
    dct: dt.date | None
    text: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: Path) -> TmlDocument:
    """The plain text of a .tml file's TEXT element, its DCT and its TIMEX3 annotations."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct_match = _DCT.search(raw)
    dct = _parse_dct(dct_match.group(1)) if dct_match else None
    body = _TEXT.search(raw)
    text, timexes = _strip_tags(body.group(1) if body else "")
    return TmlDocument(name=path.stem, dct=dct, text=text, timexes=tuple(timexes))


def _parse_dct(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _strip_tags(markup: str) -> tuple[str, list[GoldTimex]]:
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(markup):
        chunk = html.unescape(markup[position : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(
                    start=start,
                    end=length,
                    text=text,
                    type=attrs.get("type", ""),
                    value=attrs.get("value", ""),
                )
            )
            open_timex = None
    parts.append(html.unescape(markup[position:]))
    return "".join(parts), timexes


#: Splits made by hashing the file name, so rules can be tuned on one half and checked on the other.
HALVES = ("tune", "check")


def file_half(path: Path) -> str:
    """ "tune" or "check": a fixed half of the files, by a CRC-32 of the file name."""
    return HALVES[zlib.crc32(path.stem.encode("utf-8")) % 2]


def _files(data: Path, split: str | None) -> list[Path]:
    files = [data] if data.is_file() else sorted(data.rglob("*.tml"))
    if split and split.lower() in HALVES:
        return [f for f in files if file_half(f) == split.lower()]
    if split:
        files = [f for f in files if split.lower() in str(f.relative_to(data.parent)).lower()]
    return files


@dataclasses.dataclass(slots=True)
class _Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0


def _match(gold: tuple[GoldTimex, ...], system: list[Timex]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one relaxed matches, each gold expression taking the system one it overlaps most."""
    used: set[int] = set()
    pairs: list[tuple[GoldTimex, Timex]] = []
    for g in gold:
        best: tuple[int, int] | None = None
        for i, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if i not in used and overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, system[best[1]]))
    return pairs


def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(data: Path, split: str | None = None, **options: object) -> EvalResult:
    """Score find_timexes on every .tml under `data` (option `limit`: only the first N files)."""
    files = _files(data, split)
    limit = options.get("limit")
    if isinstance(limit, int) and limit > 0:
        files = files[:limit]
    counts = _Counts()
    by_type: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    words = 0
    started = time.perf_counter()
    elapsed = 0.0
    documents = [read_tml(path) for path in files]
    # the tense of a date comes from the verb it hangs on when the sentence is parsed, as every
    # sentence an extraction keeps is: so each document is parsed here too
    nlp = load_pipeline()
    parses = nlp.pipe((doc.text for doc in documents), batch_size=16)
    for doc, parse in zip(documents, parses, strict=True):
        tick = time.perf_counter()
        system = find_timexes(doc.text, anchor=doc.dct, doc=parse)
        elapsed += time.perf_counter() - tick
        words += len(doc.text.split())
        _count(doc, system, counts, by_type, errors)
    details: dict[str, Any] = {
        "files": len(files),
        "words": words,
        "tagger_ms_per_1000_words": round(1000 * elapsed / (words / 1000), 3) if words else 0.0,
        "counts": dataclasses.asdict(counts),
        "value_correct_by_gold_type": dict(by_type),
        "seconds": round(time.perf_counter() - started, 2),
        "value_errors": errors[:100],
    }
    return EvalResult(
        benchmark="tempeval3", split=split, n=counts.gold, metrics=_metrics(counts), details=details
    )


def _count(
    doc: TmlDocument,
    system: list[Timex],
    counts: _Counts,
    by_type: Counter[str],
    errors: list[dict[str, Any]],
) -> None:
    counts.gold += len(doc.timexes)
    counts.system += len(system)
    for gold, found in _match(doc.timexes, system):
        counts.relaxed += 1
        counts.strict += gold.start == found.start and gold.end == found.end
        counts.type += gold.type == found.type
        if gold.value == found.value:
            counts.value += 1
            by_type[gold.type] += 1
        else:
            errors.append(
                {
                    "doc": doc.name,
                    "dct": doc.dct.isoformat() if doc.dct else None,
                    "gold": f"{gold.text} = {gold.value}",
                    "system": f"{found.text} = {found.value}",
                }
            )


def _metrics(counts: _Counts) -> dict[str, float]:
    strict = _f1(counts.strict, counts.system, counts.gold)
    relaxed = _f1(counts.relaxed, counts.system, counts.gold)
    value = _f1(counts.value, counts.system, counts.gold)
    type_ = _f1(counts.type, counts.system, counts.gold)
    return {
        "value_f1": value[2],
        "value_p": value[0],
        "value_r": value[1],
        "strict_f1": strict[2],
        "strict_p": strict[0],
        "strict_r": strict[1],
        "relaxed_f1": relaxed[2],
        "relaxed_p": relaxed[0],
        "relaxed_r": relaxed[1],
        "type_f1": type_[2],
        "type_accuracy": counts.type / counts.relaxed if counts.relaxed else 0.0,
        "value_accuracy": counts.value / counts.relaxed if counts.relaxed else 0.0,
    }
