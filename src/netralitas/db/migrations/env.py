"""Alembic environment: the URL comes from the Config (``netralitas.db.migrate``), never from
a file; SQLite migrations run in batch mode."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from netralitas.db.engine import create_db_engine, is_sqlite
from netralitas.db.schema import metadata

config = context.config
target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=is_sqlite(str(connection.engine.url)),
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = create_db_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run 'netralitas db upgrade'")
run_migrations_online()
