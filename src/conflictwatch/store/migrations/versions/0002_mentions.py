"""Extraction runs and event mentions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

Spelled out rather than imported from `schema.py`, as in 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "extractions",
        sa.Column("doc_id", sa.String(128), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("skipped", sa.Text()),
        sa.Column("sentences", sa.Integer(), nullable=False),
        sa.Column("parsed", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_extractions_doc_id_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("doc_id", name="pk_extractions"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("doc_id", sa.String(128), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_mentions_doc_id_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    op.create_index("ix_mentions_doc_id", "mentions", ["doc_id"])
    op.create_index("ix_mentions_type", "mentions", ["type"])
    op.create_index("ix_mentions_start_date", "mentions", ["start_date"])


def downgrade() -> None:
    op.drop_table("mentions")
    op.drop_table("extractions")
