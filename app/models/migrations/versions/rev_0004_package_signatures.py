"""Signed commune packages: a stable id on campaigns and periods (what packages name instead of
names), each unit's package key, and the last package imported per unit and period (replays).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models.schema import stable_uid

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("campaign", "period"):
        op.add_column(
            table, sa.Column("uid", sa.String(length=36), nullable=False, server_default="")
        )
    conn = op.get_bind()
    campaigns = conn.execute(sa.text("SELECT id, name, year FROM campaign")).all()
    uids = {}
    for cid, name, year in campaigns:
        uids[cid] = stable_uid("campaign", name, year)
        conn.execute(
            sa.text("UPDATE campaign SET uid = :uid WHERE id = :id"), {"uid": uids[cid], "id": cid}
        )
    periods = conn.execute(sa.text("SELECT id, campaign_id, start_date, end_date FROM period"))
    for pid, cid, start, end in periods.all():
        conn.execute(
            sa.text("UPDATE period SET uid = :uid WHERE id = :id"),
            {"uid": stable_uid("period", uids.get(cid), start, end), "id": pid},
        )
    op.create_table(
        "package_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_package_key_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_key")),
        sa.UniqueConstraint("unit_id", name=op.f("uq_package_key_unit_id")),
    )
    op.create_table(
        "package_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_package_receipt_period_id_period"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_package_receipt_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_receipt")),
        sa.UniqueConstraint("period_id", "unit_id", name=op.f("uq_package_receipt_period_id")),
    )
    op.create_index(
        op.f("ix_package_receipt_unit_id"), "package_receipt", ["unit_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_package_receipt_unit_id"), table_name="package_receipt")
    op.drop_table("package_receipt")
    op.drop_table("package_key")
    for table in ("period", "campaign"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")
