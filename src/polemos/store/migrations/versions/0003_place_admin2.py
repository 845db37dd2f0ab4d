"""places carry their second-level area's name (admin2), which events export

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The gazetteer knows each town's county or district (`Place.admin2`); ACLED's admin2 column was
empty. Places stored before this revision keep admin2 empty: place rows are written once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.add_column(sa.Column("admin2", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.drop_column("admin2")
