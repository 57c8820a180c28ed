"""The whole web app on a real database (SQLite and, when configured, PostgreSQL), with the
people and a case of tests/web, for attacker-style tests. PostgreSQL matters here: it refuses
what SQLite stores (NUL in text, integers beyond 64 bits)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, text

from netralitas.clock import FixedClock
from netralitas.composition import Backend, build_kit
from netralitas.db.uow import SqlUnitOfWork
from netralitas.web.app import create_app
from tests.factories import PASSWORD, World, add_agencies, case_in_examination, seed_people
from tests.integration.conftest import backend, db_url, engine  # noqa: F401  (fixtures)
from tests.web.helpers import login, make_settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

#: Tables whose row counts must not move when a hostile request is refused.
COUNTED = (
    "cases", "reports", "messages", "evidence", "users", "audit_entries", "reporter_identities",
    "case_events", "assessments", "recommendations", "ppk_decisions", "followups", "escalations",
    "screening_reviews", "persons",
)  # fmt: skip


@dataclass
class SqlWorld:
    world: World
    app: FastAPI
    engine: Engine
    case: dict[str, str]

    def counts(self) -> dict[str, int]:
        sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in COUNTED)
        with self.engine.connect() as conn:
            row = conn.execute(text(sql)).one()
        return dict(zip(COUNTED, (int(n) for n in row), strict=True))

    def client(self, username: str | None = None) -> TestClient:
        client = TestClient(self.app, raise_server_exceptions=False)
        if username is not None:
            login(client, username, PASSWORD)
        return client


def make_sql_world(tmp_path: Path, sql_engine: Engine, url: str) -> SqlWorld:
    settings = make_settings(tmp_path, database_url=url, demo_mode=True)  # /readyz: test keys are fine
    clock = FixedClock(datetime(2024, 10, 7, 3, 0, tzinfo=UTC))
    make_uow: Callable[[], SqlUnitOfWork] = lambda: SqlUnitOfWork(sql_engine)  # noqa: E731
    add_agencies(make_uow)
    world = World(Backend(make_uow, build_kit(settings, clock=clock, screening=False)), None, clock)  # type: ignore[arg-type]
    world.user_ids = seed_people(make_uow, world.backend.kit)
    case = case_in_examination(world)
    app = create_app(settings, clock=clock, backend=world.backend)
    return SqlWorld(world, app, sql_engine, case)


@pytest.fixture
def sql_world(tmp_path: Path, engine: Engine, db_url: str) -> Iterator[SqlWorld]:  # noqa: F811
    yield make_sql_world(tmp_path, engine, db_url)
