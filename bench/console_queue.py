"""Benchmark: the officer console's queue reads beside the default queue page, in the same run.

Loads a synthetic case load (``netralitas.db.synthetic``), gives every case to one of 100
officers (``case_assignments``), then times through the real services (audit entries included)
the default queue page of a province officer (the baseline), "Kasus saya", the order by nearest
deadline (first and tenth page), the same for a city officer, the audit viewer filtered by actor,
and one notification sweep; each printed in ms and as a ratio to the default queue page.

    .venv/bin/python bench/console_queue.py --cases 100000                       # SQLite (temp file)
    .venv/bin/python bench/console_queue.py --cases 100000 --database-url postgresql+psycopg://U:P@H/empty_db
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, insert, select

from netralitas.cases.audit_viewer import browse_audit
from netralitas.cases.case_lists import queue_view
from netralitas.cases.notifications import sweep
from netralitas.cases.ports import AuditQuery, CaseQuery
from netralitas.cases.roles import Actor, Role
from netralitas.clock import FixedClock
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db import synthetic
from netralitas.db.console_models import CaseAssignmentRow
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.db.models import Case as CaseRow
from netralitas.db.models import User as UserRow
from netralitas.db.uow import SqlUnitOfWork

AT = datetime(2025, 6, 1, 3, 0, tzinfo=UTC)
OFFICERS = 100


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def assign_all(engine: Engine) -> list[str]:
    """Every case to one of ``OFFICERS`` task-force officers of its province (by position)."""
    users = [{"id": f"bench-off-{n:03d}", "username": f"bench.{n:03d}", "display_name": f"Petugas {n}",
              "role": "taskforce", "region_code": "", "agency_id": None, "password_hash": "-", "active": True,
              "created_at": AT, "version": 1, "session_epoch": 0} for n in range(OFFICERS)]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(UserRow.__table__), users)
        ids = conn.execute(select(CaseRow.__table__.c.id)).scalars().all()
        for start in range(0, len(ids), 50_000):
            chunk = ids[start : start + 50_000]
            rows = [{"id": i, "assignee_id": users[(start + n) % OFFICERS]["id"], "assigned_by": "bench",
                     "assigned_at": AT, "version": 1} for n, i in enumerate(chunk)]  # fmt: skip
            conn.execute(insert(CaseAssignmentRow.__table__), rows)
        conn.exec_driver_sql("ANALYZE")
    return [u["id"] for u in users]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-console-"))
    url = args.database_url or f"sqlite:///{root / 'bench.db'}"
    upgrade(url)
    engine = create_db_engine(url)
    began = time.perf_counter()
    synthetic.load(engine, args.cases)
    officers = assign_all(engine)
    print(f"loaded {args.cases:,} cases + assignments in {time.perf_counter() - began:.0f} s "
          f"({engine.dialect.name}); load {os.getloadavg()[0]:.1f}")  # fmt: skip
    settings = Settings(data_dir=root, database_url=url, receipt_hash_time_cost=1, receipt_hash_memory_kib=8)
    today = synthetic.TODAY
    kit = replace(build_kit(settings, screening=False), clock=FixedClock(datetime(2025, 6, 2, 3, tzinfo=UTC)))
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    province = Actor(officers[0], "bench.000", Role.TASKFORCE, "33")
    city = Actor(officers[1], "bench.001", Role.TASKFORCE, "33.74")
    supervisor = Actor("bench-bkn", "bkn", Role.SUPERVISOR)
    page = CaseQuery(limit=25)

    def view(actor: Actor, **changes: object) -> Callable[[], object]:
        return lambda: queue_view(uow(), kit, actor, replace(page, **changes), today)  # type: ignore[arg-type]

    ops: dict[str, Callable[[], object]] = {
        "queue page, province (baseline)": view(province),
        "Kasus saya, province": view(province, assignee_id=province.user_id),
        "by deadline, province, page 1": view(province, sort="deadline"),
        "by deadline, province, page 10": view(province, sort="deadline", offset=225),
        "queue page, city": view(city),
        "Kasus saya, city": view(city, assignee_id=city.user_id),
        "by deadline, city, page 1": view(city, sort="deadline"),
        "audit viewer, by actor": lambda: browse_audit(
            uow(), kit, supervisor, AuditQuery(actor_id=province.user_id)
        ),
    }
    results = {name: timed(fn, args.repeat) for name, fn in ops.items()}
    base = results["queue page, province (baseline)"]
    for name, ms in results.items():
        print(f"{name:36s} {ms:9.1f} ms  x{ms / base:5.2f}")
    start = time.perf_counter()
    made = sweep(uow(), kit, today, limit=200_000)
    took = (time.perf_counter() - start) * 1000
    print(
        f"{'notification sweep (once, all)':36s} {took:9.1f} ms  x{took / base:5.2f}  ({made.total:,} notes)"
    )
    start = time.perf_counter()
    again = sweep(uow(), kit, today, limit=200_000)
    took = (time.perf_counter() - start) * 1000
    print(
        f"{'notification sweep again':36s} {took:9.1f} ms  x{took / base:5.2f}  ({again.total:,} new notes)"
    )
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
