"""One set of rules for a public report: the API refuses what the form refuses, with the same codes.

Before the report command moved into the core, the API took an officer's payload: it accepted a
10-character description, no date, a date the reporter "learnt of" before the act, and no name
or position of the reported ASN."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.helpers import parse
from tests.web.test_api import REPORT
from tests.web.test_report_flow import GOOD, submit

#: (change to a good report, field refused, code) — the same change to the form and to the API.
BAD = [
    ({"description": "Camat pose."}, "description", "description_too_short"),
    ({"act_on": ""}, "act_on", "act_on_missing"),
    ({"act_on": "2013-05-01"}, "act_on", "date_too_old"),
    ({"act_on": "2024-10-01", "known_on": "2024-09-01"}, "known_on", "known_before_act"),
    ({"person_name": "", "person_position": ""}, "person_name", "person_missing"),
    ({"person_nip": "12345"}, "person_nip", "nip_malformed"),
]


def _api_body(change: dict[str, str]) -> dict[str, object]:
    body: dict[str, object] = {**REPORT, **change}
    if "links" in change:
        body["links"] = [change["links"]]
    return {k: v for k, v in body.items() if v != ""}


@pytest.mark.parametrize(("change", "field", "code"), BAD)
def test_api_refuses_with_the_code_of_the_rule(
    client: TestClient, change: dict[str, str], field: str, code: str
) -> None:
    response = client.post("/api/v1/reports", json=_api_body(change))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"]["codes"] == {field: code}
    assert error["details"]["fields"][field]  # an Indonesian sentence beside the code


@pytest.mark.parametrize(("change", "field", "code"), BAD)
def test_form_refuses_the_same_beside_the_same_field(
    client: TestClient, change: dict[str, str], field: str, code: str
) -> None:
    response = submit(client, {**GOOD, **change})
    assert response.status_code == 422
    doc = parse(response.text)
    ids = [str(e.get("id")) for e in doc.xpath("//*[contains(@id, '-error')]")]
    errors = {i.removesuffix("-error") for i in ids if i.endswith("-error")}
    assert errors == {field}


def test_api_with_files_uses_the_same_rules(client: TestClient) -> None:
    import json

    response = client.post(
        "/api/v1/reports/with-files", data={"report": json.dumps({**REPORT, "description": "pendek sekali"})}
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"]["codes"] == {"description": "description_too_short"}


def test_api_accepts_an_identity_only_when_not_anonymous(client: TestClient) -> None:
    named = {**REPORT, "anonymous": False, "reporter": {"name": "Warga", "contact": "0812"}}
    assert client.post("/api/v1/reports", json=named).status_code == 201
    mixed = {**REPORT, "reporter": {"name": "Warga"}}
    response = client.post("/api/v1/reports", json=mixed)
    assert response.json()["error"]["details"]["codes"] == {"reporter": "anonymous_with_identity"}


def test_the_reporter_cannot_choose_the_channel(client: TestClient) -> None:
    response = client.post("/api/v1/reports", json={**REPORT, "channel": "officer"})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["codes"] == {"channel": "extra_forbidden"}
