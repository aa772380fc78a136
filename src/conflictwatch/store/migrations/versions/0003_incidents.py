"""Linking: frames, their blocking keys, incidents and episodes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

Spelled out rather than imported from `schema.py`, as in 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "link_frames",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("doc_id", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("incident_id", sa.String(64)),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_link_frames_doc_id_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_link_frames"),
    )
    op.create_index("ix_link_frames_doc_id", "link_frames", ["doc_id"])
    op.create_index("ix_link_frames_incident_id", "link_frames", ["incident_id"])
    op.create_index("ix_link_frames_kind", "link_frames", ["kind"])
    op.create_table(
        "link_blocks",
        sa.Column("frame_id", sa.String(64), nullable=False),
        sa.Column("block_key", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["frame_id"],
            ["link_frames.id"],
            name="fk_link_blocks_frame_id_link_frames",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("frame_id", "block_key", name="pk_link_blocks"),
    )
    op.create_index("ix_link_blocks_block_key", "link_blocks", ["block_key"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("episode_id", sa.String(64)),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    op.create_index("ix_incidents_start_date", "incidents", ["start_date"])
    op.create_index("ix_incidents_episode_id", "incidents", ["episode_id"])
    op.create_table(
        "episodes",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_episodes"),
    )
    op.create_index("ix_episodes_start_date", "episodes", ["start_date"])


def downgrade() -> None:
    op.drop_table("episodes")
    op.drop_table("incidents")
    op.drop_table("link_blocks")
    op.drop_table("link_frames")
