"""Repositories over SQLAlchemy Core statements on one connection (the unit of work's)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Table, delete, false, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from netralitas.cases.guard import user_conflict
from netralitas.cases.ports import CaseQuery, OverdueRow
from netralitas.cases.records import AuditEntry, Case, CaseDeadline, Report, Screening, User
from netralitas.cases.workflow import CLOSED_STATUSES
from netralitas.db import models
from netralitas.db.mapping import Mapper
from netralitas.errors import ConflictError
from netralitas.intake.links import link_keys

T = TypeVar("T")


def _table(model: type[models.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


class SqlRepository(Generic[T]):
    def __init__(self, conn: Connection, model: type[models.Base], cls: type[T]) -> None:
        self.conn = conn
        self.table = _table(model)
        self.mapper = Mapper(cls)

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
        found = self._rows(select(self.table).where(self.table.c.id == item_id))
        return found[0] if found else None

    def replace(self, item: T) -> None:
        row = self.mapper.to_row(item)
        self.conn.execute(update(self.table).where(self.table.c.id == row["id"]).values(**row))

    def find(self, **equals: object) -> list[T]:
        where = [self.table.c[k].is_(None) if v is None else self.table.c[k] == v for k, v in equals.items()]
        order = [self.table.c[c] for c in ("created_at", "at", "submitted_at") if c in self.table.c]
        return self._rows(select(self.table).where(*where).order_by(*order, self.table.c.id))

    def delete(self, item_id: str) -> None:
        self.conn.execute(delete(self.table).where(self.table.c.id == item_id))


def region_filter(column: Any, prefix: str) -> ColumnElement[bool] | None:
    if not prefix:
        return None
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(column == prefix, column.like(escaped + ".%", escape="\\"))


class SqlCases(SqlRepository[Case]):
    def update(self, case: Case, expected_version: int) -> Case:
        new = replace(case, version=expected_version + 1)
        t = self.table
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
        return new

    def _where(self, q: CaseQuery) -> list[ColumnElement[bool]]:
        t = self.table
        where: list[ColumnElement[bool]] = []
        if q.statuses:
            where.append(t.c.status.in_(sorted(s.value for s in q.statuses)))
        region = region_filter(t.c.region_code, q.region_prefix)
        if region is not None:
            where.append(region)
        if q.agency_id is not None:
            where.append(t.c.agency_id == q.agency_id)
        if q.text:
            like = f"%{q.text.lower()}%"
            where.append(or_(func.lower(t.c.title).like(like), func.lower(t.c.number).like(like)))
        return where

    def search(self, query: CaseQuery) -> tuple[list[Case], int]:
        t, where = self.table, self._where(query)
        total = self.conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()
        stmt = select(t).where(*where).order_by(t.c.opened_at.desc(), t.c.id.desc())
        return self._rows(stmt.limit(query.limit).offset(query.offset)), int(total)

    def count_by_status(self, region_prefix: str, agency_id: str | None) -> dict[str, int]:
        t, where = self.table, self._where(CaseQuery(region_prefix=region_prefix, agency_id=agency_id))
        stmt = select(t.c.status, func.count()).where(*where).group_by(t.c.status)
        return {status: int(n) for status, n in self.conn.execute(stmt)}

    def closed_unpurged(self, closed_before: datetime, limit: int) -> list[Case]:
        t = self.table
        stmt = select(t).where(
            t.c.closed_at.is_not(None), t.c.closed_at < closed_before, t.c.purged_at.is_(None)
        )
        return self._rows(stmt.order_by(t.c.closed_at, t.c.id).limit(limit))


class SqlDeadlines(SqlRepository[CaseDeadline]):
    def open_for_case(self, case_id: str) -> list[CaseDeadline]:
        t = self.table
        return self._rows(select(t).where(t.c.case_id == case_id, t.c.stopped_on.is_(None)).order_by(t.c.id))

    def overdue(self, on: date) -> list[OverdueRow]:
        d, c = self.table, _table(models.Case)
        closed = sorted(s.value for s in CLOSED_STATUSES)
        stmt = (
            select(
                c.c.id,
                c.c.number,
                c.c.status,
                c.c.region_code,
                c.c.agency_id,
                d.c.step_id,
                d.c.started_on,
                d.c.due_on,
                d.c.review_status,
            )
            .join(c, c.c.id == d.c.case_id)
            .where(d.c.stopped_on.is_(None), d.c.due_on < on, c.c.status.not_in(closed))
            .order_by(d.c.due_on, d.c.id)
        )
        return [OverdueRow(*row) for row in self.conn.execute(stmt)]


class SqlReports(SqlRepository[Report]):
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

    def update(self, user: User, expected_version: int) -> User:
        new, t = replace(user, version=expected_version + 1), self.table
        stmt = update(t).where(t.c.id == user.id, t.c.version == expected_version)
        if self.conn.execute(stmt.values(**self.mapper.to_row(new))).rowcount != 1:
            current = self.conn.execute(select(t.c.version).where(t.c.id == user.id)).scalar()
            raise user_conflict(user, current, expected_version)
        return new


class SqlAudit:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.table = _table(models.AuditEntry)
        self.head_table = _table(models.AuditHead)
        self.mapper = Mapper(AuditEntry)

    def lock_head(self) -> None:
        """``SELECT ... FOR UPDATE`` on the head row (PostgreSQL); on SQLite the write
        transaction is already exclusive (BEGIN IMMEDIATE)."""
        h = self.head_table
        self.conn.execute(select(h.c.seq).where(h.c.id == 1).with_for_update()).all()

    def head(self) -> tuple[int, str] | None:
        h = self.head_table
        row = self.conn.execute(select(h.c.seq, h.c.hash).where(h.c.id == 1)).first()
        return None if row is None or row.seq == 0 else (int(row.seq), str(row.hash))

    def last(self) -> AuditEntry | None:
        t = self.table
        row = self.conn.execute(select(t).order_by(t.c.seq.desc()).limit(1)).mappings().first()
        return None if row is None else self.mapper.from_row(row)

    def append(self, entry: AuditEntry) -> None:
        self.conn.execute(insert(self.table).values(**self.mapper.to_row(entry)))
        h = self.head_table
        done = self.conn.execute(update(h).where(h.c.id == 1).values(seq=entry.seq, hash=entry.hash))
        if done.rowcount != 1:
            self.conn.execute(insert(h).values(id=1, seq=entry.seq, hash=entry.hash))

    def iter_all(self) -> Iterator[AuditEntry]:
        t, last = self.table, 0
        while True:  # keyset pages keep memory flat on long chains
            stmt = select(t).where(t.c.seq > last).order_by(t.c.seq).limit(5000)
            page = [self.mapper.from_row(r) for r in self.conn.execute(stmt).mappings()]
            if not page:
                return
            yield from page
            last = page[-1].seq

    def for_subject(self, subject_type: str, subject_id: str) -> list[AuditEntry]:
        t = self.table
        stmt = (
            select(t).where(t.c.subject_type == subject_type, t.c.subject_id == subject_id).order_by(t.c.seq)
        )
        return [self.mapper.from_row(r) for r in self.conn.execute(stmt).mappings()]
