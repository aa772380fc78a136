"""Command line: parse arguments, call the library, map the result to output and an exit code."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from conflictwatch import __version__, settings
from conflictwatch.errors import ConflictwatchError
from conflictwatch.evaluate import EvalResult, UnknownBenchmark, evaluate
from conflictwatch.evaluate.registry import default_data
from conflictwatch.ingest import IngestLimits
from conflictwatch.model import ActorRef, Document, ItemError, Mention, Overrides
from conflictwatch.output import casualty_label, mention_json
from conflictwatch.pipeline import (
    ExtractedItem,
    ExtractReport,
    IngestReport,
    Outcome,
    StoredItem,
    extract_stored,
    ingest,
)
from conflictwatch.store import SqlStore, open_store

if TYPE_CHECKING:
    from conflictwatch.link import Ceasefire  # imported by the commands that need it

F = TypeVar("F", bound=Callable[..., Any])

_SETTING_HELP = {s.name: s for s in settings.SETTINGS}
# Piped output has no terminal width; 80 columns would fold every table, so use a wide page unless
# COLUMNS says otherwise.
_PIPED_WIDTH = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 140
stdout = Console(highlight=False, soft_wrap=True, width=_PIPED_WIDTH)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def db_option(func: F) -> F:
    """`--db` on every command, with the environment variable and default from the settings table."""
    setting = _SETTING_HELP["db"]
    return click.option(
        "--db",
        envvar=setting.env,
        default=None,
        metavar="PATH|URL",
        help=f"{setting.help} [env {setting.env}; default {setting.default}]",
    )(func)


def jobs_option(func: F) -> F:
    option = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Worker processes for event extraction (one per core is fastest).",
    )
    return option(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


@contextmanager
def opened(db: str | None) -> Iterator[SqlStore]:
    try:
        store = open_store(db)
    except ConflictwatchError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        yield store


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictwatch")
def cli() -> None:
    """Turn news reports of armed conflict into an evidence-backed record."""


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date of every item in this run (YYYY-MM-DD); wins over metadata and text.",
)
@click.option("--source", help="Outlet name for every item in this run.")
@click.option("--url", help="URL for every item in this run.")
@click.option(
    "--max-bytes",
    type=int,
    default=None,
    help=_SETTING_HELP["max_bytes"].help + f" [default {_SETTING_HELP['max_bytes'].default}]",
)
@click.option(
    "--timeout",
    type=float,
    default=None,
    help=_SETTING_HELP["timeout"].help + f" [default {_SETTING_HELP['timeout'].default}]",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary table.")
@click.option(
    "--no-extract", is_flag=True, help="Store the documents only; run `extract` later for events."
)
@jobs_option
@json_option
@db_option
def ingest_cmd(
    inputs: tuple[str, ...],
    published: dt.datetime | None,
    source: str | None,
    url: str | None,
    max_bytes: int | None,
    timeout: float | None,
    quiet: bool,
    no_extract: bool,
    jobs: int,
    as_json: bool,
    db: str | None,
) -> None:
    """Ingest files, directories, JSON/JSONL, RSS/Atom feeds, WARC files or URLs.

    Each item is cleaned, dated, credited, grouped with its near-duplicates and stored; then the event
    mentions of the new documents are extracted (unless --no-extract). A bad item is reported on one
    line and the run goes on; the exit code is 1 if any item failed.
    """
    env = settings.load()
    limits = IngestLimits(
        max_bytes=max_bytes if max_bytes is not None else env.max_bytes,
        timeout_s=timeout if timeout is not None else env.timeout,
    )
    overrides = Overrides(published=published.date() if published else None, source=source, url=url)
    show_progress = not (quiet or as_json)
    with opened(db) as store:
        report = _run_ingest(inputs, store, overrides, limits, show_progress=show_progress)
        updated = [s.doc_id for s in report.stored if s.outcome is Outcome.UPDATED]
        extraction = (
            None
            if no_extract
            else _run_extract(
                store, _with_pending(store, updated), jobs=jobs, show_progress=show_progress
            )
        )
    if as_json:
        print_json(report.as_dict() | ({"extraction": extraction.as_dict()} if extraction else {}))
    elif not quiet:
        _print_ingest_summary(report, store.url)
        if extraction is not None:
            _print_extract_summary(extraction)
    failed = report.errors or (extraction.errors if extraction else ())
    sys.exit(1 if failed else 0)


def _with_pending(store: SqlStore, doc_ids: list[str]) -> list[str]:
    """`doc_ids` (re-dated documents whose events change) plus whatever waits for extraction."""
    return list(dict.fromkeys([*store.documents_to_extract(), *doc_ids]))


def _progress(show: bool) -> Progress:
    """A transient progress bar on stderr (nothing when `show` is false)."""
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=stderr, disable=not show, transient=True)


def _run_extract(
    store: SqlStore, doc_ids: list[str], *, jobs: int, show_progress: bool
) -> ExtractReport:
    with _progress(show_progress) as bar:
        task = bar.add_task("extracting events", total=len(doc_ids))

        def on_document(result: ExtractedItem | ItemError) -> None:
            if isinstance(result, ItemError):
                bar.console.print(f"[red]error[/red] {escape(str(result))}")
            elif result.skipped and not result.skipped.startswith("reprint"):
                bar.console.print(
                    f"[yellow]skipped[/yellow] {result.doc_id}: {escape(result.skipped)}"
                )
            bar.advance(task)

        report = extract_stored(store, doc_ids=doc_ids, jobs=jobs, on_document=on_document)
        task = bar.add_task("linking incidents", total=None)
        # Imported here: the document-layer commands must not pay for loading the extractors.
        from conflictwatch.link import link_documents

        link_documents(store, [item.doc_id for item in report.extracted])
        return report


def _print_extract_summary(report: ExtractReport) -> None:
    skipped = sum(1 for item in report.extracted if item.skipped)
    stderr.print(
        f"Extracted {report.mentions} event mentions from {len(report.extracted) - skipped} documents"
        f" ({skipped} skipped, {len(report.errors)} failed)"
    )


def _run_ingest(
    inputs: tuple[str, ...],
    store: SqlStore,
    overrides: Overrides,
    limits: IngestLimits,
    *,
    show_progress: bool,
) -> IngestReport:
    with _progress(show_progress) as bar:
        task = bar.add_task("ingesting", total=None)

        def on_item(result: StoredItem | ItemError) -> None:
            if isinstance(result, ItemError):
                bar.console.print(f"[red]error[/red] {escape(str(result))}")
            bar.advance(task)

        return ingest(inputs, store=store, overrides=overrides, limits=limits, on_item=on_item)


def _print_ingest_summary(report: IngestReport, where: str) -> None:
    parts = [
        f"{report.count(Outcome.INSERTED)} new",
        f"{report.count(Outcome.UPDATED)} updated",
        f"{report.count(Outcome.UNCHANGED)} unchanged",
        f"{report.duplicates} near-duplicates",
        f"{len(report.errors)} failed",
    ]
    stderr.print(f"Stored in {escape(where)}: " + ", ".join(parts))


@cli.command("extract")
@click.option(
    "--all", "redo_all", is_flag=True, help="Extract again from every canonical document."
)
@click.option("--doc", "doc_ids", multiple=True, metavar="ID", help="Extract from this document.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@jobs_option
@json_option
@db_option
def extract_cmd(
    redo_all: bool,
    doc_ids: tuple[str, ...],
    quiet: bool,
    jobs: int,
    as_json: bool,
    db: str | None,
) -> None:
    """Extract event mentions from stored documents (by default those not yet done).

    Run it again with --all after changing the actor dictionary or upgrading conflictwatch.
    """
    with opened(db) as store:
        if redo_all:
            wanted = [d.id for d in store.iter_documents()]
        elif doc_ids:
            wanted = [_resolve_id(store, d) for d in doc_ids]
        else:
            wanted = store.documents_to_extract()
        report = _run_extract(store, wanted, jobs=jobs, show_progress=not (quiet or as_json))
    if as_json:
        print_json(report.as_dict())
    elif not quiet:
        _print_extract_summary(report)
    sys.exit(1 if report.errors else 0)


def _resolve_id(store: SqlStore, id_or_prefix: str) -> str:
    full = store.resolve_document_id(id_or_prefix)
    if full is None:
        raise click.BadParameter(f"no single document has id or prefix {id_or_prefix!r}")
    return full


@cli.command("events")
@click.option("--doc", "doc_id", metavar="ID", help="Only this document's events (id or prefix).")
@click.option(
    "--type", "event_type", metavar="T", help="Only this PLOVER event type (e.g. ASSAULT)."
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N events.")
@json_option
@db_option
def events_cmd(
    doc_id: str | None, event_type: str | None, limit: int | None, as_json: bool, db: str | None
) -> None:
    """List event mentions: type, date, actors, casualties, claimant and the sentence behind each."""
    with opened(db) as store:
        full_id = _resolve_id(store, doc_id) if doc_id else None
        found = store.list_mentions(doc_id=full_id, event_type=event_type, limit=limit)
        credits = {d: store.get_document(d) for d in {m.doc_id for m in found}}
    if as_json:
        print_json([mention_json(m, credits.get(m.doc_id)) for m in found])
        return
    stdout.print(_events_table(found))


def _events_table(found: list[Mention]) -> Table:
    table = Table(show_lines=False, pad_edge=False, box=None)
    for name in (
        "doc",
        "date",
        "type",
        "agent → target",
        "casualties",
        "claimant",
        "modality",
        "evidence",
    ):
        table.add_column(name, overflow="fold")
    for m in found:
        date = m.date.start.isoformat() if m.date and m.date.start else "—"
        actors = f"{_actor_name(m.agent)} → {_actor_name(m.target)}"
        table.add_row(
            m.doc_id[:10],
            date + (" (bg)" if m.background else ""),
            m.type + (f"/{m.mode}" if m.mode else ""),
            escape(actors),
            escape(", ".join(casualty_label(c) for c in m.casualties)),
            escape(_actor_name(m.claimant)),
            m.modality.value,
            escape(_shorten(m.evidence.text, 70)),
        )
    return table


def _actor_name(actor: ActorRef | None) -> str:
    return "—" if actor is None else actor.name


@cli.command("incidents")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N incidents.")
@json_option
@db_option
def incidents_cmd(limit: int | None, as_json: bool, db: str | None) -> None:
    """List incidents: every report of one real event, with casualty ranges, sides' claims and disputes."""
    from conflictwatch.link import list_incidents

    with opened(db) as store:
        found = list_incidents(store, limit=limit)
    if as_json:
        print_json([incident.as_dict() for incident in found])
        return
    table = Table(pad_edge=False, box=None)
    for name in ("id", "dates", "type", "summary", "disputed", "docs", "episode"):
        table.add_column(name, overflow="fold")
    for incident in found:
        table.add_row(
            incident.id[:10],
            _dates(incident.start, incident.end),
            incident.type,
            escape(incident.summary),
            escape(", ".join(d.field for d in incident.disputed)) or "—",
            str(len(incident.documents)),
            (incident.episode or "—")[:10],
        )
    stdout.print(table)


@cli.command("timeline")
@click.option("--markdown", is_flag=True, help="Print the timeline as Markdown with citations.")
@json_option
@db_option
def timeline_cmd(markdown: bool, as_json: bool, db: str | None) -> None:
    """The timeline: episodes, and dated entries each citing the sentences behind it."""
    from conflictwatch.link import build_timeline, timeline_markdown

    with opened(db) as store:
        timeline = build_timeline(store)
    if as_json:
        print_json(timeline.as_dict())
        return
    if markdown:
        click.echo(timeline_markdown(timeline))
        return
    for episode in timeline.episodes:
        stdout.print(f"[bold]{escape(episode.name)}[/bold]  {_dates(episode.start, episode.end)}")
    table = Table(pad_edge=False, box=None)
    for name in ("dates", "entry", "sources"):
        table.add_column(name, overflow="fold")
    for entry in timeline.entries:
        table.add_row(
            _dates(entry.start, entry.end), escape(entry.summary), str(len(entry.citations))
        )
    stdout.print(table)


@cli.command("ceasefires")
@json_option
@db_option
def ceasefires_cmd(as_json: bool, db: str | None) -> None:
    """List ceasefires and agreements with their parties, mediators, state over time and violations."""
    from conflictwatch.link import list_ceasefires

    with opened(db) as store:
        found = list_ceasefires(store)
    if as_json:
        print_json([ceasefire.as_dict() for ceasefire in found])
        return
    table = Table(pad_edge=False, box=None)
    for name in ("start", "parties", "mediators", "state", "violations"):
        table.add_column(name, overflow="fold")
    for ceasefire in found:
        table.add_row(
            _ceasefire_start(ceasefire),
            escape(_ceasefire_parties(ceasefire)) or "—",
            escape(", ".join(ceasefire.mediators)) or "—",
            ceasefire.state or "—",
            str(len(ceasefire.violations)),
        )
    stdout.print(table)


def _ceasefire_start(ceasefire: Ceasefire) -> str:
    """The start as precisely as the text gives it: "2020-10" for "later last month"."""
    if ceasefire.start is None:
        return "—"
    width = {"year": 4, "month": 7}.get(ceasefire.start_precision.value, 10)
    text = ceasefire.start.isoformat()[:width]
    return f"{text} (week)" if ceasefire.start_precision.value == "week" else text


def _ceasefire_parties(ceasefire: Ceasefire) -> str:
    parties = ", ".join(ceasefire.parties)
    return f"{parties} (inferred)" if parties and ceasefire.parties_inferred else parties


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return "—"
    return start.isoformat() if end in (None, start) else f"{start.isoformat()} – {end}"


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    default=None,
    help="Bearer token required for writing [default: CONFLICTWATCH_TOKEN; none: writing refused].",
)
@click.option(
    "--read-token",
    default=None,
    help="Bearer token required for reading the API [default: CONFLICTWATCH_READ_TOKEN; "
    "none: reading is open].",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes sharing the port (about one per core; each keeps its own cache).",
)
@db_option
def serve_cmd(
    host: str,
    port: int,
    token: str | None,
    read_token: str | None,
    workers: int,
    db: str | None,
) -> None:
    """Serve the REST API (OpenAPI description at /openapi.json, docs at /docs)."""
    from conflictwatch.ingest import AddressPolicy
    from conflictwatch.web import serve

    configured = settings.load()
    try:  # checked here too: with several workers, a bad value would only show in their logs
        AddressPolicy.parse(configured.fetch_allow_networks)
    except ValueError as error:
        raise click.ClickException(f"CONFLICTWATCH_FETCH_ALLOW_NETWORKS: {error}") from error
    try:
        serve(
            db,
            host=host,
            port=port,
            token=token or configured.token or None,
            read_token=read_token or configured.read_token or None,
            workers=workers,
        )
    except OSError as error:  # the port is taken, or the host is not an address of this machine
        reason = error.strerror or str(error)
        raise click.ClickException(f"cannot serve on {host}:{port}: {reason}") from error


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled-csv", "geojson", "plover-jsonl", "jsonl", "parquet"]),
    required=True,
    help="acled-csv: incidents with ACLED's columns; geojson: incidents as points; "
    "plover-jsonl: event mentions; jsonl: incidents as `incidents --json` prints them; "
    "parquet: incidents with typed columns (needs --out).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@click.option("--date-from", type=click.DateTime(["%Y-%m-%d"]), help="Records ending on or after.")
@click.option("--date-to", type=click.DateTime(["%Y-%m-%d"]), help="Records starting on or before.")
@click.option("--type", "event_type", help="PLOVER event type.")
@click.option("--actor", help="Actor id.")
@click.option("--region", help="Admin-1 region name or country code.")
@db_option
def export_cmd(
    fmt: str,
    out: Path | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    event_type: str | None,
    actor: str | None,
    region: str | None,
    db: str | None,
) -> None:
    """Export incidents or event mentions in a standard format, optionally filtered."""
    from conflictwatch.export import BINARY_FORMATS, export, export_binary
    from conflictwatch.store.listings import Filters

    given = (date_from, date_to, event_type, actor, region)
    filters = None
    if any(value is not None for value in given):
        filters = Filters(
            date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None,
            type=event_type.upper() if event_type else None,
            actor=actor,
            region=region,
        )
    if fmt in BINARY_FORMATS and out is None:
        raise click.UsageError(f"--format {fmt} writes a binary file: give --out FILE")
    with opened(db) as store:
        if out is None:
            count = export(store, fmt, sys.stdout, filters)
        elif fmt in BINARY_FORMATS:
            with out.open("wb") as binary:
                count = export_binary(store, fmt, binary, filters)
        else:
            with out.open("w", encoding="utf-8", newline="") as stream:
                count = export(store, fmt, stream, filters)
    stderr.print(f"Exported {count} records as {fmt}" + (f" to {escape(str(out))}" if out else ""))


@cli.command("documents")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N documents.")
@click.option("--canonical-only", is_flag=True, help="Leave out reprints of stories already held.")
@json_option
@db_option
def documents_cmd(limit: int | None, canonical_only: bool, as_json: bool, db: str | None) -> None:
    """List stored documents, by publication date (unknown dates last)."""
    with opened(db) as store:
        docs = store.list_documents(limit=limit, canonical_only=canonical_only)
    if as_json:
        print_json([d.summary() for d in docs])
        return
    stdout.print(_documents_table(docs))


SHORT_ID = 10  # `show` accepts any unique prefix, so listings print ids this short


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _documents_table(docs: list[Document]) -> Table:
    table = Table(title=f"{len(docs)} documents")
    for name, width in (("id", SHORT_ID), ("published", 10), ("how", 8), ("dup of", SHORT_ID)):
        table.add_column(name, no_wrap=True, min_width=width)
    for name in ("outlet", "source", "title"):
        table.add_column(name)
    for d in docs:
        table.add_row(
            d.id[:SHORT_ID],
            d.published.value.isoformat() if d.published.value else "—",
            d.published.provenance.value,
            (d.duplicate_of or "")[:SHORT_ID],
            escape(d.outlet or "—"),
            escape(d.original_source or "—"),
            escape(_shorten(d.title or d.text, 60)),
        )
    return table


@cli.command("show")
@click.argument("doc_id")
@click.option(
    "--furniture", is_flag=True, help="Also list what was dropped as site furniture, and why."
)
@json_option
@db_option
def show_cmd(doc_id: str, furniture: bool, as_json: bool, db: str | None) -> None:
    """Print one document's clean text (DOC_ID may be a unique prefix of the id)."""
    with opened(db) as store:
        full_id = store.resolve_document_id(doc_id)
        doc = store.get_document(full_id) if full_id else None
    if doc is None:
        raise click.ClickException(f"no document with id {doc_id!r} (or the prefix is ambiguous)")
    if as_json:
        print_json(doc.as_dict() if furniture else doc.summary())
        return
    _print_document(doc, furniture=furniture)


def _print_document(doc: Document, *, furniture: bool) -> None:
    pub = doc.published
    stdout.print(f"[bold]{escape(doc.title or '(no title)')}[/bold]")
    stdout.print(
        f"id {doc.id} · published {pub.value or 'unknown'} ({pub.provenance.value}"
        f"{', ' + pub.precision.value if pub.value else ''}) · outlet {escape(doc.outlet or '—')}"
        f" · original source {escape(doc.original_source or '—')}"
        + (f" · near-duplicate of {doc.duplicate_of}" if doc.duplicate_of else "")
    )
    if pub.evidence:
        stdout.print(f"[dim]date evidence: {escape(pub.evidence)}[/dim]")
    stdout.print()
    stdout.print(escape(doc.text))
    if furniture:
        stdout.print()
        table = Table(title=f"{len(doc.furniture)} pieces of site furniture dropped")
        for name in ("reason", "offsets", "text"):
            table.add_column(name, overflow="fold")
        for f in doc.furniture:
            table.add_row(f.reason, f"{f.start}-{f.end}", escape(f.text))
        stdout.print(table)


@cli.command("errors")
@click.option("--limit", type=click.IntRange(min=1), default=100, help="Show at most N errors.")
@json_option
@db_option
def errors_cmd(limit: int, as_json: bool, db: str | None) -> None:
    """List the most recent input items that failed, in the order they failed."""
    with opened(db) as store:
        errors = store.list_item_errors(limit=limit)
    if as_json:
        print_json([e.as_dict() for e in errors])
        return
    for e in errors:
        stdout.print(escape(str(e)))


@cli.command("eval")
@click.argument("name", metavar="BENCHMARK")
@click.option(
    "--data",
    type=click.Path(exists=True, path_type=Path),
    help="Benchmark file or folder (default: its folder under ../shared/benchmarks).",
)
@click.option("--split", help="Split to score (train, dev), where the benchmark has splits.")
@click.option("--gold-spans", is_flag=True, help="geo only: resolve the gold toponym spans.")
@json_option
def eval_cmd(
    name: str, data: Path | None, split: str | None, gold_spans: bool, as_json: bool
) -> None:
    """Score the system on a benchmark: seeds, tempeval3, geo, muc4, gvdb, india-police, plover, petrarch, gva."""
    options: dict[str, object] = {"gold_spans": True} if gold_spans else {}
    path = data if data is not None else default_data(name, Path("../shared/benchmarks"))
    try:
        result = evaluate(name, path, split, **options)
    except UnknownBenchmark as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        print_json(
            {
                k: v
                for k, v in result.as_dict().items()
                if k in ("benchmark", "split", "n", "metrics")
            }
            | ({"failures": list(result.failures)} if result.failures else {})
        )
        return
    _print_eval(result)
    if result.failures:
        sys.exit(1)


def _print_eval(result: EvalResult) -> None:
    table = Table(title=f"{result.benchmark} ({result.split or 'all'}, n={result.n})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in result.metrics.items():
        shown = str(int(value)) if float(value).is_integer() and abs(value) >= 1 else f"{value:.4f}"
        table.add_row(key, shown)
    stdout.print(table)
    for failure in result.failures:
        stdout.print(f"[red]failed:[/red] {escape(failure)}")


def main() -> None:
    cli(prog_name="conflictwatch")
