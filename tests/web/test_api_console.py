"""The console's JSON API: assignment with the version seen (stale refused, scope and role kept)
and the officer's own notifications."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World
from tests.web.test_api import REPORT, token_for


def _case_id(client: TestClient, auth: dict[str, str]) -> str:
    assert client.post("/api/v1/reports", json=REPORT).status_code == 201
    return str(client.get("/api/v1/cases", headers=auth).json()["items"][0]["id"])


def test_assign_by_api_with_the_version_seen_and_a_stale_one_refused(
    client: TestClient, world: World
) -> None:
    intake = token_for(client, "intake")
    case_id = _case_id(client, intake)
    seen = client.get(f"/api/v1/cases/{case_id}/assignment", headers=intake).json()
    assert seen["version"] == 0 and seen["assignee_id"] is None
    choices = {o["display_name"]: o["id"] for o in seen["officers"]}
    assert "Satgas" in choices and "Satgas Jateng" not in choices  # only officers of the case's reach
    assert all("password" not in str(o) for o in seen["officers"])
    url = f"/api/v1/cases/{case_id}/assignment"
    done = client.put(url, json={"assignee_id": choices["Satgas"], "version": 0}, headers=intake)
    assert done.status_code == 200 and done.json()["version"] == 1
    stale = client.put(url, json={"assignee_id": choices["Intake"], "version": 0}, headers=intake)
    assert stale.status_code == 409
    assert client.get(url, headers=intake).json()["assignee_name"] == "Satgas"
    satgas = token_for(client, "satgas")
    box = client.get("/api/v1/notifications", headers=satgas).json()
    assert box["unread"] == 1 and box["items"][0]["kind"] == "assigned"
    assert box["items"][0]["case_id"] == case_id and box["items"][0]["read_at"] is None
    assert client.post("/api/v1/notifications/read", json={}, headers=satgas).json() == {"changed": 1}
    assert client.get("/api/v1/notifications?unread_only=true", headers=satgas).json()["total"] == 0


def test_assignment_keeps_scope_role_and_field_errors(client: TestClient, world: World) -> None:
    intake = token_for(client, "intake")
    case_id = _case_id(client, intake)
    url = f"/api/v1/cases/{case_id}/assignment"
    outsider = token_for(client, "intake_jateng")
    assert client.get(url, headers=outsider).status_code in (403, 404)
    ppk = token_for(client, "ppk_sleman")
    assert (
        client.put(url, json={"assignee_id": world.user_ids["intake"], "version": 0}, headers=ppk).status_code
        == 403
    )
    away = {"assignee_id": world.user_ids["satgas_jateng"], "version": 0}
    refused = client.put(url, json=away, headers=intake)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "assignee_out_of_scope"
    assert client.put(url, json={"assignee_id": "x", "version": -1}, headers=intake).status_code == 422
    assert client.get(url).status_code == 401


def test_one_officer_cannot_read_or_clear_anothers_notifications(client: TestClient, world: World) -> None:
    intake = token_for(client, "intake")
    case_id = _case_id(client, intake)
    url = f"/api/v1/cases/{case_id}/assignment"
    client.put(url, json={"assignee_id": world.user_ids["satgas"], "version": 0}, headers=intake)
    note = client.get("/api/v1/notifications", headers=token_for(client, "satgas")).json()["items"][0]
    cleared = client.post("/api/v1/notifications/read", json={"ids": [note["id"]]}, headers=intake)
    assert cleared.json() == {"changed": 0}
    assert client.get("/api/v1/notifications", headers=intake).json()["total"] == 0
    assert client.get("/api/v1/notifications", headers=token_for(client, "satgas")).json()["unread"] == 1
