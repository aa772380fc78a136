"""The API's needs: update times, filter columns and keys, actors, places, changes, full-text index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

Tables and columns are spelled out, as in 0001. The backfill of existing rows derives values from
the stored JSON with `conflictwatch.store.refs` and `search`: that is data, not schema, and should
follow the current rules rather than freeze them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from conflictwatch.store import refs, search

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    _add_columns()
    # Before any table refers to mentions or incidents: SQLite's batch mode copies and drops the
    # table, and dropping a parent deletes the rows that cascade from it.
    _require_update_times(op.get_bind())
    _create_tables()
    search.create_index(op.get_bind())
    _backfill(op.get_bind())
    _create_indexes()


def downgrade() -> None:
    search.drop_index(op.get_bind())
    for table in ("changes", "places", "actors", "incident_refs", "mention_refs"):
        op.drop_table(table)
    for table, names in (
        (
            "mentions",
            (
                "start_date_id_end_date_type",
                "type_start_date_id",
                "updated_at",
                "span_days",
                "lat_lon_start_date_id",
                "doc_id_start_date_id",
            ),
        ),
        (
            "incidents",
            (
                "start_date_id_end_date_type",
                "type_start_date_id",
                "updated_at",
                "span_days",
                "lat_lon_start_date_id",
            ),
        ),
    ):
        for name in names:
            op.drop_index(f"ix_{table}_{name}", table_name=table)
    with op.batch_alter_table("mentions") as batch:
        for column in ("span_days", "lat", "lon", "updated_at"):
            batch.drop_column(column)
    with op.batch_alter_table("incidents") as batch:
        for column in ("span_days", "lat", "lon", "killed", "wounded", "updated_at"):
            batch.drop_column(column)
    with op.batch_alter_table("episodes") as batch:
        batch.drop_column("updated_at")


def _add_columns() -> None:
    for table in ("mentions", "incidents"):
        op.add_column(table, sa.Column("span_days", sa.Integer()))
        op.add_column(table, sa.Column("lat", sa.Float()))
        op.add_column(table, sa.Column("lon", sa.Float()))
        op.add_column(table, sa.Column("updated_at", sa.DateTime(timezone=True)))
    for name in ("killed", "wounded"):
        op.add_column(
            "incidents", sa.Column(name, sa.Integer(), nullable=False, server_default="0")
        )
    op.add_column("episodes", sa.Column("updated_at", sa.DateTime(timezone=True)))


def _require_update_times(connection: sa.Connection) -> None:
    # Naive UTC on SQLite (as the store's UtcDateTime writes it), aware on PostgreSQL.
    now: dt.datetime = dt.datetime.now(dt.UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    for table in ("mentions", "incidents", "episodes"):
        connection.execute(sa.text(f"UPDATE {table} SET updated_at = :now"), {"now": now})
        with op.batch_alter_table(table) as batch:
            batch.alter_column(
                "updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
            )


def _create_indexes() -> None:
    for table in ("mentions", "incidents"):
        op.create_index(
            f"ix_{table}_start_date_id_end_date_type",
            table,
            ["start_date", "id", "end_date", "type"],
        )
        op.create_index(f"ix_{table}_type_start_date_id", table, ["type", "start_date", "id"])
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at"])
        op.create_index(f"ix_{table}_span_days", table, ["span_days"])
        op.create_index(
            f"ix_{table}_lat_lon_start_date_id", table, ["lat", "lon", "start_date", "id"]
        )
    op.create_index("ix_mentions_doc_id_start_date_id", "mentions", ["doc_id", "start_date", "id"])


def _create_tables() -> None:
    for table, parent in (("mention_refs", "mentions"), ("incident_refs", "incidents")):
        key = f"{parent[:-1]}_id"
        op.create_table(
            table,
            sa.Column(key, sa.String(64), nullable=False),
            sa.Column("kind", sa.String(8), nullable=False),
            sa.Column("value", sa.String(200), nullable=False),
            sa.Column("start_date", sa.Date()),
            sa.ForeignKeyConstraint(
                [key], [f"{parent}.id"], name=f"fk_{table}_{key}_{parent}", ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint(key, "kind", "value", name=f"pk_{table}"),
        )
        op.create_index(
            f"ix_{table}_kind_value_start_date_{key}", table, ["kind", "value", "start_date", key]
        )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("kind", sa.String(32)),
        sa.Column("mentions", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("incidents", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
    )
    op.create_index("ix_actors_updated_at", "actors", ["updated_at"])
    op.create_table(
        "places",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("admin1", sa.Text()),
        sa.Column("country", sa.String(3)),
        sa.Column("precision", sa.Integer()),
        sa.Column("mentions", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("incidents", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
    )
    op.create_index("ix_places_updated_at", "places", ["updated_at"])
    op.create_index("ix_places_lat", "places", ["lat"])
    op.create_table(
        "changes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("collection", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("into", sa.String(200)),
        sa.PrimaryKeyConstraint("seq", name="pk_changes"),
    )
    op.create_index("ix_changes_at", "changes", ["at"])


# -- backfill ------------------------------------------------------------------------------------


def _rows(connection: sa.Connection, query: str) -> Iterator[Sequence[Any]]:
    """Rows of `query` (ordered by its first column, an id) in batches, by keyset."""
    last = ""
    while True:
        batch = connection.execute(
            sa.text(f"{query} WHERE id > :last ORDER BY id LIMIT {BATCH}"), {"last": last}
        ).all()
        if not batch:
            return
        yield batch
        last = batch[-1][0]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _backfill(connection: sa.Connection) -> None:
    # Naive UTC on SQLite (as the store's UtcDateTime writes it), aware on PostgreSQL.
    now: dt.datetime = dt.datetime.now(dt.UTC)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    cited: list[dict[str, Any]] = []
    for batch in _rows(connection, "SELECT id, data, start_date, end_date, doc_id FROM mentions"):
        _fill(connection, "mention", batch, cited)
        search.add(
            connection,
            search.MENTION,
            [
                (row[0], row[4], None, str(json.loads(row[1]).get("evidence", {}).get("text", "")))
                for row in batch
            ],
        )
    for batch in _rows(connection, "SELECT id, data, start_date, end_date FROM incidents"):
        _fill(connection, "incident", batch, cited)
    for batch in _rows(connection, "SELECT id, title, text FROM documents"):
        search.add(connection, search.DOCUMENT, [(row[0], row[0], row[1], row[2]) for row in batch])
    actor_rows = refs.cited_actors(cited)
    place_rows = refs.cited_places(cited)
    if actor_rows:
        connection.execute(
            sa.text(
                "INSERT INTO actors (id, name, country, kind, updated_at) "
                "VALUES (:id, :name, :country, :kind, :now)"
            ),
            [{**row, "now": now} for row in actor_rows.values()],
        )
    if place_rows:
        connection.execute(
            sa.text(
                "INSERT INTO places (id, name, lat, lon, admin1, country, precision, updated_at) "
                "VALUES (:id, :name, :lat, :lon, :admin1, :country, :precision, :now)"
            ),
            [{**row, "now": now} for row in place_rows.values()],
        )
    recount(connection)


def recount(connection: sa.Connection) -> None:
    """Set every actor's and place's counts of citing mentions and incidents."""
    for table, kind in (("actors", "actor"), ("places", "place")):
        for column in ("mentions", "incidents"):
            refs_table = f"{column[:-1]}_refs"
            connection.execute(
                sa.text(
                    f"UPDATE {table} SET {column} = (SELECT count(*) FROM {refs_table} AS r "
                    f"WHERE r.kind = '{kind}' AND r.value = {table}.id)"
                )
            )


def _fill(
    connection: sa.Connection, kind: str, batch: Sequence[Any], cited: list[dict[str, Any]]
) -> None:
    """Derived columns and ref rows of a batch of mentions or incidents."""
    table = f"{kind}s"
    updates: list[dict[str, Any]] = []
    ref_rows: list[dict[str, Any]] = []
    for row in batch:
        data = json.loads(row[1])
        lat, lon = refs.located(data)
        values: dict[str, Any] = {
            "id": row[0],
            "lat": lat,
            "lon": lon,
            "span": refs.span_days(_date(row[2]), _date(row[3])),
        }
        if kind == "incident":
            values["killed"], values["wounded"] = refs.casualty_sums(data)
            # The episode is a column of its own: the API adds it to the stored JSON.
            data.pop("episode", None)
            values["data"] = json.dumps(data, ensure_ascii=False, sort_keys=True)
            found = refs.incident_refs(data)
        else:
            found = refs.mention_refs(data)
        updates.append(values)
        ref_rows.extend(
            {"id": row[0], "kind": k, "value": v, "start": _date(row[2])} for k, v in found
        )
        # Only what actors and places need is kept, not the whole record.
        cited.append(
            {
                key: data.get(key)
                for key in ("agent", "target", "claimant", "actors", "places")
                if data.get(key)
            }
        )
    extra = ", killed = :killed, wounded = :wounded, data = :data" if kind == "incident" else ""
    connection.execute(
        sa.text(
            f"UPDATE {table} SET lat = :lat, lon = :lon, span_days = :span{extra} WHERE id = :id"
        ),
        updates,
    )
    if ref_rows:
        connection.execute(
            sa.text(
                f"INSERT INTO {kind}_refs ({kind}_id, kind, value) VALUES (:id, :kind, :value)"
            ),
            ref_rows,
        )
