"""Rate-limit counters in the application's own database (``NETRALITAS_RATE_LIMIT_STORAGE=database``).

The embedded default needs no Redis: with ``serve --workers N`` on PostgreSQL (or several
processes on one SQLite file) every worker counts in the same tables, so N workers no longer give
N times the allowance. Implements the ``limits`` library's storage interface with the moving
window the web app uses (``web/ratelimit.py``):

* ``rate_limit_events``: one row per counted failure (or upload) per limit key, with its time;
  a key's rows older than the window are deleted when the key is next counted, and rows older
  than a day by an occasional sweep.
* ``rate_limit_counters``: the attempts in flight per key (atomic ``incr`` with expiry).

Each write serialises on its key: a transaction-scoped advisory lock on PostgreSQL, the write
lock that every SQLite transaction takes up front (``BEGIN IMMEDIATE``, see ``db.engine``).
Keys are already HMAC digests (no address or account name is stored).
"""

from __future__ import annotations

import itertools
import time
from typing import Any, cast

from limits.storage import MovingWindowSupport, Storage
from sqlalchemy import Float, Index, Integer, String, Table, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from netralitas.db.engine import create_db_engine, is_sqlite
from netralitas.db.models import Base

#: Rows older than this are swept whatever their key (the longest window in use is an hour).
SWEEP_AGE_SECONDS = 86_400
#: One sweep every this many counted events in a process.
SWEEP_EVERY = 500


class RateLimitEventRow(Base):
    __tablename__ = "rate_limit_events"
    __table_args__ = (Index("ix_rate_limit_events_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(120))
    at: Mapped[float] = mapped_column(Float)


class RateLimitCounterRow(Base):
    __tablename__ = "rate_limit_counters"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float)


_EVENTS = cast(Table, RateLimitEventRow.__table__)
_COUNTERS = cast(Table, RateLimitCounterRow.__table__)


class DatabaseRateLimitStorage(Storage, MovingWindowSupport):
    """``limits`` storage over SQLAlchemy Core (SQLite or PostgreSQL)."""

    STORAGE_SCHEME = ["netralitas-database"]  # noqa: RUF012 (the limits base class declares it so)

    def __init__(self, url: str = "netralitas-database://", *, database_url: str, **options: Any) -> None:
        super().__init__(url, wrap_exceptions=False)
        self._engine: Engine = create_db_engine(database_url, pool_size=2, max_overflow=4)
        self._postgres = not is_sqlite(database_url)
        self._counted = itertools.count(1)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return SQLAlchemyError

    def close(self) -> None:
        self._engine.dispose()

    # -- moving window ---------------------------------------------------------------------
    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        with self._engine.begin() as conn:
            self._lock(conn, key)
            conn.execute(delete(_EVENTS).where(_EVENTS.c.key == key, _EVENTS.c.at <= now - expiry))
            held = conn.execute(select(func.count()).where(_EVENTS.c.key == key)).scalar_one()
            if held + amount > limit:
                return False
            conn.execute(insert(_EVENTS), [{"key": key, "at": now}] * amount)
            if next(self._counted) % SWEEP_EVERY == 0:
                conn.execute(delete(_EVENTS).where(_EVENTS.c.at < now - SWEEP_AGE_SECONDS))
                conn.execute(delete(_COUNTERS).where(_COUNTERS.c.expires_at < now))
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        with self._engine.connect() as conn:
            oldest, count = conn.execute(
                select(func.min(_EVENTS.c.at), func.count()).where(
                    _EVENTS.c.key == key, _EVENTS.c.at > now - expiry
                )
            ).one()
        return (float(oldest) if oldest is not None else now), int(count)

    # -- counters --------------------------------------------------------------------------
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._engine.begin() as conn:
            self._lock(conn, key)
            row = conn.execute(
                select(_COUNTERS.c.value, _COUNTERS.c.expires_at).where(_COUNTERS.c.key == key)
            ).one_or_none()
            if row is None:
                conn.execute(insert(_COUNTERS).values(key=key, value=amount, expires_at=now + expiry))
                return amount
            value = amount if row.expires_at <= now else int(row.value) + amount
            expires = now + expiry if row.expires_at <= now else float(row.expires_at)
            conn.execute(
                update(_COUNTERS).where(_COUNTERS.c.key == key).values(value=value, expires_at=expires)
            )
            return value

    def get(self, key: str) -> int:
        with self._engine.connect() as conn:
            value = conn.execute(
                select(_COUNTERS.c.value).where(_COUNTERS.c.key == key, _COUNTERS.c.expires_at > time.time())
            ).scalar_one_or_none()
        return int(value or 0)

    def get_expiry(self, key: str) -> float:
        with self._engine.connect() as conn:
            expires = conn.execute(
                select(_COUNTERS.c.expires_at).where(_COUNTERS.c.key == key)
            ).scalar_one_or_none()
        return float(expires) if expires is not None else time.time()

    def check(self) -> bool:
        try:
            with self._engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self._engine.begin() as conn:
            events = conn.execute(delete(_EVENTS)).rowcount
            counters = conn.execute(delete(_COUNTERS)).rowcount
        return int(events or 0) + int(counters or 0)

    def clear(self, key: str) -> None:
        with self._engine.begin() as conn:
            self._lock(conn, key)
            conn.execute(delete(_EVENTS).where(_EVENTS.c.key == key))
            conn.execute(delete(_COUNTERS).where(_COUNTERS.c.key == key))

    def _lock(self, conn: Connection, key: str) -> None:
        """Serialise writers of one key (SQLite: every writer already holds the write lock)."""
        if self._postgres:
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
