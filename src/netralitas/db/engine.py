"""Engine creation: SQLite by default (WAL, foreign keys, exclusive write transactions),
PostgreSQL (psycopg 3) by URL alone."""

from __future__ import annotations

import os
import threading
import time
import weakref
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not POSIX: the writers of other processes meet at SQLite's lock only
    fcntl = None  # type: ignore[assignment]

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


#: Key in ``Connection.info``: the engine's writer queue this connection holds.
_HOLDS_WRITE_LOCK = "netralitas_write_lock"
#: Longest pause (seconds) between two tries for another process's turn to write.
WRITER_POLL_MAX_SECONDS = 0.002


class WriterQueue:
    """Where the SQLite writers of one database queue before ``BEGIN IMMEDIATE``, instead of in
    SQLite's busy handler, whose sleeps grow to 100 ms between tries and made short writers
    (audit entries of list reads) wait far longer than the write they waited for.

    First the threads of this process, on a lock in Python; then the processes (``serve
    --workers N``), on an advisory ``flock`` of a file beside the database (``<database>-writer``),
    tried again at most every ``WRITER_POLL_MAX_SECONDS`` until the busy timeout. The file lock
    goes with the process: a worker that is killed holds nobody up. SQLite's own lock still
    decides; this only makes the waiting short and fair. One per engine, so one per process
    and database; re-entrant in a thread (a write inside a write takes the file lock once)."""

    def __init__(self, database: str | None) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self._path = f"{database}-writer" if database and fcntl is not None else None
        self._fd: int | None = None
        self._fd_pid = 0
        self._file_held = False

    @property
    def path(self) -> str | None:
        """The lock file (None: threads of this process only)."""
        return self._path

    def acquire(self, timeout: float) -> bool:
        """Wait for this process's writers, then for other processes' (both within ``timeout``
        seconds). False only when this process's turn did not come in time; when another
        process's does not, SQLite's busy handler decides, as before."""
        deadline = time.monotonic() + timeout
        if not self._lock.acquire(timeout=timeout):
            return False
        self._depth += 1
        if self._depth == 1:
            self._file_held = self._acquire_file(deadline)
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._file_held:
            self._file_held = False
            assert fcntl is not None and self._fd is not None
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._lock.release()

    def _acquire_file(self, deadline: float) -> bool:
        fd = self._descriptor()
        if fd is None:
            return False
        assert fcntl is not None
        pause = 0.0001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(pause)
                pause = min(pause * 2, WRITER_POLL_MAX_SECONDS)

    def _descriptor(self) -> int | None:
        """The lock file, opened once per process: a descriptor inherited through ``fork`` shares
        its lock with the parent, so a forked child opens its own."""
        if self._path is None:
            return None
        if self._fd is None or self._fd_pid != os.getpid():
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:  # e.g. a read-only folder: threads of this process only
                self._path = None
                return None
            self._fd_pid = os.getpid()
        return self._fd


_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, WriterQueue] = weakref.WeakKeyDictionary()


def writer_queue(engine: Engine) -> WriterQueue | None:
    """The engine's writer queue (SQLite engines only)."""
    return _WRITE_LOCKS.get(engine)


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
    on_disk = bool(database) and database != ":memory:" and not str(database).startswith("file:")
    _WRITE_LOCKS[engine] = WriterQueue(database if on_disk else None)
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
    """Writers take the write lock up front (``WriterQueue``: this process's turn, then the
    other processes', then SQLite's lock); a transaction
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
