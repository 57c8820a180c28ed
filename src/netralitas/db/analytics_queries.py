"""Named read queries of the oversight pages over ``oversight_facts`` and ``oversight_cube``, and
the sync that keeps those in step with the cases.

Every case added or changed writes a row to ``case_changes`` in its own transaction
(``SqlCases``). The sync takes those rows, re-derives the facts of their cases, applies the deltas
to the cube and deletes exactly the rows it took, all in one transaction, one sync at a time (it
locks the ``oversight_sync`` row). A change whose transaction commits late is simply still there
for the next sync: no time window can miss it. A page calls :func:`sync_facts` before reading,
so figures are never older than the page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, case, delete, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from netralitas.analytics.exports import ExportQuery, ExportRow
from netralitas.analytics.facts import CaseFact, CaseInputs, derive_fact
from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension, PpkCounts
from netralitas.clock import JAKARTA
from netralitas.db import analytics_cube as cube
from netralitas.db import models as m

FACTS: Table = m.OversightFact.__table__  # type: ignore[assignment]
SYNC: Table = m.OversightSync.__table__  # type: ignore[assignment]
CASES: Table = m.Case.__table__  # type: ignore[assignment]
CHANGES: Table = m.CaseChange.__table__  # type: ignore[assignment]
BATCH = 2000
PPK_STEP = "ppk_decision"
WAITING = ("recommendation_sent", "escalated")


def region_range(column: Any, prefix: str) -> ColumnElement[bool] | None:
    """``code`` inside ``prefix`` as a range (``>= '33' AND < '33/'``: '/' follows '.'), so that an
    index on the column is used, unlike ``LIKE``."""
    if not prefix:
        return None
    return and_(column >= prefix, column < prefix + "/")


def fact_where(where: FactFilter) -> list[ColumnElement[bool]]:
    c = FACTS.c
    out: list[ColumnElement[bool]] = []
    region = region_range(c.region_code, where.region)
    if region is not None:
        out.append(region)
    if where.agency_id is not None:
        out.append(c.agency_id == where.agency_id)
    if where.election_ids:
        out.append(c.election_id.in_(where.election_ids))
    if where.opened_from is not None:
        out.append(c.opened_on >= where.opened_from)
    if where.opened_to is not None:
        out.append(c.opened_on <= where.opened_to)
    if where.behaviour is not None:
        out.append(c.behaviour == where.behaviour)
    return out


def _waiting_where(where: FactFilter) -> list[ColumnElement[bool]]:
    """``fact_where`` for a filter the cube serves, written on the columns that lead the index of
    waiting recommendations (status, province, due day…): one short index range per status."""
    c = FACTS.c
    out: list[ColumnElement[bool]] = []
    if where.region:
        out.append(c.province_code == where.region[:2])
    if len(where.region) == 5:
        out.append(c.regency_code == where.region)
    if where.election_ids:
        out.append(c.election_id.in_(where.election_ids))
    if where.behaviour is not None:
        out.append(c.behaviour == where.behaviour)
    opened = func.coalesce(c.opened_on, c.opened_on)  # not the opened_on index: SQLite would take it
    if where.opened_from is not None:
        out.append(opened >= where.opened_from)
    if where.opened_to is not None:
        out.append(opened <= where.opened_to)
    return out


def _group(column: Any) -> Any:
    """A column to group by, as an expression: SQLite's planner (no histograms) would otherwise
    walk that column's index in group order and read every fact, whatever the filter."""
    return func.coalesce(column, "")


def _merged(parts: Iterable[dict[Any, int]]) -> dict[Any, int]:
    total: dict[Any, int] = {}
    for part in parts:
        for k, n in part.items():
            total[k] = total.get(k, 0) + n
    return {k: n for k, n in total.items() if n}


class SqlFacts:
    """:class:`netralitas.analytics.model.FactSource` on one connection. Reads the pre-aggregated
    cube for what it can answer (``analytics_cube.serves``; a national period's whole months) and
    the facts for the rest, unless ``use_counts`` is False (the recount in tests)."""

    def __init__(self, conn: Connection, *, use_counts: bool = True) -> None:
        self.conn = conn
        self.use_counts = use_counts
        self._scans: dict[FactFilter, dict[str, dict[str, int]]] = {}

    def _scan(self, where: FactFilter) -> dict[str, dict[str, int]]:
        """Counts per value of every column of the facts in ``where``, in one pass over them
        (a page asks a dozen breakdowns of the same filter: one index walk instead of a dozen)."""
        if where not in self._scans:
            columns = [*(d.value for d in Dimension), "opened_month"]
            found: dict[str, dict[str, int]] = {c: {} for c in columns}
            stmt = select(*(FACTS.c[c] for c in columns)).where(*fact_where(where))
            for row in self.conn.execute(stmt):
                for column, value in zip(columns, row, strict=True):
                    cell = found[column]
                    key = str(value or "")
                    cell[key] = cell.get(key, 0) + 1
            self._scans[where] = found
        return self._scans[where]

    def _plan(self, where: FactFilter) -> tuple[FactFilter | None, list[FactFilter]]:
        """(the part the cube answers, the parts read from the facts)."""
        if not self.use_counts:
            return None, [where]
        if where.opened_from is None and where.opened_to is None:
            return (where, []) if cube.serves(where) else (None, [where])
        return cube.split_period(where) or (None, [where])

    def total(self, where: FactFilter) -> int:
        whole, rest = self._plan(where)
        found = cube.cube_total(self.conn, whole) if whole is not None else 0
        for part in rest:
            found += sum(self._scan(part)["status"].values())
        return found

    def counts(self, dimension: Dimension, where: FactFilter) -> dict[str, int]:
        return self._counts(dimension.value, where)

    def _counts(self, column: str, where: FactFilter) -> dict[str, int]:
        whole, rest = self._plan(where)
        parts = [cube.cube_counts(self.conn, column, whole)] if whole is not None else []
        parts += [self._scan(part)[column] for part in rest]
        return _merged(parts)

    def cross(self, first: Dimension, second: Dimension, where: FactFilter) -> dict[tuple[str, str], int]:
        plain = where.opened_from is None and where.opened_to is None
        province = first is Dimension.PROVINCE and len(where.region) in (0, 2)
        if self.use_counts and plain and province and cube.serves(where):
            return cube.cube_by_province(self.conn, second.value, where)
        a, b = _group(FACTS.c[first.value]), _group(FACTS.c[second.value])
        stmt = select(a, b, func.count()).where(*fact_where(where)).group_by(a, b)
        return {(str(x or ""), str(y or "")): int(n) for x, y, n in self.conn.execute(stmt)}

    def monthly(self, where: FactFilter) -> dict[date, int]:
        found = self._counts("opened_month", where)
        return {date.fromisoformat(k + "-01"): n for k, n in found.items()}

    def ppk(self, where: FactFilter, today: date, by: str = "agency_id") -> list[PpkCounts]:
        """PPK figures per agency (or per ``province_code`` / ``regency_code``); the maximum days
        to decision only when every part is read from the facts."""
        whole, rest = self._plan(where)
        found = [self._ppk_cube(whole, today, by)] if whole is not None else []
        found += [self._ppk_facts(part, today, by) for part in rest]
        if len(found) == 1:
            return found[0]
        merged: dict[str, list[int]] = {}
        for rows in found:
            for r in rows:
                cell = merged.setdefault(r.agency_id, [0] * 6)
                values = (r.sent, r.decided, r.overdue, r.followed_up, r.days_total, r.days_count)
                for i, v in enumerate(values):
                    cell[i] += v
        return [PpkCounts(k, s, d, o, f, t, n, None) for k, (s, d, o, f, t, n) in merged.items()]

    def _ppk_cube(self, where: FactFilter, today: date, by: str) -> list[PpkCounts]:
        c = FACTS.c
        overdue = and_(c.decided_on.is_(None), c.status.in_(WAITING), c.ppk_due_on < today)
        key = _group(c[by])
        late_stmt = select(key, func.count()).where(*_waiting_where(where), overdue).group_by(key)
        late = {str(k or ""): int(n) for k, n in self.conn.execute(late_stmt)}
        return [PpkCounts(k, s, d, late.get(k, 0), f, t, n, None)
                for k, s, d, f, t, n in cube.cube_ppk(self.conn, by, where)]  # fmt: skip

    def _ppk_facts(self, where: FactFilter, today: date, by: str) -> list[PpkCounts]:
        c = FACTS.c
        overdue = and_(c.decided_on.is_(None), c.status.in_(WAITING), c.ppk_due_on < today)
        key = _group(c[by])
        stmt = (
            select(
                key,
                func.count(),
                func.count(c.decided_on),
                func.sum(case((overdue, 1), else_=0)),
                func.sum(case((c.followed_up, 1), else_=0)),
                func.coalesce(func.sum(c.decision_days), 0),
                func.count(c.decision_days),
                func.max(c.decision_days),
            )
            .where(*fact_where(where), c.recommended_on.is_not(None))
            .group_by(key)
        )
        return [
            PpkCounts(str(a or ""), int(s), int(d), int(o or 0), int(f or 0), int(t), int(n), mx)
            for a, s, d, o, f, t, n, mx in self.conn.execute(stmt)
        ]


def fact_row(fact: CaseFact) -> dict[str, Any]:
    return asdict(fact) | {"opened_month": f"{fact.opened_on:%Y-%m}"}


def upsert_facts(conn: Connection, facts: Sequence[CaseFact]) -> None:
    if not facts:
        return
    rows = [fact_row(f) for f in facts]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(FACTS).values(rows)
    updated = {k: stmt.excluded[k] for k in rows[0] if k != "case_id"}
    conn.execute(stmt.on_conflict_do_update(index_elements=["case_id"], set_=updated))


def sync_facts(conn: Connection, classify: Callable[[str], str | None], now: datetime) -> int:
    """Re-derive the facts of the cases in ``case_changes`` (of every case on the first sync of a
    database), apply the deltas to the cube and delete the change rows taken; returns how many
    cases. The caller commits (``engine.begin()``).
    ``now`` is stamped on the ``oversight_sync`` row, whose lock keeps syncs one at a time."""
    first = _lock(conn, now)
    taken = list(conn.execute(select(CHANGES.c.seq, CHANGES.c.case_id).order_by(CHANGES.c.seq)))
    ids = list(dict.fromkeys(r[1] for r in taken))
    if first:  # never synced (e.g. cases loaded in bulk): every case
        ids = list(dict.fromkeys([*ids, *conn.execute(select(CASES.c.id)).scalars()]))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        old = [dict(r) for r in conn.execute(select(FACTS).where(FACTS.c.case_id.in_(chunk))).mappings()]
        new = [derive_fact(i, classify) for i in read_inputs(conn, chunk)]
        cube.apply_deltas(conn, old, [fact_row(f) for f in new])
        upsert_facts(conn, new)
        gone = {r["case_id"] for r in old} - {f.case_id for f in new}
        if gone:  # a case no longer stored: its fact goes too
            conn.execute(delete(FACTS).where(FACTS.c.case_id.in_(sorted(gone))))
    seqs = [r[0] for r in taken]
    for start in range(0, len(seqs), BATCH):
        conn.execute(delete(CHANGES).where(CHANGES.c.seq.in_(seqs[start : start + BATCH])))
    return len(ids)


def _lock(conn: Connection, now: datetime) -> bool:
    """Take the sync row for the rest of the transaction; True when it was created (the first
    sync of this database)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(SYNC).values(id=1, synced_until=now).on_conflict_do_nothing()
    made = conn.execute(stmt.returning(SYNC.c.id)).first() is not None
    conn.execute(SYNC.update().where(SYNC.c.id == 1).values(synced_until=now))
    return made


def pending_changes(conn: Connection) -> int:
    """Cases changed since the last sync (rows waiting in ``case_changes``)."""
    return int(conn.execute(select(func.count()).select_from(CHANGES)).scalar_one())


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes of what was stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(moment: datetime) -> date:
    return _aware(moment).astimezone(JAKARTA).date()


def read_inputs(conn: Connection, case_ids: Sequence[str]) -> Iterator[CaseInputs]:
    """Everything a fact is derived from, for a batch of cases, in a few queries."""
    cases = list(conn.execute(select(CASES).where(CASES.c.id.in_(case_ids))).mappings())
    persons = _by_id(conn, m.ReportedPerson, [c["person_id"] for c in cases if c["person_id"]])
    reports = _first_by_case(conn, m.Report, case_ids, "submitted_at")
    assessments = _last_by_case(conn, m.Assessment, case_ids, "created_at")
    recs = _first_by_case(conn, m.Recommendation, case_ids, "created_at")
    decisions = _last_by_case(conn, m.PpkDecision, case_ids, "created_at")
    followed = {r["case_id"] for r in _rows(conn, m.FollowUp, case_ids, "created_at")}
    dues = {r["case_id"]: r["due_on"] for r in _rows(conn, m.CaseDeadline, case_ids, "started_on")
            if r["step_id"] == PPK_STEP}  # fmt: skip
    for c in cases:
        person, report = persons.get(c["person_id"] or ""), reports.get(c["id"])
        a, rec, dec = assessments.get(c["id"]), recs.get(c["id"]), decisions.get(c["id"])
        yield CaseInputs(
            case_id=c["id"],
            version=c["version"],
            status=c["status"],
            region_code=c["region_code"],
            agency_id=c["agency_id"],
            election_id=c["election_id"],
            opened_on=_day(c["opened_at"]),
            position_text=(person or {}).get("position") or (report or {}).get("person_position"),
            employee_type=(person or {}).get("employee_type") or (report or {}).get("employee_type"),
            behaviours=tuple(a["behaviours"]) if a else (),
            rule_ids=tuple(a["rule_ids"]) if a else (),
            recommended_on=rec["sent_on"] if rec else None,
            ppk_due_on=dues.get(c["id"]),
            decided_on=dec["decree_on"] if dec else None,
            followed_up=c["id"] in followed,
        )


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _rows(conn: Connection, model: type[m.Base], case_ids: Sequence[str], order: str) -> list[Any]:
    t = _table(model)
    stmt = select(t).where(t.c.case_id.in_(case_ids)).order_by(t.c[order], t.c.id)
    return list(conn.execute(stmt).mappings())


def _by_id(conn: Connection, model: type[m.Base], ids: Iterable[str]) -> dict[str, Any]:
    t = _table(model)
    return {r["id"]: r for r in conn.execute(select(t).where(t.c.id.in_(list(ids)))).mappings()}


def _first_by_case(conn: Connection, model: type[m.Base], ids: Sequence[str], order: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for r in _rows(conn, model, ids, order):
        found.setdefault(r["case_id"], r)
    return found


def _last_by_case(conn: Connection, model: type[m.Base], ids: Sequence[str], order: str) -> dict[str, Any]:
    return {r["case_id"]: r for r in _rows(conn, model, ids, order)}


def engine_of(make_uow: Callable[[], object]) -> Engine:
    """The engine behind a unit-of-work factory (the web backend keeps only the factory)."""
    uow = make_uow()
    engine = getattr(uow, "engine", None)
    if not isinstance(engine, Engine):
        raise TypeError("the oversight pages need the SQL unit of work")
    return engine


def _export_where(query: ExportQuery) -> list[ColumnElement[bool]]:
    c = CASES.c
    where: list[ColumnElement[bool]] = []
    if query.statuses:
        where.append(c.status.in_(sorted(s.value for s in query.statuses)))
    region = region_range(c.region_code, query.region)
    if region is not None:
        where.append(region)
    if query.agency_id is not None:
        where.append(c.agency_id == query.agency_id)
    if query.election_id is not None:
        where.append(c.election_id == query.election_id)
    if query.text.strip():
        like = f"%{query.text.strip().lower()}%"
        where.append(or_(func.lower(c.title).like(like), func.lower(c.number).like(like)))
    return where


def export_count(conn: Connection, query: ExportQuery) -> int:
    stmt = select(func.count()).select_from(CASES).where(*_export_where(query))
    return int(conn.execute(stmt).scalar_one())


def export_rows(conn: Connection, query: ExportQuery) -> Iterator[ExportRow]:
    """The cases of ``query`` with their facts, newest first, streamed from a server-side cursor
    (PostgreSQL) or SQLite's row-by-row cursor, ``BATCH`` rows at a time."""
    c, f = CASES.c, FACTS.c
    stmt = (
        select(
            c.number,
            c.title,
            c.status,
            c.region_code,
            c.agency_id,
            c.election_id,
            c.act_on,
            c.opened_at,
            c.closed_at,
            f.behaviour,
            f.rule_id,
            f.position,
            f.employee_type,
            f.recommended_on,
            f.decided_on,
        )
        .select_from(CASES.outerjoin(FACTS, FACTS.c.case_id == c.id))
        .where(*_export_where(query))
        .order_by(c.opened_at.desc(), c.id.desc())
    )
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(stmt)
    for r in result:
        yield ExportRow(
            r.number, r.title, r.status, r.region_code, r.agency_id, r.election_id, r.act_on,
            _day(r.opened_at), _day(r.closed_at) if r.closed_at else None, r.behaviour, r.rule_id,
            r.position, r.employee_type, r.recommended_on, r.decided_on,
        )  # fmt: skip


def next_letter_number(engine: Engine, agency_key: str, kind: str, year: int) -> int:
    """Take the next number of (issuing office, letter kind, year) atomically and commit it."""
    table = _table(m.LetterNumber)
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(agency_key=agency_key[:64], kind=kind, year=year, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["agency_key", "kind", "year"], set_={"last": table.c["last"] + 1}
    ).returning(table.c["last"])
    with engine.begin() as conn:
        return int(conn.execute(stmt).scalar_one())
