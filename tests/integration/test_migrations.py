from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import alembic_config, current_revision, head_revision, upgrade
from netralitas.db.schema import metadata
from tests.integration.conftest import PG_SCHEMA, pg_schema_url, reset_pg_schema


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata))


def _check_fresh_upgrade(url: str) -> None:
    upgrade(url)
    upgrade(url)  # idempotent
    command.downgrade(alembic_config(url), "base")  # every step reverses (batch mode on SQLite)
    assert current_revision(url) is None
    upgrade(url)
    assert current_revision(url) == head_revision()
    engine = create_db_engine(url)
    try:
        assert _diff(engine) == []
        with engine.connect() as conn:
            assert conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).scalar() == 0
    finally:
        engine.dispose()


def test_empty_sqlite_upgrades_to_head_without_pending_model_changes(tmp_path: Path) -> None:
    _check_fresh_upgrade(f"sqlite:///{tmp_path / 'sub' / 'fresh.db'}")


@pytest.mark.postgres
def test_empty_postgres_upgrades_to_head_without_pending_model_changes(postgres_url: str) -> None:
    schema = f"{PG_SCHEMA}_migration"  # per test process, like the other integration schemas
    reset_pg_schema(postgres_url, schema)
    try:
        _check_fresh_upgrade(pg_schema_url(postgres_url, schema))
    finally:
        reset_pg_schema(postgres_url, schema, create=False)


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        engine.dispose()


def test_no_column_can_hold_network_identifiers() -> None:
    """Reporter safety: no IP address or user agent is stored anywhere."""
    forbidden = ("ip", "ip_address", "remote_addr", "user_agent", "useragent", "client_host")
    columns = [f"{t.name}.{c.name}" for t in metadata.sorted_tables for c in t.columns]
    assert [c for c in columns if c.split(".")[1] in forbidden or "user_agent" in c] == []
