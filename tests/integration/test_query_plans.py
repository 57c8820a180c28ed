"""Query plans of the hot reads on a realistic case load (``db.synthetic``: 20,000 cases weighted
to Java, two years of openings, a stale backlog) with the planner's statistics refreshed
(``VACUUM ANALYZE`` / ``ANALYZE``), nothing forced: every statement of a province or city
officer's queue pages (first, keyset both ways, status filter) and overdue view, and of a
city's whole overdue list, reaches ``cases`` and ``case_deadlines`` through an index, never a
full scan. (A province's whole overdue list, unpaged, may be joined by hashing: PostgreSQL
costs that below thousands of key look-ups, which is fair; ``bench/cases_scale.py`` times it.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from netralitas.cases.case_lists import list_overdue, queue_view
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery
from netralitas.cases.roles import Actor, Role
from netralitas.db import synthetic
from netralitas.db.uow import SqlUnitOfWork

PROVINCE = Actor("plan-33", "satgas.jateng", Role.TASKFORCE, "33")  # the second-largest province
CITY = Actor("plan-3374", "satgas.semarang", Role.TASKFORCE, "33.74")
HOT_TABLES = ("cases", "case_deadlines")
#: Read by every queue page too (the counts per status, kept in step): captured, a few rows.
READ_TOO = ("case_status_counts",)


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    synthetic.load(engine, 20_000)
    return engine


def _captured(engine: Engine, kit: Kit) -> Iterator[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def grab(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        read = any(t in statement for t in (*HOT_TABLES, *READ_TOO))
        if statement.lstrip().upper().startswith("SELECT") and read:
            seen.append((statement, parameters))

    today = synthetic.TODAY
    event.listen(engine, "before_cursor_execute", grab)
    try:
        for actor in (PROVINCE, CITY):
            uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
            first = queue_view(uow(), kit, actor, CaseQuery(limit=25), today).page.items
            after = (first[-1].opened_at, first[-1].id)
            queue_view(uow(), kit, actor, CaseQuery(limit=25, after=after), today)
            queue_view(uow(), kit, actor, CaseQuery(limit=25, before=after), today)
            verification = CaseQuery(statuses=frozenset({synthetic.S.VERIFICATION}), limit=25)
            queue_view(uow(), kit, actor, verification, today)
            queue_view(uow(), kit, actor, CaseQuery(limit=25), today, overdue=True)
        list_overdue(SqlUnitOfWork(engine), kit, today, CITY)  # the whole list (API, no page)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    yield from seen


def _pg_scans(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield plan["Node Type"], plan.get("Relation Name", "")
    for child in plan.get("Plans", []):
        yield from _pg_scans(child)


def _full_scans(engine: Engine, statement: str, parameters: Any) -> list[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            raw = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar_one()
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
            return [
                f"{kind} on {rel}"
                for kind, rel in _pg_scans(plan)
                if kind == "Seq Scan" and rel in HOT_TABLES
            ]
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        return [row[-1] for row in rows if any(row[-1] == f"SCAN {t}" for t in HOT_TABLES)]


def test_officer_pages_never_scan_the_case_tables(loaded: Engine, kit: Kit, tmp_path: Path) -> None:
    statements = list(_captured(loaded, kit))
    assert len(statements) >= 25  # ten queue pages (2-3 statements on the hot tables each) and a list
    assert sum("case_status_counts" in st for st, _ in statements) == 10  # not counted from ``cases``
    found = {
        " ".join(st.split())[:160]: scans for st, p in statements if (scans := _full_scans(loaded, st, p))
    }
    assert found == {}
