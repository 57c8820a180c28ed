"""SQLite: read-only service calls read a WAL snapshot instead of queueing for the write lock;
a list of cases is read from the snapshot too but is not handed out before its audit entry is
committed, so it waits for a running writer."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from netralitas.cases.audit import verify_trail
from netralitas.cases.case_lists import Page, list_cases, list_overdue, status_counts
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery
from netralitas.cases.reporting import report_status, submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import PermissionDeniedError
from netralitas.privacy.reporter_identity import generate_identity_key
from tests.factories import SUPERVISOR, report, seed_agencies


def test_reads_do_not_wait_for_a_writer_and_refusals_are_still_audited(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    upgrade(f"sqlite:///{path}")
    settings = Settings(data_dir=tmp_path / "var", database_url=f"sqlite:///{path}",
                        identity_key=generate_identity_key(),  # type: ignore[arg-type]
                        receipt_hash_time_cost=1, receipt_hash_memory_kib=8,
                        password_hash_time_cost=1, password_hash_memory_kib=8)  # fmt: skip
    kit = build_kit(settings, screening=False)
    engine = create_db_engine(settings.database_url)
    make_uow: Callable[[], SqlUnitOfWork] = lambda: SqlUnitOfWork(engine)  # noqa: E731
    seed_agencies(make_uow, kit)
    sent = submit_report(make_uow(), kit, report())
    writer = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process is in the middle of a write
        writer.execute("UPDATE cases SET title = 'belum selesai'")
        assert status_counts(make_uow(), kit, SUPERVISOR) == {"received": 1}  # the committed snapshot
        assert report_status(make_uow(), kit, sent.receipt).case_number == sent.case_number
        assert verify_trail(make_uow(), kit).ok
        pages: list[Page] = []
        listing = lambda: pages.append(list_cases(make_uow(), kit, SUPERVISOR, CaseQuery()))  # noqa: E731
        lister = threading.Thread(target=listing)
        lister.start()
        lister.join(timeout=0.5)
        assert lister.is_alive() and not pages  # read, but not handed out before its audit entry
        writer.execute("ROLLBACK")
        lister.join()
        assert pages[0].total == 1 and pages[0].items[0].title != "belum selesai"
        assert list_overdue(make_uow(), kit, date(2024, 12, 1)) == []
        with make_uow() as uow:
            listed = [e for e in uow.audit.iter_all() if e.action == "cases.listed"]
        assert [(e.actor_id, e.detail["purpose"], e.detail["rows"]) for e in listed] == [
            (SUPERVISOR.user_id, "list", 1),
            ("system", "overdue", 0),
        ]
        with pytest.raises(PermissionDeniedError):  # a refusal inside a read writes its audit entry
            list_cases(make_uow(), kit, Actor("u-admin", "admin", Role.ADMIN), CaseQuery())
        with make_uow() as uow:
            assert uow.audit.last() is not None and uow.audit.last().action == "access.denied"  # type: ignore[union-attr]
        assert verify_trail(make_uow(), kit).ok
    finally:
        writer.close()
        engine.dispose()


def test_list_reads_waiting_for_the_audit_lock_share_one_commit(
    kit: Kit, engine: Engine, make_uow: Callable[[], SqlUnitOfWork], db_url: str
) -> None:
    """Group commit (SQLite and PostgreSQL): eight officers list cases while another connection
    holds the lock their audit entries need (SQLite: the write lock; PostgreSQL: the audit head
    row); the eight ``cases.listed`` entries go in with one commit once it is free."""
    seed_agencies(make_uow, kit)
    submit_report(make_uow(), replace(kit, screener=None), report())
    commits: list[int] = []
    event.listen(engine, "commit", lambda conn: commits.append(1))
    pages: list[Page] = []
    blocker = create_db_engine(db_url)
    with blocker.connect() as other:
        if db_url.startswith("sqlite"):
            other.exec_driver_sql("SELECT 1")  # BEGIN IMMEDIATE: the write lock
        else:
            other.execute(text("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE"))
        listing = lambda: pages.append(list_cases(make_uow(), kit, SUPERVISOR, CaseQuery()))  # noqa: E731
        threads = [threading.Thread(target=listing) for _ in range(8)]
        for thread in threads:
            thread.start()
        for _ in range(1000):  # until all eight wait: one for the lock, seven behind it in the group
            if len(kit.audit_group._queue) == 8:
                break
            time.sleep(0.01)
        assert len(kit.audit_group._queue) == 8 and not pages
        other.rollback()
    blocker.dispose()
    for thread in threads:
        thread.join()
    assert len(pages) == 8 and all(p.total == 1 for p in pages)
    assert len(commits) == 1
    with make_uow() as uow:
        listed = [e for e in uow.audit.iter_all() if e.action == "cases.listed"]
    assert len(listed) == 8 and verify_trail(make_uow(), kit).ok
