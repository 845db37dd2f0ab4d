"""feed_regions: each article's vote on where its source is, for later partitions and runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A feed's home region (`polemos.geo.feeds`) had been read from one partition only: a local
paper's articles split across partitions or days never heard each other. Articles stored before
this revision have no votes (their regions were not kept); they vote once reprocessed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_regions",
        sa.Column("content_hash", sa.String(64), sa.ForeignKey("articles.content_hash"),
                  primary_key=True),
        sa.Column("admin1_code", sa.String(32), primary_key=True),
        sa.Column("admin1", sa.Text(), nullable=False),
        sa.Column("host", sa.Text(), nullable=False),
    )
    op.create_index("ix_feed_regions_host", "feed_regions", ["host"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_feed_regions_host", table_name="feed_regions")
    op.drop_table("feed_regions")
