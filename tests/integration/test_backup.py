"""SQLite online backup while the application writes: the copy is one consistent snapshot."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from netralitas.cases import audit
from netralitas.cases.reporting import submit_report
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db.backup import backup_sqlite
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.db.uow import SqlUnitOfWork
from netralitas.privacy.reporter_identity import generate_identity_key
from tests.factories import report, seed_agencies


def test_backup_during_submissions_is_a_consistent_snapshot(tmp_path: Path) -> None:
    """SQLite only (PostgreSQL is backed up with pg_dump), so no backend fixture."""
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    settings = Settings(data_dir=tmp_path / "var", database_url=url, identity_key=generate_identity_key(),  # type: ignore[arg-type]
                        receipt_hash_time_cost=1, receipt_hash_memory_kib=8,
                        password_hash_time_cost=1, password_hash_memory_kib=8)  # fmt: skip
    kit = build_kit(settings, screening=False)
    engine = create_db_engine(url)
    make_uow: Callable[[], SqlUnitOfWork] = lambda: SqlUnitOfWork(engine)  # noqa: E731
    seed_agencies(make_uow, kit)
    quick = kit
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
        engine.dispose()
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
