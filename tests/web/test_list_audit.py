"""Every list of cases handed out is audited (``cases.listed``): the officer queue, the PPK's
lists, the API's case list and overdue list. The entry says who, in which role and scope, for
which purpose, with which filters, and how many rows — never a row's personal data nor the
search text in clear — and the audit chain still verifies."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from netralitas.cases.audit import verify_trail
from netralitas.cases.case_lists import search_digest
from tests.factories import PASSWORD, SLEMAN, World, case_in_examination
from tests.web.helpers import login, parse, text_of


def _listed(world: World) -> list[Any]:
    with world.backend.make_uow() as uow:
        return [e for e in uow.audit.iter_all() if e.action == "cases.listed"]


def test_each_list_read_is_audited_with_filters_and_counts_but_no_personal_data(
    client: TestClient, world: World
) -> None:
    case = case_in_examination(world)  # "Budi Santoso", Sleman
    kit = world.backend.kit
    login(client, "pemeriksa", PASSWORD)
    queue = client.get("/petugas", params={"q": "Budi", "status": "examination"})
    assert case["number"] in text_of(parse(queue.text), "//table[@id='queue']")
    client.get("/petugas", params={"tenggat": "lewat"})
    login(client, "ppk_sleman", PASSWORD)  # lands on /ppk
    token = client.post("/api/v1/token", json={"username": "satgas", "password": PASSWORD}).json()["token"]
    auth = {"authorization": f"Bearer {token}"}
    assert client.get("/api/v1/cases", params={"offset": 0, "limit": 10}, headers=auth).json()["total"] == 1
    client.get("/api/v1/cases/overdue", params={"within_days": 3}, headers=auth)

    entries = _listed(world)
    ids = world.user_ids
    assert [(e.actor_id, e.detail["purpose"]) for e in entries] == [
        (ids["pemeriksa"], "queue"),  # the sign-in lands on the queue
        (ids["pemeriksa"], "queue"),
        (ids["pemeriksa"], "queue"),
        (ids["ppk_sleman"], "ppk_waiting"),
        (ids["ppk_sleman"], "ppk_decided"),
        (ids["satgas"], "api"),
        (ids["satgas"], "api_overdue"),
    ]
    searched = entries[1].detail
    assert searched["role"] == "examiner" and searched["scope"] == {"region": "34.04", "agency": None}
    assert searched["filters"] == {
        "statuses": ["examination"],
        "region": "34.04",  # narrowed to the examiner's scope
        "agency": None,
        "text": {"length": 4, "digest": search_digest(kit, "budi")},
        "limit": 25,
        "offset": 0,
    }
    assert (searched["rows"], searched["total"]) == (1, 1)
    assert entries[2].detail["rows"] == 0 and "due_rows" in entries[2].detail  # the overdue view
    assert entries[4].detail["filters"]["agency"] == SLEMAN.id  # the PPK's agency, always
    assert (entries[5].detail["rows"], entries[5].detail["filters"]["limit"]) == (1, 10)
    assert {e.subject_type + ":" + e.subject_id for e in entries} == {"case:*"}
    written = json.dumps([e.detail for e in entries]).lower()
    for personal in ("budi", "santoso", "depok", case["number"].lower(), case["case_id"]):
        assert personal not in written, personal
    assert verify_trail(world.backend.make_uow(), kit).ok


def test_a_refused_list_is_audited_as_a_refusal_not_as_a_list(client: TestClient, world: World) -> None:
    login(client, "pemeriksa", PASSWORD)  # scope 34.04: asks for Jawa Tengah
    before = len(_listed(world))
    page = client.get("/petugas", params={"region": "33"})
    assert page.status_code == 200 and parse(page.text).xpath("//*[@id='region-error']")
    with world.backend.make_uow() as uow:
        actions = [e.action for e in uow.audit.iter_all() if e.actor_id == world.user_ids["pemeriksa"]]
    assert before == 1 and actions[-2:] == ["access.denied", "cases.listed"]  # refused, then its own region
    assert _listed(world)[-1].detail["filters"]["region"] == "34.04"
