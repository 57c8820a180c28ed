"""Engine creation: SQLite by default (WAL, foreign keys, exclusive write transactions),
PostgreSQL (psycopg 3) by URL alone."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

#: Milliseconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: SQLite connections kept open per engine (the web thread pool's size is 40).
SQLITE_POOL_SIZE = 20
#: Key in ``Connection.info``: the next SQLite transaction only reads (plain ``BEGIN``).
READ_ONLY = "netralitas_read_only"


def release(conn: Connection) -> None:
    """End a unit of work's connection: roll back what was not committed, forget the read-only
    mark, and hand the connection back to the pool."""
    try:
        if conn.in_transaction():
            conn.rollback()
    finally:
        conn.info.pop(READ_ONLY, None)
        conn.close()


#: Key in ``Connection.info``: the engine's in-process write lock this connection holds.
_HOLDS_WRITE_LOCK = "netralitas_write_lock"
#: One lock per SQLite engine: the writers of one process queue here, in Python, before
#: ``BEGIN IMMEDIATE`` instead of inside SQLite's busy handler, whose sleeps grow to 100 ms
#: between tries and made short writers (audit entries of list reads) wait far longer than the
#: write they waited for. Writers of other processes still meet at SQLite's lock.
_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 here."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_db_engine(url: str, *, connect_timeout: int = 5, **kwargs: Any) -> Engine:
    """An engine for ``url``. For SQLite the parent directory is created, every connection
    runs in WAL mode with foreign keys on and ``synchronous=FULL``, and every transaction
    starts with ``BEGIN IMMEDIATE`` so writers are serialised up front (no lock upgrades,
    which also serialises audit-chain appends) — except read-only ones, which start with a
    plain ``BEGIN``. A PostgreSQL connection attempt gives up after ``connect_timeout``
    seconds (an unreachable server then answers 503 instead of hanging every request)."""
    url = normalise_url(url)
    if not is_sqlite(url):
        kwargs.setdefault("connect_args", {"connect_timeout": connect_timeout})
        return create_engine(url, pool_pre_ping=True, **kwargs)
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        # Owner-only from the start: SQLite gives its -wal and -shm files the database's mode.
        Path(database).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        Path(database).touch(mode=0o600, exist_ok=True)
    if database and database != ":memory:":
        # The default pool keeps 5 connections and closes every one above: under a few dozen
        # concurrent requests (the web thread pool) each extra one was opened anew per request,
        # paying the connection pragmas each time. Connections to a file are cheap to keep.
        kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
        kwargs.setdefault("max_overflow", SQLITE_POOL_SIZE)
    # No rollback when a connection goes back to the pool: the driver runs in autocommit mode
    # (``_sqlite_on_connect``), so the only transactions are the ones SQLAlchemy began, and
    # closing a connection already rolls back one left open (``release`` does it explicitly).
    # The pool's own reset was a second rollback and its events on every unit of work.
    kwargs.setdefault("pool_reset_on_return", None)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
    _WRITE_LOCKS[engine] = threading.RLock()
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    event.listen(engine, "commit", _release_write_lock)
    event.listen(engine, "rollback", _release_write_lock)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    """Writers take the write lock up front (first the process's, then SQLite's); a transaction
    marked read-only (see ``SqlUnitOfWork.reading``) starts deferred and reads a WAL snapshot
    without waiting for writers."""
    if connection.info.get(READ_ONLY):
        # Straight to the driver: a deferred BEGIN takes no lock and cannot wait, and going
        # through ``exec_driver_sql`` was a whole statement's SQLAlchemy work on every read
        # transaction (two per queue view). Writers below keep SQLAlchemy's error handling.
        connection.connection.driver_connection.execute("BEGIN")
        return
    lock = _WRITE_LOCKS.get(connection.engine)
    # Bounded like SQLite's own wait; past it SQLite's busy handler decides, as before.
    held = lock is not None and lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        _begin_immediate(connection)
    except BaseException:
        if held:
            lock.release()  # type: ignore[union-attr]
        raise
    if held:
        connection.info[_HOLDS_WRITE_LOCK] = lock


def _begin_immediate(connection: Any) -> None:
    """``BEGIN IMMEDIATE`` on the driver, its errors through SQLAlchemy's handling (wrapped as
    ``sqlalchemy.exc.OperationalError``, e.g. "database is locked": a 503 with Retry-After).
    Through ``exec_driver_sql`` it was a whole statement's SQLAlchemy work on every write
    transaction; under statement listeners it still goes that way (they see it)."""
    events = connection.engine.dispatch
    if connection._has_events or events.before_cursor_execute or events.after_cursor_execute:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    try:
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")
    except Exception as exc:
        connection._handle_dbapi_exception(exc, "BEGIN IMMEDIATE", (), None, None)


def _release_write_lock(connection: Any) -> None:
    """On commit or rollback (also when a connection is closed inside a transaction)."""
    lock = connection.info.pop(_HOLDS_WRITE_LOCK, None)
    if lock is not None:
        lock.release()
