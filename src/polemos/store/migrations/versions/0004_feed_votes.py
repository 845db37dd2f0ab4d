"""feed_hosts, feed_votes: what a source's stored articles say of where it is

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A feed's home region (`polemos.geo.feeds`) had been read from one partition only: a local
paper's articles split across partitions or days never heard each other. Articles stored before
this revision are not counted (their regions were not kept).
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
        "feed_hosts",
        sa.Column("host", sa.Text(), primary_key=True),
        sa.Column("articles", sa.Integer(), nullable=False),
    )
    op.create_table(
        "feed_votes",
        sa.Column("host", sa.Text(), primary_key=True),
        sa.Column("admin1_code", sa.String(32), primary_key=True),
        sa.Column("admin1", sa.Text(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_votes")
    op.drop_table("feed_hosts")
