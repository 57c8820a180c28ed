"""Repositories over SQLAlchemy Core statements on one connection (the unit of work's)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    tuple_,
    union,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from netralitas.cases.access_checks import user_conflict
from netralitas.cases.ports import AuditQuery, CaseQuery, OverdueRow
from netralitas.cases.records import AuditEntry, Case, CaseDeadline, Message, Report, Screening, User
from netralitas.cases.roles import region_range
from netralitas.db import console_models as cm
from netralitas.db import models
from netralitas.db.console_queries import assignee_clause, audit_search, deadline_page
from netralitas.db.mapping import mapper_for
from netralitas.db.prepared import Prepared
from netralitas.errors import ConflictError
from netralitas.identifiers.links import link_keys

T = TypeVar("T")


def _table(model: type[models.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def record_columns(table: Table, cls: type) -> Any:
    """``SELECT`` of a record's columns in the order of its fields (``Mapper.from_values``)."""
    return select(*(table.c[name] for name in mapper_for(cls).fields))


@functools.cache
def _by_id(table: Table, cls: type) -> Prepared:
    """A record by id, prepared once per table (read on every request: the signed-in user)."""
    return Prepared(record_columns(table, cls).where(table.c.id == bindparam("item_id")))


class SqlRepository(Generic[T]):
    def __init__(self, conn: Connection, model: type[models.Base], cls: type[T]) -> None:
        self.conn = conn
        self.table = _table(model)
        self.mapper = mapper_for(cls)

    def _rows(self, stmt: Any) -> list[T]:
        return [self.mapper.from_row(r) for r in self.conn.execute(stmt).mappings()]

    def add(self, item: T) -> None:
        try:
            self.conn.execute(insert(self.table).values(**self.mapper.to_row(item)))
        except IntegrityError as exc:  # a concurrent writer got there first, or a dangling reference
            raise ConflictError(
                "Data bertabrakan dengan data lain yang baru disimpan; ulangi.",
                message_en="The data conflicts with data just stored; try again.",
                code="integrity_conflict",
                details={"table": self.table.name},
            ) from exc

    def get(self, item_id: str) -> T | None:
        found = _by_id(self.table, self.mapper.cls).rows(  # type: ignore[arg-type]  # classes are hashable
            self.conn, {"item_id": item_id}
        )
        return self.mapper.from_values(found[0]) if found else None

    def replace(self, item: T) -> None:
        row = self.mapper.to_row(item)
        self.conn.execute(update(self.table).where(self.table.c.id == row["id"]).values(**row))

    def find(self, **equals: object) -> list[T]:
        where = [self.table.c[k].is_(None) if v is None else self.table.c[k] == v for k, v in equals.items()]
        order = [self.table.c[c] for c in ("created_at", "at", "submitted_at") if c in self.table.c]
        return self._rows(select(self.table).where(*where).order_by(*order, self.table.c.id))

    def delete(self, item_id: str) -> None:
        self.conn.execute(delete(self.table).where(self.table.c.id == item_id))

    def ids(self) -> Iterator[str]:
        """Every id, in pages (audit coverage checks walk all rows without loading them)."""
        t, last = self.table, ""
        while True:
            page = list(
                self.conn.execute(select(t.c.id).where(t.c.id > last).order_by(t.c.id).limit(5000)).scalars()
            )
            yield from page
            if len(page) < 5000:
                return
            last = page[-1]


def region_filter(column: Any, prefix: str) -> ColumnElement[bool] | None:
    """``region_contains(prefix, column)`` as one index range (``cases.roles.region_range``);
    the column must compare in code-point order (``models.REGION``)."""
    if not prefix:
        return None
    low, children, high = region_range(prefix)
    return and_(column >= low, column < high, or_(column == low, column >= children))


def bound_region(column: Any, name: str = "region") -> ColumnElement[bool]:
    """``region_filter`` with its three bounds as parameters (``region_bounds``), for statements
    built once per shape and run with the values of each call."""
    low, children, high = (bindparam(f"{name}_{p}", type_=String()) for p in ("low", "children", "high"))
    return and_(column >= low, column < high, or_(column == low, column >= children))


def region_bounds(prefix: str, name: str = "region") -> dict[str, str]:
    """The values of a ``bound_region`` filter for ``prefix`` (a non-empty scope)."""
    low, children, high = region_range(prefix)
    return {f"{name}_low": low, f"{name}_children": children, f"{name}_high": high}


def _scope_where(t: Table, q: CaseQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if q.statuses:
        where.append(t.c.status.in_(sorted(s.value for s in q.statuses)))
    region = region_filter(t.c.region_code, q.region_prefix)
    if region is not None:
        where.append(region)
    if q.agency_id is not None:
        where.append(t.c.agency_id == q.agency_id)
    return where


#: How many of the newest cases a wide scope's page is looked for in before the region index.
RECENT_WINDOW = 10_000


def _walks(conn: Connection, q: CaseQuery) -> bool:
    """Whether a first or keyset page is looked for in a window first (SQLite, region scopes)."""
    return conn.dialect.name == "sqlite" and bool(q.region_prefix) and q.agency_id is None and not q.offset


def bump_status_counts(conn: Connection, changes: dict[tuple[str, str, str], int]) -> None:
    """Add to the cases counted per (region, agency key, status) (one upsert; zero moves skipped)."""
    rows = [{"region_code": r, "agency_key": a, "status": s, "n": n} for (r, a, s), n in changes.items() if n]
    if not rows:
        return
    table = _table(models.CaseStatusCount)
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(rows)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["region_code", "agency_key", "status"], set_={"n": table.c.n + stmt.excluded.n}
        )
    )


def rebuild_status_counts(conn: Connection) -> None:
    """Recount the cases per region, agency and status (after a bulk load; the caller commits)."""
    table, c = _table(models.CaseStatusCount), _table(models.Case).c
    conn.execute(delete(table))
    agency = func.coalesce(c.agency_id, "")
    counted = select(c.region_code, agency, c.status, func.count()).group_by(c.region_code, agency, c.status)
    conn.execute(table.insert().from_select(["region_code", "agency_key", "status", "n"], counted))


def _status_key(row: Any) -> tuple[str, str, str]:
    return (row["region_code"], row["agency_id"] or "", row["status"])


class SqlCases(SqlRepository[Case]):
    """Cases. Every add and change also (same transaction) moves the case in the counts per status
    and writes a row to ``case_changes`` (what the oversight figures are re-derived from)."""

    def add(self, item: Case) -> None:
        super().add(item)
        row = self.mapper.to_row(item)
        bump_status_counts(self.conn, {_status_key(row): 1})
        self._changed(item.id)

    def _changed(self, case_id: str) -> None:
        self.conn.execute(insert(_table(models.CaseChange)).values(case_id=case_id))

    def _before(self, case_id: str) -> tuple[str, str, str] | None:
        t = self.table
        stmt = select(t.c.region_code, t.c.agency_id, t.c.status).where(t.c.id == case_id)
        found = self.conn.execute(stmt).mappings().first()
        return _status_key(found) if found else None

    def _moved(self, before: tuple[str, str, str] | None, after: Case) -> None:
        now = _status_key(self.mapper.to_row(after))
        if before is not None and before != now:
            bump_status_counts(self.conn, {before: -1, now: 1})
        self._changed(after.id)

    def update(self, case: Case, expected_version: int) -> Case:
        new = replace(case, version=expected_version + 1)
        t = self.table
        before = self._before(case.id)
        stmt = (
            update(t)
            .where(t.c.id == case.id, t.c.version == expected_version)
            .values(**self.mapper.to_row(new))
        )
        if self.conn.execute(stmt).rowcount != 1:
            raise ConflictError(
                "Kasus telah diubah oleh pengguna lain; muat ulang lalu ulangi.",
                message_en="The case was changed by someone else; reload and try again.",
                details={"case_id": case.id, "expected_version": expected_version},
            )
        self._scope_deadlines(new)
        self._moved(before, new)
        return new

    def replace(self, item: Case) -> None:
        before = self._before(item.id)
        super().replace(item)
        self._scope_deadlines(item)
        if before is not None:
            self._moved(before, item)

    def _scope_deadlines(self, case: Case) -> None:
        """Keep the copy of the case's region and agency on its deadlines in step."""
        d = _table(models.CaseDeadline)
        moved = or_(d.c.region_code != case.region_code, d.c.agency_id.is_distinct_from(case.agency_id))
        stmt = update(d).where(d.c.case_id == case.id, moved)
        self.conn.execute(stmt.values(region_code=case.region_code, agency_id=case.agency_id))

    def _where(self, q: CaseQuery) -> list[ColumnElement[bool]]:
        t, where = self.table, _scope_where(self.table, q)
        if q.text:
            like = f"%{q.text.lower()}%"
            where.append(or_(func.lower(t.c.title).like(like), func.lower(t.c.number).like(like)))
        assigned = assignee_clause(t, q)
        if assigned is not None:
            where.append(assigned)
        return where

    def search(self, query: CaseQuery) -> tuple[list[Case], int]:
        return self.page(query), self.count(query)

    def count(self, query: CaseQuery) -> int:
        stmt = _case_count(_filter_shape(query, walked=False))
        return int(self.conn.execute(stmt, _filter_params(query)).scalar_one())

    def page(self, query: CaseQuery) -> list[Case]:
        """Newest first. PostgreSQL's planner weighs the page's LIMIT against the region's
        statistics and walks the newest cases for a wide scope by itself; SQLite's (no histograms)
        takes the region index and sorts the whole scope, so there a wide scope is looked for
        among the newest cases first (``_recent_page``). Both give the same rows. Sorted by
        deadline (``query.sort``), pages go by offset. The statements are built once per shape
        of the query (``_case_page``) and run with its values."""
        if query.sort == "deadline":
            return [
                self.mapper.from_row(r)
                for r in deadline_page(self.conn, self.table, query, self._where(query))
            ]
        if _walks(self.conn, query) and query.assignee_id is None:
            found = self._recent_page(query)
            if found is not None:
                return found
        return self._indexed_page(query, _filter_shape(query, walked=False), _filter_params(query))

    def _indexed_page(self, query: CaseQuery, shape: tuple[bool, ...], params: dict[str, Any]) -> list[Case]:
        mode = "before" if query.before is not None else "after" if query.after is not None else "offset"
        key = query.before or query.after
        values = {**params, "page_limit": query.limit, "page_offset": query.offset}
        if key is not None:
            values |= {"key_at": key[0], "key_id": key[1]}
        rows = list(map(self.mapper.from_values, _case_page(shape, mode).rows(self.conn, values)))
        return rows[::-1] if mode == "before" else rows  # the page above was read upwards

    def _recent_page(self, query: CaseQuery) -> list[Case] | None:
        """The page among the ``RECENT_WINDOW`` cases next to the page's key (or the newest),
        with the region asked of each row instead of the region index; None when fewer than a
        page of them match (the matches outside the window are all further down the order, so a
        full page found inside it is the right page)."""
        up = query.before is not None
        mode = "before" if up else "after" if query.after is not None else "offset"
        key = query.before or query.after
        values = {**_filter_params(query), "window": RECENT_WINDOW, "page_limit": query.limit}
        if key is not None:
            values |= {"key_at": key[0], "key_id": key[1]}
        # one statement: the window's edge is a subquery, and each row says whether there was one
        # (fewer cases than the window: the page is the whole answer however short)
        rows = _case_window_page(_filter_shape(query, walked=True), mode).rows(self.conn, values)
        found = [self.mapper.from_values(r[:-1]) for r in rows]
        if len(found) < query.limit and (not rows or rows[0][-1]):
            return None  # a short page in a full window (or none: the edge is not known then)
        return found[::-1] if up else found

    def count_by_status(self, region_prefix: str, agency_id: str | None) -> dict[str, int]:
        """From the counts kept in step (a few rows per region code), not from the cases."""
        params: dict[str, Any] = region_bounds(region_prefix) if region_prefix else {}
        if agency_id is not None:
            params["agency"] = agency_id
        stmt = _status_counts(bool(region_prefix), agency_id is not None)
        return {status: int(n) for status, n in stmt.rows(self.conn, params) if n}

    def scope_counts(self, region_prefix: str, agency_id: str | None, on: date) -> tuple[dict[str, int], int]:
        """One statement: the counts per status and the overdue count (``_scope_counts``)."""
        params: dict[str, Any] = {"on": on}
        if region_prefix:
            params |= region_bounds(region_prefix)
        if agency_id is not None:
            params["agency"] = agency_id
        counts, overdue = {}, 0
        for status, n in _scope_counts(bool(region_prefix), agency_id is not None).rows(self.conn, params):
            if status is None:
                overdue = int(n)
            elif n:
                counts[status] = int(n)
        return counts, overdue

    def closed_unpurged(self, closed_before: datetime, limit: int) -> list[Case]:
        t = self.table
        stmt = select(t).where(
            t.c.closed_at.is_not(None), t.c.closed_at < closed_before, t.c.purged_at.is_(None)
        )
        return self._rows(stmt.order_by(t.c.closed_at, t.c.id).limit(limit))


def _filter_shape(q: CaseQuery, *, walked: bool) -> tuple[bool, ...]:
    """Which filters ``q`` uses (the key of the statements built for it); ``walked``: the region
    asked of each row rather than of the region index (``SqlCases._recent_page``)."""
    region = bool(q.region_prefix)
    return (bool(q.statuses), region and not walked, region and walked, q.agency_id is not None,
            bool(q.text), q.assignee_id is not None)  # fmt: skip


def _filter_params(q: CaseQuery) -> dict[str, Any]:
    """The values of ``_case_filters`` for ``q``."""
    params: dict[str, Any] = region_bounds(q.region_prefix) if q.region_prefix else {}
    if q.statuses:
        params["statuses"] = sorted(s.value for s in q.statuses)
    if q.agency_id is not None:
        params["agency"] = q.agency_id
    if q.text:
        params["like"] = f"%{q.text.lower()}%"
    if q.assignee_id is not None:
        params["assignee"] = q.assignee_id
    return params


def _case_filters(shape: tuple[bool, ...]) -> list[ColumnElement[bool]]:
    """``SqlCases._where`` with bound parameters, for a ``_filter_shape``."""
    statuses, region, walked, agency, text, assignee = shape
    t, a = _table(models.Case), _table(cm.CaseAssignmentRow)
    where: list[ColumnElement[bool]] = []
    if statuses:
        where.append(t.c.status.in_(bindparam("statuses", expanding=True)))
    if region:
        where.append(bound_region(t.c.region_code))
    if agency:
        where.append(t.c.agency_id == bindparam("agency"))
    if text:
        like = bindparam("like", type_=String())
        where.append(or_(func.lower(t.c.title).like(like), func.lower(t.c.number).like(like)))
    if assignee:
        where.append(t.c.id.in_(select(a.c.id).where(a.c.assignee_id == bindparam("assignee"))))
    if walked:  # "+ ''": not the region index (``SqlCases._recent_page``)
        where.append(bound_region(t.c.region_code + ""))
    return where


@functools.cache
def _case_count(shape: tuple[bool, ...]) -> Any:
    t = _table(models.Case)
    return select(func.count()).select_from(t).where(*_case_filters(shape))


def _case_key() -> Any:
    t = _table(models.Case)
    at, case_id = bindparam("key_at", type_=t.c.opened_at.type), bindparam("key_id", type_=t.c.id.type)
    return tuple_(t.c.opened_at, t.c.id), tuple_(at, case_id)


@functools.cache
def _case_page(shape: tuple[bool, ...], mode: str) -> Prepared:
    """A page of cases newest first (``mode`` "offset" or "after" a key; "before" a key reads
    upwards, the caller turns it round)."""
    t = _table(models.Case)
    where = _case_filters(shape)
    limit = bindparam("page_limit", type_=Integer())
    key, value = _case_key()
    columns = record_columns(t, Case)
    if mode == "before":
        return Prepared(columns.where(*where, key > value).order_by(t.c.opened_at, t.c.id).limit(limit))
    stmt = columns.where(*where).order_by(t.c.opened_at.desc(), t.c.id.desc()).limit(limit)
    if mode == "after":
        return Prepared(stmt.where(key < value))
    return Prepared(stmt.offset(bindparam("page_offset", type_=Integer())))


def _case_edge(mode: str) -> Any:
    """The opened_at ``RECENT_WINDOW`` cases away from the key (or the newest) in the page's way."""
    t = _table(models.Case)
    up = mode == "before"
    edge = select(t.c.opened_at).order_by(t.c.opened_at if up else t.c.opened_at.desc())
    key, value = _case_key()
    if mode == "before":
        edge = edge.where(key > value)
    elif mode == "after":
        edge = edge.where(key < value)
    return edge.offset(bindparam("window", type_=Integer())).limit(1)


#: Below and above every stored opened_at: the edge of a window with fewer cases than it.
_EARLIEST, _LATEST = datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)


@functools.cache
def _case_window_page(shape: tuple[bool, ...], mode: str) -> Prepared:
    """``_case_page`` within the ``RECENT_WINDOW`` cases next to the key (``_case_edge``, a
    subquery run once), no offset; the last column of each row tells whether the window was
    full (an edge found). SQLite only (``_walks``)."""
    t = _table(models.Case)
    # found once (MATERIALIZED): named twice below, a plain subquery walked the window twice
    window = _case_edge(mode).cte("window_edge").prefix_with("MATERIALIZED")
    edge = select(window.c.opened_at).scalar_subquery()
    where = _case_filters(shape)
    if mode == "before":
        where.append(t.c.opened_at <= func.coalesce(edge, literal(_LATEST, t.c.opened_at.type)))
    else:
        where.append(t.c.opened_at >= func.coalesce(edge, literal(_EARLIEST, t.c.opened_at.type)))
    limit = bindparam("page_limit", type_=Integer())
    key, value = _case_key()
    columns = record_columns(t, Case).add_columns(edge.is_not(None))
    if mode == "before":
        return Prepared(columns.where(*where, key > value).order_by(t.c.opened_at, t.c.id).limit(limit))
    stmt = columns.where(*where).order_by(t.c.opened_at.desc(), t.c.id.desc()).limit(limit)
    return Prepared(stmt.where(key < value) if mode == "after" else stmt)


@functools.cache
def _status_counts(region: bool, agency: bool) -> Prepared:
    """``count_by_status``'s statement, built once per shape."""
    return Prepared(_status_counts_select(region, agency))


def _status_counts_select(region: bool, agency: bool) -> Any:
    t = _table(models.CaseStatusCount)
    where = [bound_region(t.c.region_code)] if region else []
    if agency:
        where.append(t.c.agency_key == bindparam("agency"))
    return select(t.c.status, func.sum(t.c.n)).where(*where).group_by(t.c.status)


@functools.cache
def _scope_counts(region: bool, agency: bool) -> Prepared:
    """``SqlCases.scope_counts``: the counts per status, then one row (its status NULL) with the
    deadlines breached (``_open_overdue_count``); each part reads its own index, as before."""
    d = _table(models.CaseDeadline)
    overdue = select(null(), func.count()).select_from(d).where(*_overdue_where(region, agency))
    return Prepared(union_all(_status_counts_select(region, agency), overdue))


@functools.cache
def _open_overdue_count(region: bool, agency: bool) -> Prepared:
    """``count_overdue``'s statement without statuses, built once per shape."""
    return Prepared(
        select(func.count()).select_from(_table(models.CaseDeadline)).where(*_overdue_where(region, agency))
    )


def _overdue_where(region: bool, agency: bool) -> list[ColumnElement[bool]]:
    d = _table(models.CaseDeadline)
    where: list[ColumnElement[bool]] = [
        d.c.stopped_on.is_(None),
        d.c.due_on < bindparam("on", type_=d.c.due_on.type),
    ]
    if region:
        where.append(bound_region(d.c.region_code))
    if agency:
        where.append(d.c.agency_id == bindparam("agency"))
    return where


@functools.cache
def _due_for_cases() -> Prepared:
    d, c = _table(models.CaseDeadline), _table(models.Case)
    where = [
        d.c.stopped_on.is_(None),
        d.c.due_on < bindparam("before", type_=d.c.due_on.type),
        d.c.case_id.in_(bindparam("case_ids", expanding=True)),
    ]
    return Prepared(_overdue_columns(d, c).where(*where).order_by(d.c.due_on, d.c.id))


class SqlDeadlines(SqlRepository[CaseDeadline]):
    def add(self, item: CaseDeadline) -> None:
        """Insert with a copy of the case's region and agency (the scope indexes read them)."""
        c = _table(models.Case)
        found = self.conn.execute(
            select(c.c.region_code, c.c.agency_id).where(c.c.id == item.case_id)
        ).first()
        region, agency = (found.region_code, found.agency_id) if found else ("", None)
        row = {**self.mapper.to_row(item), "region_code": region, "agency_id": agency}
        try:
            self.conn.execute(insert(self.table).values(**row))
        except IntegrityError as exc:
            raise ConflictError(
                "Data bertabrakan dengan data lain yang baru disimpan; ulangi.",
                message_en="The data conflicts with data just stored; try again.",
                code="integrity_conflict",
                details={"table": self.table.name},
            ) from exc

    def open_for_case(self, case_id: str) -> list[CaseDeadline]:
        t = self.table
        return self._rows(select(t).where(t.c.case_id == case_id, t.c.stopped_on.is_(None)).order_by(t.c.id))

    def _open(self, scope: CaseQuery | None) -> list[ColumnElement[bool]]:
        """Open deadlines in ``scope``: region and agency are asked of the copy on the deadline
        (one index range, kept in step by ``SqlCases``), statuses of the case. An open deadline
        is an open case's (every move into a closed status stops them all: ``workflow``), so
        the case's status is not asked otherwise: that would only mislead the planner, which
        takes the two for independent and expects most of the rows to go."""
        d, c = self.table, _table(models.Case)
        where: list[ColumnElement[bool]] = [d.c.stopped_on.is_(None)]
        if scope is not None:
            where += _scope_where(d, CaseQuery(region_prefix=scope.region_prefix, agency_id=scope.agency_id))
            if scope.statuses:
                where.append(c.c.status.in_(sorted(s.value for s in scope.statuses)))
        return where

    def overdue(
        self, on: date, scope: CaseQuery | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[OverdueRow]:
        """Most overdue first. On SQLite a page for a region scope is looked for among the
        ``RECENT_WINDOW`` most overdue deadlines first, as ``SqlCases.page`` does."""
        d = self.table
        if scope is not None and limit and not offset and _walks(self.conn, scope):
            edge = select(d.c.due_on).where(d.c.stopped_on.is_(None), d.c.due_on < on).order_by(d.c.due_on)
            horizon = self.conn.execute(edge.offset(RECENT_WINDOW).limit(1)).scalar()
            walked = replace(scope, region_prefix="")
            where = [*self._open(walked), region_filter(d.c.region_code + "", scope.region_prefix)]
            if horizon is not None:
                where.append(d.c.due_on <= horizon)
            found = self._overdue_rows(on, [w for w in where if w is not None], limit, 0)
            if len(found) == limit or horizon is None:
                return found
        return self._overdue_rows(on, self._open(scope), limit, offset)

    def _overdue_rows(
        self, on: date, where: list[ColumnElement[bool]], limit: int | None, offset: int
    ) -> list[OverdueRow]:
        d, c = self.table, _table(models.Case)
        stmt = _overdue_columns(d, c).where(*where, d.c.due_on < on).order_by(d.c.due_on, d.c.id)
        return [OverdueRow(*row) for row in self.conn.execute(stmt.limit(limit).offset(offset or None))]

    def count_overdue(self, on: date, scope: CaseQuery) -> int:
        """Counted from the deadlines alone (an index range) unless statuses are asked."""
        d, c = self.table, _table(models.Case)
        if not scope.statuses:
            params: dict[str, Any] = {"on": on}
            if scope.region_prefix:
                params |= region_bounds(scope.region_prefix)
            if scope.agency_id is not None:
                params["agency"] = scope.agency_id
            bare = _open_overdue_count(bool(scope.region_prefix), scope.agency_id is not None)
            return int(bare.scalar(self.conn, params))
        stmt = select(func.count()).select_from(d.join(c, c.c.id == d.c.case_id)).where(*self._open(scope))
        return int(self.conn.execute(stmt.where(d.c.due_on < on)).scalar_one())

    def due_for_cases(self, case_ids: Sequence[str], before: date) -> list[OverdueRow]:
        if not case_ids:
            return []
        params = {"before": before, "case_ids": list(case_ids)}
        return [OverdueRow(*row) for row in _due_for_cases().rows(self.conn, params)]


def _overdue_columns(d: Table, c: Table) -> Any:
    return select(
        c.c.id,
        c.c.number,
        c.c.status,
        c.c.region_code,
        c.c.agency_id,
        d.c.step_id,
        d.c.started_on,
        d.c.due_on,
        d.c.review_status,
    ).join(c, c.c.id == d.c.case_id)


class SqlReports(SqlRepository[Report]):
    def replace(self, item: Report) -> None:
        """A report moving to another case (a merge) changes what that case's figures are
        derived from (its first report), so the case is marked changed too."""
        super().replace(item)
        if item.case_id is not None:
            self.conn.execute(insert(_table(models.CaseChange)).values(case_id=item.case_id))

    def by_receipt_tag(self, receipt_tag: str) -> list[Report]:
        return self._rows(select(self.table).where(self.table.c.receipt_tag == receipt_tag))

    def duplicate_candidates(
        self, nip: str | None, agency_id: str | None, links: tuple[str, ...], region_code: str, limit: int
    ) -> list[Report]:
        t = self.table
        any_of: list[ColumnElement[bool]] = []
        if nip:
            any_of.append(t.c.person_nip == nip)
        if agency_id:
            any_of.append(t.c.agency_id == agency_id)
        if region_code:
            any_of.append(t.c.region_code == region_code)
        if not any_of and not links:
            return []
        stmt = select(t).where(t.c.purged_at.is_(None), or_(*any_of) if any_of else false())
        found = self._rows(stmt.order_by(t.c.submitted_at.desc()).limit(limit))
        if links:  # JSON lists are compared in Python: portable across SQLite and PostgreSQL
            recent = select(t).where(t.c.purged_at.is_(None)).order_by(t.c.submitted_at.desc()).limit(2000)
            seen = {r.id for r in found}
            found += [r for r in self._rows(recent) if r.id not in seen and set(links) & link_keys(r.links)]
        return found[:limit]


class SqlMessages(SqlRepository[Message]):
    def since(self, sender: str, at: datetime) -> list[Message]:
        t = self.table
        stmt = select(t).where(t.c.sender == sender, t.c.created_at >= at).order_by(t.c.created_at, t.c.id)
        return self._rows(stmt)


class SqlScreenings(SqlRepository[Screening]):
    def reviewed_since(self, since: datetime | None) -> list[Screening]:
        t = self.table
        where: list[ColumnElement[bool]] = [t.c.reviewed_at.is_not(None)]
        if since is not None:
            where.append(t.c.reviewed_at >= since)
        return self._rows(select(t).where(*where).order_by(t.c.reviewed_at, t.c.id))


class SqlUsers(SqlRepository[User]):
    def by_username(self, username: str) -> User | None:
        found = self._rows(select(self.table).where(self.table.c.username == username))
        return found[0] if found else None

    def active_near(self, region_code: str, agency_id: str | None, roles: frozenset[str]) -> list[User]:
        # the regions containing ``region_code`` ("" and each prefix) or lying inside it
        parts = region_code.split(".") if region_code else []
        above = ["", *(".".join(parts[: i + 1]) for i in range(len(parts)))]
        params: dict[str, Any] = {"roles": sorted(roles), "above": above}
        if region_code:
            params |= region_bounds(region_code)
        if agency_id is not None:
            params["agency"] = agency_id
        stmt = _users_near(bool(region_code), agency_id is not None)
        return list(map(self.mapper.from_values, stmt.rows(self.conn, params)))

    def update(self, user: User, expected_version: int) -> User:
        new, t = replace(user, version=expected_version + 1), self.table
        stmt = update(t).where(t.c.id == user.id, t.c.version == expected_version)
        if self.conn.execute(stmt.values(**self.mapper.to_row(new))).rowcount != 1:
            current = self.conn.execute(select(t.c.version).where(t.c.id == user.id)).scalar()
            raise user_conflict(user, current, expected_version)
        return new


@functools.cache
def _users_near(region: bool, agency: bool) -> Prepared:
    """``SqlUsers.active_near``'s statement, built once per shape (every queue view reads it)."""
    t = _table(models.User)
    where: list[ColumnElement[bool]] = [
        t.c.active.is_(True),
        t.c.role.in_(bindparam("roles", expanding=True)),
    ]
    if region:  # every region lies inside the national scope
        above = t.c.region_code.in_(bindparam("above", expanding=True))
        where.append(or_(above, bound_region(t.c.region_code)))
    if agency:
        where.append(or_(t.c.agency_id.is_(None), t.c.agency_id == bindparam("agency")))
    return Prepared(record_columns(t, User).where(*where))


_AUDIT_HEAD = _table(models.AuditHead)
_HEAD_SELECT = select(_AUDIT_HEAD.c.seq, _AUDIT_HEAD.c.hash).where(_AUDIT_HEAD.c.id == 1)
_HEAD = Prepared(_HEAD_SELECT)
_HEAD_FOR_UPDATE = Prepared(_HEAD_SELECT.with_for_update())
_HEAD_UPDATE = Prepared(
    update(_AUDIT_HEAD)
    .where(_AUDIT_HEAD.c.id == 1)
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
#: every column a parameter (``Mapper.to_row`` gives them all)
_ENTRY_INSERT = Prepared(insert(_table(models.AuditEntry)))


class SqlAudit:
    """The chain on one connection. The head read under the lock is kept for the rest of that
    transaction (``lock_head`` then ``head`` then ``append``, once per entry, read it once), and
    the statements are built once per process: an audit entry is written on every list view."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.table = _table(models.AuditEntry)
        self.head_table = _table(models.AuditHead)
        self.mapper = mapper_for(AuditEntry)
        #: (transaction, head) read under the lock in that transaction, kept until it ends.
        self._locked: tuple[Any, tuple[int, str] | None] | None = None

    def _held(self) -> tuple[bool, tuple[int, str] | None]:
        """Whether the head is locked in the current transaction, and the head read then."""
        if self._locked is None or not self.conn.in_transaction() or self.conn.in_nested_transaction():
            return False, None  # (a savepoint may roll an append back: read the head again)
        tx, head = self._locked
        return (True, head) if tx is self.conn.get_transaction() else (False, None)

    def lock_head(self) -> None:
        """``SELECT ... FOR UPDATE`` on the head row (PostgreSQL); on SQLite the write
        transaction is already exclusive (BEGIN IMMEDIATE)."""
        if self._held()[0]:
            return
        rows = _HEAD_FOR_UPDATE.rows(self.conn)
        head = None if not rows or rows[0][0] == 0 else (int(rows[0][0]), str(rows[0][1]))
        self._locked = (self.conn.get_transaction(), head)

    def head(self) -> tuple[int, str] | None:
        held, locked = self._held()
        if held:
            return locked
        rows = _HEAD.rows(self.conn)
        return None if not rows or rows[0][0] == 0 else (int(rows[0][0]), str(rows[0][1]))

    def last(self) -> AuditEntry | None:
        t = self.table
        row = self.conn.execute(select(t).order_by(t.c.seq.desc()).limit(1)).mappings().first()
        return None if row is None else self.mapper.from_row(row)

    def append(self, entry: AuditEntry) -> None:
        _ENTRY_INSERT.run(self.conn, self.mapper.to_row(entry))
        done = _HEAD_UPDATE.run(self.conn, {"new_seq": entry.seq, "new_hash": entry.hash})
        if done.rowcount != 1:
            self.conn.execute(insert(self.head_table).values(id=1, seq=entry.seq, hash=entry.hash))
        # kept up to date in the transaction that locked it; forgotten otherwise (an append
        # inside a savepoint may be rolled back alone: the head is read again next time)
        held = self._held()[0]
        self._locked = (self.conn.get_transaction(), (entry.seq, entry.hash)) if held else None

    def iter_all(self) -> Iterator[AuditEntry]:
        t, last = self.table, 0
        while True:  # keyset pages keep memory flat on long chains
            stmt = select(t).where(t.c.seq > last).order_by(t.c.seq).limit(5000)
            page = [self.mapper.from_row(r) for r in self.conn.execute(stmt).mappings()]
            if not page:
                return
            yield from page
            last = page[-1].seq

    def missing_creations(self, actions: frozenset[str], sample: int) -> tuple[int, list[str]]:
        """An anti-join in the database (one per kind of record): nothing is held in memory but
        the count and the sample, whatever the number of rows."""
        t, total, found = self.table, 0, list[str]()
        for kind, model in (("case", models.Case), ("report", models.Report)):
            records = _table(model)
            linked = t.c.detail[f"{kind}_id"].as_string()
            audited = union(
                select(t.c.subject_id.label("rid")).where(t.c.action.in_(actions), t.c.subject_type == kind),
                select(linked.label("rid")).where(t.c.action.in_(actions), linked.is_not(None)),
            ).subquery()
            unmatched = records.outerjoin(audited, audited.c.rid == records.c.id)
            where = audited.c.rid.is_(None)
            total += int(
                self.conn.execute(select(func.count()).select_from(unmatched).where(where)).scalar_one()
            )
            if len(found) < sample:
                stmt = select(records.c.id).select_from(unmatched).where(where).order_by(records.c.id)
                found += [f"{kind}:{i}" for i in self.conn.execute(stmt.limit(sample - len(found))).scalars()]
        return total, found

    def for_subject(self, subject_type: str, subject_id: str) -> list[AuditEntry]:
        t = self.table
        stmt = (
            select(t).where(t.c.subject_type == subject_type, t.c.subject_id == subject_id).order_by(t.c.seq)
        )
        return [self.mapper.from_row(r) for r in self.conn.execute(stmt).mappings()]

    def search(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        """The audit-trail viewer's page (``db.console_queries.audit_search``)."""
        rows, total = audit_search(self.conn, self.table, query)
        return [self.mapper.from_row(r) for r in rows], total
