"""Guidance repositories and their unit of work (SQLAlchemy Core on one connection)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Self, cast

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from netralitas.cases.records import Agency
from netralitas.db import models
from netralitas.db import outreach_models as om
from netralitas.db.engine import READ_ONLY, release
from netralitas.db.mapping import Mapper
from netralitas.db.outreach_tables import ACKS, CIRCULARS, FILES, MEMBERS, PLEDGES, RECIPIENTS, UNITS, table
from netralitas.db.repositories import SqlAudit
from netralitas.outreach.attachments import Attachment
from netralitas.outreach.ports import OutreachUnitOfWork, RateRow, UpsertOutcome
from netralitas.outreach.records import (
    Acknowledgement,
    Circular,
    Member,
    OrgUnit,
    Pledge,
    QuizAttempt,
    Recipient,
    RegionInputs,
    RosterRow,
)

_FIELDS = ("name", "unit_code", "position", "position_key", "employee_type", "email", "phone")


def new_member_row(
    agency_id: str, import_id: str, row: RosterRow, at: datetime, member_id: str
) -> dict[str, Any]:
    values = {f: getattr(row, f) for f in ("nip", *_FIELDS)}
    return values | {
        "id": member_id, "agency_id": agency_id, "active": True, "left_on": None, "created_at": at,
        "updated_at": at, "last_import_id": import_id, "last_import_line": row.line,
    }  # fmt: skip


class SqlRosters:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.mapper = Mapper(Member)

    def units(self, agency_id: str) -> list[OrgUnit]:
        rows = self.conn.execute(select(UNITS).where(UNITS.c.agency_id == agency_id).order_by(UNITS.c.code))
        return [OrgUnit(r.agency_id, r.code, r.name) for r in rows]

    def add_units(self, units: Sequence[OrgUnit]) -> int:
        added = 0
        for unit in units:
            known = select(UNITS.c.code).where(UNITS.c.agency_id == unit.agency_id, UNITS.c.code == unit.code)
            if self.conn.execute(known).first() is None:
                self.conn.execute(
                    insert(UNITS).values(agency_id=unit.agency_id, code=unit.code, name=unit.name)
                )
                added += 1
        return added

    def upsert(
        self, agency_id: str, import_id: str, rows: Sequence[RosterRow], at: datetime
    ) -> UpsertOutcome:
        from netralitas.outreach.records import new_id

        if not rows:
            return UpsertOutcome(0, 0, 0, ())
        cols = [MEMBERS.c[c] for c in ("id", "nip", "active", "last_import_id", "last_import_line", *_FIELDS)]
        query = select(*cols).where(
            MEMBERS.c.agency_id == agency_id, MEMBERS.c.nip.in_([r.nip for r in rows])
        )
        existing = {r.nip: r for r in self.conn.execute(query)}
        first_line: dict[str, int] = {}
        inserts: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        seen: list[dict[str, Any]] = []
        duplicates: list[tuple[int, int]] = []
        for row in rows:
            old = existing.get(row.nip)
            if row.nip in first_line or (old is not None and old.last_import_id == import_id):
                duplicates.append((row.line, first_line.get(row.nip) or old.last_import_line))  # type: ignore[union-attr]
                continue
            first_line[row.nip] = row.line
            if old is None:
                inserts.append(new_member_row(agency_id, import_id, row, at, new_id()))
            elif not old.active or any(getattr(old, f) != getattr(row, f) for f in _FIELDS):
                changes.append(
                    {f"v_{f}": getattr(row, f) for f in _FIELDS} | {"b_id": old.id, "b_line": row.line}
                )
            else:
                seen.append({"b_id": old.id, "b_line": row.line})
        self._write(import_id, at, inserts, changes, seen)
        return UpsertOutcome(len(inserts), len(changes), len(seen), tuple(duplicates))

    def _write(
        self, import_id: str, at: datetime, inserts: list[dict[str, Any]], changes: list[dict[str, Any]],
        seen: list[dict[str, Any]],
    ) -> None:  # fmt: skip
        if inserts:
            self.conn.execute(insert(MEMBERS), inserts)
        mark: dict[str, Any] = {"last_import_id": literal(import_id), "last_import_line": bindparam("b_line")}
        where = MEMBERS.c.id == bindparam("b_id")
        if changes:
            values: dict[str, Any] = {f: bindparam(f"v_{f}") for f in _FIELDS} | mark
            values |= {"active": True, "left_on": None, "updated_at": literal(at, MEMBERS.c.updated_at.type)}
            self.conn.execute(update(MEMBERS).where(where).values(values), changes)
        if seen:
            self.conn.execute(update(MEMBERS).where(where).values(mark), seen)

    def touch(self, agency_id: str, import_id: str, nips: Sequence[str]) -> None:
        where = and_(MEMBERS.c.agency_id == agency_id, MEMBERS.c.nip.in_(list(nips)))
        self.conn.execute(update(MEMBERS).where(where).values(last_import_id=import_id))

    def mark_leavers(self, agency_id: str, import_id: str, on: date) -> int:
        stale = (MEMBERS.c.last_import_id != import_id) | MEMBERS.c.last_import_id.is_(None)
        where = and_(MEMBERS.c.agency_id == agency_id, MEMBERS.c.active.is_(True), stale)
        return self.conn.execute(update(MEMBERS).where(where).values(active=False, left_on=on)).rowcount

    def members(self, agency_id: str, *, active_only: bool = False) -> Iterator[Member]:
        where = [MEMBERS.c.agency_id == agency_id] + ([MEMBERS.c.active.is_(True)] if active_only else [])
        cols = [MEMBERS.c[f] for f in self.mapper.fields]
        query = select(*cols).where(*where).order_by(MEMBERS.c.unit_code, MEMBERS.c.nip)
        result = self.conn.execution_options(yield_per=2000).execute(query)
        try:
            for row in result.mappings():
                yield self.mapper.from_row(row)
        finally:
            result.close()  # also when the reader stops early (a server-side cursor on PostgreSQL)

    def member(self, member_id: str) -> Member | None:
        row = self.conn.execute(select(MEMBERS).where(MEMBERS.c.id == member_id)).mappings().first()
        return None if row is None else self.mapper.from_row(row)

    def count_active(self, agency_id: str) -> int:
        query = select(func.count()).where(MEMBERS.c.agency_id == agency_id, MEMBERS.c.active.is_(True))
        return int(self.conn.execute(query).scalar_one())

    def purge_left_before(self, before: date) -> int:
        gone = select(MEMBERS.c.id).where(MEMBERS.c.active.is_(False), MEMBERS.c.left_on < before)
        self.conn.execute(delete(PLEDGES).where(PLEDGES.c.member_id.in_(gone)))
        return self.conn.execute(delete(MEMBERS).where(MEMBERS.c.id.in_(gone))).rowcount


class SqlQuiz:
    """Quiz storage, mixed into the circular repository."""

    conn: Connection

    def add_quiz_result(self, circular_id: str, member_id: str, attempt: QuizAttempt) -> bool:
        taken = table(om.QuizTakerRow)
        key = (taken.c.circular_id == circular_id, taken.c.member_id == member_id)
        if self.conn.execute(select(taken.c.member_id).where(*key)).first():
            return False
        self.conn.execute(insert(taken).values(circular_id=circular_id, member_id=member_id))
        self.conn.execute(insert(table(om.QuizAttemptRow)).values(**Mapper(QuizAttempt).to_row(attempt)))
        return True

    def quiz_by_unit(self, agency_id: str) -> list[tuple[str, int, int, int]]:
        t = table(om.QuizAttemptRow)
        query = (
            select(t.c.unit_code, func.count(), func.sum(t.c.score), func.sum(t.c.total))
            .where(t.c.agency_id == agency_id)
            .group_by(t.c.unit_code)
            .order_by(t.c.unit_code)
        )
        return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in self.conn.execute(query)]


class SqlCirculars(SqlQuiz):
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.mapper = Mapper(Circular)

    def add(self, circular: Circular) -> None:
        self.conn.execute(insert(CIRCULARS).values(**self.mapper.to_row(circular)))

    def get(self, circular_id: str) -> Circular | None:
        row = self.conn.execute(select(CIRCULARS).where(CIRCULARS.c.id == circular_id)).mappings().first()
        return None if row is None else self.mapper.from_row(row)

    def for_agency(self, agency_id: str) -> list[Circular]:
        query = (
            select(CIRCULARS)
            .where(CIRCULARS.c.agency_id == agency_id)
            .order_by(CIRCULARS.c.created_at.desc())
        )
        return [self.mapper.from_row(r) for r in self.conn.execute(query).mappings()]

    def address(self, circular: Circular) -> int:
        where = [MEMBERS.c.agency_id == circular.agency_id, MEMBERS.c.active.is_(True)]
        if circular.target_units:
            where.append(MEMBERS.c.unit_code.in_(circular.target_units))
        if circular.target_positions:
            where.append(MEMBERS.c.position_key.in_(circular.target_positions))
        already = select(RECIPIENTS.c.member_id).where(RECIPIENTS.c.circular_id == circular.id)
        where.append(MEMBERS.c.id.not_in(already))
        source = select(
            literal(circular.id), MEMBERS.c.id, MEMBERS.c.unit_code, MEMBERS.c.position_key
        ).where(*where)
        self.conn.execute(
            insert(RECIPIENTS).from_select(["circular_id", "member_id", "unit_code", "position_key"], source)
        )
        count = select(func.count()).where(RECIPIENTS.c.circular_id == circular.id)
        return int(self.conn.execute(count).scalar_one())

    def add_attachment(self, circular_id: str, attachment: Attachment) -> None:
        values = {"circular_id": circular_id, "sha256": attachment.sha256, "filename": attachment.filename}
        self.conn.execute(insert(FILES).values(**values, size=attachment.size, content=attachment.content))

    def attachments(self, circular_id: str) -> list[tuple[str, str, int]]:
        query = select(FILES.c.sha256, FILES.c.filename, FILES.c.size).where(
            FILES.c.circular_id == circular_id
        )
        return [(r[0], r[1], int(r[2])) for r in self.conn.execute(query.order_by(FILES.c.filename))]

    def attachment(self, circular_id: str, sha256: str) -> Attachment | None:
        query = select(FILES).where(FILES.c.circular_id == circular_id, FILES.c.sha256 == sha256)
        row = self.conn.execute(query).first()
        return None if row is None else Attachment(row.sha256, row.filename, row.size, bytes(row.content))

    def recipient(self, circular_id: str, member_id: str) -> Recipient | None:
        query = select(RECIPIENTS).where(
            RECIPIENTS.c.circular_id == circular_id, RECIPIENTS.c.member_id == member_id
        )
        row = self.conn.execute(query).first()
        return (
            None
            if row is None
            else Recipient(row.circular_id, row.member_id, row.unit_code, row.position_key)
        )

    def acknowledgement(self, circular_id: str, member_id: str) -> Acknowledgement | None:
        query = select(ACKS).where(ACKS.c.circular_id == circular_id, ACKS.c.member_id == member_id)
        row = self.conn.execute(query).mappings().first()
        return None if row is None else Mapper(Acknowledgement).from_row(row)

    def add_acknowledgement(self, ack: Acknowledgement) -> bool:
        return self._add_once(ACKS, Mapper(Acknowledgement).to_row(ack))

    def pledge(self, circular_id: str, member_id: str) -> Pledge | None:
        query = select(PLEDGES).where(PLEDGES.c.circular_id == circular_id, PLEDGES.c.member_id == member_id)
        row = self.conn.execute(query).mappings().first()
        return None if row is None else Mapper(Pledge).from_row(row)

    def add_pledge(self, pledge: Pledge) -> bool:
        return self._add_once(PLEDGES, Mapper(Pledge).to_row(pledge))

    def _add_once(self, t: Table, values: dict[str, Any]) -> bool:
        """Insert unless the (circular, member) row exists; a concurrent twin loses on the key."""
        key = (t.c.circular_id == values["circular_id"], t.c.member_id == values["member_id"])
        if self.conn.execute(select(t.c.circular_id).where(*key)).first():
            return False
        try:
            with self.conn.begin_nested():
                self.conn.execute(insert(t).values(**values))
        except IntegrityError:
            return False
        return True

    def rates(self, circular_id: str, by: str) -> list[RateRow]:
        key = RECIPIENTS.c[by]
        joined = RECIPIENTS.outerjoin(
            ACKS,
            and_(ACKS.c.circular_id == RECIPIENTS.c.circular_id, ACKS.c.member_id == RECIPIENTS.c.member_id),
        ).outerjoin(
            PLEDGES,
            and_(
                PLEDGES.c.circular_id == RECIPIENTS.c.circular_id,
                PLEDGES.c.member_id == RECIPIENTS.c.member_id,
            ),
        )
        query = (
            select(key, func.count(), func.count(ACKS.c.member_id), func.count(PLEDGES.c.member_id))
            .select_from(joined).where(RECIPIENTS.c.circular_id == circular_id).group_by(key).order_by(key)
        )  # fmt: skip
        return [RateRow(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in self.conn.execute(query)]


class SqlOutreachUnitOfWork:
    """Like ``SqlUnitOfWork``: ``with uow:`` opens a transaction, leaving without commit rolls back."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        conn = self.engine.connect()
        conn.info[READ_ONLY] = False
        conn.begin()
        self._conn = conn
        self.rosters, self.circulars, self.audit = SqlRosters(conn), SqlCirculars(conn), SqlAudit(conn)
        return self

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("unit of work used outside 'with'")
        return self._conn

    def agency(self, agency_id: str) -> Agency | None:
        row = (
            self.conn.execute(select(table(models.Agency)).where(table(models.Agency).c.id == agency_id))
            .mappings()
            .first()
        )
        return None if row is None else Mapper(Agency).from_row(row)

    def agencies(self) -> list[Agency]:
        t = table(models.Agency)
        rows = self.conn.execute(select(t).order_by(t.c.region_code, t.c.name)).mappings()
        return [Mapper(Agency).from_row(r) for r in rows]

    def case_counts(self, region_prefix: str, since: date, until: date) -> dict[str, int]:
        from netralitas.db.outreach_regions import case_counts

        return case_counts(self.conn, region_prefix, since, until)

    def region_inputs(self, since: date) -> dict[str, RegionInputs]:
        from netralitas.db.outreach_regions import region_inputs

        return region_inputs(self.conn, since)

    def set_incumbent(self, region_code: str, runs: bool, at: datetime) -> None:
        from netralitas.db.outreach_regions import set_incumbent

        set_incumbent(self.conn, region_code, runs, at)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            release(conn)

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()


def outreach_uow_factory(engine: Engine) -> Callable[[], OutreachUnitOfWork]:
    """Units of work on ``engine`` as the guidance services see them (the protocol's attributes are
    plain names there, the concrete repositories here: the cast states that they fit)."""
    return cast(Callable[[], OutreachUnitOfWork], lambda: SqlOutreachUnitOfWork(engine))
