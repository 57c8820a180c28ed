"""Media monitoring tests on the real database adapters: SQLite, and PostgreSQL when
NETRALITAS_TEST_DATABASE_URL is set (the integration fixtures give each test a fresh database)."""

from __future__ import annotations

from tests.integration.conftest import backend, cli, clock, db_url, engine, kit, settings  # noqa: F401  (fixtures)
