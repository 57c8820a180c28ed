"""``netralitas serve --workers 2`` on PostgreSQL: a real process manager, request ids in and
out, one JSON object per log line, no client address in the logs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from netralitas.privacy.reporter_identity import generate_identity_key
from tests.integration.conftest import pg_schema_url, reset_pg_schema


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> int:
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        count += int(fields[1]) == pid and b"resource_tracker" not in cmdline
    return count


@pytest.mark.postgres
def test_two_workers_on_postgres_with_request_ids_and_json_logs(
    tmp_path: Path, postgres_url: str, redis_url: str
) -> None:
    schema = f"serve_{os.getpid()}"
    reset_pg_schema(postgres_url, schema)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRALITAS_")}
    env.update({
        "NETRALITAS_DATA_DIR": str(tmp_path), "NETRALITAS_DATABASE_URL": pg_schema_url(postgres_url, schema),
        "NETRALITAS_SECRET_KEY": "w" * 40, "NETRALITAS_RECEIPT_LOOKUP_KEY": "x" * 40,
        "NETRALITAS_IDENTITY_KEY": generate_identity_key(), "NETRALITAS_RATE_LIMIT_STORAGE": redis_url,
    })  # fmt: skip
    port, log = _free_port(), tmp_path / "serve.log"
    command = [
        str(Path(sys.executable).with_name("netralitas")),
        "serve",
        "--workers",
        "2",
        "--port",
        str(port),
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        ready = None
        for _ in range(600):
            try:
                ready = httpx.get(f"{base}/readyz", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert ready is not None and ready.status_code == 200, log.read_text()[-2000:]
        answer = httpx.get(f"{base}/kalender", headers={"x-request-id": "uji-123"})
        assert answer.status_code == 200 and answer.headers["x-request-id"] == "uji-123"
        fresh = httpx.get(f"{base}/kalender", headers={"x-request-id": "bad id with spaces"})
        assert len(fresh.headers["x-request-id"]) == 32  # a malformed id is replaced
        assert _children(server.pid) == 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
        reset_pg_schema(postgres_url, schema, create=False)
    text = log.read_text()
    assert all(line.startswith("{") for line in text.splitlines() if line.strip()), text[:3000]
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "netralitas.access"]
    mine = [line for line in access if line["request_id"] == "uji-123"]
    assert mine and mine[0]["path"] == "/kalender" and mine[0]["status"] == 200
    assert not any("127.0.0.1" in json.dumps(line) for line in access)
    assert not any(line["logger"] == "uvicorn.access" for line in lines)
