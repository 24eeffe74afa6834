"""Stored portal dossiers per period (keyed by dossier code) and remembered import choices per
campaign (column mapping and channel values of the dossier export).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "campaign",
        sa.Column("import_settings_json", sa.Text(), nullable=False, server_default="{}"),
    )
    op.create_table(
        "dossier",
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("account", sa.String(length=300), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_dossier_period_id_period"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_dossier_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("period_id", "code", name=op.f("pk_dossier")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("dossier")
    with op.batch_alter_table("campaign") as batch:
        batch.drop_column("import_settings_json")
