"""Query plans of the console's queue reads on the realistic case load of ``db.synthetic``
(20,000 cases): "Kasus saya" and the order by nearest deadline, for a province and a city
officer, reach ``cases``, ``case_deadlines`` and ``case_assignments`` through indexes; the
audit viewer's filters by actor and action read ``audit_entries`` through theirs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, select

from netralitas.cases.accounts import create_user
from netralitas.cases.audit_viewer import browse_audit
from netralitas.cases.case_lists import queue_view
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import UserCreate
from netralitas.cases.ports import AuditQuery, CaseQuery
from netralitas.cases.roles import Actor, Role
from netralitas.db import synthetic
from netralitas.db.console_models import CaseAssignmentRow
from netralitas.db.models import Case as CaseRow
from netralitas.db.models import User as UserRow
from netralitas.db.uow import SqlUnitOfWork

PLAN_AT = datetime(2025, 6, 1, 3, 0, tzinfo=UTC)
TABLES = ("cases", "case_deadlines", "case_assignments", "audit_entries")


@pytest.fixture
def loaded(engine: Engine, kit: Kit) -> tuple[Engine, Actor, Actor]:
    synthetic.load(engine, 20_000)
    made = []
    for name, region in (("plan.jateng", "33"), ("plan.semarang", "33.74")):
        payload = UserCreate(username=name, display_name=name, role=Role.TASKFORCE,
                             password="kata-sandi-uji-123", region_code=region, agency_id=None)  # fmt: skip
        user = create_user(SqlUnitOfWork(engine), kit, None, payload)
        made.append(Actor(user.id, user.username, Role.TASKFORCE, region))
    with engine.begin() as conn:  # every case handled by one of 100 officers (ours have a city's share)
        others = [{"id": f"plan-user-{n:03d}", "username": f"plan.{n:03d}", "display_name": f"Petugas {n}",
                   "role": "taskforce", "region_code": "33", "agency_id": None, "password_hash": "-",
                   "active": True, "created_at": PLAN_AT, "version": 1, "session_epoch": 0}
                  for n in range(98)]  # fmt: skip
        conn.execute(insert(UserRow.__table__), others)
        pool = [u["id"] for u in others]
        c = CaseRow.__table__
        ids = conn.execute(select(c.c.id, c.c.region_code)).all()
        ours = [made[n % 2].user_id if r.startswith("33.74") and n % 10 == 0 else pool[n % 98]
                for n, (_, r) in enumerate(ids)]  # fmt: skip
        rows = [{"id": i, "assigned_by": "x", "assigned_at": PLAN_AT, "version": 1, "assignee_id": ours[n]}
                for n, (i, _) in enumerate(ids)]  # fmt: skip
        conn.execute(insert(CaseAssignmentRow.__table__), rows)
        conn.exec_driver_sql("ANALYZE case_assignments" if engine.dialect.name == "postgresql" else "ANALYZE")
    return engine, made[0], made[1]


def _captured(engine: Engine, kit: Kit, actors: tuple[Actor, Actor]) -> Iterator[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and any(t in statement for t in TABLES):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        for actor in actors:
            uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
            queue_view(uow(), kit, actor, CaseQuery(limit=25, assignee_id=actor.user_id), synthetic.TODAY)
            queue_view(uow(), kit, actor, CaseQuery(limit=25, sort="deadline"), synthetic.TODAY)
            queue_view(uow(), kit, actor, CaseQuery(limit=25, sort="deadline", offset=50), synthetic.TODAY)
        pengawas = Actor("plan-bkn", "bkn", Role.SUPERVISOR)
        for q in (AuditQuery(actor_id=actors[0].user_id), AuditQuery(action="user.created")):
            browse_audit(SqlUnitOfWork(engine), kit, pengawas, q)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    yield from seen


def _pg_nodes(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield plan["Node Type"], plan.get("Relation Name", "")
    for child in plan.get("Plans", []):
        yield from _pg_nodes(child)


def _full_scans(engine: Engine, statement: str, parameters: Any) -> list[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            raw = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar_one()
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
            return [f"{k} on {rel}" for k, rel in _pg_nodes(plan) if k == "Seq Scan" and rel in TABLES]
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        return [row[-1] for row in rows if any(row[-1] == f"SCAN {t}" for t in TABLES)]


def test_console_reads_never_scan_the_big_tables(loaded: tuple[Engine, Actor, Actor], kit: Kit) -> None:
    engine, province, city = loaded
    statements = list(_captured(engine, kit, (province, city)))
    assert len(statements) >= 10
    found = {}
    for st, p in statements:
        scans = _full_scans(engine, st, p)
        if scans:
            found[" ".join(st.split())[:200]] = scans
    assert found == {}, "\n".join(f"{k[-120:]} -> {v}" for k, v in found.items())
