"""Faults under load: submissions, status checks and officer pages against ``netralitas serve
--workers 2`` on PostgreSQL while one worker is killed and the database becomes unreachable.

    .venv/bin/python bench/fault_load.py [--phase 8] [--clients 6] [--workers 2]

Loopback only, bounded (four phases of ``--phase`` seconds). The app reaches PostgreSQL
(127.0.0.1:5432, a fresh database ``--database``) through a TCP proxy in this script; phases:

1. steady     — normal load;
2. kill       — SIGKILL one server worker (uvicorn's supervisor starts a new one);
3. db-cut     — the proxy refuses new connections and drops open ones;
4. recovery   — the proxy listens again; nothing is restarted by hand.

Afterwards, straight from the database and the evidence folder: every acknowledged report (a
201 with a receipt) must be stored, each report must have exactly one ``report.submitted`` audit
entry (and no entry without its report), every evidence file must belong to a stored evidence
row and every row must have its file, and the audit chain must verify. The script prints the
answers per phase, the errors during the faults, the reports lost (must be 0) and how long the
service took to serve a submission again after the database came back. Exit 1 on any loss.
"""

from __future__ import annotations

import argparse
import io
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
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tcpproxy import TcpProxy  # noqa: E402

PASSWORD = "fault-load-password-123"
ADMIN_URL = "postgresql://postgres:postgres@127.0.0.1:5432/postgres"
PHASES = ("steady", "kill", "db-cut", "recovery")
REPORT = {
    "person_name": "Budi Santoso", "person_position": "Camat", "employee_type": "pns",
    "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
    "act_on": "2024-10-01", "region_code": "34.04", "election_id": "pilkada-2024",
}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fresh_database(name: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _redis_url() -> str:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return "memory://"
    return "redis://127.0.0.1:6379/0"


def _environment(folder: str, url: str) -> dict[str, str]:
    from netralitas.privacy.reporter_identity import generate_identity_key

    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRALITAS_")}
    env.update({
        "NETRALITAS_DATA_DIR": folder, "NETRALITAS_DATABASE_URL": url,
        "NETRALITAS_SECRET_KEY": "fault-load-secret-" + "s" * 32,
        "NETRALITAS_IDENTITY_KEY": generate_identity_key(),
        "NETRALITAS_RECEIPT_LOOKUP_KEY": "fault-load-lookup-" + "l" * 32,
        "NETRALITAS_SECURE_COOKIES": "false", "NETRALITAS_RATE_LIMIT_STORAGE": _redis_url(),
        "NETRALITAS_RECEIPT_HASH_TIME_COST": "1", "NETRALITAS_RECEIPT_HASH_MEMORY_KIB": "8192",
        "NETRALITAS_DB_CONNECT_TIMEOUT": "2",
    })  # fmt: skip
    return env


def _seed(env: dict[str, str], direct_url: str) -> None:
    """Migrate and create the officer straight on the database (not through the proxy)."""
    from netralitas.cases.accounts import create_user
    from netralitas.cases.inputs import UserCreate
    from netralitas.cases.records import Agency, AgencyKind
    from netralitas.cases.roles import Role
    from netralitas.composition import build_backend
    from netralitas.config import Settings
    from netralitas.db.migrate import upgrade

    values = {k.removeprefix("NETRALITAS_").lower(): v for k, v in env.items() if k.startswith("NETRALITAS_")}
    settings = Settings(**{**values, "database_url": direct_url})
    upgrade(direct_url)
    backend = build_backend(settings)
    with backend.make_uow() as uow:
        uow.agencies.add(
            Agency("ag-sleman", "Pemerintah Kabupaten Sleman", AgencyKind.REGIONAL, "34.04", "Bupati")
        )
        uow.commit()
    user = UserCreate(username="intake", display_name="Intake", role=Role.INTAKE_OFFICER, password=PASSWORD,
                      region_code="34")  # fmt: skip
    create_user(backend.make_uow(), backend.kit, None, user)
    assert backend.engine is not None
    backend.engine.dispose()


def _workers(pid: int) -> list[int]:
    """The server's worker processes (its children started by multiprocessing spawn)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
            found.append(int(stat.parent.name))
    return found


class Driver:
    """Client threads mixing submissions (1 in 3 with a photo), status checks by the receipts
    acknowledged so far, and the officer queue; every answer is counted under the phase."""

    def __init__(self, base: str, clients: int) -> None:
        self.base, self.clients = base, clients
        self.phase = PHASES[0]
        self.answers: Counter[tuple[str, str, str]] = Counter()
        self.acknowledged: dict[str, str] = {}  # case number -> receipt
        self.first_ok_after_restore: float | None = None
        self.restored_at: float | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._cookies = self._sign_in()

    def _sign_in(self) -> httpx.Cookies:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/masuk").text)
            assert token
            answer = client.post("/masuk", data={"username": "intake", "password": PASSWORD,
                                                 "csrf_token": token.group(1)})  # fmt: skip
            assert answer.status_code in (200, 303), answer.status_code
            return httpx.Cookies(client.cookies)

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        return threads

    def stop(self, threads: list[threading.Thread]) -> None:
        self._stop.set()
        for thread in threads:
            thread.join(60)

    def _loop(self, n: int) -> None:
        rng = random.Random(n)
        public = httpx.Client(base_url=self.base, timeout=20)
        officer = httpx.Client(base_url=self.base, timeout=20, cookies=self._cookies)
        while not self._stop.is_set():
            kind = rng.choices(("submit", "status", "queue"), (5, 3, 2))[0]
            try:
                outcome = getattr(self, f"_{kind}")(public if kind != "queue" else officer, rng)
            except httpx.HTTPError as error:
                outcome = type(error).__name__
                time.sleep(0.2)
            self._count(kind, outcome)
        public.close()
        officer.close()

    def _count(self, kind: str, outcome: str) -> None:
        with self._lock:
            self.answers[(self.phase, kind, outcome)] += 1
            if (
                kind == "submit"
                and outcome == "ok"
                and self.restored_at
                and self.first_ok_after_restore is None
            ):
                self.first_ok_after_restore = time.monotonic() - self.restored_at

    def _submit(self, client: httpx.Client, rng: random.Random) -> str:
        page = client.get("/lapor")
        if page.status_code != 200:
            return f"form {page.status_code}"
        nonce = re.search(r'name="form_nonce" value="([^"]+)"', page.text)
        token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
        assert nonce and token
        files = [("files", ("bukti.png", _png(rng), "image/png"))] if rng.random() < 1 / 3 else []
        data = {**REPORT, "form_nonce": nonce.group(1), "csrf_token": token.group(1)}
        answer = client.post("/lapor", data=data, files=files)
        if answer.status_code != 201:
            return str(answer.status_code)
        receipt = re.search(r'id="receipt">([^<]+)<', answer.text)
        number = re.search(r'id="case-number">([^<]+)<', answer.text)
        assert receipt and number
        with self._lock:
            self.acknowledged[number.group(1)] = receipt.group(1)
        return "ok"

    def _status(self, client: httpx.Client, rng: random.Random) -> str:
        with self._lock:
            known = list(self.acknowledged.values())
        if not known:
            return "skipped"
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/status").text)
        if token is None:
            return "form error"
        answer = client.post("/status", data={"receipt": rng.choice(known), "csrf_token": token.group(1)})
        return "ok" if answer.status_code == 200 else str(answer.status_code)

    def _queue(self, client: httpx.Client, rng: random.Random) -> str:
        answer = client.get("/petugas")
        return "ok" if answer.status_code == 200 else str(answer.status_code)


def _png(rng: random.Random) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (32, 32), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _verify(env: dict[str, str], direct_url: str, acknowledged: dict[str, str]) -> dict[str, Any]:
    from sqlalchemy import select

    from netralitas.cases import audit
    from netralitas.composition import build_backend
    from netralitas.config import Settings
    from netralitas.db.models import AuditEntry, Case, Evidence, Report

    values = {k.removeprefix("NETRALITAS_").lower(): v for k, v in env.items() if k.startswith("NETRALITAS_")}
    settings = Settings(**{**values, "database_url": direct_url})
    backend = build_backend(settings)
    assert backend.engine is not None
    with backend.engine.connect() as conn:
        numbers = set(conn.execute(select(Case.number)).scalars())
        reports = set(conn.execute(select(Report.id)).scalars())
        submitted = list(
            conn.execute(
                select(AuditEntry.subject_id).where(AuditEntry.action == "report.submitted")
            ).scalars()
        )
        rows = set(conn.execute(select(Evidence.sha256)).scalars())
    files = {p.parent.name for p in settings.evidence_dir.rglob("original")}
    trail = audit.verify_trail(backend.make_uow(), backend.kit)
    backend.engine.dispose()
    return {
        "acknowledged": len(acknowledged),
        "lost": sorted(n for n in acknowledged if n not in numbers),
        "reports": len(reports),
        "reports_without_audit": len(reports - set(submitted)),
        "audit_without_report": len(set(submitted) - reports),
        "audit_duplicates": len(submitted) - len(set(submitted)),
        "files_without_row": len(files - rows),
        "rows_without_file": len(rows - files),
        "chain_ok": trail.ok,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phase", type=float, default=8.0, help="seconds per phase")
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="netralitas_fault_load")
    args = parser.parse_args()

    _fresh_database(args.database)
    direct = f"postgresql+psycopg://postgres:postgres@127.0.0.1:5432/{args.database}"
    proxy = TcpProxy(("127.0.0.1", 5432))
    folder = tempfile.mkdtemp(prefix="fault-load-")
    env = _environment(
        folder, f"postgresql+psycopg://postgres:postgres@127.0.0.1:{proxy.port}/{args.database}"
    )
    _seed(env, direct)
    port = _free_port()
    log = Path(folder) / "serve.log"
    command = [str(Path(sys.executable).with_name("netralitas")), "serve", "--port", str(port),
               "--workers", str(args.workers), "--wait-db", "60"]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base)
        driver = Driver(base, args.clients)
        report = _scenario(driver, proxy, server, args.phase)
        print(f"server log: {log}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        proxy.cut()
    result = _verify(env, direct, driver.acknowledged)
    _print(driver, report, result, args)
    swept = _sweep(env, direct)
    after = _verify(env, direct, driver.acknowledged)
    print(f"after `netralitas evidence-sweep --grace-minutes 0`: {swept}; files without row "
          f"{after['files_without_row']}, rows without file {after['rows_without_file']}")  # fmt: skip
    half_saved = after["reports_without_audit"] + after["audit_without_report"] + after["audit_duplicates"]
    if after["lost"] or half_saved or after["files_without_row"] or after["rows_without_file"]:
        raise SystemExit(1)
    if not after["chain_ok"] or driver.first_ok_after_restore is None:
        raise SystemExit(1)


def _sweep(env: dict[str, str], direct_url: str) -> str:
    """What an operator runs after a crash (the server is stopped: no report is on its way)."""
    command = [str(Path(sys.executable).with_name("netralitas")), "evidence-sweep", "--grace-minutes", "0"]
    done = subprocess.run(command, env={**env, "NETRALITAS_DATABASE_URL": direct_url}, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    return (done.stdout + done.stderr).strip()


def _wait_ready(base: str) -> None:
    for _ in range(600):
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


def _scenario(
    driver: Driver, proxy: TcpProxy, server: subprocess.Popen[bytes], phase: float
) -> dict[str, Any]:
    threads = driver.run()
    notes: dict[str, Any] = {}
    time.sleep(phase)
    driver.phase = "kill"
    workers = _workers(server.pid)
    notes["workers_before"] = len(workers)
    os.kill(workers[0], signal.SIGKILL)
    time.sleep(phase)
    notes["workers_after_kill"] = len(_workers(server.pid))
    driver.phase = "db-cut"
    proxy.cut()
    time.sleep(phase)
    driver.phase = "recovery"
    driver.restored_at = time.monotonic()
    proxy.restore()
    time.sleep(phase)
    driver.stop(threads)
    return notes


def _print(driver: Driver, notes: dict[str, Any], r: dict[str, Any], args: argparse.Namespace) -> None:
    phase_s = f"{args.phase:.0f} s"
    print(f"fault load: {args.clients} clients, serve --workers {args.workers}, {phase_s} per phase, "
          "PostgreSQL through a loopback proxy")  # fmt: skip
    before, after = notes["workers_before"], notes["workers_after_kill"]
    print(f"workers before the kill {before}, {phase_s} after it {after}")
    print(f"{'phase':<10} {'kind':<7} {'answers':>8} {'ok':>6}  other answers")
    for phase in PHASES:
        for kind in ("submit", "status", "queue"):
            rows = {o: c for (p, k, o), c in driver.answers.items() if p == phase and k == kind}
            other = ", ".join(f"{o}: {c}" for o, c in sorted(rows.items()) if o not in ("ok", "skipped"))
            print(f"{phase:<10} {kind:<7} {sum(rows.values()):8d} {rows.get('ok', 0):6d}  {other}")
    faults = [(o, c) for (p, _, o), c in driver.answers.items() if p in ("kill", "db-cut")]
    unavailable = sum(c for o, c in faults if o == "503")
    other = sum(c for o, c in faults if o not in ("ok", "skipped", "503"))
    print(f"errors during the faults: {unavailable + other} ({unavailable} answered 503 with Retry-After, "
          f"{other} other: dropped connections of the killed worker and anything else)")  # fmt: skip
    recovered = driver.first_ok_after_restore
    took = "never" if recovered is None else f"{recovered:.1f} s"
    print(f"first acknowledged submission after the database came back: {took}")
    print(f"acknowledged reports {r['acknowledged']}, lost {len(r['lost'])} {r['lost'][:5]}")
    print(f"stored reports {r['reports']}; without audit entry {r['reports_without_audit']}, "
          f"audit entries without report {r['audit_without_report']}, "
          f"duplicates {r['audit_duplicates']}")  # fmt: skip
    chain = "ok" if r["chain_ok"] else "BROKEN"
    print(f"evidence files without row {r['files_without_row']}, rows without file {r['rows_without_file']}; "
          f"audit chain {chain}")  # fmt: skip


if __name__ == "__main__":
    main()
