"""The dashboard's overview at scale: incidents by casualties, and casualties per day, from indexes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21

The map shows a bounded number of incidents, the largest first: an index on killed + wounded
(descending, then id) gives them without sorting the table, and carries the type and dates so
those filters are checked in the index. The timeline's casualties per day, and the largest
incidents of a date range, come from an index on (start date, end date, type, killed, wounded, id)
without reading the stored records.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HARM_INDEX = "ix_incidents_harm"
DAY_INDEX = "ix_incidents_start_date_end_date_type_killed_wounded_id"


def upgrade() -> None:
    op.create_index(
        HARM_INDEX,
        "incidents",
        [sa.text("(killed + wounded) DESC"), "id", "type", "start_date", "end_date"],
    )
    op.create_index(
        DAY_INDEX, "incidents", ["start_date", "end_date", "type", "killed", "wounded", "id"]
    )


def downgrade() -> None:
    op.drop_index(DAY_INDEX, table_name="incidents")
    op.drop_index(HARM_INDEX, table_name="incidents")
