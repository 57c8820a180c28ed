"""SQLite: the writers of several processes (``serve --workers N``) queue on a file lock beside
the database (``db.engine.WriterQueue``) before ``BEGIN IMMEDIATE``, instead of sleeping in
SQLite's busy handler (up to 100 ms between tries)."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from sqlalchemy import text

from netralitas.db.engine import create_db_engine, writer_queue


def _file_is_locked(path: str) -> bool:
    """Whether another open file description holds the lock (an ``flock`` of a second
    descriptor conflicts with the first, also within one process)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _table(url: str) -> None:
    engine = create_db_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS t (n INTEGER)"))
    engine.dispose()


def test_a_write_transaction_holds_the_writer_file_until_it_ends(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    _table(url)
    engine = create_db_engine(url)
    queue = writer_queue(engine)
    assert queue is not None and queue.path == f"{tmp_path / 'w.db'}-writer"
    with engine.connect() as conn:
        with conn.begin():
            conn.execute(text("INSERT INTO t VALUES (1)"))
            assert _file_is_locked(queue.path)
        assert not _file_is_locked(queue.path)  # committed
        with pytest.raises(RuntimeError), conn.begin():
            conn.execute(text("INSERT INTO t VALUES (2)"))
            raise RuntimeError("rolled back")
        assert not _file_is_locked(queue.path)
    assert os.stat(queue.path).st_mode & 0o777 == 0o600
    engine.dispose()


def test_the_queue_is_reentrant_in_a_thread_and_takes_the_file_once(tmp_path: Path) -> None:
    from netralitas.db.engine import WriterQueue

    queue = WriterQueue(str(tmp_path / "q.db"))
    assert queue.acquire(1) and queue.acquire(1)
    assert queue.path is not None and _file_is_locked(queue.path)
    queue.release()
    assert _file_is_locked(queue.path)  # the inner release does not let other processes in early
    queue.release()
    assert not _file_is_locked(queue.path)


def test_reads_and_memory_databases_take_no_file_lock(tmp_path: Path) -> None:
    assert writer_queue(create_db_engine("sqlite:///:memory:")).path is None  # type: ignore[union-attr]
    url = f"sqlite:///{tmp_path / 'r.db'}"
    _table(url)
    engine = create_db_engine(url)
    from netralitas.db.uow import SqlUnitOfWork

    uow = SqlUnitOfWork(engine)
    with uow.reading():
        assert not _file_is_locked(f"{tmp_path / 'r.db'}-writer")
    engine.dispose()


def _hold_write(url: str, ready: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    engine = create_db_engine(url)
    conn = engine.connect()
    conn.begin()
    conn.execute(text("INSERT INTO t VALUES (7)"))
    ready.set()
    signal.pause()  # killed while writing


def test_a_killed_worker_in_the_middle_of_a_write_holds_nobody_up(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    _table(url)
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    worker = ctx.Process(target=_hold_write, args=(url, ready))
    worker.start()
    try:
        assert ready.wait(60)
        assert _file_is_locked(f"{tmp_path / 'k.db'}-writer")  # the other process's turn
    finally:
        os.kill(worker.pid or 0, signal.SIGKILL)
        worker.join(10)
    engine = create_db_engine(url)
    with engine.begin() as conn:  # the kernel released the lock with the process
        conn.execute(text("INSERT INTO t VALUES (8)"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t")).scalars().all() == [8]  # 7 was never committed
    engine.dispose()
