"""The awards register (sổ vàng): the number given to each award of a period — an awarded unit or
a nominated person — printed on its Giấy khen and on the Quyết định's list.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("award_key", sa.String(length=100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_register_entry_number")),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_register_entry_period_id_period"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_entry")),
        sa.UniqueConstraint("period_id", "award_key", name="uq_register_entry_award"),
        sa.UniqueConstraint("period_id", "number", name="uq_register_entry_number"),
    )
    op.create_index(
        op.f("ix_register_entry_period_id"), "register_entry", ["period_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_register_entry_period_id"), table_name="register_entry")
    op.drop_table("register_entry")
