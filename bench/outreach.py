"""Benchmark: guidance (pembinaan) at scale.

1. Roster import of N ASN (default 500,000) from a CSV file through ``import_roster`` (parse, NIP
   and unit checks, upsert by NIP, leavers) beside a bare bulk ``INSERT`` of the same rows
   (parsed with ``csv`` only, no checks) — each phase in its own child process, so its time and
   peak RSS are its own. SQLite always; PostgreSQL when ``NETRALITAS_TEST_DATABASE_URL`` is set.
   Memory constancy: the import's peak RSS is also measured at N/5.
2. Sending M circular e-mails (default 100,000): queue the deliveries, enqueue huey tasks (SQLite
   queue), then drain them over SMTP to a local aiosmtpd server running in another process;
   messages/s and peak RSS. Every message is recorded as sent right after the server accepted it.

Run: ``.venv/bin/python bench/outreach.py [--rows N] [--messages M] [--skip-postgres]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve()
UNITS = [(f"U{i:03d}", f"Unit Kerja {i}") for i in range(60)]
NOW = datetime(2024, 10, 7, 3, 0, tzinfo=UTC)


def write_roster(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["nama", "nip", "unit", "jabatan", "jenis", "email"])
        for i in range(n):
            row = [f"Pegawai {i}", _unique(i), UNITS[i % len(UNITS)][0], "Guru" if i % 7 else "Camat", "PNS"]
            out.writerow([*row, f"p{i}@contoh.go.id"])


def _unique(i: int) -> str:
    """Structurally valid and unique: birth date and appointment vary with i, sequence from i."""
    year, month, day = 1960 + i % 40, 1 + (i // 40) % 12, 1 + (i // 480) % 28
    appointed = year + 18 + i % 5
    return f"{year}{month:02d}{day:02d}{appointed}{1 + i % 12:02d}{1 + i % 2}{1 + (i // 13440) % 999:03d}"


def prepare(url: str) -> None:
    from netralitas.cases.records import Agency, AgencyKind
    from netralitas.db.engine import create_db_engine
    from netralitas.db.migrate import upgrade
    from netralitas.db.outreach_repositories import outreach_uow_factory
    from netralitas.db.uow import SqlUnitOfWork
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.rosters import register_units

    upgrade(url)
    engine = create_db_engine(url)
    with SqlUnitOfWork(engine) as uow:
        uow.agencies.add(Agency("ag-bench", "Instansi Uji", AgencyKind.REGIONAL, "34.04", "Bupati"))
        uow.commit()
    register_units(outreach_uow_factory(engine), NOW, OPERATOR, "ag-bench", UNITS)
    engine.dispose()


def bare_row(r: list[str]) -> dict[str, object]:
    from netralitas.outreach.records import new_id

    row: dict[str, object] = {
        "id": new_id(),
        "agency_id": "ag-bench",
        "nip": r[1],
        "name": r[0],
        "unit_code": r[2],
    }
    row |= {"position": r[3], "position_key": "lainnya", "employee_type": "pns", "email": r[5], "phone": None}
    row |= {"active": True, "left_on": None, "created_at": NOW, "updated_at": NOW}
    return row | {"last_import_id": "bare", "last_import_line": 0}


def phase_bare(url: str, path: Path) -> dict[str, object]:
    from sqlalchemy import insert

    from netralitas.db.engine import create_db_engine
    from netralitas.db.outreach_tables import MEMBERS

    engine = create_db_engine(url)
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle, engine.begin() as conn:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        while chunk := list(islice(rows, 2000)):
            conn.execute(insert(MEMBERS), [bare_row(r) for r in chunk])
    return {"seconds": time.perf_counter() - start}


def phase_import(url: str, path: Path) -> dict[str, object]:
    from netralitas.db.engine import create_db_engine
    from netralitas.db.outreach_repositories import outreach_uow_factory
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.rosterfile import read_roster
    from netralitas.outreach.rosters import import_roster

    engine = create_db_engine(url)
    start = time.perf_counter()
    with path.open("rb") as handle:
        report = import_roster(outreach_uow_factory(engine), NOW, OPERATOR, "ag-bench", read_roster(handle))
    return {
        "seconds": time.perf_counter() - start,
        "inserted": report.inserted,
        "problems": report.problem_count,
    }


def phase_send(url: str, path: Path, port: int, data_dir: str) -> dict[str, object]:
    from netralitas.clock import FixedClock
    from netralitas.config import Settings
    from netralitas.db.engine import create_db_engine
    from netralitas.db.outreach_repositories import outreach_uow_factory
    from netralitas.outreach.access import OPERATOR
    from netralitas.outreach.circulars import CircularInput, create_circular
    from netralitas.rules.catalogue import default_catalogue
    from netralitas.sending import store
    from netralitas.sending.jobs import Sender, build_huey
    from netralitas.sending.settings import SendingSettings

    phase_import(url, path)
    engine = create_db_engine(url)
    body = "Isi surat edaran netralitas untuk uji kinerja pengiriman."
    circular, _n = create_circular(outreach_uow_factory(engine), default_catalogue(), NOW, OPERATOR,
                                   CircularInput("ag-bench", "Edaran uji", body))  # fmt: skip
    settings = Settings(data_dir=Path(data_dir), secret_key="bench")  # type: ignore[arg-type]
    sending = SendingSettings(smtp_port=port, batch_size=250)
    sender = Sender(engine, settings, sending, FixedClock(NOW), build_huey(settings, sending))
    t0 = time.perf_counter()
    queued = store.queue_deliveries(engine, circular, "initial", NOW)
    t1 = time.perf_counter()
    tasks = sender.enqueue(store.pending_keys(engine, circular.id))
    t2 = time.perf_counter()
    sender.drain(workers=4)
    t3 = time.perf_counter()
    sent = store.progress(engine, circular.id)["sent"]
    result: dict[str, object] = {"queued": queued, "tasks": tasks, "sent": sent, "queue_seconds": t1 - t0}
    return result | {
        "enqueue_seconds": t2 - t1,
        "send_seconds": t3 - t2,
        "messages_per_second": sent / (t3 - t2),
    }


def child(args: argparse.Namespace) -> None:
    path = Path(args.file)
    if args.phase == "bare":
        result = phase_bare(args.url, path)
    elif args.phase == "import":
        result = phase_import(args.url, path)
    else:
        result = phase_send(args.url, path, args.port, args.data_dir)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_child(phase: str, url: str, path: Path, **extra: object) -> dict[str, object]:
    cmd = [sys.executable, str(HERE), "--child", phase, "--url", url, "--file", str(path)]
    for key, value in extra.items():
        cmd += [f"--{key.replace('_', '-')}", str(value)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def fresh_url(kind: str, tmp: Path, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / (name + '.db')}"
    from tests.integration.conftest import pg_schema_url, reset_pg_schema

    raw = os.environ["NETRALITAS_TEST_DATABASE_URL"]
    schema = f"bench_outreach_{name}"
    reset_pg_schema(raw, schema)
    return pg_schema_url(raw, schema)


def roster_bench(kind: str, tmp: Path, path: Path, small: Path) -> None:
    results = {}
    for name, phase, file in (
        ("bare", "bare", path),
        ("import", "import", path),
        ("import_small", "import", small),
    ):
        url = fresh_url(kind, tmp, name)
        prepare(url)
        results[name] = run_child(phase, url, file)
    bare, full, part = results["bare"], results["import"], results["import_small"]
    ratio = float(full["seconds"]) / float(bare["seconds"])  # type: ignore[arg-type]
    print(f"{kind}: bare insert {bare['seconds']:.1f} s (peak {bare['peak_rss_mb']:.0f} MB); "
          f"import {full['seconds']:.1f} s (peak {full['peak_rss_mb']:.0f} MB, inserted {full['inserted']}, "
          f"problems {full['problems']}); ratio import/bare {ratio:.2f}x (aim <= 3x); "
          f"peak at 1/5 of the rows {part['peak_rss_mb']:.0f} MB")  # fmt: skip


def send_bench(tmp: Path, messages: int) -> None:
    path = tmp / "send.csv"
    write_roster(path, messages)
    server = subprocess.Popen([sys.executable, "-c", SMTP_SERVER], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())  # type: ignore[union-attr]
        url = fresh_url("sqlite", tmp, "send")
        prepare(url)
        r = run_child("send", url, path, port=port, data_dir=tmp / "queue")
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"sending (SQLite, huey SqliteHuey, aiosmtpd): queued {r['queued']} in {r['queue_seconds']:.1f} s, "
        f"{r['tasks']} tasks enqueued in {r['enqueue_seconds']:.1f} s, sent {r['sent']} in "
        f"{r['send_seconds']:.1f} s = {r['messages_per_second']:.0f} messages/s; "
        f"peak {r['peak_rss_mb']:.0f} MB"
    )


SMTP_SERVER = """
import socket, time
from aiosmtpd.controller import Controller
class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
c = Controller(Sink(), hostname="127.0.0.1", port=port); c.start()
print(port, flush=True)
time.sleep(3600)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-send", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--url")
    parser.add_argument("--file")
    parser.add_argument("--port", type=int)
    parser.add_argument("--data-dir")
    args = parser.parse_args()
    if args.child:
        args.phase = args.child
        child(args)
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        path, small = tmp / "roster.csv", tmp / "roster_small.csv"
        write_roster(path, args.rows)
        write_roster(small, args.rows // 5)
        print(f"roster: {args.rows} rows ({path.stat().st_size / 1e6:.0f} MB CSV)")
        roster_bench("sqlite", tmp, path, small)
        if not args.skip_postgres and os.environ.get("NETRALITAS_TEST_DATABASE_URL"):
            roster_bench("postgres", tmp, path, small)
        if not args.skip_send:
            send_bench(tmp, args.messages)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    main()
