"""The highest request rate held with zero errors on a mixed load, beside bare FastAPI.

    .venv/bin/python bench/mixed_load.py [--step 3] [--rates 2,4,6,8,12,16,24,32,48] [--cases 300]

Servers are started the production way (``netralitas serve``, production argon2 costs from the
``Settings`` defaults): SQLite with one process, and PostgreSQL (a fresh database ``--database``
on 127.0.0.1:5432, rate limits in Redis when it listens) with ``--workers 2``. The load is open
(requests start on a fixed schedule whether or not earlier ones finished, so a slow server cannot
slow the generator down): of every 10 operations 3 are report submissions (form + POST), 4 status
checks by a receipt acknowledged earlier and 3 officer queue views. Each rate runs ``--step``
seconds; latency is measured from the scheduled start. A rate is *held* when every operation
succeeded, all finished within 2 s after the step, and p95 stayed under 1 s. The bare FastAPI
figure is the closed-loop maximum of one JSON route (16 clients, one worker) in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

PASSWORD = "bench-password-123"
MIX = ("submit", "status", "queue", "status", "submit", "queue", "status", "submit", "queue", "status")
REPORT = {
    "person_name": "Budi Santoso",
    "person_position": "Camat",
    "employee_type": "pns",
    "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
    "act_on": "2024-10-01",
    "region_code": "34.04",
    "election_id": "pilkada-2024",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(folder: str, url: str, limits: str) -> dict[str, str]:
    from netralitas.privacy.reporter_identity import generate_identity_key

    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRALITAS_")}
    env.update(
        {
            "NETRALITAS_DATA_DIR": folder,
            "NETRALITAS_DATABASE_URL": url,
            "NETRALITAS_SECRET_KEY": "mixed-load-secret-" + "s" * 32,
            "NETRALITAS_IDENTITY_KEY": generate_identity_key(),
            "NETRALITAS_RECEIPT_LOOKUP_KEY": "mixed-load-lookup-" + "l" * 32,
            "NETRALITAS_SECURE_COOKIES": "false",
            "NETRALITAS_RATE_LIMIT_STORAGE": limits,
            "NETRALITAS_LOG_FORMAT": "json",
        }
    )
    return env


def _threads(env: dict[str, str], args: argparse.Namespace) -> dict[str, str]:
    if args.web_threads is not None:
        env["NETRALITAS_WEB_THREADS"] = str(args.web_threads)
    return env


def _seed(env: dict[str, str], cases: int) -> None:
    from datetime import date

    from netralitas.cases.accounts import create_user
    from netralitas.cases.inputs import UserCreate
    from netralitas.cases.public_report import ReportSubmission
    from netralitas.cases.records import Agency, AgencyKind
    from netralitas.cases.reporting import submit_report
    from netralitas.cases.roles import Role
    from netralitas.composition import build_backend
    from netralitas.config import Settings
    from netralitas.db.migrate import upgrade

    values = {k.removeprefix("NETRALITAS_").lower(): v for k, v in env.items() if k.startswith("NETRALITAS_")}
    settings = Settings(**values, password_hash_time_cost=1, password_hash_memory_kib=1024)
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    with backend.make_uow() as uow:
        uow.agencies.add(
            Agency("ag-sleman", "Pemerintah Kabupaten Sleman", AgencyKind.REGIONAL, "34.04", "Bupati")
        )
        uow.commit()
    user = UserCreate(
        username="intake",
        display_name="Intake",
        role=Role.INTAKE_OFFICER,
        password=PASSWORD,
        region_code="34",
    )
    create_user(backend.make_uow(), backend.kit, None, user)
    for n in range(cases):
        submission = ReportSubmission(
            description=f"Laporan uji beban nomor {n}: ASN mendukung calon bupati.",
            act_on=date(2024, 10, 1),
            region_code="34.04",
            person_name=f"Pegawai {n}",
        )
        submit_report(backend.make_uow(), backend.kit, submission)
    if backend.engine is not None:
        backend.engine.dispose()


def _serve(env: dict[str, str], workers: int, folder: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("netralitas")),
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    log = Path(folder) / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    for _ in range(900):
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server did not start: {log.read_text()[-2000:]}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


def _token(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "no CSRF token"
    return found.group(1)


class Load:
    """Open-loop operations against one server; thread-local clients."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.receipts: list[str] = []
        self._local = threading.local()
        with httpx.Client(base_url=base, timeout=30) as client:
            answer = client.post(
                "/masuk",
                data={
                    "username": "intake",
                    "password": PASSWORD,
                    "csrf_token": _token(client.get("/masuk").text),
                },
            )
            assert answer.status_code in (200, 303), answer.status_code
            self.cookies = httpx.Cookies(client.cookies)
        for _ in range(3):  # a few receipts to check from the start
            self._submit()

    def _clients(self) -> tuple[httpx.Client, httpx.Client]:
        if not hasattr(self._local, "public"):
            self._local.public = httpx.Client(base_url=self.base, timeout=10)
            self._local.officer = httpx.Client(base_url=self.base, timeout=10, cookies=self.cookies)
        return self._local.public, self._local.officer

    def run(self, kind: str) -> bool:
        try:
            return bool(getattr(self, f"_{kind}")())
        except httpx.HTTPError:
            return False

    def _submit(self) -> bool:
        public, _ = self._clients()
        page = public.get("/lapor").text
        nonce = re.search(r'name="form_nonce" value="([^"]+)"', page)
        assert nonce
        answer = public.post(
            "/lapor", data={**REPORT, "form_nonce": nonce.group(1), "csrf_token": _token(page)}
        )
        receipt = re.search(r'id="receipt">([^<]+)<', answer.text)
        if answer.status_code != 201 or receipt is None:
            return False
        self.receipts.append(receipt.group(1))
        return True

    def _status(self) -> bool:
        public, _ = self._clients()
        token = _token(public.get("/status").text)
        receipt = random.choice(self.receipts)
        return public.post("/status", data={"receipt": receipt, "csrf_token": token}).status_code == 200

    def _queue(self) -> bool:
        _, officer = self._clients()
        return officer.get("/petugas").status_code == 200


def _step(load: Load, rate: float, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def one(kind: str, scheduled: float) -> None:
        nonlocal errors
        ok = load.run(kind)
        with lock:
            latencies.append(time.perf_counter() - scheduled)
            errors += not ok

    total = int(rate * seconds)
    with ThreadPoolExecutor(max_workers=64) as pool:
        start = time.perf_counter()
        for n in range(total):
            scheduled = start + n / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, MIX[n % len(MIX)], scheduled)
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")

    held = errors == 0 and elapsed <= seconds + 2 and pct(0.95) < 1000
    return {
        "rate": rate,
        "done": len(ordered) / elapsed,
        "errors": errors,
        "p50": pct(0.5),
        "p95": pct(0.95),
        "held": held,
    }


def _bare(seconds: float) -> float:
    port = _free_port()
    code = (
        "from fastapi import FastAPI\nimport uvicorn\napp = FastAPI()\n@app.get('/')\ndef root():\n"
        "    return {'status': 'ok'}\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='error', access_log=False)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        count = 0
        lock = threading.Lock()
        deadline = time.perf_counter() + seconds

        def client() -> None:
            nonlocal count
            done = 0
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
                while time.perf_counter() < deadline:
                    done += c.get("/").status_code == 200
            with lock:
                count += done

        threads = [threading.Thread(target=client) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return count / seconds
    finally:
        server.terminate()
        server.wait(10)


def _backend(
    name: str, env: dict[str, str], workers: int, folder: str, args: argparse.Namespace
) -> list[Any]:
    print(f"{name}: seeding {args.cases} cases ...", file=sys.stderr)
    _seed(env, args.cases)
    server, base = _serve(env, workers, folder)
    try:
        load = Load(base)
        steps = []
        for rate in args.rates:
            steps.append(_step(load, rate, args.step))
            print(f"  {name} {steps[-1]}", file=sys.stderr)
            if not steps[-1]["held"]:
                break
        return steps
    finally:
        _stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", type=float, default=3.0)
    parser.add_argument(
        "--rates", type=lambda v: [float(x) for x in v.split(",")], default=[2, 4, 6, 8, 12, 16, 24, 32, 48]
    )
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--database", default="netralitas_mixed_load")
    parser.add_argument("--only", choices=["sqlite", "postgres"], default=None)
    parser.add_argument(
        "--web-threads", type=int, default=None, help="NETRALITAS_WEB_THREADS for the servers"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="rate-limit store for PostgreSQL")
    args = parser.parse_args()
    bare = _bare(args.step)
    results: dict[str, list[Any]] = {}
    if args.only != "postgres":
        with tempfile.TemporaryDirectory() as folder:
            results["SQLite, 1 process"] = _backend(
                "sqlite", _threads(_environment(folder, "", "memory://"), args), 1, folder, args
            )
    if args.only != "sqlite":
        url = fresh_postgres(args.database)
        with tempfile.TemporaryDirectory() as folder:
            env = _threads(_environment(folder, url, args.redis), args)
            results["PostgreSQL, 2 workers"] = _backend("postgres", env, 2, folder, args)
    _print(bare, results, args)


def fresh_postgres(database: str) -> str:
    """Drop and create ``database`` on the loopback PostgreSQL; its URL."""
    import psycopg

    with psycopg.connect("postgresql://postgres:postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    return f"postgresql+psycopg://postgres:postgres@127.0.0.1:5432/{database}"


def _print(bare: float, results: dict[str, list[Any]], args: argparse.Namespace) -> None:
    print(
        f"mixed load: 3 submissions / 4 status checks / 3 queue views per 10 operations, {args.step:.0f} s "
        f"per rate, production argon2 (Settings defaults); bare FastAPI {bare:.1f} req/s (closed loop)"
    )
    print(f"{'server':<24} {'offered':>8} {'done/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}  held")
    for name, steps in results.items():
        for s in steps:
            held = "yes" if s["held"] else "no"
            figures = f"{s['rate']:8.0f} {s['done']:7.1f} {s['p50']:7.0f} {s['p95']:7.0f} {s['errors']:6d}"
            print(f"{name:<24} {figures}  {held}")
        best = max((s["rate"] for s in steps if s["held"]), default=0.0)
        print(f"{name:<24} highest rate held: {best:.0f} operations/s = {best / bare:.3f} of bare FastAPI")


if __name__ == "__main__":
    main()
