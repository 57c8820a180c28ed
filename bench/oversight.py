"""Benchmark: oversight at scale on SQLite and PostgreSQL.

Bulk-loads N cases (default 1,000,000) spread over every kab/kota of Indonesia, their regional
agencies, five elections, the behaviours, rules, positions, employee types and workflow stages,
with the matching ``oversight_facts`` rows (derived by the same pure function the sync uses).
Then, in the same run and on the same database:

* baseline: bare ``SELECT count(*)`` of ``cases`` and of ``oversight_facts``;
* each named query of the dashboard (median of 3);
* the pages through the real app (sync, scope, audit, template): ``/pantauan`` national, with an
  election, with a province; ``/pantauan/peta`` for provinces and kab/kota (median of 3);
* peak memory of the CSV and XLSX export (XLSX on SQLite only: the writer is the same) of all N
  rows and of N/10 rows: a child process resets its peak RSS after its imports
  (``/proc/self/clear_refs``), exports, and reports its peak (VmHWM) beside its RSS before.

Run: ``.venv/bin/python bench/oversight.py [--rows N] [--db sqlite|postgres|both]
[--pg URL]`` (PostgreSQL: the URL of an empty database you own; the bench uses a schema of its own
and drops it at the end).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, text

from netralitas.analytics.facts import CaseInputs, derive_fact
from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension
from netralitas.cases.agencies import agencies_for
from netralitas.db import analytics_cube as cube
from netralitas.db import models as m
from netralitas.db.analytics_queries import SqlFacts, fact_row
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.rules.behaviours import Behaviour
from netralitas.rules.catalogue import default_catalogue

BATCH = 20_000
STATUSES = [
    "received",
    "admin_check",
    "verification",
    "validation",
    "examination",
    "recommendation_sent",
    "ppk_decided",
    "followup_confirmed",
    "escalated",
    "sanctioned",
    "not_proven",
    "dismissed",
    "merged",
    "out_of_scope",
    "forwarded",
]
RECOMMENDED = {"recommendation_sent", "ppk_decided", "followup_confirmed", "escalated", "sanctioned"}
DECIDED = {"ppk_decided", "followup_confirmed", "sanctioned"}
ELECTIONS = ["pilkada-2018", "pemilu-2019", "pilkada-2020", "pemilu-2024", "pilkada-2024"]
POSITIONS = ["Camat", "Lurah", "Guru SD", "Kepala Dinas Pendidikan", "Kepala Desa", "Sekretaris Daerah", None]
TYPES = ["pns", "pppk", "cpns", "non_asn"]
TODAY = date(2025, 1, 15)


def _rows(n: int, agencies: list[Any]) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    rng = random.Random(14)
    catalogue = default_catalogue()
    behaviours = [b.value for b in Behaviour if b.value != "none"]
    rules = sorted(catalogue.violations)

    def classify(text_: str) -> str | None:
        found = catalogue.position_for(text_)
        return found.id if found else None

    start = datetime(2018, 1, 1, tzinfo=UTC)
    cases: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    for i in range(n):
        agency = rng.choice(agencies)
        status = rng.choice(STATUSES)
        opened = start + timedelta(minutes=rng.randrange(0, 7 * 365 * 24 * 60))
        recommended = opened.date() + timedelta(days=rng.randrange(20, 90)) if status in RECOMMENDED else None
        decided = (
            recommended + timedelta(days=rng.randrange(1, 40)) if recommended and status in DECIDED else None
        )
        case_id = f"{i:032x}"
        cases.append(
            {
                "id": case_id,
                "number": f"NTR-B-{i:09d}",
                "status": status,
                "title": f"Kasus uji {i}",
                "person_id": None,
                "agency_id": agency.id,
                "region_code": agency.region_code,
                "election_id": rng.choice(ELECTIONS),
                "act_on": opened.date(),
                "opened_at": opened,
                "updated_at": opened,
                "version": 1,
            }
        )
        inputs = CaseInputs(
            case_id,
            1,
            status,
            agency.region_code,
            agency.id,
            cases[-1]["election_id"],
            opened.date(),
            rng.choice(POSITIONS),
            rng.choice(TYPES),
            (rng.choice(behaviours),) if rng.random() < 0.7 else (),
            (rng.choice(rules),) if rng.random() < 0.6 else (),
            recommended,
            recommended + timedelta(days=10) if recommended else None,
            decided,
            status in ("followup_confirmed", "sanctioned"),
        )
        facts.append(fact_row(derive_fact(inputs, classify)))
        if len(cases) == BATCH:
            yield cases, facts
            cases, facts = [], []
    if cases:
        yield cases, facts


def _indexes(conn: Any, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the secondary indexes, to drop before the load and rebuild after."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(:t) "
                "AND indexname NOT LIKE 'pk_%' AND indexname NOT LIKE 'uq_%'"
            ),
            {"t": list(tables)},
        )
    else:
        rows = conn.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({', '.join(repr(t) for t in tables)})"
            )
        )
    return [(r[0], r[1]) for r in rows]


def _sqlite(value: Any) -> Any:
    """What SQLAlchemy stores in SQLite for a datetime (UTC, microseconds) or a date (ISO)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat() if isinstance(value, date) else value


def _bulk(engine: Engine, table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    values = [tuple(r[c] for c in columns) for r in rows]
    if engine.dialect.name != "postgresql":
        import sqlite3

        with sqlite3.connect(str(engine.url.database)) as plain:  # one transaction per batch
            marks = ", ".join("?" for _ in columns)
            converted = [tuple(_sqlite(v) for v in row) for row in values]
            plain.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", converted)
        plain.close()
        return
    raw = engine.raw_connection()
    try:
        with raw.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for value in values:
                copy.write_row(value)
        raw.commit()
    finally:
        raw.close()


def load(engine: Engine, n: int) -> float:
    from netralitas.web.regions import provinces

    codes = tuple(p.code for p in provinces())
    agencies = [a for a in agencies_for(codes) if "." in a.region_code]
    began = time.perf_counter()
    cases_t = m.Case.__table__
    with engine.begin() as conn:
        conn.execute(insert(m.Agency.__table__), [a.__dict__ | {"kind": a.kind.value} for a in agencies])
        indexes = _indexes(conn, ("cases", "oversight_facts"))
        for name, _ddl in indexes:
            conn.execute(text(f"DROP INDEX {name}"))
    case_cols = [c.name for c in cases_t.columns]  # type: ignore[attr-defined]
    fact_cols = [c.name for c in m.OversightFact.__table__.columns]
    for cases, facts in _rows(n, agencies):
        full = [{c: row.get(c) for c in case_cols} for row in cases]
        _bulk(engine, "cases", case_cols, full)
        _bulk(engine, "oversight_facts", fact_cols, facts)
    with engine.begin() as conn:
        for _name, ddl in indexes:
            conn.execute(text(ddl))
        # every case has its facts: the sync starts after the last update
        latest = conn.execute(select(func.max(cases_t.c.updated_at))).scalar_one()  # type: ignore[attr-defined]
        conn.execute(insert(m.OversightSync.__table__).values(id=1, synced_until=latest))
    with engine.begin() as conn:  # the pre-aggregated counts, recounted from the facts
        cube.rebuild(conn)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
            conn.commit()
    return time.perf_counter() - began


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def queries(engine: Engine) -> list[tuple[str, float]]:
    out = []
    with engine.connect() as conn:
        out.append(
            (
                "SELECT count(*) FROM cases  [baseline]",
                timed(lambda: conn.execute(text("SELECT count(*) FROM cases")).scalar_one()),
            )
        )
        out.append(
            (
                "SELECT count(*) FROM oversight_facts  [baseline]",
                timed(lambda: conn.execute(text("SELECT count(*) FROM oversight_facts")).scalar_one()),
            )
        )
        src = SqlFacts(conn)
        for label, where in (
            ("national", FactFilter()),
            ("pemilu-2024", FactFilter(election_ids=("pemilu-2024",))),
            ("province 33", FactFilter(region="33")),
        ):
            out.append((f"total [{label}]", timed(lambda w=where: src.total(w))))  # type: ignore[misc]
            for d in Dimension:
                out.append((f"counts {d.value} [{label}]", timed(lambda d=d, w=where: src.counts(d, w))))  # type: ignore[misc]
            out.append((f"monthly [{label}]", timed(lambda w=where: src.monthly(w))))  # type: ignore[misc]
            out.append((f"ppk per agency [{label}]", timed(lambda w=where: src.ppk(w, TODAY))))  # type: ignore[misc]
    return out


def pages(url: str, folder: Path) -> list[tuple[str, float, int]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from netralitas.cases.accounts import create_user
    from netralitas.cases.inputs import UserCreate
    from netralitas.cases.roles import Role
    from netralitas.composition import build_backend
    from netralitas.config import Settings
    from netralitas.web.app import create_app

    settings = Settings(
        data_dir=folder,
        database_url=url,
        secret_key="bench-secret-key-oversight",  # type: ignore[arg-type]
        secure_cookies=False,
        receipt_hash_time_cost=1,
        receipt_hash_memory_kib=1024,
    )
    backend = build_backend(settings)
    user = UserCreate(
        username="pengawas", display_name="Pengawas", role=Role.SUPERVISOR, password="bench-pass-123"
    )
    with backend.make_uow() as uow:
        known = uow.users.by_username(user.username) is not None
    if not known:  # a database measured before keeps its account
        create_user(backend.make_uow(), backend.kit, None, user)
    out = []
    with TestClient(create_app(settings, backend=backend)) as client:
        page = client.get("/masuk")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post(
            "/masuk", data={"username": "pengawas", "password": "bench-pass-123", "csrf_token": token}
        )
        for path in (
            "/pantauan",
            "/pantauan?pemilihan=pemilu-2024",
            "/pantauan?wilayah=33",
            "/pantauan?wilayah=33.74",  # kab/kota: read from the facts, not the counts
            "/pantauan?perilaku=social_media_post",
            "/pantauan?wilayah=33&perilaku=social_media_post&pemilihan=pemilu-2024",
            "/pantauan?wilayah=33.74&perilaku=social_media_post",
            "/pantauan?instansi=pemda-33.74",
            "/pantauan?dari=2024-01-01&sampai=2024-12-31",
            "/pantauan?dari=2019-01-01&sampai=2024-12-31",
            "/pantauan?wilayah=33&dari=2024-01&sampai=2024-06-30&perilaku=social_media_post",
            "/pantauan/peta?tingkat=provinsi",
            "/pantauan/peta?tingkat=kabkota",
            "/pantauan/peta?tingkat=kabkota&ukuran=lewat-tenggat",
        ):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            out.append((path, timed(lambda p=path: client.get(p)), len(response.content)))  # type: ignore[misc]
    return out


EXPORT_CHILD = """
import resource, sys, time
from pathlib import Path
from netralitas.analytics.exports import ExportQuery, write_csv, write_xlsx
from netralitas.db.analytics_queries import export_rows
from netralitas.db.engine import create_db_engine
url, fmt, limit, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
engine = create_db_engine(url)
def rows():
    with engine.connect() as conn:
        for i, row in enumerate(export_rows(conn, ExportQuery())):
            if i >= limit:
                break
            yield row
with engine.connect() as conn:
    conn.exec_driver_sql("SELECT 1")
Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
def rss(field):
    lines = Path("/proc/self/status").read_text().splitlines()
    return int(next(l for l in lines if l.startswith(field)).split()[1])
before = rss("VmHWM:")
began = time.perf_counter()
if fmt == "csv":
    with out.open("wb") as handle:
        write_csv(rows(), handle)
else:
    write_xlsx(rows(), out)
print(before, rss("VmHWM:"), time.perf_counter() - began, out.stat().st_size)
"""


def export_memory(url: str, n: int, folder: Path, formats: tuple[str, ...]) -> list[str]:
    lines = []
    for fmt in formats:
        for limit in (n // 10, n):
            out = folder / f"export.{fmt}"
            done = subprocess.run(
                [sys.executable, "-c", EXPORT_CHILD, url, fmt, str(limit), str(out)],
                capture_output=True,
                text=True,
                check=True,
            )
            before, peak, seconds, size = done.stdout.split()
            lines.append(
                f"  export {fmt:4} {limit:>9,} rows: peak RSS {int(peak) / 1024:7.1f} MB "
                f"(RSS before export {int(before) / 1024:6.1f} MB), {float(seconds):6.1f} s, "
                f"file {int(size) / 1e6:7.1f} MB"
            )
            out.unlink()
    return lines


def run(
    name: str, url: str, n: int, folder: Path, formats: tuple[str, ...], *, measure_only: bool = False
) -> None:
    upgrade(url)
    engine = create_db_engine(url)
    if measure_only:
        with engine.connect() as conn:
            n = int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())
        print(f"\n== {name}: {n:,} cases loaded before (load average {os.getloadavg()[0]:.1f}) ==")
    else:
        seconds = load(engine, n)
        print(
            f"\n== {name}: {n:,} cases loaded in {seconds:.0f} s (load average {os.getloadavg()[0]:.1f}) =="
        )
    results = queries(engine)
    base = results[0][1]
    for label, t in results:
        print(f"  {t * 1000:9.1f} ms  {t / base:7.1f}x count(*)  {label}")
    for path, t, size in pages(url, folder):
        print(f"  {t * 1000:9.1f} ms  {t / base:7.1f}x count(*)  page {path}  ({size / 1e3:.0f} kB)")
    for line in export_memory(url, n, folder, formats):
        print(line)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--no-exports", action="store_true", help="skip the export memory legs")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres:postgres@127.0.0.1:5432/nt_i14")
    parser.add_argument(
        "--measure-only",
        metavar="SQLITE_FILE",
        help="time the queries and pages of a SQLite file this bench loaded before (a copy of its "
        "temporary bench.db), without loading",
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; rows {args.rows:,}; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.measure_only:
            run("SQLite", f"sqlite:///{args.measure_only}", 0, folder, (), measure_only=True)
            return
        if args.db in ("sqlite", "both"):
            run(
                "SQLite",
                f"sqlite:///{folder / 'bench.db'}",
                args.rows,
                folder,
                () if args.no_exports else ("csv", "xlsx"),
            )
        if args.db in ("postgres", "both"):
            sys.path.insert(0, str(Path(__file__).parents[1]))
            from tests.integration.conftest import pg_schema_url, reset_pg_schema

            schema = "bench_oversight"
            reset_pg_schema(args.pg, schema)
            try:
                run(
                    "PostgreSQL",
                    pg_schema_url(args.pg, schema),
                    args.rows,
                    folder,
                    () if args.no_exports else ("csv",),
                )
            finally:
                reset_pg_schema(args.pg, schema, create=False)


if __name__ == "__main__":
    main()
