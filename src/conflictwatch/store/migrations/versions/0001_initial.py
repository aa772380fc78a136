"""Documents, their LSH band rows, raw blobs and item errors.

Revision ID: 0001
Revises:
Create Date: 2025-11-21

The tables are spelled out here rather than imported from `schema.py`: a revision must keep
building the same schema after `schema.py` has moved on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _create_documents()
    _create_doc_bands()
    _create_blobs()
    _create_item_errors()


def downgrade() -> None:
    for table in ("item_errors", "blobs", "doc_bands", "documents"):
        op.drop_table(table)


def _create_documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("original_source", sa.Text()),
        sa.Column("credit_evidence", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("published_precision", sa.String(16), nullable=False),
        sa.Column("published_provenance", sa.String(16), nullable=False),
        sa.Column("published_evidence", sa.Text(), nullable=False),
        sa.Column("published_earliest", sa.Date()),
        sa.Column("published_latest", sa.Date()),
        sa.Column("language", sa.String(35)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("segments", sa.Text(), nullable=False),
        sa.Column("paragraphs", sa.Text(), nullable=False),
        sa.Column("furniture", sa.Text(), nullable=False),
        sa.Column("duplicate_of", sa.String(128)),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["documents.id"],
            name="fk_documents_duplicate_of_documents",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.create_index("ix_documents_published", "documents", ["published"])


def _create_doc_bands() -> None:
    op.create_table(
        "doc_bands",
        sa.Column("doc_id", sa.String(128), nullable=False),
        sa.Column("band_key", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("doc_id", "band_key", name="pk_doc_bands"),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_doc_bands_doc_id_documents", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_doc_bands_band_key", "doc_bands", ["band_key"])


def _create_blobs() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )


def _create_item_errors() -> None:
    op.create_table(
        "item_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_item_errors"),
    )
