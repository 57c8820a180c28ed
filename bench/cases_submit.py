"""Benchmark: report submissions per second (SQLite or PostgreSQL), beside a bare insert of the same rows.

Each submission is one transaction through the real service (validation, receipt issue with
argon2id, text screening for triage, report + case + screening rows, audit-chain append, commit
with synchronous=FULL; also shown with screening off). The baseline inserts the same report and
case rows with plain SQLAlchemy Core, one transaction per report, on the same kind of database.

    .venv/bin/python bench/cases_submit.py [N]                    # SQLite, temporary files
    .venv/bin/python bench/cases_submit.py N --database-url URL   # PostgreSQL: one schema per run
                                                                   # (bench_submit_*, dropped after)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote

import psycopg
from sqlalchemy import insert
from sqlalchemy.engine import make_url

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


BASE_URL = ""  # set by --database-url


@contextmanager
def _database(root: Path, name: str) -> Iterator[str]:
    """A fresh, migrated database: a SQLite file, or a PostgreSQL schema of its own (dropped after)."""
    if not BASE_URL.startswith("postgresql"):
        url = f"sqlite:///{root / name}"
        upgrade(url)
        yield url
        return
    schema = "bench_submit_" + "".join(ch if ch.isalnum() else "_" for ch in name).lower()
    plain = make_url(BASE_URL).set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    base = make_url(BASE_URL).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    upgrade(url)
    try:
        yield url
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def run_service(
    root: Path, n: int, time_cost: int, memory_kib: int, screening: bool = True
) -> tuple[float, list[tuple[object, object]]]:
    with _database(root, f"service-{time_cost}-{screening}.db") as url:
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
    with _database(root, "baseline.db") as url:
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
    global BASE_URL
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("submissions", nargs="?", type=int, default=300, help="submissions per run (300)")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite temp files)")
    args = parser.parse_args()
    n, BASE_URL = args.submissions, args.database_url
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
