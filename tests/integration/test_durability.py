"""Kill -9 a process that is submitting reports, many times; every report it acknowledged
(printed after commit) must survive and the database must stay consistent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select

from netralitas.cases import audit
from netralitas.cases.dependencies import Kit
from netralitas.config import Settings
from netralitas.db.models import AuditEntry, Case, Report
from netralitas.db.uow import SqlUnitOfWork

WORKER = Path(__file__).with_name("durability_worker.py")
ROUNDS = 7


def _round(settings: Settings, rng: random.Random, errors: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(WORKER.parents[2])}
    with errors.open("a") as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), settings.database_url, str(settings.data_dir),
             settings.identity_key.get_secret_value()],
            stdout=subprocess.PIPE, stderr=stderr, text=True, env=env,
        )  # fmt: skip
    assert proc.stdout is not None
    lines: list[str] = []
    first_ack = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() != "ready":
                lines.append(line.strip())
                first_ack.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started = first_ack.wait(120)  # then kill at a random moment of the submission loop
    if started:
        time.sleep(rng.uniform(0.05, 0.8))
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    reader.join(10)
    proc.stdout.close()
    assert started, errors.read_text()
    return [line for line in lines if line]


def test_acknowledged_reports_survive_sigkill(
    settings: Settings, engine: Engine, make_uow: Callable[[], SqlUnitOfWork], kit: Kit, tmp_path: Path
) -> None:
    rng = random.Random(20241127)
    acknowledged: list[str] = []
    rounds = ROUNDS if engine.dialect.name == "sqlite" else 3  # PostgreSQL: its own durability
    for _ in range(rounds):
        acknowledged += _round(settings, rng, tmp_path / "worker.err")
    assert len(acknowledged) >= rounds  # every round acknowledged at least one report
    with engine.connect() as conn:
        stored = set(conn.execute(select(Report.id)).scalars())
        cases = set(conn.execute(select(Case.id)).scalars())
        report_cases = set(conn.execute(select(Report.case_id)).scalars())
        audited = conn.execute(select(AuditEntry.subject_id).where(AuditEntry.action == "report.submitted"))
        audited_reports = list(audited.scalars())
        if engine.dialect.name == "sqlite":
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            assert integrity == "ok", integrity
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    missing = [r for r in acknowledged if r not in stored]
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged reports lost: {missing[:5]}"
    # nothing half-written: each stored report has its case and exactly one audit entry, and no
    # case or audit entry exists without its report (killed transactions left no trace)
    assert report_cases == cases
    assert sorted(audited_reports) == sorted(stored)
    result = audit.verify_trail(make_uow(), kit)
    assert result.ok, result.message
    assert result.entries >= len(acknowledged)
