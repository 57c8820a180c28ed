"""Every officer, PPK and API route refuses a user of another region (the services enforce it;
these tests prove the web layer passes the refusal on and changes nothing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import HEAVY_FORM, PASSWORD, World, case_in_examination
from tests.web.helpers import csrf_from, login, parse, text_of

OUTSIDERS = ("intake_jateng", "satgas_jateng", "bawaslu_jateng", "pemeriksa_jateng", "ppk_semarang")


@pytest.fixture
def diy_case(world: World) -> dict[str, str]:
    """A Sleman case in examination, with an identity, a photo and an identified person."""
    return case_in_examination(world)


FORM_ACTIONS: dict[str, dict[str, object]] = {
    "status": {"target": "recommendation_sent"},
    "penilaian": {"behaviours": ["photo_with_candidate"], "act_on": "2024-10-01", "employee_type": "pns"},
    "rekomendasi": {"level": "heavy", "text": "Rekomendasi hukuman disiplin berat."},
    "putusan": {
        "level": "heavy",
        "form": HEAVY_FORM,
        "decree_number": "800/1",
        "decree_on": "2024-10-20",
    },
    "tindak-lanjut": {"note": "Sudah dijalankan.", "confirmed_on": "2024-10-25"},
    "eskalasi": {"reason": "PPK tidak menindaklanjuti."},
    "gabung": {"target_case_manual": "tidak-ada", "reason": "Laporan yang sama."},
    "terlapor": {"name": "Budi", "employee_type": "pns"},
    "pesan": {"body": "Mohon kirim bukti tambahan.", "report_id": "{report_id}"},
    "identitas": {"reason": "Perlu konfirmasi saksi.", "report_id": "{report_id}"},
    "tahan": {"reason": "Proses hukum sedang berjalan."},
    "saran": {"labels": ["photo_with_candidate"], "report_id": "{report_id}", "note": "Koreksi."},
}

API_ACTIONS: dict[str, dict[str, object]] = {
    "transition": {"version": 1, "target": "recommendation_sent"},
    "assessment": {"version": 1, "behaviours": ["photo_with_candidate"], "act_on": "2024-10-01"},
    "recommendation": {"version": 1, "level": "heavy", "text": "Rekomendasi hukuman disiplin berat."},
    "decision": {
        "version": 1,
        "level": "heavy",
        "form": HEAVY_FORM,
        "decree_number": "8/1",
        "decree_on": "2024-10-20",
    },
    "followup": {"version": 1, "note": "Sudah dijalankan.", "confirmed_on": "2024-10-25"},
    "escalation": {"version": 1, "reason": "PPK tidak menindaklanjuti."},
    "merge": {"version": 1, "target_case_id": "tidak-ada", "reason": "Laporan yang sama."},
    "messages": {"report_id": "{report_id}", "body": "Mohon kirim bukti tambahan."},
    "screening-review": {"version": 1, "labels": ["photo_with_candidate"], "report_id": "{report_id}"},
}


def _fill(data: dict[str, object], ids: dict[str, str]) -> dict[str, object]:
    return {k: (v.format(**ids) if isinstance(v, str) else v) for k, v in data.items()}


def _state(world: World, case_id: str) -> tuple[str, int]:
    with world.backend.make_uow() as uow:
        case = uow.cases.get(case_id)
    assert case is not None
    return case.status.value, case.version


@pytest.fixture
def outsider(app: FastAPI) -> Iterator[dict[str, TestClient]]:
    clients = {name: TestClient(app, raise_server_exceptions=False) for name in OUTSIDERS}
    for name, client in clients.items():
        assert login(client, name, PASSWORD).status_code == 200  # type: ignore[attr-defined]
    yield clients
    for client in clients.values():
        client.close()


def _refused(response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code != 403:
        return False
    if response.headers["content-type"].startswith("application/json"):
        return bool(response.json()["error"]["code"] == "permission_denied")
    return bool(text_of(parse(response.text), "//*[@id='error-message']"))


def test_every_page_route_refuses_an_officer_of_another_region(
    world: World, diy_case: dict[str, str], outsider: dict[str, TestClient]
) -> None:
    before = _state(world, diy_case["case_id"])
    case_id, evidence_id = diy_case["case_id"], diy_case["evidence_id"]
    for name, client in outsider.items():
        token = csrf_from(client.get("/").text)
        for base in ("/petugas", "/ppk"):
            assert _refused(client.get(f"{base}/kasus/{case_id}")), (name, base)
        for action, data in FORM_ACTIONS.items():
            base = "/ppk" if action in ("putusan",) and name.startswith("ppk") else "/petugas"
            form = {"csrf_token": token, "version": str(before[1]), **_fill(data, diy_case)}
            response = client.post(f"{base}/kasus/{case_id}/{action}", data=form)
            assert _refused(response), (name, action, response.status_code)
        assert _refused(client.get(f"/petugas/bukti/{evidence_id}")), name
        original = client.post(
            f"/petugas/bukti/{evidence_id}/asli", data={"csrf_token": token, "reason": "x" * 12}
        )
        assert _refused(original), name
        queue = parse(client.get("/petugas").text)
        assert not queue.xpath(f"//a[.='{diy_case['number']}']"), name
        assert not parse(client.get("/ppk").text).xpath(f"//a[.='{diy_case['number']}']"), name
    assert _state(world, case_id) == before


#: API GET routes reading one case or one of its files, by id; each is checked for outsiders.
API_GETS = (
    "/api/v1/cases/{case_id}",
    "/api/v1/cases/{case_id}/duplicates",
    "/api/v1/cases/{case_id}/screening",
    "/api/v1/cases/{case_id}/sanction-forms",
    "/api/v1/cases/{case_id}/assignment",
    "/api/v1/decisions/{decision_id}/decree",
)
#: API PUT routes on one case, with a body that would succeed in scope.
API_PUTS: dict[str, dict[str, object]] = {"assignment": {"assignee_id": "{assignee_id}", "version": 0}}


def test_every_api_route_refuses_a_token_of_another_region(
    client: TestClient, world: World, diy_case: dict[str, str]
) -> None:
    diy_case = {**diy_case, "decision_id": _decided_with_decree(world, diy_case)}
    before = _state(world, diy_case["case_id"])
    case_id = diy_case["case_id"]
    for name in OUTSIDERS:
        token = client.post("/api/v1/token", json={"username": name, "password": PASSWORD}).json()["token"]
        auth = {"authorization": f"Bearer {token}"}
        for path in API_GETS:
            assert _refused(client.get(path.format(**diy_case), headers=auth)), (name, path)
        for action, body in API_ACTIONS.items():
            payload = _fill(body, diy_case)
            if "version" in payload:
                payload["version"] = before[1]
            response = client.post(f"/api/v1/cases/{case_id}/{action}", json=payload, headers=auth)
            assert _refused(response), (name, action, response.status_code, response.text)
        for action, body in API_PUTS.items():
            payload = _fill(body, {**diy_case, "assignee_id": world.user_ids["satgas"]})
            response = client.put(f"/api/v1/cases/{case_id}/{action}", json=payload, headers=auth)
            assert _refused(response), (name, action, response.status_code, response.text)
        listed = client.get("/api/v1/cases", headers=auth).json()
        assert case_id not in {item["id"] for item in listed["items"]}, name
        overdue = client.get("/api/v1/cases/overdue", params={"within_days": 30}, headers=auth).json()
        assert case_id not in {item["case_id"] for item in overdue["items"]}, name
    assert _state(world, case_id) == before


def test_in_region_officers_do_see_the_case(client: TestClient, diy_case: dict[str, str]) -> None:
    """The refusals above are about scope, not a broken route."""
    login(client, "pemeriksa", PASSWORD)
    page = parse(client.get(f"/petugas/kasus/{diy_case['case_id']}").text)
    assert text_of(page, "//*[@id='case-number']") == diy_case["number"]
    assert all(not (script.text or "").strip() for script in page.xpath("//script"))
    assert not page.xpath("//*[@style]") and not page.xpath("//style")
    assert client.get(f"/petugas/bukti/{diy_case['evidence_id']}").status_code == 200


def test_the_tables_cover_every_case_route(app: FastAPI) -> None:
    """A new action or API route must be added to the scope tests above."""
    from netralitas.web.casepage import ACTION_NAMES

    assert set(ACTION_NAMES) == set(FORM_ACTIONS)
    spec = TestClient(app).get("/api/openapi.json").json()["paths"]
    api_posts = {
        p.rsplit("/", 1)[1]
        for p, ops in spec.items()
        if p.startswith("/api/v1/cases/{case_id}/") and "post" in ops
    }
    assert api_posts == set(API_ACTIONS)
    # Catalogue rules are the same for everyone (no case, no scope): /api/v1/rules/{rule_id}.
    api_gets = {
        p
        for p, ops in spec.items()
        if p.startswith("/api/v1/") and "{" in p and "get" in ops and not p.startswith("/api/v1/rules/")
    }
    assert api_gets == set(API_GETS)
    api_puts = {
        p.rsplit("/", 1)[1] for p, ops in spec.items() if p.startswith("/api/v1/cases/") and "put" in ops
    }
    assert api_puts == set(API_PUTS)


#: Page routes that read a stored file of a case (GET, by id); each is checked for outsiders below.
FILE_ROUTES = ("/petugas/bukti/{evidence_id}", "/petugas/sk/{decision_id}", "/ppk/sk/{decision_id}")


def _decided_with_decree(world: World, case: dict[str, str]) -> str:
    """Take the case to the PPK's decision with a decree file; returns the decision id."""
    from datetime import date

    from netralitas.cases.decisions import record_ppk_decision, send_recommendation
    from netralitas.cases.inputs import PpkDecisionCreate, RecommendationCreate
    from tests.unit.privacy.evidence_factories import make_pdf

    kit, case_id = world.backend.kit, case["case_id"]
    version = _state(world, case_id)[1]
    text = RecommendationCreate(
        case_id=case_id, version=version, level="heavy", text="Hukuman disiplin berat."
    )
    sent = send_recommendation(world.backend.make_uow(), kit, world.actor("pemeriksa"), text)
    decision = PpkDecisionCreate(case_id=case_id, version=sent.version, level="heavy", form=HEAVY_FORM,
                                 decree_number="800/1", decree_on=date(2024, 10, 20))  # fmt: skip
    ppk = world.actor("ppk_sleman")
    record_ppk_decision(world.backend.make_uow(), kit, ppk, decision, decree=make_pdf())
    with world.backend.make_uow() as uow:
        return uow.decisions.find(case_id=case_id)[0].id


def test_the_decree_file_is_refused_to_users_of_another_region(
    world: World, diy_case: dict[str, str], outsider: dict[str, TestClient], client: TestClient
) -> None:
    decision_id = _decided_with_decree(world, diy_case)
    for name, other in outsider.items():
        for base in ("/petugas", "/ppk"):
            assert _refused(other.get(f"{base}/sk/{decision_id}")), (name, base)
    with world.backend.make_uow() as uow:
        denied = [
            e for e in uow.audit.for_subject("case", diy_case["case_id"]) if e.action == "access.denied"
        ]
    assert {e.actor_id for e in denied} == {world.user_ids[n] for n in OUTSIDERS}
    assert all(e.detail["attempted"] == "read_decree" for e in denied)
    login(client, "ppk_sleman", PASSWORD)
    assert client.get(f"/ppk/sk/{decision_id}").status_code == 200  # scope, not a broken route


def test_the_file_routes_are_all_in_the_table() -> None:
    """A new route serving a case's file must be added to the scope tests above."""
    from netralitas.web.routes import officer, ppk

    routes = [*officer.router.routes, *ppk.router.routes]
    gets = {getattr(r, "path", "") for r in routes if "GET" in (getattr(r, "methods", None) or ())}
    assert {p for p in gets if "{" in p and "/kasus/" not in p} == set(FILE_ROUTES)


#: Administration routes (accounts, roles and scopes); officers and PPKs are refused each one.
ADMIN_POSTS: dict[str, dict[str, str]] = {
    "/admin/pengguna": {
        "username": "baru",
        "display_name": "Baru",
        "role": "supervisor",
        "password": "sandi-yang-panjang",
        "region_code": "",
    },
    "/admin/pengguna/{username}/aktif": {"active": "0", "reason": "Coba-coba"},
    "/admin/pengguna/{username}/sandi": {"new_password": "sandi-baru-yang-panjang"},
    "/admin/pengguna/{username}/peran": {
        "version": "1",
        "role": "supervisor",
        "region_code": "",
        "reason": "Naik sendiri",
    },
}


def test_admin_pages_refuse_officers(client: TestClient, world: World) -> None:
    for name in ("satgas", "ppk_sleman", "pengawas"):
        login(client, name, PASSWORD)
        assert _refused(client.get("/admin")), name
        token = csrf_from(client.get("/").text)
        for path, data in ADMIN_POSTS.items():
            response = client.post(path.format(username="intake"), data={**data, "csrf_token": token})
            assert _refused(response), (name, path)
    with world.backend.make_uow() as uow:
        intake, users = uow.users.by_username("intake"), uow.users.find()
    assert intake is not None
    assert (intake.version, intake.role.value, intake.active) == (1, "intake_officer", True)
    assert "baru" not in {u.username for u in users}


def test_the_admin_table_covers_every_admin_route() -> None:
    from netralitas.web.routes import admin

    routes = admin.router.routes
    posts = {getattr(r, "path", "") for r in routes if "POST" in (getattr(r, "methods", None) or ())}
    assert posts == set(ADMIN_POSTS)
