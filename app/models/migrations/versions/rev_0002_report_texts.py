"""Free text for the achievement reports: unit profile, own account, past awards; same for people.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

UNIT_TEXTS = ("profile_text", "achievement_text", "past_awards_text")
NOMINATION_TEXTS = ("achievement_text", "past_awards_text")


def upgrade() -> None:
    for name in UNIT_TEXTS:
        op.add_column("unit", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    for name in NOMINATION_TEXTS:
        op.add_column("nomination", sa.Column(name, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("nomination") as batch:
        for name in NOMINATION_TEXTS:
            batch.drop_column(name)
    with op.batch_alter_table("unit") as batch:
        for name in UNIT_TEXTS:
            batch.drop_column(name)
