"""Database outage (issue 10 item 8): 503 with Retry-After (an Indonesian page, JSON for /api),
the report form keeps what was typed, /healthz and /readyz differ, and the app recovers alone."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from netralitas.db.migrate import upgrade
from netralitas.web.app import create_app
from tests.integration.conftest import pg_schema_url, reset_pg_schema
from tests.tcpproxy import TcpProxy
from tests.web.helpers import csrf_from, make_settings, parse, text_of
from tests.web.test_report_flow import GOOD, submit

CLOSED = "postgresql+psycopg://postgres:postgres@127.0.0.1:1/none"


@pytest.fixture
def down(tmp_path: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, database_url=CLOSED, db_connect_timeout=1)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def _assert_kept(response: object) -> None:
    assert response.status_code == 503  # type: ignore[attr-defined]
    assert int(response.headers["retry-after"]) > 0  # type: ignore[attr-defined]
    doc = parse(response.text)  # type: ignore[attr-defined]
    assert "basis data tidak dapat dihubungi" in text_of(doc, "//form//p[1] | //main//p")
    assert doc.xpath("//textarea[@name='description']")[0].text == GOOD["description"]
    assert doc.xpath("//input[@name='person_name']/@value") == [GOOD["person_name"]]
    assert doc.xpath("//select[@name='region_code']//option[@selected]/@value") == [GOOD["region_code"]]
    assert len(doc.xpath("//select[@name='region_code']//option")) > 500
    assert doc.xpath("//input[@name='form_nonce']/@value")  # a fresh nonce: the form can be sent again


def test_a_report_sent_while_the_database_is_down_keeps_everything_typed(down: TestClient) -> None:
    _assert_kept(submit(down, GOOD))


def test_pages_and_api_answer_503_with_retry_after_not_500(down: TestClient) -> None:
    token = csrf_from(down.get("/status").text)
    page = down.post("/status", data={"receipt": "ABCD-EFGH-JKMN-PQRS-TVWX", "csrf_token": token})
    assert page.status_code == 503 and page.headers["retry-after"] == "30"
    assert "coba lagi" in text_of(parse(page.text), "//*[@id='error-message']")
    api = down.post("/api/v1/token", json={"username": "intake", "password": "x" * 12})
    assert api.status_code == 503 and api.headers["retry-after"] == "30"
    assert api.json()["error"]["code"] == "service_unavailable"


def test_healthz_is_the_process_and_readyz_the_dependencies(down: TestClient) -> None:
    assert down.get("/healthz").status_code == 200
    ready = down.get("/readyz")
    assert ready.status_code == 503 and "retry-after" in ready.headers
    assert ready.json()["checks"] == {"database": "unreachable", "storage": "ok", "keys": "not_configured"}
    assert "127.0.0.1" not in ready.text  # reasons go to the log, not to the public


def test_readyz_is_ready_with_a_database_and_keys(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, secret_key="k" * 40, receipt_lookup_key="l" * 40,
                             identity_key=_identity_key())  # fmt: skip
    upgrade(settings.effective_database_url)
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz", headers={"x-request-id": "lb-check-1"})
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert ready.headers["x-request-id"] == "lb-check-1"


def _identity_key() -> str:
    from netralitas.privacy.reporter_identity import generate_identity_key

    return generate_identity_key()


@pytest.mark.postgres
def test_postgres_cut_and_restored_behind_a_proxy(tmp_path: Path, postgres_url: str) -> None:
    schema = f"outage_{os.getpid()}"
    reset_pg_schema(postgres_url, schema)
    parsed = make_url(postgres_url)
    proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    try:
        upgrade(pg_schema_url(postgres_url, schema))
        via_proxy = pg_schema_url(
            parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(False), schema
        )
        settings = make_settings(tmp_path, database_url=via_proxy, db_connect_timeout=2)
        with TestClient(create_app(settings), raise_server_exceptions=False) as client:
            assert submit(client, GOOD).status_code == 201
            proxy.cut()
            _assert_kept(submit(client, GOOD))
            assert client.get("/readyz").json()["checks"]["database"] == "unreachable"
            proxy.restore()
            assert submit(client, GOOD).status_code == 201  # recovered without a restart
            assert client.get("/readyz").json()["checks"]["database"] == "ok"
    finally:
        proxy.cut()
        reset_pg_schema(postgres_url, schema, create=False)


def test_a_failed_report_leaves_no_evidence_file_behind(down: TestClient, tmp_path: Path) -> None:
    from tests.factories import jpeg_with_gps

    response = submit(down, GOOD, [("files", ("bukti.jpg", jpeg_with_gps(), "image/jpeg"))])
    assert response.status_code == 503
    evidence = tmp_path / "evidence"
    assert not evidence.exists() or [p for p in evidence.rglob("*") if p.is_file()] == []
