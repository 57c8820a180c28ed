"""Web load benchmark: the officer queue page and the public report submission under
concurrent load from a generator on loopback, beside a bare FastAPI endpoint in the same run.

    .venv/bin/python bench/web_load.py [--seconds 5] [--concurrency 8] [--cases 300] [--production-hash]
        [--workers N] [--postgres DATABASE] [--warmup 1]

Two servers run as subprocesses (one uvicorn worker each): the full Netralitas app on a fresh
SQLite database with seeded cases, and a bare FastAPI app with one JSON route. With ``--workers N``
(N > 1) or ``--postgres`` the app runs as production does, ``netralitas serve --workers N`` (keys
from the environment, JSON access log), and bare FastAPI under ``uvicorn --workers N``: both
servers get the same number of processes, and the CPU time is the whole process tree's. Each
server first takes ``--warmup`` seconds of each kind of load, not measured (the steady state:
statements compiled, pooled connections open); then each scenario runs for a bounded time; the
script prints requests/s, p50/p95 latency and the ratio to the bare route.
A submission fetches the form first (each form carries a one-time nonce): that GET is left out of
the latency but its time counts against the throughput. By default the receipt hash uses the cost
the tests use, so submissions measure the web stack and the database; ``--production-hash`` uses
the production argon2 cost for receipts instead (the ``Settings`` defaults: 2 MiB, t=1; until
issue 10 receipts shared the passwords' 64 MiB, t=3, see docs/privacy.md). The last two rows
run at the same time (half the clients each): the queue (each view reads a snapshot and then
commits its ``cases.listed`` audit entry) beside report submissions (writers).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx

PASSWORD = "bench-password-123"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _costs(production_hash: bool) -> dict[str, Any]:
    light = {"receipt_hash_time_cost": 1, "receipt_hash_memory_kib": 1024}
    return (
        {} if production_hash else {**light, "password_hash_time_cost": 1, "password_hash_memory_kib": 1024}
    )


def _settings(folder: str, production_hash: bool) -> Any:
    from netralitas.config import Settings

    return Settings(
        data_dir=Path(folder), secret_key="bench-secret", secure_cookies=False, **_costs(production_hash)
    )


def _seed(folder: str, cases: int, settings: Any = None) -> None:
    """300 cases in Sleman and an intake officer of province 34, on ``settings``' database (by
    default a SQLite database in ``folder``)."""
    from netralitas.cases.accounts import create_user
    from netralitas.cases.inputs import UserCreate
    from netralitas.cases.public_report import ReportSubmission
    from netralitas.cases.records import Agency, AgencyKind
    from netralitas.cases.reporting import submit_report
    from netralitas.cases.roles import Role
    from netralitas.composition import build_backend
    from netralitas.db.migrate import upgrade

    settings = settings or _settings(folder, production_hash=False)
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    with backend.make_uow() as uow:
        uow.agencies.add(
            Agency("ag-sleman", "Pemerintah Kabupaten Sleman", AgencyKind.REGIONAL, "34.04", "Bupati")
        )
        uow.commit()
    user = UserCreate(username="intake", display_name="Intake", role=Role.INTAKE_OFFICER, password=PASSWORD,
                      region_code="34")  # fmt: skip
    create_user(backend.make_uow(), backend.kit, None, user)
    for n in range(cases):
        submission = ReportSubmission(
            description=f"Laporan uji beban nomor {n}: ASN mengunggah dukungan kepada calon bupati.",
            act_on=date(2024, 10, 1),
            region_code="34.04",
            person_name=f"Pegawai {n}",
        )
        submit_report(backend.make_uow(), backend.kit, submission)
    backend.close()


def _serve_app(folder: str, port: int, production_hash: bool, receipt_cost: str = "") -> None:
    import uvicorn

    from netralitas.web.app import create_app
    from netralitas.web.templating import compile_all

    settings = _settings(folder, production_hash)
    if receipt_cost:
        passes, kib = (int(v) for v in receipt_cost.split(":"))
        settings = settings.model_copy(
            update={"receipt_hash_time_cost": passes, "receipt_hash_memory_kib": kib}
        )
    app = create_app(settings)
    compile_all(app.state.ctx.templates)  # as ``serve`` does before serving (``asgi.app_from_env``)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", access_log=False, **_protocols())


def _protocols() -> dict[str, Any]:
    """uvicorn's HTTP parser and event loop for a served app, from ``BENCH_UVICORN_HTTP`` and
    ``BENCH_UVICORN_LOOP`` (``h11``/``httptools``, ``asyncio``/``uvloop``; default: uvicorn's
    choice), e.g. ``web_ab.py h11=src@BENCH_UVICORN_HTTP=h11 ht=src@BENCH_UVICORN_HTTP=httptools``."""
    return {
        "http": os.environ.get("BENCH_UVICORN_HTTP", "auto"),
        "loop": os.environ.get("BENCH_UVICORN_LOOP", "auto"),
    }


def bare_app() -> Any:
    """The bare FastAPI app: one synchronous JSON route (a factory, so uvicorn's workers can
    build it: ``uvicorn web_load:bare_app --factory``)."""
    from fastapi import FastAPI

    bare = FastAPI()

    @bare.get("/")
    def root() -> dict[str, str]:
        return {"status": "ok"}

    return bare


def _serve_bare(port: int) -> None:
    import uvicorn

    uvicorn.run(bare_app(), host="127.0.0.1", port=port, log_level="error", access_log=False)


def _serve_env(folder: str, database_url: str, production_hash: bool) -> dict[str, str]:
    """The environment of ``netralitas serve`` (``mixed_load``'s: production keys, the JSON log)
    with the bench's hash costs and the caller's ``NETRALITAS_WEB_THREADS``."""
    import mixed_load

    env = mixed_load._environment(folder, database_url, "memory://")
    env |= {f"NETRALITAS_{k.upper()}": str(v) for k, v in _costs(production_hash).items()}
    if "NETRALITAS_WEB_THREADS" in os.environ:
        env["NETRALITAS_WEB_THREADS"] = os.environ["NETRALITAS_WEB_THREADS"]
    return env


def _start_bare(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "web_load:bare_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), "--log-level", "error",
               "--no-access-log"]  # fmt: skip
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])
    )
    return subprocess.Popen(command, env=env)


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"server at {url} did not start")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (the workers) so far. Throughput
    on a shared, loaded machine swings with the other work on it; the server's CPU time per
    request does far less, so it is printed beside the ratios."""
    import psutil

    try:
        process = psutil.Process(pid)
        tree = [process, *process.children(recursive=True)]  # uvicorn's workers under ``--workers``
    except psutil.Error:
        return float("nan")
    total = 0.0
    for member in tree:
        try:
            times = member.cpu_times()
        except psutil.Error:  # a worker that ended meanwhile
            continue
        total += times.user + times.system
    return total


@dataclass
class Result:
    name: str
    count: int
    errors: int
    seconds: float
    latencies: list[float]
    #: Server CPU seconds spent while the scenario ran (shared by scenarios run together).
    cpu: float = float("nan")
    #: Requests the server answered meanwhile (all scenarios run together).
    served: int = 0

    @property
    def cpu_ms(self) -> float:
        return self.cpu / self.served * 1000 if self.served else float("nan")

    @property
    def rps(self) -> float:
        return self.count / self.seconds

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _officer_cookies(base: str) -> httpx.Cookies:
    """Sign in once (logins are rate-limited per account); the clients share the session."""
    with httpx.Client(base_url=base, timeout=30) as client:
        token = _token(client.get("/masuk").text)
        response = client.post(
            "/masuk", data={"username": "intake", "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code in (200, 303), response.status_code
        return httpx.Cookies(client.cookies)


def _token(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "no CSRF token"
    return found.group(1)


REPORT = {
    "person_name": "Budi Santoso", "person_position": "Camat", "employee_type": "pns",
    "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
    "act_on": "2024-10-01", "region_code": "34.04", "election_id": "pilkada-2024",
}  # fmt: skip


def _run(name: str, make_client: Any, request: Any, seconds: float, concurrency: int, pid: int = 0) -> Result:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    clients = [make_client() for _ in range(concurrency)]
    deadline = time.perf_counter() + seconds

    def worker(client: Any) -> None:
        nonlocal errors
        local: list[float] = []
        bad = 0
        while time.perf_counter() < deadline:
            ok, seconds = request(client)
            local.append(seconds)
            bad += not ok
        with lock:
            latencies.extend(local)
            errors += bad

    started, cpu = time.perf_counter(), _cpu_seconds(pid)
    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds(pid) - cpu
    for client in clients:
        client.close()
    return Result(name, len(latencies), errors, elapsed, latencies, cpu, len(latencies))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--production-hash", action="store_true")
    parser.add_argument(
        "--warmup", type=float, default=1.0,
        help="seconds of load on each server before its scenarios are measured (not counted)",
    )  # fmt: skip
    parser.add_argument(
        "--receipt-cost", default="", help="T:KIB, e.g. 3:65536 (the receipt cost before issue 10)"
    )
    parser.add_argument(
        "--workers", type=int, default=1,
        help="worker processes of both servers; above 1 the app runs as `netralitas serve --workers N`",
    )  # fmt: skip
    parser.add_argument(
        "--postgres", default="", metavar="DATABASE",
        help="run the app on this PostgreSQL database of 127.0.0.1 (dropped and created), through `serve`",
    )  # fmt: skip
    args = parser.parse_args()
    if args.receipt_cost and (args.workers > 1 or args.postgres):
        raise SystemExit("--receipt-cost is for the single-process SQLite run")

    with tempfile.TemporaryDirectory() as folder:
        run = _served if args.workers > 1 or args.postgres else _in_process
        results = run(folder, args)
    _print(results, args)


def _in_process(folder: str, args: argparse.Namespace) -> list[Result]:
    """One uvicorn process per server, the app built in it (no logging set up)."""
    print(f"seeding {args.cases} cases ...", file=sys.stderr)
    _seed(folder, args.cases)
    app_port, bare_port = _free_port(), _free_port()
    ctx = multiprocessing.get_context("spawn")
    servers = [
        ctx.Process(
            target=_serve_app,
            args=(folder, app_port, args.production_hash, args.receipt_cost),
            daemon=True,
        ),
        ctx.Process(target=_serve_bare, args=(bare_port,), daemon=True),
    ]
    for server in servers:
        server.start()
    app_url, bare_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
    _wait(f"{app_url}/healthz")
    _wait(bare_url)
    try:
        pids = (servers[0].pid or 0, servers[1].pid or 0)
        return _scenarios(app_url, bare_url, args.seconds, args.concurrency, pids, args.warmup)
    finally:
        for server in servers:
            server.terminate()
            server.join(5)


def _served(folder: str, args: argparse.Namespace) -> list[Result]:
    """The production start: ``netralitas serve --workers N`` (keys, JSON access log) on SQLite
    or PostgreSQL, and bare FastAPI under ``uvicorn --workers N``. The CPU time counted is the
    whole process tree's (the manager and its workers)."""
    import mixed_load

    url = mixed_load.fresh_postgres(args.postgres) if args.postgres else ""
    env = _serve_env(folder, url, args.production_hash)
    print(f"seeding {args.cases} cases ...", file=sys.stderr)
    _seed_as(env, args.cases)
    app, app_url = mixed_load._serve(env, args.workers, folder)  # waits for /readyz
    bare_port = _free_port()
    servers = [app, _start_bare(bare_port, args.workers)]
    bare_url = f"http://127.0.0.1:{bare_port}"
    try:
        _wait(bare_url)
        pids = (servers[0].pid, servers[1].pid)
        return _scenarios(app_url, bare_url, args.seconds, args.concurrency, pids, args.warmup)
    finally:
        for server in servers:
            mixed_load._stop(server)


def _seed_as(env: dict[str, str], cases: int) -> None:
    """Seed with the keys ``serve`` will run with, and light password hashing."""
    from netralitas.config import Settings

    values: dict[str, Any] = {
        k.removeprefix("NETRALITAS_").lower(): v for k, v in env.items() if k.startswith("NETRALITAS_")
    }
    settings = Settings(**{**values, **_costs(production_hash=False)})
    _seed(env["NETRALITAS_DATA_DIR"], cases, settings)


def _scenarios(
    app_url: str,
    bare_url: str,
    seconds: float,
    concurrency: int,
    pids: tuple[int, int],
    warmup: float = 1.0,
) -> list[Result]:
    def bare_client() -> httpx.Client:
        return httpx.Client(base_url=bare_url, timeout=30)

    def public_client() -> httpx.Client:
        client = httpx.Client(base_url=app_url, timeout=30)
        client.headers["x-csrf-token"] = _token(client.get("/lapor").text)
        return client

    def timed(send: Any) -> Any:
        def run(client: httpx.Client) -> tuple[bool, float]:
            start = time.perf_counter()
            ok = send(client)
            return ok, time.perf_counter() - start

        return run

    def submit(client: httpx.Client) -> tuple[bool, float]:
        """Each form carries a one-time nonce: fetch it (not timed), then time the POST alone."""
        nonce = re.search(r'name="form_nonce" value="([^"]+)"', client.get("/lapor").text)
        assert nonce, "no form nonce"
        start = time.perf_counter()
        ok = client.post("/lapor", data={**REPORT, "form_nonce": nonce.group(1)}).status_code == 201
        return ok, time.perf_counter() - start

    cookies = _officer_cookies(app_url)

    def officer_client() -> httpx.Client:
        return httpx.Client(base_url=app_url, timeout=30, cookies=cookies)

    half = max(1, concurrency // 2)
    queue_request = timed(lambda c: c.get("/petugas").status_code == 200)
    bare_request = timed(lambda c: c.get("/").status_code == 200)
    if warmup > 0:  # steady state: first requests compile statements, open pooled connections, ...
        _run("warm-up", bare_client, bare_request, warmup, concurrency)
        _run("warm-up", officer_client, queue_request, warmup, concurrency)
        _run("warm-up", public_client, submit, warmup, concurrency)
    return [
        _run(
            "bare FastAPI GET /",
            bare_client,
            bare_request,
            seconds,
            concurrency,
            pids[1],
        ),
        _run("officer queue GET /petugas", officer_client, queue_request, seconds, concurrency, pids[0]),
        _run("report submission POST /lapor", public_client, submit, seconds, concurrency, pids[0]),
        *_together(
            ("queue beside submissions", officer_client, queue_request),
            ("submissions beside queue", public_client, submit),
            seconds=seconds,
            concurrency=half,
            pid=pids[0],
        ),
    ]


def _together(*specs: tuple[str, Any, Any], seconds: float, concurrency: int, pid: int) -> list[Result]:
    """Several scenarios at once (``concurrency`` clients each): the queue's reads and audit
    entries beside the writers of new reports. Their CPU time per request is the server's over
    all of them."""
    results: dict[str, Result] = {}
    cpu = _cpu_seconds(pid)

    def run(name: str, make_client: Any, request: Any) -> None:
        results[name] = _run(name, make_client, request, seconds, concurrency)

    threads = [threading.Thread(target=run, args=spec) for spec in specs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu, served = _cpu_seconds(pid) - cpu, sum(r.count for r in results.values())
    return [replace(results[name], cpu=cpu, served=served) for name, _, _ in specs]


def _print(results: list[Result], args: argparse.Namespace) -> None:
    bare = results[0]
    cost = "production" if args.production_hash else "test"
    cost += f" (receipts {args.receipt_cost})" if args.receipt_cost else ""
    print(
        f"web load: {args.seconds:.0f} s per scenario, {args.concurrency} concurrent clients, "
        f"{args.cases} seeded cases, receipt hash {cost} cost"
    )
    print(
        f"{'scenario':<32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'vs bare':>8}"
        f" {'cpu ms/req':>10} {'bare/cpu':>8}"
    )
    for r in results:
        ratio = r.rps / bare.rps if bare.rps else float("nan")
        # bare's server CPU per request over this one's: the ratio the rates would have if the
        # server's CPU were the only limit (it does not swing with the machine's other load)
        cpu_ratio = bare.cpu_ms / r.cpu_ms if r.cpu_ms else float("nan")
        print(
            f"{r.name:<32} {r.rps:8.1f} {r.pct(0.50):8.1f} {r.pct(0.95):8.1f} {r.errors:7d} {ratio:8.3f}"
            f" {r.cpu_ms:10.2f} {cpu_ratio:8.3f}"
        )


if __name__ == "__main__":
    main()
