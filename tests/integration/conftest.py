"""Integration fixtures: every test runs on SQLite and, when NETRALITAS_TEST_DATABASE_URL is
set, on PostgreSQL too. Each test gets a freshly migrated, empty database.

SQLite: the schema is migrated once per session into a template file that each test copies.
PostgreSQL: the tests use their own schema inside the given database, migrated once per session,
truncated before each test and dropped at the end, so other areas' tables are never touched. The
schema is named after the test process (``cases_it_<pid>``): two sessions at once (two people, CI
beside a developer, ``pytest -n 2``) must not truncate or drop each other's tables — that made
acknowledged reports "disappear" from the SIGKILL durability test when two runs overlapped."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from netralitas.cases.dependencies import Kit
from netralitas.cli import app
from netralitas.clock import FixedClock
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.db.schema import metadata
from netralitas.db.uow import SqlUnitOfWork
from netralitas.privacy.reporter_identity import generate_identity_key

PG_SCHEMA = f"cases_it_{os.getpid()}"


def pg_schema_url(url: str, schema: str = PG_SCHEMA) -> str:
    """The URL with ``search_path`` set to our own schema (psycopg passes ``options`` on)."""
    parsed = make_url(url).set(drivername="postgresql+psycopg")
    base = parsed.render_as_string(hide_password=False)
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


def reset_pg_schema(url: str, schema: str = PG_SCHEMA, *, create: bool = True) -> None:
    plain = make_url(url).set(drivername="postgresql", query={})
    with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        if create:
            conn.execute(f"CREATE SCHEMA {schema}")


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(name, migrated template URL) for each backend."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.db"
        url = f"sqlite:///{path}"
        upgrade(url)
        yield "sqlite", url
        return
    raw = request.getfixturevalue("postgres_url")
    reset_pg_schema(raw)
    url = pg_schema_url(raw)
    upgrade(url)
    yield "postgres", url
    reset_pg_schema(raw, create=False)


@pytest.fixture
def db_url(backend: tuple[str, str], tmp_path: Path) -> str:
    """A migrated, empty database for this test only."""
    name, url = backend
    if name == "sqlite":
        target = tmp_path / "netralitas.db"
        shutil.copyfile(make_url(url).database or "", target)
        return f"sqlite:///{target}"
    engine = create_db_engine(url)
    try:
        with engine.begin() as conn:
            tables = ", ".join(t.name for t in metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {tables} CASCADE"))
            conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"), {"h": "0" * 64})
    finally:
        engine.dispose()
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = create_db_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        database_url=db_url,
        identity_key=generate_identity_key(),  # type: ignore[arg-type]
        receipt_hash_time_cost=1,
        password_hash_time_cost=1,
        password_hash_memory_kib=8,
        receipt_hash_memory_kib=8,
        retention_days=30,
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2024, 10, 1, 3, 0, tzinfo=UTC))


@pytest.fixture
def kit(settings: Settings, clock: FixedClock) -> Kit:
    return build_kit(settings, clock=clock)


@pytest.fixture
def make_uow(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    return lambda: SqlUnitOfWork(engine)


@dataclass(frozen=True)
class Raw:
    """Raw SQL behind the application's back (tamper tests)."""

    engine: Engine

    def execute(self, sql: str, **params: object) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(sql), params)

    def scalar(self, sql: str, **params: object) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()


@pytest.fixture
def raw(engine: Engine) -> Raw:
    return Raw(engine)


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str]]:
    monkeypatch.setenv("NETRALITAS_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("NETRALITAS_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NETRALITAS_IDENTITY_KEY", settings.identity_key.get_secret_value())
    monkeypatch.setenv("NETRALITAS_RECEIPT_HASH_TIME_COST", "1")
    monkeypatch.setenv("NETRALITAS_PASSWORD_HASH_TIME_COST", "1")
    monkeypatch.setenv("NETRALITAS_PASSWORD_HASH_MEMORY_KIB", "8")
    monkeypatch.setenv("NETRALITAS_RECEIPT_HASH_MEMORY_KIB", "8")
    monkeypatch.setenv("NETRALITAS_RETENTION_DAYS", str(settings.retention_days))
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, result.output

    return run
