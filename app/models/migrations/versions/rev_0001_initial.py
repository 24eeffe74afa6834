"""The first schema: campaigns, periods, units, figures, nominations, tie settlements, audit.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("plan_number", sa.String(100), nullable=False),
        sa.Column("plan_date", sa.Date(), nullable=True),
        sa.Column("issuing_body", sa.String(300), nullable=False),
        sa.Column("rules_json", sa.Text(), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_campaign"),
    )
    op.create_table(
        "period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("is_final", sa.Boolean(), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name="ck_period_dates"),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name="fk_period_campaign_id_campaign",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_period"),
        sa.UniqueConstraint("campaign_id", "name", name="uq_period_campaign_id"),
    )
    op.create_index(
        "ux_period_final",
        "period",
        ["campaign_id"],
        unique=True,
        sqlite_where=sa.text("is_final = 1"),
        postgresql_where=sa.text("is_final"),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(50), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("head_name", sa.String(200), nullable=False),
        sa.Column("head_title", sa.String(200), nullable=False),
        sa.CheckConstraint("kind IN ('xa', 'thi_tran', 'co_quan')", name="ck_unit_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_unit"),
        sa.UniqueConstraint("code", name="uq_unit_code"),
    )
    op.create_table(
        "unit_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("online", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("accounts", sa.Integer(), nullable=True),
        sa.Column("eid", sa.Integer(), nullable=True),
        sa.Column("citizens", sa.Integer(), nullable=True),
        sa.Column("source_kind", sa.String(20), nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(online IS NULL OR online >= 0) AND (total IS NULL OR total >= 0) AND "
            "(accounts IS NULL OR accounts >= 0) AND (eid IS NULL OR eid >= 0) AND "
            "(citizens IS NULL OR citizens >= 0)",
            name="ck_unit_figures_non_negative",
        ),
        sa.CheckConstraint(
            "source_kind IN ('typed', 'file', 'package')", name="ck_unit_figures_source_kind"
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name="fk_unit_figures_period_id_period",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name="fk_unit_figures_unit_id_unit", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_unit_figures"),
        sa.UniqueConstraint("period_id", "unit_id", name="uq_unit_figures_period_id"),
    )
    op.create_index("ix_unit_figures_unit_id", "unit_figures", ["unit_id"])
    op.create_table(
        "nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("position", sa.String(300), nullable=False),
        sa.Column("achievement_summary", sa.Text(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(10), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "gender IS NULL OR gender IN ('Nam', 'Nữ')", name="ck_nomination_gender"
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name="fk_nomination_period_id_period",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_nomination_unit_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_nomination"),
    )
    op.create_index("ix_nomination_period_id", "nomination", ["period_id"])
    op.create_index("ix_nomination_unit_id", "nomination", ["unit_id"])
    op.create_table(
        "tie_settlement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("order_json", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name="fk_tie_settlement_period_id_period",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tie_settlement"),
    )
    op.create_index("ix_tie_settlement_period_id", "tie_settlement", ["period_id"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("period_name", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("old_json", sa.Text(), nullable=True),
        sa.Column("new_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])


def downgrade() -> None:
    for table in ("audit_entry", "tie_settlement", "nomination", "unit_figures", "unit"):
        op.drop_table(table)
    op.drop_index("ux_period_final", table_name="period")
    op.drop_table("period")
    op.drop_table("campaign")
