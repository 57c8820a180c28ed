"""Query pieces of the officer console: the case list's assignee filter and deadline order, and
the audit-trail viewer's filtered read. Region scopes are index ranges (``cases.roles.region_range``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from netralitas.cases.ports import AuditQuery, CaseQuery
from netralitas.cases.roles import region_range
from netralitas.db import console_models as cm
from netralitas.db import models

#: Above this many matching audit entries the viewer says "more than" instead of counting all.
AUDIT_COUNT_CAP = 10_000


def _table(model: type[models.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _inside(column: Any, prefix: str) -> ColumnElement[bool]:
    low, children, high = region_range(prefix)
    return and_(column >= low, column < high, or_(column == low, column >= children))


def assignee_clause(cases: Table, q: CaseQuery) -> ColumnElement[bool] | None:
    """``cases.id IN (the assignee's cases)`` (index ``ix_case_assignments_assignee``)."""
    if q.assignee_id is None:
        return None
    a = _table(cm.CaseAssignmentRow)
    return cases.c.id.in_(select(a.c.id).where(a.c.assignee_id == q.assignee_id))


def _nearest_deadlines(q: CaseQuery) -> Any:
    """Per case, its nearest open deadline, for the open deadlines of the query's region and agency
    (the deadlines carry a copy of both, so their partial indexes narrow the read)."""
    d = _table(models.CaseDeadline)
    inner: list[ColumnElement[bool]] = [d.c.stopped_on.is_(None)]
    if q.region_prefix:
        inner.append(_inside(d.c.region_code, q.region_prefix))
    if q.agency_id is not None:
        inner.append(d.c.agency_id == q.agency_id)
    return (
        select(d.c.case_id, func.min(d.c.due_on).label("next_due"))
        .where(*inner)
        .group_by(d.c.case_id)
        .subquery()
    )


def deadline_page(
    conn: Connection, cases: Table, q: CaseQuery, where: list[ColumnElement[bool]]
) -> list[Any]:
    """A page of case rows ordered by their nearest open deadline, then newest first; the cases
    without an open deadline follow, newest first. Read in two parts: the cases with an open
    deadline (grouped from the open deadlines in scope, then joined to ``cases`` by key) and,
    only when the page reaches past them, the others (newest first, the case index walked with
    a key probe of the open deadlines) — never a sort of the whole scope."""
    nearest = _nearest_deadlines(q)
    joined = cases.join(nearest, nearest.c.case_id == cases.c.id)
    head = (
        select(cases)
        .select_from(joined)
        .where(*where)
        .order_by(nearest.c.next_due, cases.c.opened_at.desc(), cases.c.id.desc())
        .limit(q.limit)
        .offset(q.offset)
    )
    rows = list(conn.execute(head).mappings())
    if len(rows) == q.limit:
        return rows
    skip = 0
    if not rows:  # the page starts inside the tail: skip what the cases with a deadline took
        with_due = int(conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one())
        skip = max(0, q.offset - with_due)
    d = _table(models.CaseDeadline)
    has_open = select(d.c.id).where(d.c.case_id == cases.c.id, d.c.stopped_on.is_(None)).exists()
    tail = (
        select(cases)
        .where(*where, ~has_open)
        .order_by(cases.c.opened_at.desc(), cases.c.id.desc())
        .limit(q.limit - len(rows))
        .offset(skip)
    )
    return rows + list(conn.execute(tail).mappings())


def audit_search(conn: Connection, audit: Table, q: AuditQuery) -> tuple[list[dict[str, Any]], int]:
    """Rows of ``audit_entries`` matching ``q`` (newest first) and their count (capped)."""
    t, where = audit, list[ColumnElement[bool]]()
    if q.actor_id:
        where.append(t.c.actor_id == q.actor_id)
    if q.action:
        where.append(t.c.action == q.action)
    if q.subject_type:
        where.append(t.c.subject_type == q.subject_type)
    if q.subject_id:
        where.append(t.c.subject_id == q.subject_id)
    if q.since is not None:
        where.append(t.c.at >= q.since)
    if q.until is not None:
        where.append(t.c.at < q.until)
    if q.case_region_prefix is not None:
        c = _table(models.Case)
        inside: list[ColumnElement[bool]] = []
        if q.case_region_prefix:
            inside.append(_inside(c.c.region_code, q.case_region_prefix))
        if q.case_agency_id is not None:
            inside.append(c.c.agency_id == q.case_agency_id)
        where += [t.c.subject_type == "case", t.c.subject_id.in_(select(c.c.id).where(*inside))]
    rows = conn.execute(
        select(t).where(*where).order_by(t.c.seq.desc()).limit(q.limit).offset(q.offset)
    ).mappings()
    found = [dict(r) for r in rows]
    capped = select(t.c.seq).where(*where).limit(AUDIT_COUNT_CAP + 1).subquery()
    total = int(conn.execute(select(func.count()).select_from(capped)).scalar_one())
    return found, total
