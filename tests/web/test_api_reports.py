"""Public report API: files in the same call or later by receipt, one answer for every bad receipt,
and an OpenAPI error schema that is the shape the API really sends."""

from __future__ import annotations

import json
from typing import Any

import argon2
import pytest
from fastapi.testclient import TestClient

from netralitas.web.routes.api_common import ErrorOut
from tests.factories import World, jpeg_with_gps
from tests.web.helpers import csrf_from, parse, text_of
from tests.web.test_api import REPORT, token_for

PDF_AS_JPEG = ("bukti.jpg", b"%PDF-1.4\n" + b"0" * 200, "image/jpeg")


def _evidence_of(client: TestClient, case_id: str) -> list[dict[str, Any]]:
    detail = client.get(f"/api/v1/cases/{case_id}", headers=token_for(client, "intake")).json()
    return list(detail["evidence"])


def _only_case_id(client: TestClient) -> str:
    listed = client.get("/api/v1/cases", headers=token_for(client, "intake")).json()
    assert listed["total"] == 1
    return str(listed["items"][0]["id"])


def test_report_with_a_photo_in_one_call(client: TestClient) -> None:
    response = client.post(
        "/api/v1/reports/with-files",
        data={"report": json.dumps(REPORT)},
        files=[("files", ("bukti.jpg", jpeg_with_gps(), "image/jpeg"))],
    )
    assert response.status_code == 201, response.text
    evidence = _evidence_of(client, _only_case_id(client))
    assert len(evidence) == 1 and evidence[0]["metadata_stripped"] is True


def test_disguised_file_refuses_the_whole_report(client: TestClient, world: World) -> None:
    response = client.post(
        "/api/v1/reports/with-files", data={"report": json.dumps(REPORT)}, files=[("files", PDF_AS_JPEG)]
    )
    assert response.status_code in (415, 422)
    assert response.json()["error"]["code"].startswith("evidence_")
    with world.store.unit_of_work() as uow:
        assert uow.reports.find() == []


def test_report_field_that_is_not_json_is_named(client: TestClient) -> None:
    response = client.post("/api/v1/reports/with-files", data={"report": "{bukan json"})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["field"] == "report"


def test_more_evidence_by_receipt(client: TestClient) -> None:
    receipt = client.post("/api/v1/reports", json=REPORT).json()["receipt"]
    photo = ("files", ("lagi.jpg", jpeg_with_gps(), "image/jpeg"))
    added = client.post("/api/v1/reports/evidence", data={"receipt": receipt}, files=[photo])
    assert added.status_code == 201 and added.json() == {"added": 1}
    assert len(_evidence_of(client, _only_case_id(client))) == 1
    unknown = client.post(
        "/api/v1/reports/evidence", data={"receipt": "ABCD-EFGH-JKMN-PQRS-TVWX"}, files=[photo]
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "receipt_unknown"
    assert len(_evidence_of(client, _only_case_id(client))) == 1


@pytest.fixture
def argon2_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every argon2 verification made while the test runs (the cost of a receipt check)."""
    calls: list[str] = []
    real = argon2.PasswordHasher.verify

    def counting(self: argon2.PasswordHasher, hash: str | bytes, password: str | bytes) -> bool:
        calls.append("verify")
        return real(self, hash, password)

    monkeypatch.setattr(argon2.PasswordHasher, "verify", counting)
    return calls


def _mistyped(receipt: str) -> str:
    swap = "A" if receipt[0] != "A" else "B"
    return swap + receipt[1:]


def test_unknown_mistyped_and_malformed_receipts_answer_alike(
    client: TestClient, argon2_checks: list[str]
) -> None:
    real = client.post("/api/v1/reports", json=REPORT).json()["receipt"]
    token = csrf_from(client.get("/status").text)
    pages, apis, costs = [], [], []
    for receipt in ("ABCD-EFGH-JKMN-PQRS-TVWX", _mistyped(real), "salah"):
        argon2_checks.clear()
        page = client.post("/status", data={"receipt": receipt, "csrf_token": token})
        pages.append((page.status_code, text_of(parse(page.text), "//*[@id='status-error']")))
        api = client.post("/api/v1/reports/status", json={"receipt": receipt})
        apis.append((api.status_code, api.json()))
        costs.append(len(argon2_checks))
    assert pages[0][0] == 404 and len(set(pages)) == 1
    assert apis[0][0] == 404 and all(a == apis[0] for a in apis)
    assert costs[0] == 2 and len(set(costs)) == 1  # one verification per look-up, page and API


def test_empty_reply_is_named_beside_the_field(client: TestClient) -> None:
    receipt = client.post("/api/v1/reports", json=REPORT).json()["receipt"]
    token = csrf_from(client.get("/status").text)
    reply = client.post("/status/pesan", data={"receipt": receipt, "body": "  ", "csrf_token": token})
    assert reply.status_code == 422
    assert "Tulis pesan" in text_of(parse(reply.text), "//*[@id='body-error']")


def test_openapi_error_schema_is_what_the_api_sends(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "HTTPValidationError" not in json.dumps(spec)
    documented = spec["paths"]["/api/v1/reports"]["post"]["responses"]["422"]
    assert documented["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    for path, ops in spec["paths"].items():
        for op in ops.values():
            assert "401" in op["responses"] and "422" in op["responses"], path
    sent = client.post("/api/v1/reports", json={**REPORT, "description": 5, "warna": "merah"})
    assert sent.status_code == 422
    ErrorOut.model_validate(sent.json())
    assert set(sent.json()["error"]["details"]["fields"]) == {"description", "warna"}
