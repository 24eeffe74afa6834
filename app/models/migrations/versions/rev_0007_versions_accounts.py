"""Several officers at once: a version on each unit's figures (an edit made on an older version is
refused) and the account that made each audited change (on PostgreSQL set by the server itself,
from ``current_user``; empty on SQLite, which has no logins).

On PostgreSQL the dossier's references to its period and unit are checked once per statement
(a trigger over the inserted rows as a set, the referenced rows locked, with the owner's rights, as
a foreign key does) and followed on delete by statement triggers, instead of one foreign-key check per row: a portal export
of a million dossiers is stored by COPY ten times faster. SQLite keeps its foreign keys (cheap there).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
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


# The names app.models.schema's naming convention gave the two foreign keys (revision 0003).
DOSSIER_FOREIGN_KEYS = ("fk_dossier_period_id_period", "fk_dossier_unit_id_unit")

_DOSSIER_REFERENCES = [
    """
CREATE OR REPLACE FUNCTION thidua_dossier_references() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    missing text;
BEGIN
    -- lock what the new rows refer to, as a foreign key check does (no concurrent delete)
    PERFORM 1 FROM period WHERE id IN (SELECT DISTINCT period_id FROM new_rows) FOR KEY SHARE;
    PERFORM 1 FROM unit WHERE id IN (SELECT DISTINCT unit_id FROM new_rows) FOR KEY SHARE;
    SELECT format('period %s, unit %s', n.period_id, n.unit_id) INTO missing
    FROM (SELECT DISTINCT period_id, unit_id FROM new_rows) n
    WHERE NOT EXISTS (SELECT 1 FROM period p WHERE p.id = n.period_id)
       OR NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = n.unit_id)
    LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'dossier refers to a missing %', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$
""",
    "CREATE TRIGGER dossier_references_insert AFTER INSERT ON dossier "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION thidua_dossier_references()",
    "CREATE TRIGGER dossier_references_update AFTER UPDATE ON dossier "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION thidua_dossier_references()",
    """
CREATE OR REPLACE FUNCTION thidua_dossier_cascade() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_TABLE_NAME = 'unit' THEN
        DELETE FROM dossier WHERE unit_id IN (SELECT id FROM old_rows);
    ELSE
        DELETE FROM dossier WHERE period_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$
""",
    "CREATE TRIGGER unit_dossier_cascade AFTER DELETE ON unit "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION thidua_dossier_cascade()",
    "CREATE TRIGGER period_dossier_cascade AFTER DELETE ON period "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION thidua_dossier_cascade()",
]


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
        for name in DOSSIER_FOREIGN_KEYS:
            op.drop_constraint(name, "dossier", type_="foreignkey")
        for statement in _DOSSIER_REFERENCES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entry_account ON audit_entry")
        op.execute("DROP FUNCTION thidua_audit_account()")
        for trigger, table in (
            ("dossier_references_insert", "dossier"),
            ("dossier_references_update", "dossier"),
            ("unit_dossier_cascade", "unit"),
            ("period_dossier_cascade", "period"),
        ):
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        op.execute("DROP FUNCTION thidua_dossier_references()")
        op.execute("DROP FUNCTION thidua_dossier_cascade()")
        op.create_foreign_key(
            DOSSIER_FOREIGN_KEYS[0], "dossier", "period", ["period_id"], ["id"], ondelete="CASCADE"
        )
        op.create_foreign_key(
            DOSSIER_FOREIGN_KEYS[1], "dossier", "unit", ["unit_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("account")
    with op.batch_alter_table("unit_figures") as batch:
        batch.drop_column("version")
