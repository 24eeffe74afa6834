"""Running the alembic migrations (alembic imported only when a schema is created or upgraded)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from app.models.schema import HEAD_REVISION

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def upgrade_schema(engine: Engine, revision: str = HEAD_REVISION) -> None:
    """Run the alembic migrations up to ``revision`` in one transaction."""
    from alembic import command  # noqa: PLC0415 - only when the schema differs
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
