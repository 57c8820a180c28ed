"""SQLite online backup while the application writes: the copy is one consistent snapshot."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from netralitas.cases import audit
from netralitas.cases.kit import Kit
from netralitas.cases.reporting import submit_report
from netralitas.config import Settings
from netralitas.db.backup import backup_sqlite
from netralitas.db.engine import create_db_engine
from netralitas.db.uow import SqlUnitOfWork
from tests.integration.helpers import report, seed_agencies


def test_backup_during_submissions_is_a_consistent_snapshot(
    engine: Engine, settings: Settings, make_uow: Callable[[], SqlUnitOfWork], kit: Kit, tmp_path: Path
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite online backup; PostgreSQL uses pg_dump")
    seed_agencies(make_uow, kit)
    quick = replace(kit, screener=None)
    stop, submitted = threading.Event(), []

    def submit() -> None:
        while not stop.is_set() or len(submitted) < 20:
            submitted.append(submit_report(make_uow(), quick, report()).report_id)

    writer = threading.Thread(target=submit)
    writer.start()
    try:
        while len(submitted) < 10:  # the backup starts while reports keep coming in
            stop.wait(0.01)
        info = backup_sqlite(settings.database_url, settings.evidence_dir, tmp_path / "backup")
    finally:
        stop.set()
        writer.join(60)
    copy = create_db_engine(f"sqlite:///{info.path / 'netralitas.db'}")
    try:
        result = audit.verify_trail(SqlUnitOfWork(copy), kit)
        with copy.connect() as conn:
            reports = conn.exec_driver_sql("SELECT count(*) FROM reports").scalar_one()
    finally:
        copy.dispose()
    manifest = json.loads((info.path / "manifest.json").read_text())
    assert info.integrity == "ok" and result.ok, result.message
    # the chain head recorded in the copy matches its entries: data and audit from one moment
    assert manifest["audit_head"]["seq"] == result.entries
    assert 10 <= reports <= len(submitted)
