"""Benchmark: report submissions per second on SQLite, beside a bare insert of the same rows.

Each submission is one transaction through the real service (validation, receipt issue with
argon2id, text screening for triage, report + case + screening rows, audit-chain append, commit
with synchronous=FULL; also shown with screening off). The baseline inserts the same report and
case rows with plain SQLAlchemy Core, one transaction per report, on the same kind of database.
Run: ``.venv/bin/python bench/cases_submit.py [N]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from netralitas.cases import records
from netralitas.cases.public_report import ReportSubmission
from netralitas.cases.reporting import submit_report
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db import models
from netralitas.db.engine import create_db_engine
from netralitas.db.mapping import Mapper
from netralitas.db.migrate import upgrade
from netralitas.db.uow import SqlUnitOfWork

PAYLOAD = ReportSubmission(
    description="Camat mengunggah foto pose dua jari bersama calon bupati di Instagram pribadinya.",
    act_on=date(2024, 10, 2), place="Kecamatan Depok", region_code="34.04", person_name="Budi Santoso",
    links=("https://instagram.com/p/abc",), election_id="pilkada-2024",
)  # fmt: skip


def _database(root: Path, name: str) -> str:
    url = f"sqlite:///{root / name}"
    upgrade(url)
    return url


def run_service(
    root: Path, n: int, time_cost: int, memory_kib: int, screening: bool = True
) -> tuple[float, list[tuple[object, object]]]:
    url = _database(root, f"service-{time_cost}-{screening}.db")
    settings = Settings(data_dir=root, database_url=url, receipt_hash_time_cost=time_cost,
                        receipt_hash_memory_kib=memory_kib)  # fmt: skip
    kit = build_kit(settings, screening=screening)
    if kit.screener is not None:  # the model loads once per process: not part of a submission
        kit.screener(PAYLOAD.description, PAYLOAD.act_on, PAYLOAD.election_id, None)
    engine = create_db_engine(url)
    start = time.perf_counter()
    for _ in range(n):
        submit_report(SqlUnitOfWork(engine), kit, PAYLOAD)
    elapsed = time.perf_counter() - start
    with SqlUnitOfWork(engine) as uow:
        rows = [(r, uow.cases.get(r.case_id or "")) for r in uow.reports.find()]
    engine.dispose()
    return elapsed, rows


def run_baseline(root: Path, rows: list[tuple[object, object]]) -> float:
    url = _database(root, "baseline.db")
    engine = create_db_engine(url)
    report_map, case_map = Mapper(records.Report), Mapper(records.Case)
    reports, cases = models.Report.__table__, models.Case.__table__
    prepared = [(case_map.to_row(c), report_map.to_row(r)) for r, c in rows]  # type: ignore[arg-type]
    start = time.perf_counter()
    for case_row, report_row in prepared:
        with engine.begin() as conn:
            conn.execute(insert(cases).values(**case_row))
            conn.execute(insert(reports).values(**report_row))
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        low, rows = run_service(root, n, time_cost=1, memory_kib=8)
        unscreened, _ = run_service(root, n, time_cost=1, memory_kib=8, screening=False)
        base = run_baseline(root, rows)
        prod_n = max(10, n // 6)
        prod, _ = run_service(root, prod_n, time_cost=3, memory_kib=65536)
    print(f"bare insert, 1 txn each:   {n / base:8.1f} /s")
    print(
        f"submit, argon2 t=1 8 KiB:   {n / low:8.1f} /s  ratio {low / base:5.2f}x baseline (with screening)"
    )
    print(f"  same, screening off:      {n / unscreened:8.1f} /s  ratio {unscreened / base:5.2f}x baseline")
    per_prod = (prod / prod_n) / (base / n)
    print(f"submit, argon2 t=3 64 MiB: {prod_n / prod:8.1f} /s  ratio {per_prod:5.2f}x baseline")


if __name__ == "__main__":
    main()
