"""Benchmark: ``cases overdue`` with 100,000 cases on SQLite, beside a bare SQL query.

The database holds 100,000 cases, about half with an open deadline and a share of those
breached. Timed: ``list_overdue`` (the service behind ``netralitas cases overdue``) against a
bare ``SELECT`` of the same rows with the same join and filter. Also times the bulk load
against a bare ``executemany`` of the same rows. Run: ``.venv/bin/python bench/cases_overdue.py [N]``.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from netralitas.cases import records
from netralitas.cases.queries import list_overdue
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
    base = datetime(2024, 9, 1, tzinfo=UTC)
    for i in range(n):
        status = rng.choice(STATUSES)
        opened = base + timedelta(minutes=i)
        region = f"3{rng.randrange(1, 5)}.{rng.randrange(1, 30):02d}"
        case = records.Case(f"{i:032x}", f"NTR-2024-{i:08X}", status, "Terlapor", None, None, region,
                            "pilkada-2024", None, opened, opened)  # fmt: skip
        case_rows.append(cases.to_row(case))
        if status in STEP:
            start = opened.date() + timedelta(days=rng.randrange(0, 80))
            d = records.CaseDeadline(f"d{i:031x}", case.id, STEP[status], start, start + timedelta(days=7), 7,
                                     "days", "confirmed")  # fmt: skip
            deadline_rows.append(deadlines.to_row(d))
    return case_rows, deadline_rows


BARE = """SELECT d.*, c.number, c.status, c.region_code, c.agency_id FROM case_deadlines d
JOIN cases c ON c.id = d.case_id WHERE d.stopped_on IS NULL AND d.due_on < :on
AND c.status NOT IN ('sanctioned','not_proven','dismissed','merged','out_of_scope','forwarded')
ORDER BY d.due_on, d.id"""


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    case_rows, deadline_rows = make_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'overdue.db'}"
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
