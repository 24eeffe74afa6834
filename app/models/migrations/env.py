"""Alembic environment: always run programmatically with a connection (see app.models.database)."""

from __future__ import annotations

from alembic import context

from app.models.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only ever run by upgrade_schema()
    raise RuntimeError("Các bản nâng cấp chỉ chạy từ chương trình (app.models.database).")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
