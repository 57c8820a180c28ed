"""Benchmark: ``cases overdue`` (the national list) beside a bare SQL query of the same rows.

The database holds N cases (default 100,000) opened over the 120 days before the day asked,
about half with an open deadline; the breached share is the same at every N, so the breached
set grows with N. Timed: ``list_overdue`` (the service behind ``netralitas cases overdue``)
against a bare ``SELECT`` of the same rows with the same join and filter.

    .venv/bin/python bench/cases_overdue.py [N]                       # SQLite, temporary file
    .venv/bin/python bench/cases_overdue.py N --database-url URL      # an EMPTY database
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from netralitas.cases import records
from netralitas.cases.case_lists import list_overdue
from netralitas.cases.workflow import CaseStatus
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db import models
from netralitas.db.engine import create_db_engine
from netralitas.db.mapping import Mapper
from netralitas.db.migrate import upgrade
from netralitas.db.uow import SqlUnitOfWork

ON = date(2024, 12, 1)
STATUSES = [CaseStatus.VERIFICATION, CaseStatus.VALIDATION, CaseStatus.RECOMMENDATION_SENT,
            CaseStatus.RECEIVED, CaseStatus.SANCTIONED, CaseStatus.DISMISSED]  # fmt: skip
STEP = {CaseStatus.VERIFICATION: "taskforce_verification", CaseStatus.VALIDATION: "bawaslu_validation",
        CaseStatus.RECOMMENDATION_SENT: "ppk_decision"}  # fmt: skip


def make_rows(n: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rng = random.Random(1)
    cases, deadlines = Mapper(records.Case), Mapper(records.CaseDeadline)
    case_rows, deadline_rows = [], []
    base = datetime(2024, 8, 3, tzinfo=UTC)  # 120 days before ON, whatever N: breached grows with N
    step = timedelta(days=120) / n
    for i in range(n):
        status = rng.choice(STATUSES)
        opened = base + step * i
        region = f"3{rng.randrange(1, 5)}.{rng.randrange(1, 30):02d}"
        case = records.Case(f"{i:032x}", f"NTR-2024-{i:08X}", status, "Terlapor", None, None, region,
                            "pilkada-2024", None, opened, opened)  # fmt: skip
        case_rows.append(cases.to_row(case))
        if status in STEP:
            start = opened.date() + timedelta(days=rng.randrange(0, 30))
            d = records.CaseDeadline(f"d{i:031x}", case.id, STEP[status], start, start + timedelta(days=7), 7,
                                     "days", "confirmed")  # fmt: skip
            deadline_rows.append({**deadlines.to_row(d), "region_code": region, "agency_id": None})
    return case_rows, deadline_rows


BARE = """SELECT d.*, c.number, c.status, c.region_code, c.agency_id FROM case_deadlines d
JOIN cases c ON c.id = d.case_id WHERE d.stopped_on IS NULL AND d.due_on < :on
AND c.status NOT IN ('sanctioned','not_proven','dismissed','merged','out_of_scope','forwarded')
ORDER BY d.due_on, d.id"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "cases", nargs="?", type=int, default=100_000, help="number of cases (default 100000)"
    )
    parser.add_argument(
        "--database-url", default="", help="an EMPTY database (default: a temporary SQLite file)"
    )
    args = parser.parse_args()
    n = args.cases
    case_rows, deadline_rows = make_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'overdue.db'}"
        upgrade(url)
        engine = create_db_engine(url)
        kit = build_kit(Settings(data_dir=Path(tmp)), screening=False)
        start = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(insert(models.Case.__table__), case_rows)
            conn.execute(insert(models.CaseDeadline.__table__), deadline_rows)
        load = time.perf_counter() - start
        timings: dict[str, list[float]] = {"service": [], "bare": []}
        found = bare_rows = 0
        for _ in range(3):
            start = time.perf_counter()
            found = len(list_overdue(SqlUnitOfWork(engine), kit, ON))  # audited: one entry per call
            timings["service"].append(time.perf_counter() - start)
            start = time.perf_counter()
            with engine.connect() as conn:
                bare_rows = len(conn.execute(text(BARE), {"on": ON}).all())
            timings["bare"].append(time.perf_counter() - start)
        engine.dispose()
    service, bare = min(timings["service"]), min(timings["bare"])
    assert found == bare_rows, (found, bare_rows)
    print(
        f"{n} cases, {len(deadline_rows)} open deadlines, {found} breached on {ON} (bulk load {load:.2f} s)"
    )
    print(f"bare SQL select of the same rows: {bare * 1000:8.1f} ms")
    print(
        f"list_overdue (cases overdue):     {service * 1000:8.1f} ms  ratio {service / bare:5.2f}x baseline"
    )


if __name__ == "__main__":
    main()
