"""Evidence of dossiers filed on citizens' behalf: the optional columns of the portal export on
each stored dossier (owner's name, keyed hash of the owner's ID number, authorisation flag,
procedure, receiving officer), an index for the per-account analysis, the registered official
accounts per unit and the database's own secret for the hashes.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(sa.Column("owner", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("owner_key", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("authorised", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("procedure", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("officer", sa.String(length=300), nullable=True))
    op.create_index(
        "ix_dossier_accounts",
        "dossier",
        ["period_id", "online", "unit_id", "account", "owner_key", "authorised", "received_on"],
    )
    op.create_table(
        "official_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=300), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_official_account_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_account")),
        sa.UniqueConstraint("unit_id", "account", name=op.f("uq_official_account_unit_id")),
    )
    op.create_table(
        "database_secret",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_database_secret")),
    )


def downgrade() -> None:
    op.drop_table("database_secret")
    op.drop_table("official_account")
    op.drop_index("ix_dossier_accounts", table_name="dossier")
    with op.batch_alter_table("dossier") as batch:
        for column in ("officer", "procedure", "authorised", "owner_key", "owner"):
            batch.drop_column(column)
