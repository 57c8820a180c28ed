"""The ``deliveries`` table: queueing (idempotent by key), claiming with a lease, recording each
message as sent right after the SMTP server accepted it, and progress for the sender."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, String, and_, exists, func, insert, literal, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from netralitas.db import outreach_models as om
from netralitas.db.outreach_tables import ACKS, CIRCULARS, MEMBERS, RECIPIENTS, table
from netralitas.outreach.records import Circular, Member

DELIVERIES = table(om.DeliveryRow)
#: A claim older than this is taken to belong to a worker that died: its rows may be claimed again.
LEASE = timedelta(minutes=10)


def delivery_key(circular_id: str, member_id: str, kind: str) -> str:
    return f"{circular_id}:{member_id}:{kind}"


def queue_deliveries(
    engine: Engine, circular: Circular, kind: str, now: datetime, *, units: Sequence[str] = (),
    unacknowledged_only: bool = False,
) -> int:  # fmt: skip
    """Add a delivery row per recipient with an e-mail address (once per key); returns how many new."""
    prefix = literal(f"{circular.id}:", String)
    key = prefix + RECIPIENTS.c.member_id + literal(f":{kind}", String)
    where: list[ColumnElement[bool]] = [
        RECIPIENTS.c.circular_id == circular.id,
        MEMBERS.c.active.is_(True),
        MEMBERS.c.email.is_not(None),
    ]
    where.append(~exists().where(DELIVERIES.c.key == key))
    if units:
        where.append(RECIPIENTS.c.unit_code.in_(units))
    if unacknowledged_only:
        acked = and_(ACKS.c.circular_id == circular.id, ACKS.c.member_id == RECIPIENTS.c.member_id)
        where.append(~exists().where(acked))
    source = select(
        key, literal(circular.id), RECIPIENTS.c.member_id, literal(kind), literal("queued"), literal(0),
        literal(now, DELIVERIES.c.queued_at.type),
    ).select_from(RECIPIENTS.join(MEMBERS, MEMBERS.c.id == RECIPIENTS.c.member_id)).where(*where)  # fmt: skip
    cols = ["key", "circular_id", "member_id", "kind", "status", "attempts", "queued_at"]
    with engine.begin() as conn:
        added = conn.execute(insert(DELIVERIES).from_select(cols, source).returning(DELIVERIES.c.key))
        return len(added.all())


def pending_keys(engine: Engine, circular_id: str | None = None) -> list[str]:
    """Keys not yet sent (queued, or claimed by a worker whose lease may have run out), in order."""
    where: list[ColumnElement[bool]] = [DELIVERIES.c.status.in_(("queued", "sending"))]
    if circular_id is not None:
        where.append(DELIVERIES.c.circular_id == circular_id)
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(select(DELIVERIES.c.key).where(*where).order_by(DELIVERIES.c.key))]


@dataclass(frozen=True)
class Outgoing:
    key: str
    kind: str
    circular: Circular
    member: Member


def claim(engine: Engine, keys: Sequence[str], now: datetime) -> list[str]:
    """Take the unsent keys among ``keys`` for this worker (committed before anything is sent)."""
    free = or_(DELIVERIES.c.status == "queued",
               and_(DELIVERIES.c.status == "sending", DELIVERIES.c.claimed_at < now - LEASE))  # fmt: skip
    stmt = (
        update(DELIVERIES).where(DELIVERIES.c.key.in_(list(keys)), free)
        .values(status="sending", claimed_at=now, attempts=DELIVERIES.c.attempts + 1)
        .returning(DELIVERIES.c.key)
    )  # fmt: skip
    with engine.begin() as conn:
        return sorted(r[0] for r in conn.execute(stmt))


def load(engine: Engine, keys: Sequence[str]) -> list[Outgoing]:
    from netralitas.db.mapping import Mapper

    joined = DELIVERIES.join(CIRCULARS, CIRCULARS.c.id == DELIVERIES.c.circular_id).join(
        MEMBERS, MEMBERS.c.id == DELIVERIES.c.member_id
    )
    member_cols = [MEMBERS.c[f].label(f"m_{f}") for f in Mapper(Member).fields]
    query = select(DELIVERIES.c.key, DELIVERIES.c.kind, CIRCULARS, *member_cols).select_from(joined)
    circulars, members = Mapper(Circular), Mapper(Member)
    out: list[Outgoing] = []
    with engine.connect() as conn:
        for row in conn.execute(query.where(DELIVERIES.c.key.in_(list(keys)))).mappings():
            member = members.from_row({f: row[f"m_{f}"] for f in members.fields})
            out.append(Outgoing(row["key"], row["kind"], circulars.from_row(row), member))
    return sorted(out, key=lambda o: o.key)


def mark(conn: Connection, key: str, status: str, at: datetime, error: str | None = None) -> None:
    """Record one message's outcome and commit at once (the caller's connection, reused per batch)."""
    values = {"status": status, "sent_at": at if status == "sent" else None, "error": error}
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.key == key).values(**values))
    conn.commit()


def progress(engine: Engine, circular_id: str) -> dict[str, int]:
    """Counts per status (queued, sending, sent, failed) of a circular's deliveries."""
    query = select(DELIVERIES.c.status, func.count()).where(DELIVERIES.c.circular_id == circular_id)
    with engine.connect() as conn:
        found = {str(s): int(n) for s, n in conn.execute(query.group_by(DELIVERIES.c.status))}
    return {s: found.get(s, 0) for s in ("queued", "sending", "sent", "failed")}
