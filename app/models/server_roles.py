"""Who may touch what on a PostgreSQL server: officers' accounts limited to their units, enforced
by PostgreSQL itself (roles, privileges and row-level security policies), whatever program or SQL
an account uses.

- ``thidua_officer``: every officer account is a member; reads the campaign, its periods and
  settlements, writes the figures, dossiers and nominations of its own units only, and the audit
  log (whose ``account`` the server fills in). Its units: the rows of ``thidua_access``.
- ``thidua_province``: the province's accounts also; every unit, and the campaign, periods, rules,
  settlements and the unit register.

The owner of the database (who ran ``server-setup``) is not subject to the policies. Run
``server-setup`` again after an upgrade of the program that adds tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

OFFICER = "thidua_officer"
PROVINCE = "thidua_province"
LEVELS = ("tinh", "huyen", "xa")  # province, district, commune
# Rows of one unit (column unit_id): its figures, nominations, dossiers, package key and receipts.
UNIT_TABLES = (
    "unit_figures",
    "nomination",
    "dossier",
    "package_key",
    "package_receipt",
    "official_account",
)
SHARED_TABLES = ("campaign", "period", "tie_settlement", "register_entry")  # province writes

_SETUP = [
    *(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN; END IF; END $$"
        for role in (OFFICER, PROVINCE)
    ),
    f"GRANT {OFFICER} TO {PROVINCE}",
    "CREATE TABLE IF NOT EXISTS thidua_access ("
    " account name NOT NULL,"
    " unit_id integer NOT NULL REFERENCES unit(id) ON DELETE CASCADE,"
    " PRIMARY KEY (account, unit_id))",
    # Invoker's rights: inside a policy current_user is the account asking.
    f"CREATE OR REPLACE FUNCTION thidua_is_province() RETURNS boolean LANGUAGE sql STABLE AS "
    f"$$ SELECT pg_has_role(current_user, '{PROVINCE}', 'MEMBER') $$",
    "CREATE OR REPLACE FUNCTION thidua_may(unit integer) RETURNS boolean LANGUAGE sql STABLE AS "
    "$$ SELECT thidua_is_province() OR EXISTS (SELECT 1 FROM thidua_access a "
    "WHERE a.account = current_user AND a.unit_id = unit) $$",
    f"GRANT USAGE ON SCHEMA public TO {OFFICER}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {OFFICER}",
    f"GRANT SELECT ON alembic_version, thidua_access TO {OFFICER}",
    f"GRANT SELECT ON {', '.join(SHARED_TABLES)} TO {OFFICER}",
    f"GRANT INSERT, UPDATE, DELETE ON {', '.join(SHARED_TABLES)} TO {PROVINCE}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON unit, {', '.join(UNIT_TABLES)} TO {OFFICER}",
    f"GRANT SELECT, INSERT ON audit_entry TO {OFFICER}",
    f"GRANT SELECT, INSERT ON database_secret TO {OFFICER}",  # the key hashing ID numbers
    f"GRANT UPDATE (import_settings_json) ON campaign TO {OFFICER}",  # remembered import columns
    "ALTER TABLE thidua_access ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS own ON thidua_access",
    "CREATE POLICY own ON thidua_access FOR SELECT USING (account = current_user)",
    "ALTER TABLE unit ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS seen ON unit",
    "CREATE POLICY seen ON unit FOR SELECT USING (thidua_may(id))",
    "DROP POLICY IF EXISTS edited ON unit",
    "CREATE POLICY edited ON unit FOR UPDATE USING (thidua_may(id)) WITH CHECK (thidua_may(id))",
    "DROP POLICY IF EXISTS added ON unit",
    "CREATE POLICY added ON unit FOR INSERT WITH CHECK (thidua_is_province())",
    "DROP POLICY IF EXISTS removed ON unit",
    "CREATE POLICY removed ON unit FOR DELETE USING (thidua_is_province())",
    *(
        statement
        for table in UNIT_TABLES
        for statement in (
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS own_units ON {table}",
            f"CREATE POLICY own_units ON {table} USING (thidua_may(unit_id)) "
            "WITH CHECK (thidua_may(unit_id))",
        )
    ),
    # The audit log: an account reads the entries of its units (the subquery on unit is itself
    # limited to them), its own, and those about no unit; it only adds entries.
    "ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS seen ON audit_entry",
    "CREATE POLICY seen ON audit_entry FOR SELECT USING (thidua_is_province() OR "
    "account = current_user OR subject IN (SELECT code FROM unit) OR "
    "subject NOT IN (SELECT code FROM unit_codes_all()))",
    "DROP POLICY IF EXISTS added ON audit_entry",
    "CREATE POLICY added ON audit_entry FOR INSERT WITH CHECK (true)",
]

# Every unit code, whoever asks (owner's rights): to tell an entry about some other unit from one
# about no unit (the campaign, a file).
_ALL_CODES = (
    "CREATE OR REPLACE FUNCTION unit_codes_all() RETURNS TABLE (code varchar) LANGUAGE sql "
    "STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT code FROM unit $$"
)


def setup_roles(connection: Connection) -> None:
    """Create (or bring up to date) the roles, privileges and policies, in the connection's
    transaction. The connection's user must own the tables."""
    for statement in _SETUP[:3]:  # the roles first
        connection.execute(text(statement))
    connection.execute(text(_ALL_CODES))
    connection.execute(text("REVOKE ALL ON FUNCTION unit_codes_all() FROM PUBLIC"))
    connection.execute(text(f"GRANT EXECUTE ON FUNCTION unit_codes_all() TO {OFFICER}"))
    for statement in _SETUP[3:]:
        connection.execute(text(statement))


def set_account(
    connection: Connection,
    name: str,
    level: str,
    unit_ids: Sequence[int],
    password: str | None,
) -> None:
    """Create or change the login ``name`` at ``level`` (tinh/huyen/xa), limited to ``unit_ids``
    (ignored for the province). ``name`` must already be checked (letters, digits, _)."""
    exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    verb = "ALTER" if exists else "CREATE"
    secret = "" if password is None else " PASSWORD " + _literal(connection, password)
    connection.execute(text(f'{verb} ROLE "{name}" LOGIN{secret}'))
    connection.execute(text(f'GRANT {OFFICER} TO "{name}"'))
    if level == "tinh":
        connection.execute(text(f'GRANT {PROVINCE} TO "{name}"'))
    else:
        connection.execute(text(f'REVOKE {PROVINCE} FROM "{name}"'))
    connection.execute(text("DELETE FROM thidua_access WHERE account = :n"), {"n": name})
    if level != "tinh":
        connection.execute(
            text("INSERT INTO thidua_access (account, unit_id) VALUES (:n, :u)"),
            [{"n": name, "u": unit_id} for unit_id in unit_ids],
        )


def _literal(connection: Connection, value: str) -> str:
    quoted = connection.scalar(text("SELECT quote_literal(:v)"), {"v": value})
    return str(quoted)
