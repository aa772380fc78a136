"""Statistics and the dashboard without counting records: day counts and incident markers.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21

`record_days` holds how many mentions and incidents (and the incidents' killed and wounded) start
on each day, per end day, type and cited actor, region and country; the store keeps it in step on
every write. `incidents.marker` is each incident's map marker as JSON, written with the record.
Both are filled here from the stored records (with `conflictwatch.store.daycounts` and `refs`: the
values follow the current rules, as in 0004's backfill).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from conflictwatch.store import daycounts, refs

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    op.add_column("incidents", sa.Column("marker", sa.Text(), nullable=False, server_default="{}"))
    op.create_table(
        "record_days",
        sa.Column("collection", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("killed", sa.Integer(), nullable=False),
        sa.Column("wounded", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "collection",
            "kind",
            "value",
            "start_date",
            "end_date",
            "type",
            name="pk_record_days",
        ),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    _fill_markers(connection)
    daycounts.rebuild(connection)


def downgrade() -> None:
    op.drop_table("record_days")
    # Not in batch mode: SQLite (3.35+) drops the column in place, where a batch copy of the
    # table would lose the expression index that 0005's downgrade drops next.
    op.drop_column("incidents", "marker")


def _fill_markers(connection: sa.Connection) -> None:
    last = ""
    while True:
        batch = connection.execute(
            sa.text(f"SELECT id, data FROM incidents WHERE id > :last ORDER BY id LIMIT {BATCH}"),
            {"last": last},
        ).all()
        if not batch:
            return
        connection.execute(
            sa.text("UPDATE incidents SET marker = :marker WHERE id = :id"),
            [
                {
                    "id": row[0],
                    "marker": json.dumps(refs.marker(json.loads(row[1])), ensure_ascii=False),
                }
                for row in batch
            ],
        )
        last = batch[-1][0]
