"""Records of one type over a date range read from the type index alone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21

A listing filtered by type and dates walks the (type, start date, id) index from the longest
span before the range's start, and keeps the records whose end reaches the range: without the
end date in the index, each candidate's row was read to check it. The index gains the end date
(the old one is its prefix, so it goes): a page of 100 mentions of one type in a month costs 0.11
instead of 0.44 ms to find in SQLite (a million mentions). The incidents' index also carries the
casualty figures, so the dashboard's largest incidents of one type in a date range are chosen
from that type's entries alone (1.7 -> 1.3 ms for the 500 largest of a month, 100,000 incidents).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Each table's new index: its name and columns.
INDEXES = {
    "mentions": ["type", "start_date", "id", "end_date"],
    "incidents": ["type", "start_date", "id", "end_date", "killed", "wounded"],
}


def _name(table: str, columns: list[str]) -> str:
    return f"ix_{table}_" + "_".join(columns)


def upgrade() -> None:
    for table, columns in INDEXES.items():
        op.create_index(_name(table, columns), table, columns)
        op.drop_index(f"ix_{table}_type_start_date_id", table_name=table)


def downgrade() -> None:
    for table, columns in INDEXES.items():
        op.create_index(f"ix_{table}_type_start_date_id", table, ["type", "start_date", "id"])
        op.drop_index(_name(table, columns), table_name=table)
