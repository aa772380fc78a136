"""GVA incidents scorer: cross-document incident clustering and per-incident casualty counts.

Definition (benchmarks/gva_incidents/README.md): the articles of a split (title, published, text;
never the URL or any incident field) run through the whole pipeline (ingest, extraction, linking);
each article is assigned to the incident that holds most of its violent mentions (an article with
none is an incident of its own). Metrics:

- bcubed_f1: B-cubed F1 of that partition against the gold incidents; an article attached to several
  gold incidents counts as correct with any of them (its gold cluster is the one it shares most with).
- conll_f1: the mean of the MUC, B-cubed and CEAF-e F1 (CoNLL-2012 style).
- killed_exact, injured_exact: for each predicted cluster, matched to its majority gold incident,
  whether the incident's best killed / injured estimate equals the gold count (no figure counts as 0);
  the share over predicted clusters.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from conflictwatch.evaluate.result import EvalResult

__all__ = [
    "GoldDocument",
    "bcubed",
    "ceaf_e",
    "load_split",
    "muc",
    "predict_clusters",
    "score",
]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    doc_id: str
    incident_ids: tuple[str, ...]
    title: str
    published: str | None
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldIncident:
    incident_id: str
    killed: int
    injured: int


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


def load_split(data: Path, split: str) -> tuple[list[GoldDocument], dict[str, GoldIncident]]:
    """The split's articles and gold incidents (missing files give empty lists)."""
    docs_path, incidents_path = data / f"documents_{split}.jsonl", data / f"incidents_{split}.jsonl"
    documents = [
        GoldDocument(
            doc_id=str(r.get("doc_id")),
            incident_ids=tuple(str(i) for i in r.get("incident_ids") or [r.get("incident_id")]),
            title=str(r.get("title") or ""),
            published=r.get("published") if isinstance(r.get("published"), str) else None,
            text=str(r.get("text") or ""),
        )
        for r in (_jsonl(docs_path) if docs_path.is_file() else ())
        if r.get("doc_id")
    ]
    incidents = {
        str(r["incident_id"]): GoldIncident(
            incident_id=str(r["incident_id"]),
            killed=int(r.get("killed") or 0),
            injured=int(r.get("injured") or 0),
        )
        for r in (_jsonl(incidents_path) if incidents_path.is_file() else ())
        if r.get("incident_id") is not None
    }
    return documents, incidents


def _article_text(doc: GoldDocument) -> str:
    """The title as the first paragraph: 36 dev articles are title only, and titles name the event."""
    parts = [p.strip() for p in (doc.title, doc.text) if p.strip()]
    return "\n\n".join(parts)


def write_records(documents: Sequence[GoldDocument], path: Path) -> None:
    """The articles as ingestable JSONL records: text, title and publication date only."""
    with path.open("w", encoding="utf-8") as out:
        for doc in documents:
            record = {"text": _article_text(doc) or doc.doc_id, "published": doc.published}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- running the system ---------------------------------------------------------------------------


def _stored_ids(store: Any, records: Path, count: int) -> dict[int, str]:
    """Line number (from 1) -> stored document id, canonical copy for reprints."""
    from conflictwatch.pipeline import ingest

    report = ingest([str(records)], store=store)
    stored: dict[int, str] = {}
    for item in report.stored:
        _, _, line = item.origin.rpartition(":")
        if line.isdigit() and 1 <= int(line) <= count:
            stored[int(line)] = item.duplicate_of or item.doc_id
    return stored


def _document_incidents(incidents: Iterable[Any]) -> dict[str, tuple[str, Any]]:
    """Stored document id -> (incident id, incident) holding most of its event sentences."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    by_id = {}
    for incident in incidents:
        by_id[incident.id] = incident
        for claim in incident.claims:
            weight = 2 if claim.role in ("event", "casualty") else 1
            votes[claim.evidence.doc_id][incident.id] += weight
        for doc_id in incident.documents:  # an article joined by its names and date alone
            votes[doc_id][incident.id] += 0
    chosen = {}
    for doc_id, counter in votes.items():
        best = min(counter, key=lambda i: (-counter[i], i))
        chosen[doc_id] = (best, by_id[best])
    return chosen


def predict_clusters(
    documents: Sequence[GoldDocument], *, db: str | None = None, jobs: int = 2
) -> tuple[dict[str, str], dict[str, Any]]:
    """Run ingest, extraction and linking on the articles. Returns gold doc id -> predicted
    cluster id, and cluster id -> its incident (absent for articles with no incident)."""
    from conflictwatch.link import link_documents, list_incidents
    from conflictwatch.pipeline import extract_stored
    from conflictwatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="cw-gva-") as folder:
        records = Path(folder) / "articles.jsonl"
        write_records(documents, records)
        with open_store(db or str(Path(folder) / "gva.db")) as store:
            stored = _stored_ids(store, records, len(documents))
            extract_stored(store, jobs=jobs)
            link_documents(store, sorted(set(stored.values())))
            by_doc = _document_incidents(list_incidents(store))
    clusters: dict[str, str] = {}
    incidents: dict[str, Any] = {}
    for line, doc in enumerate(documents, start=1):
        stored_id = stored.get(line)
        found = by_doc.get(stored_id) if stored_id else None
        if found is None:
            clusters[doc.doc_id] = f"doc:{stored_id or doc.doc_id}"
            continue
        clusters[doc.doc_id] = found[0]
        incidents[found[0]] = found[1]
    return clusters, incidents


# -- metrics --------------------------------------------------------------------------------------


def resolve_gold(documents: Sequence[GoldDocument], clusters: Mapping[str, str]) -> dict[str, str]:
    """One gold incident per article: for articles attached to several, the one most shared
    with the other articles of its predicted cluster (then the lowest id)."""
    members: dict[str, list[GoldDocument]] = defaultdict(list)
    for doc in documents:
        members[clusters[doc.doc_id]].append(doc)
    gold = {}
    for doc in documents:
        if len(doc.incident_ids) == 1:
            gold[doc.doc_id] = doc.incident_ids[0]
            continue
        shared = Counter(i for other in members[clusters[doc.doc_id]] for i in other.incident_ids)
        gold[doc.doc_id] = min(doc.incident_ids, key=lambda i: (-shared[i], _numeric(i)))
    return gold


def _numeric(identifier: str) -> tuple[int, str]:
    return (int(identifier), "") if identifier.isdigit() else (0, identifier)


def _partition(labels: Mapping[str, str]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items of `gold`."""
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    gold_sets = {frozenset(s) for s in _partition(gold)}
    gold_of = {item: s for s in gold_sets for item in s}
    pred_of = {
        item: frozenset(s) for s in _partition({i: predicted[i] for i in items}) for item in s
    }
    precision = sum(len(gold_of[i] & pred_of[i]) / len(pred_of[i]) for i in items) / len(items)
    recall = sum(len(gold_of[i] & pred_of[i]) / len(gold_of[i]) for i in items) / len(items)
    return precision, recall, _f1(precision, recall)


def muc(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """MUC link-based precision, recall and F1 (singletons carry no links)."""
    key, response = _partition(gold), _partition({i: predicted[i] for i in gold})

    def score(sets: list[set[str]], other: Mapping[str, str]) -> float:
        numerator = sum(len(s) - len({other[i] for i in s}) for s in sets)
        denominator = sum(len(s) - 1 for s in sets)
        return numerator / denominator if denominator else 0.0

    recall = score(key, {i: predicted[i] for i in gold})
    precision = score(response, gold)
    return precision, recall, _f1(precision, recall)


def ceaf_e(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4 similarity) with an optimal one-to-one alignment."""
    key, response = _partition(gold), _partition({i: predicted[i] for i in gold})
    if not key or not response:
        return 0.0, 0.0, 0.0
    response_of = {item: n for n, s in enumerate(response) for item in s}
    edges: dict[tuple[int, int], float] = {}
    for k, entity in enumerate(key):
        for r in {response_of[i] for i in entity}:
            overlap = len(entity & response[r])
            edges[(k, r)] = 2 * overlap / (len(entity) + len(response[r]))
    total = sum(_best_alignment(block) for block in _blocks(edges))
    precision, recall = total / len(response), total / len(key)
    return precision, recall, _f1(precision, recall)


def _blocks(edges: Mapping[tuple[int, int], float]) -> list[dict[tuple[int, int], float]]:
    """The similarity graph's connected parts (alignments never cross them)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for k, r in edges:
        a, b = find(("k", k)), find(("r", r))
        if a != b:
            parent[a] = b
    grouped: dict[tuple[str, int], dict[tuple[int, int], float]] = defaultdict(dict)
    for (k, r), value in edges.items():
        grouped[find(("k", k))][(k, r)] = value
    return list(grouped.values())


#: Exact alignment up to this many entities on the smaller side (2^n states), greedy beyond.
EXACT_ALIGNMENT = 12


def _best_alignment(edges: Mapping[tuple[int, int], float]) -> float:
    rows = sorted({k for k, _ in edges})
    cols = sorted({r for _, r in edges})
    if len(cols) > len(rows):
        edges = {(r, k): v for (k, r), v in edges.items()}
        rows, cols = cols, rows
    if len(cols) > EXACT_ALIGNMENT:
        return _greedy_alignment(edges)
    col_bit = {c: 1 << n for n, c in enumerate(cols)}
    best: dict[int, float] = {0: 0.0}
    for row in rows:
        step = dict(best)
        for used, value in best.items():
            for (k, c), weight in edges.items():
                if k != row or used & col_bit[c]:
                    continue
                state = used | col_bit[c]
                if value + weight > step.get(state, -1.0):
                    step[state] = value + weight
        best = step
    return max(best.values())


def _greedy_alignment(edges: Mapping[tuple[int, int], float]) -> float:
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    total = 0.0
    for (k, r), value in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if k not in used_rows and r not in used_cols:
            used_rows.add(k)
            used_cols.add(r)
            total += value
    return total


def killed_injured(incident: Any | None) -> tuple[int, int]:
    """An incident's best killed and wounded counts (0 without a figure): the largest tally of
    each kind, since sides and populations of one shooting are usually one group of victims."""
    if incident is None:
        return 0, 0
    best: dict[str, int] = {}
    for item in incident.casualties:
        if item.best is not None:
            best[item.kind] = max(best.get(item.kind, 0), item.best)
    return best.get("killed", 0), best.get("wounded", 0)


def slot_accuracy(
    documents: Sequence[GoldDocument],
    gold: Mapping[str, str],
    clusters: Mapping[str, str],
    incidents: Mapping[str, Any],
    truth: Mapping[str, GoldIncident],
) -> tuple[float, float, int]:
    """Share of predicted clusters whose killed / injured equal their majority gold incident's."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        members[clusters[doc.doc_id]].append(gold[doc.doc_id])
    killed_ok = injured_ok = scored = 0
    for cluster, labels in sorted(members.items()):
        majority = min(Counter(labels).items(), key=lambda kv: (-kv[1], _numeric(kv[0])))[0]
        reference = truth.get(majority)
        if reference is None:
            continue
        killed, injured = killed_injured(incidents.get(cluster))
        scored += 1
        killed_ok += killed == reference.killed
        injured_ok += injured == reference.injured
    if not scored:
        return 0.0, 0.0, 0
    return killed_ok / scored, injured_ok / scored, scored


def score(data: Path, split: str | None, **options: object) -> EvalResult:
    """Score document clustering and per-incident counts on `split` (default dev).

    Options: `limit` (int, first N incidents only, for quick runs), `db` (a store path to keep
    and reuse), `jobs` (extraction worker processes, default 2).
    """
    split = split or "dev"
    if split not in ("train", "dev"):
        raise ValueError(f"split {split!r} is held out or unknown: score train or dev only")
    documents, truth = load_split(data, split)
    limit = options.get("limit")
    if isinstance(limit, int) and limit > 0:
        kept = sorted({d.incident_ids[0] for d in documents}, key=_numeric)[:limit]
        documents = [d for d in documents if d.incident_ids[0] in set(kept)]
    db = options.get("db")
    jobs = options.get("jobs")
    clusters, incidents = predict_clusters(
        documents,
        db=db if isinstance(db, str) else None,
        jobs=jobs if isinstance(jobs, int) else 2,
    )
    gold = resolve_gold(documents, clusters)
    b3 = bcubed(gold, clusters)
    links = muc(gold, clusters)
    entities = ceaf_e(gold, clusters)
    killed, injured, scored = slot_accuracy(documents, gold, clusters, incidents, truth)
    predicted_count = len(set(clusters.values()))
    return EvalResult(
        benchmark="gva",
        split=split,
        n=len(documents),
        metrics={
            "bcubed_f1": b3[2],
            "conll_f1": (b3[2] + links[2] + entities[2]) / 3,
            "killed_exact": killed,
            "injured_exact": injured,
        },
        details={
            "bcubed": {"precision": b3[0], "recall": b3[1]},
            "muc": {"precision": links[0], "recall": links[1], "f1": links[2]},
            "ceaf_e": {"precision": entities[0], "recall": entities[1], "f1": entities[2]},
            "gold_incidents": len(set(gold.values())),
            "predicted_clusters": predicted_count,
            "clusters_scored_for_counts": scored,
        },
    )
