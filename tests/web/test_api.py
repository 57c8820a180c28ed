"""The JSON API: tokens, the same use cases, errors from the one table, no secrets."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import HEAVY_FORM, PASSWORD, World, case_in_examination

REPORT = {
    "description": "Kepala dinas membagikan sembako bergambar calon bupati kepada warga.",
    "act_on": "2024-10-02",
    "region_code": "34.04",
    "person_name": "Sri Wahyuni",
    "employee_type": "pns",
    "election_id": "pilkada-2024",
}


def token_for(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"authorization": f"Bearer {response.json()['token']}"}


def test_openapi_documents_the_api_and_bearer_auth(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/cases/{case_id}/transition" in spec["paths"]
    assert "/lapor" not in spec["paths"]
    assert any(s.get("scheme") == "bearer" for s in spec["components"]["securitySchemes"].values())


def test_public_report_then_officer_moves_it_by_api(client: TestClient, world: World) -> None:
    submitted = client.post("/api/v1/reports", json=REPORT)
    assert submitted.status_code == 201
    receipt = submitted.json()["receipt"]
    auth = token_for(client, "intake")
    listed = client.get("/api/v1/cases", headers=auth).json()
    assert listed["total"] == 1
    case = listed["items"][0]
    detail = client.get(f"/api/v1/cases/{case['id']}", headers=auth).json()
    assert "receipt_hash" not in str(detail) and "receipt_tag" not in str(detail)
    moved = client.post(
        f"/api/v1/cases/{case['id']}/transition",
        json={"version": case["version"], "target": "admin_check"},
        headers=auth,
    )
    assert moved.status_code == 200 and moved.json()["status"] == "admin_check"
    stale = client.post(
        f"/api/v1/cases/{case['id']}/transition",
        json={"version": case["version"], "target": "verification"},
        headers=auth,
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    status = client.post("/api/v1/reports/status", json={"receipt": receipt}).json()
    assert status["status"] == "admin_check"


def test_api_needs_a_valid_bearer_token_and_ignores_cookies(client: TestClient) -> None:
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/api/v1/cases", headers={"authorization": "Bearer ntr_forged"}).status_code == 401
    client.post("/masuk", data={"username": "intake", "password": PASSWORD})
    assert client.get("/api/v1/cases").status_code == 401
    wrong = client.post("/api/v1/token", json={"username": "intake", "password": "salah"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthenticated"


def test_bad_input_gets_field_errors_in_json(client: TestClient) -> None:
    response = client.post("/api/v1/reports", json={**REPORT, "description": "x", "colour": "red"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_guidance_and_elections_are_public(client: TestClient) -> None:
    answers = client.get("/api/v1/guidance", params={"q": "bolehkah ASN like postingan calon?"}).json()
    assert answers["items"][0]["verdict"] == "not_allowed"
    assert "is_settled" in answers["items"][0]
    elections = client.get("/api/v1/elections").json()
    assert {"pilkada-2024", "pemilu-2024"} <= {e["id"] for e in elections["items"]}


def test_recommendation_and_ppk_decision_by_api(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    case_id = case["case_id"]
    examiner = token_for(client, "pemeriksa")
    version = client.get(f"/api/v1/cases/{case_id}", headers=examiner).json()["case"]["version"]
    sent = client.post(
        f"/api/v1/cases/{case_id}/recommendation",
        json={"version": version, "level": "heavy", "text": "Hukuman disiplin berat."},
        headers=examiner,
    )
    assert sent.status_code == 200 and sent.json()["status"] == "recommendation_sent"
    ppk = token_for(client, "ppk_sleman")
    waiting = client.get("/api/v1/cases", params={"status": "recommendation_sent"}, headers=ppk).json()
    assert [item["id"] for item in waiting["items"]] == [case_id]
    decision = {"version": sent.json()["version"], "level": "heavy", "form": HEAVY_FORM,
                "decree_number": "800/7/2024", "decree_on": "2024-10-20"}  # fmt: skip
    decided = client.post(f"/api/v1/cases/{case_id}/decision", json=decision, headers=ppk)
    assert decided.status_code == 200 and decided.json()["status"] == "ppk_decided"
    bad_date = client.post(
        f"/api/v1/cases/{case_id}/decision", json={**decision, "decree_on": "kemarin"}, headers=ppk
    )
    assert bad_date.status_code in (409, 422)


def test_api_refuses_non_web_links(client: TestClient) -> None:
    response = client.post("/api/v1/reports", json={**REPORT, "links": ["javascript:alert(1)"]})
    assert response.status_code == 422
    assert "links" in str(response.json()["error"]["details"])


def test_openapi_describes_case_responses(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    transition = spec["paths"]["/api/v1/cases/{case_id}/transition"]["post"]["responses"]["200"]
    ref = transition["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"status", "version", "region_code"} <= set(spec["components"]["schemas"][ref]["properties"])
