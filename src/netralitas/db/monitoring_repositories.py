"""Media monitoring on SQLAlchemy: the batch repository and its unit of work (the audit chain is
the case store's, ``SqlAudit``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from netralitas.cases.ports import AuditRepository
from netralitas.db.engine import READ_ONLY, release
from netralitas.db.monitoring_models import MonitoringBatchRow, MonitoringPostRow
from netralitas.db.outreach_tables import table
from netralitas.db.repositories import SqlAudit, region_filter
from netralitas.monitoring.ports import BatchRepository, MonitoringUnitOfWork
from netralitas.monitoring.records import Batch, BatchStatus, Post, PostFilter, PostInput, Screened

BATCHES, POSTS = table(MonitoringBatchRow), table(MonitoringPostRow)
_INSERT_ROWS = 500


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _batch(row: Mapping[Any, Any]) -> Batch:
    plain = ("id", "filename", "region_code", "agency_id", "created_by", "total", "screened", "flagged",
             "election_id", "error", "created_by_name")  # fmt: skip
    return Batch(
        **{name: row[name] for name in plain},
        created_at=_utc(row["created_at"]) or row["created_at"],
        status=BatchStatus(row["status"]),
        problems=list(row["problems"] or []),
        claimed_at=_utc(row["claimed_at"]),
        finished_at=_utc(row["finished_at"]),
    )


def _post(row: Mapping[Any, Any]) -> Post:
    return Post(
        batch_id=row["batch_id"], seq=row["seq"], line=row["line"], text=row["text"], url=row["url"],
        posted_on=row["posted_on"], author=row["author"], region_code=row["region_code"],
        screened=bool(row["screened"]), labels=row["labels"].split(), confidence=float(row["confidence"]),
        needs_reading=bool(row["needs_reading"]), result=dict(row["result"] or {}), case_id=row["case_id"],
        kind=row["kind"],
    )  # fmt: skip


class SqlBatches:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, batch: Batch, posts: Sequence[PostInput]) -> None:
        values = {k: v.value if isinstance(v, BatchStatus) else v for k, v in batch.__dict__.items()}
        self.conn.execute(insert(BATCHES).values(**values))
        rows = [
            {"batch_id": batch.id, "seq": seq, "line": p.line, "text": p.text, "url": p.url,
             "posted_on": p.posted_on, "author": p.author, "region_code": p.region_code, "screened": False,
             "labels": "", "confidence": 0.0, "needs_reading": False, "flagged": False, "result": None,
             "case_id": None, "kind": p.kind}
            for seq, p in enumerate(posts, start=1)
        ]  # fmt: skip
        for start in range(0, len(rows), _INSERT_ROWS):
            self.conn.execute(insert(POSTS), rows[start : start + _INSERT_ROWS])

    def get(self, batch_id: str) -> Batch | None:
        row = self.conn.execute(select(BATCHES).where(BATCHES.c.id == batch_id)).mappings().first()
        return None if row is None else _batch(row)

    @staticmethod
    def _scope(region_prefix: str, agency_id: str | None) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        region = region_filter(BATCHES.c.region_code, region_prefix)
        if region is not None:
            where.append(region)
        if agency_id is not None:
            where.append(BATCHES.c.agency_id == agency_id)
        return where

    def in_scope(self, region_prefix: str, agency_id: str | None, limit: int, offset: int = 0) -> list[Batch]:
        query = (
            select(BATCHES).where(*self._scope(region_prefix, agency_id))
            .order_by(BATCHES.c.created_at.desc(), BATCHES.c.id).limit(limit).offset(offset)
        )  # fmt: skip
        return [_batch(r) for r in self.conn.execute(query).mappings()]

    def count_in_scope(self, region_prefix: str, agency_id: str | None) -> int:
        query = select(func.count()).select_from(BATCHES).where(*self._scope(region_prefix, agency_id))
        return int(self.conn.execute(query).scalar_one())

    def created_before(self, cutoff: datetime, limit: int, offset: int = 0) -> list[Batch]:
        query = (
            select(BATCHES).where(BATCHES.c.created_at < cutoff)
            .order_by(BATCHES.c.created_at, BATCHES.c.id).limit(limit).offset(offset)
        )  # fmt: skip
        return [_batch(r) for r in self.conn.execute(query).mappings()]

    def delete(self, batch_id: str) -> int:
        posts = self.conn.execute(delete(POSTS).where(POSTS.c.batch_id == batch_id)).rowcount
        self.conn.execute(delete(BATCHES).where(BATCHES.c.id == batch_id))
        return int(posts)

    def claim(self, batch_id: str, now: datetime, stale_before: datetime) -> bool:
        free = or_(
            BATCHES.c.status == BatchStatus.QUEUED.value,
            and_(BATCHES.c.status == BatchStatus.RUNNING.value,
                 or_(BATCHES.c.claimed_at.is_(None), BATCHES.c.claimed_at < stale_before)),
        )  # fmt: skip
        stmt = update(BATCHES).where(BATCHES.c.id == batch_id, free)
        done = self.conn.execute(stmt.values(status=BatchStatus.RUNNING.value, claimed_at=now))
        return done.rowcount == 1

    def pending(self, batch_id: str, limit: int) -> list[Post]:
        query = (
            select(POSTS).where(POSTS.c.batch_id == batch_id, POSTS.c.screened.is_(False))
            .order_by(POSTS.c.seq).limit(limit)
        )  # fmt: skip
        return [_post(r) for r in self.conn.execute(query).mappings()]

    def save(self, batch_id: str, screened: Sequence[Screened], now: datetime) -> None:
        saved = flagged = 0
        for s in screened:
            is_flagged = bool(s.labels) or s.needs_reading
            values = {
                "screened": True, "labels": f" {' '.join(s.labels)} " if s.labels else "",
                "confidence": s.confidence, "needs_reading": s.needs_reading, "flagged": is_flagged,
                "result": s.result,
            }  # fmt: skip
            where = and_(POSTS.c.batch_id == batch_id, POSTS.c.seq == s.seq, POSTS.c.screened.is_(False))
            if self.conn.execute(update(POSTS).where(where).values(**values)).rowcount == 1:
                saved += 1
                flagged += is_flagged
        self.conn.execute(
            update(BATCHES).where(BATCHES.c.id == batch_id).values(
                screened=BATCHES.c.screened + saved, flagged=BATCHES.c.flagged + flagged, claimed_at=now
            )
        )  # fmt: skip

    def finish(self, batch_id: str, status: BatchStatus, now: datetime, error: str | None = None) -> None:
        values = {"status": status.value, "finished_at": now, "error": error}
        self.conn.execute(update(BATCHES).where(BATCHES.c.id == batch_id).values(**values))

    def unfinished(self) -> list[str]:
        states = (BatchStatus.QUEUED.value, BatchStatus.RUNNING.value)
        query = select(BATCHES.c.id).where(BATCHES.c.status.in_(states)).order_by(BATCHES.c.created_at)
        return [r[0] for r in self.conn.execute(query)]

    def _where(self, batch_id: str, f: PostFilter) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [POSTS.c.batch_id == batch_id]
        if f.flagged_only:
            where.append(POSTS.c.flagged.is_(True))
        if f.label:
            where.append(POSTS.c.labels.contains(f" {f.label} ", autoescape=True))
        if f.kind:
            where.append(POSTS.c.kind == f.kind)
        if f.min_confidence > 0:
            where.append(POSTS.c.confidence >= f.min_confidence)
        region = region_filter(POSTS.c.region_code, f.region_prefix)
        if region is not None:
            where.append(region)
        return where

    def posts(self, batch_id: str, where: PostFilter) -> tuple[list[Post], int]:
        conditions = self._where(batch_id, where)
        total = self.conn.execute(select(func.count()).select_from(POSTS).where(*conditions)).scalar_one()
        query = select(POSTS).where(*conditions).order_by(POSTS.c.seq).limit(where.limit).offset(where.offset)
        return [_post(r) for r in self.conn.execute(query).mappings()], int(total)

    def post(self, batch_id: str, seq: int) -> Post | None:
        query = select(POSTS).where(POSTS.c.batch_id == batch_id, POSTS.c.seq == seq)
        row = self.conn.execute(query).mappings().first()
        return None if row is None else _post(row)

    def set_case(self, batch_id: str, seq: int, case_id: str) -> None:
        where = and_(POSTS.c.batch_id == batch_id, POSTS.c.seq == seq)
        self.conn.execute(update(POSTS).where(where).values(case_id=case_id))

    def label_counts(self, batch_id: str) -> dict[str, int]:
        query = select(POSTS.c.labels).where(POSTS.c.batch_id == batch_id, POSTS.c.labels != "")
        counts: dict[str, int] = {}
        for (labels,) in self.conn.execute(query):
            for label in str(labels).split():
                counts[label] = counts.get(label, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


class SqlMonitoringUnitOfWork:
    """Like ``SqlUnitOfWork``: ``with uow:`` opens a transaction, leaving without commit rolls back."""

    batches: BatchRepository
    audit: AuditRepository

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        conn = self.engine.connect()
        conn.info[READ_ONLY] = False
        conn.begin()
        self._conn = conn
        self.batches, self.audit = SqlBatches(conn), SqlAudit(conn)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            release(conn)

    def commit(self) -> None:
        if self._conn is None:
            raise RuntimeError("unit of work used outside 'with'")
        self._conn.commit()


def monitoring_uow_factory(engine: Engine) -> Callable[[], MonitoringUnitOfWork]:
    return lambda: SqlMonitoringUnitOfWork(engine)
