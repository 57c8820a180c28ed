"""Benchmark: the case store at national scale, each hot read beside ``count(*)`` in the same run.

Loads a synthetic national case load in bulk (``netralitas.db.synthetic``: regions weighted to
Java, two years of openings, older cases mostly closed, a stale open backlog whose breached
deadlines grow with N; COPY on PostgreSQL, executemany in large transactions on SQLite), then
times through the real services (audit entries included): a province officer's queue page, a
deep page by keyset and by offset, the overdue view, the case page, a submission and the
dashboard counts, each beside a bare ``SELECT count(*) FROM cases``. With several ``--cases``
sizes the same database grows from one size to the next and the growth of each figure is
printed at the end.

    .venv/bin/python bench/cases_scale.py --cases 100000 1000000            # SQLite (temp file)
    createdb nt_bench && .venv/bin/python bench/cases_scale.py \\
        --database-url postgresql+psycopg://USER:PASS@HOST/nt_bench --cases 100000 1000000

PostgreSQL: give an EMPTY database of its own (it is migrated and filled); drop it afterwards.
Submissions run with text screening off and a cheap argon2 cost: they measure the store, not
the model or the receipt hash (``bench/cases_submit.py`` measures those).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from netralitas.cases import audit
from netralitas.cases.case_lists import list_overdue, queue_view, status_counts
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery
from netralitas.cases.public_report import ReportSubmission
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.cases.sensitive_reads import view_case
from netralitas.clock import FixedClock
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db import synthetic
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.db.uow import SqlUnitOfWork

PROVINCE = Actor("bench-satgas-33", "satgas.jateng", Role.TASKFORCE, "33")  # Jawa Tengah: 13.5%
CITY = Actor("bench-satgas-3374", "satgas.semarang", Role.TASKFORCE, "33.74")
NATIONAL = Actor("bench-pengawas", "pengawas", Role.SUPERVISOR, "")
PAYLOAD = ReportSubmission(
    description="Camat mengunggah foto pose dua jari bersama calon bupati di Instagram pribadinya.",
    act_on=date(2025, 5, 20), place="Kecamatan Candisari", region_code="33.74", person_name="Budi Santoso",
    links=("https://instagram.com/p/abc",), election_id="pilkada-2024",
)  # fmt: skip
DEEP_PAGE = 200  # page 200 of 25: offset 4975
GROUP_SQL = "SELECT region_code, status, count(*) FROM cases GROUP BY region_code, status"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in ms of ``repeat`` calls after one warm-up call."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def queue_reads(uow: SqlUnitOfWork, page: CaseQuery, today: date) -> object:
    """What ``queue_view`` reads for the province officer, without its audit entry."""
    scope = replace(page, region_prefix=PROVINCE.region_code)
    with uow.reading():
        uow.cases.count_by_status(PROVINCE.region_code, None)
        uow.deadlines.count_overdue(today, scope)
        items = uow.cases.page(scope)
        return uow.deadlines.due_for_cases([c.id for c in items], today + timedelta(days=3))


def page_query(uow: SqlUnitOfWork, query: CaseQuery) -> object:
    with uow.reading():
        return uow.cases.page(query)


def audit_entry(uow: SqlUnitOfWork, kit: Kit) -> None:
    """One audit entry in its own transaction: what every audited read adds (a commit; on SQLite
    with ``synchronous=FULL`` an fsync)."""
    with uow:
        audit.record(uow, kit, PROVINCE.user_id, "cases.listed", "case", "*", {"purpose": "bench"})
        uow.commit()


def measure(engine: Engine, root: Path, repeat: int) -> dict[str, float]:
    settings = Settings(data_dir=root, database_url=str(engine.url.render_as_string(hide_password=False)),
                        receipt_hash_time_cost=1, receipt_hash_memory_kib=8)  # fmt: skip
    today = synthetic.TODAY
    clock = FixedClock(datetime(today.year, today.month, today.day, 3, 0, tzinfo=UTC))
    kit = replace(build_kit(settings, screening=False), clock=clock)
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    page = CaseQuery(limit=25)
    top = queue_view(uow(), kit, PROVINCE, page, today).page
    deep = max(2, min(DEEP_PAGE, top.total // 25 // 2))  # page 200, or half-way on small loads
    skip = queue_view(uow(), kit, PROVINCE, replace(page, offset=(deep - 1) * 25 - 1, limit=1), today)
    key = (skip.page.items[0].opened_at, skip.page.items[0].id)
    print(f"deep page: {deep} of {-(-top.total // 25)} (province 33 holds {top.total:,} cases)")
    with engine.connect() as conn:
        rows = conn.execute(text(GROUP_SQL)).all()
    assert sum(n for _, _, n in rows) == scalar(engine, "SELECT count(*) FROM cases")
    ops: dict[str, Callable[[], object]] = {
        "count(*) baseline": lambda: scalar(engine, "SELECT count(*) FROM cases"),
        "queue page, province": lambda: queue_view(uow(), kit, PROVINCE, page, today),
        "  its reads alone": lambda: queue_reads(uow(), page, today),
        "  its audit entry alone": lambda: audit_entry(uow(), kit),
        "queue page, city": lambda: queue_view(uow(), kit, CITY, page, today),
        "queue deep page by keyset": lambda: queue_view(
            uow(), kit, PROVINCE, replace(page, after=key), today
        ),
        "queue deep page by offset": lambda: queue_view(
            uow(), kit, PROVINCE, replace(page, offset=(deep - 1) * 25), today
        ),
        "  its page query, keyset": lambda: page_query(uow(), replace(page, region_prefix="33", after=key)),
        "  its page query, offset": lambda: page_query(
            uow(), replace(page, region_prefix="33", offset=(deep - 1) * 25)
        ),
        "overdue view, province": lambda: queue_view(uow(), kit, PROVINCE, page, today, overdue=True),
        "case page (view_case)": lambda: view_case(uow(), kit, PROVINCE, top.items[0].id),
        "submission (store only)": lambda: submit_report(uow(), kit, PAYLOAD),
        "status counts, province": lambda: status_counts(uow(), kit, PROVINCE),
        "status counts, national": lambda: status_counts(uow(), kit, NATIONAL),
        "GROUP BY region, status": lambda: scalar(engine, f"SELECT count(*) FROM ({GROUP_SQL}) g"),
        "list_overdue, province (all)": lambda: list_overdue(uow(), kit, today, PROVINCE),
    }
    return {name: timed(fn, repeat) for name, fn in ops.items()}


def report(n: int, figures: dict[str, float], engine: Engine) -> None:
    base = figures["count(*) baseline"]
    breached = synthetic.breached(engine, synthetic.TODAY)
    print(f"\n{engine.dialect.name}, {n:,} cases, {breached:,} breached deadlines on {synthetic.TODAY}")
    for name, ms in figures.items():
        print(f"  {name:30} {ms:9.2f} ms  {ms / base:7.2f}x count(*)")


def growth(sizes: list[int], results: list[dict[str, float]]) -> None:
    if len(results) < 2:
        return
    first, last = results[0], results[-1]
    print(f"\ngrowth from {sizes[0]:,} to {sizes[-1]:,} cases ({sizes[-1] / sizes[0]:.0f}x rows):")
    for name in first:
        ratio_first = first[name] / first["count(*) baseline"]
        ratio_last = last[name] / last["count(*) baseline"]
        grew = last[name] / first[name]
        print(f"  {name:30} time {grew:7.2f}x   ratio to count(*) {ratio_first:7.2f}x -> {ratio_last:7.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="", help="an EMPTY database (default: a temporary SQLite file)"
    )
    parser.add_argument("--cases", type=int, nargs="+", default=[100_000], help="sizes to grow through")
    parser.add_argument("--repeat", type=int, default=5, help="timed calls per figure (median)")
    parser.add_argument(
        "--measure-only", action="store_true", help="time a database this bench loaded before"
    )
    parser.add_argument(
        "--grow",
        action="store_true",
        help="grow a database this bench loaded before (up to the first size) through the sizes",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'scale.db'}"
        upgrade(url)
        engine = create_db_engine(url)
        held = int(str(scalar(engine, "SELECT count(*) FROM cases")))
        if args.measure_only:
            report(held, measure(engine, Path(tmp), args.repeat), engine)
            return
        sizes = sorted(args.cases)
        if held and not (args.grow and held <= sizes[0]):
            raise SystemExit("the database already holds cases: give an empty one (or --grow)")
        loaded, results = held, []
        if held:
            print(f"growing a database this bench loaded before: it holds {held:,} cases")
        for n in sizes:
            done = synthetic.load(engine, n - loaded, start=loaded) if n > loaded else None
            if done is not None:
                print(f"loaded {done.cases:,} cases, {done.reports:,} reports, {done.deadlines:,} deadlines "
                      f"in {done.seconds:.1f} s ({done.cases / done.seconds:,.0f} cases/s)")  # fmt: skip
            loaded = n
            results.append(measure(engine, Path(tmp), args.repeat))
            report(n, results[-1], engine)
        growth(sizes, results)
        engine.dispose()


if __name__ == "__main__":
    main()
