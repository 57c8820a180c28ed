"""Shared set-up of the oversight tests: a small demo database (real services) and an app on it."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import SecretStr
from sqlalchemy import Engine, select

from netralitas.cases.dependencies import Kit
from netralitas.composition import Backend
from netralitas.config import Settings
from netralitas.db import models as m
from netralitas.db.uow import SqlUnitOfWork
from netralitas.demo.seeding import DemoResult, seed_demo
from netralitas.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@dataclass
class Seeded:
    demo: DemoResult
    backend: Backend

    def password(self, username: str) -> str:
        return next(p for u, p, _r, _s in self.demo.credentials if u == username)


def seed(make_uow: Callable[[], SqlUnitOfWork], kit: Kit, per_status: int = 1) -> Seeded:
    demo = seed_demo(make_uow, kit, per_status=per_status)
    return Seeded(demo, Backend(make_uow, kit))  # type: ignore[arg-type]


def web_client(settings: Settings, seeded: Seeded) -> TestClient:
    web = settings.model_copy(
        update={"secret_key": SecretStr("oversight-test-secret-key"), "secure_cookies": False}
    )
    return TestClient(create_app(web, clock=seeded.backend.kit.clock, backend=seeded.backend),
                      raise_server_exceptions=False)  # fmt: skip


def recount(engine: Engine, column: str) -> Counter[str]:
    """Cases per value counted from the case tables themselves (not the facts)."""
    cases = m.Case.__table__
    with engine.connect() as conn:
        if column == "status":
            return Counter(s for (s,) in conn.execute(select(cases.c.status)))  # type: ignore[attr-defined]
        if column == "province_code":
            rows = conn.execute(select(cases.c.region_code))  # type: ignore[attr-defined]
            return Counter(r.split(".")[0] if r else "" for (r,) in rows)
        assessments = m.Assessment.__table__
        latest: dict[str, list[str]] = {}
        stmt = select(assessments.c.case_id, assessments.c.behaviours).order_by(  # type: ignore[attr-defined]
            assessments.c.created_at,
            assessments.c.id,  # type: ignore[attr-defined]
        )
        for case_id, behaviours in conn.execute(stmt):
            latest[case_id] = behaviours
        ids = [i for (i,) in conn.execute(select(cases.c.id))]  # type: ignore[attr-defined]
    out: Counter[str] = Counter()
    for case_id in ids:
        chosen = sorted(b for b in latest.get(case_id, []) if b != "none")
        out[chosen[0] if chosen else "unknown"] += 1
    return out
