"""Several officers at once: a version on each unit's figures (an edit made on an older version is
refused) and the account that made each audited change (on PostgreSQL set by the server itself,
from ``current_user``; empty on SQLite, which has no logins).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None

_ACCOUNT_FUNCTION = """
CREATE OR REPLACE FUNCTION thidua_audit_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.account := current_user;
    RETURN NEW;
END
$$
"""
_ACCOUNT_TRIGGER = (
    "CREATE TRIGGER audit_entry_account BEFORE INSERT ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION thidua_audit_account()"
)


def upgrade() -> None:
    op.add_column(
        "unit_figures", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column(
        "audit_entry",
        sa.Column("account", sa.String(length=100), nullable=False, server_default=""),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_ACCOUNT_FUNCTION)
        op.execute(_ACCOUNT_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entry_account ON audit_entry")
        op.execute("DROP FUNCTION thidua_audit_account()")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("account")
    with op.batch_alter_table("unit_figures") as batch:
        batch.drop_column("version")
