"""Guidance tests run on the real database adapters: SQLite, and PostgreSQL when
NETRALITAS_TEST_DATABASE_URL is set (the integration fixtures give each test a fresh database)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from netralitas.cases.roles import Actor, Role
from netralitas.db.outreach_repositories import SqlOutreachUnitOfWork
from netralitas.db.uow import SqlUnitOfWork
from netralitas.outreach.access import OPERATOR
from netralitas.outreach.rosters import register_units
from tests.factories import BANTUL, SLEMAN, add_agencies
from tests.integration.conftest import backend, cli, db_url, engine, settings  # noqa: F401  (fixtures)

NOW = datetime(2024, 10, 7, 3, 0, tzinfo=UTC)
UNITS = [("DISDIK", "Dinas Pendidikan"), ("KEC-DEPOK", "Kecamatan Depok"), ("KEC-MLATI", "Kecamatan Mlati")]
PPK_SLEMAN = Actor("u-ppk", "ppk_sleman", Role.PPK, "34.04", SLEMAN.id)
PPK_BANTUL = Actor("u-ppk-b", "ppk_bantul", Role.PPK, "34.02", BANTUL.id)


@pytest.fixture
def make_uow(engine: Engine) -> Callable[[], SqlOutreachUnitOfWork]:  # noqa: F811
    add_agencies(lambda: SqlUnitOfWork(engine), (SLEMAN, BANTUL))
    factory = lambda: SqlOutreachUnitOfWork(engine)  # noqa: E731
    register_units(factory, NOW, OPERATOR, SLEMAN.id, UNITS)
    return factory
