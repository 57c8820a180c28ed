"""Issue 13 (item 7): the rules engine and the catalogue in the officer pages and the API; an
assessment run on typed facts can be attached to a case (audited)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas.rules.catalogue import default_catalogue
from tests.factories import PASSWORD, World, case_in_examination
from tests.web.helpers import csrf_from, login, parse, text_of

FACTS = {"behaviours": ["use_state_facilities"], "act_on": "2024-10-01", "election_id": "pilkada-2024",
         "employee_type": "pns", "position": "camat"}  # fmt: skip


def _token(client: TestClient, username: str) -> dict[str, str]:
    token = client.post("/api/v1/token", json={"username": username, "password": PASSWORD}).json()["token"]
    return {"authorization": f"Bearer {token}"}


def test_the_engine_runs_on_typed_facts_with_citations_and_review_marks(client: TestClient) -> None:
    login(client, "satgas", PASSWORD)
    token = csrf_from(client.get("/petugas/penilaian").text)
    response = client.post("/petugas/penilaian", data={"csrf_token": token, **FACTS})
    assert response.status_code == 200
    page = parse(response.text)
    findings = page.xpath("//section[@id='engine-result']//ul[@class='findings']/li")
    assert findings
    for item in findings:
        assert text_of(item, ".//span[contains(@class, 'citation')]")  # every finding cites its basis
        review = item.get("data-review")
        badge = text_of(item, "./span[contains(@class, 'badge')]")
        assert badge == ("Terkonfirmasi" if review == "confirmed" else "Perlu ditinjau")
    text = text_of(page, "//section[@id='engine-result']")
    assert "use_state_facilities" not in text and "pp94-" not in text  # labels and citations, not ids
    if any(i.get("data-review") != "confirmed" for i in findings):
        assert page.xpath("//*[@id='not-settled']")


def test_bad_facts_are_named_and_kept(client: TestClient) -> None:
    login(client, "satgas", PASSWORD)
    token = csrf_from(client.get("/petugas/penilaian").text)
    bad = {**FACTS, "act_on": "kemarin", "position": "kepala desa"}
    response = client.post("/petugas/penilaian", data={"csrf_token": token, **bad})
    assert response.status_code == 422
    page = parse(response.text)
    assert page.xpath("//*[@id='engine-act_on-error']")
    assert page.xpath("//input[@id='e-position']/@value") == ["kepala desa"]
    assert page.xpath("//input[@name='behaviours'][@checked]/@value") == ["use_state_facilities"]
    none = client.post("/petugas/penilaian", data={"csrf_token": token, **{**FACTS, "behaviours": []}})
    assert none.status_code == 422 and parse(none.text).xpath("//*[@id='engine-behaviours-error']")


def test_the_assessment_is_attached_to_the_case_and_audited(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    case_page = parse(client.get(f"/petugas/kasus/{case['case_id']}").text)
    link = str(case_page.xpath("//a[@id='assess-page-link']/@href")[0])
    form_page = parse(client.get(link).text)
    assert form_page.xpath("//input[@id='e-act-on']/@value") == ["2024-10-01"]
    assert form_page.xpath("//select[@id='e-type']/option[@selected]/@value") == ["pns"]
    token = csrf_from(client.get(link).text)
    version = form_page.xpath("//input[@name='version']/@value")[0]
    fields = {"csrf_token": token, "kasus": case["case_id"], "versi": version, "version": version, **FACTS}
    ran = parse(client.post("/petugas/penilaian", data=fields).text)
    action = ran.xpath("//button[@id='attach-button']/@formaction")
    assert action == [f"/petugas/kasus/{case['case_id']}/penilaian"]
    attached = client.post(action[0], data=fields, follow_redirects=False)
    assert attached.status_code == 303
    with world.backend.make_uow() as uow:
        (record,) = uow.assessments.find(case_id=case["case_id"])
        audited = [e.action for e in uow.audit.for_subject("case", case["case_id"])]
    assert record.behaviours == ("use_state_facilities",) and "case.assessed" in audited
    # A PPK may run the engine but not attach.
    login(client, "ppk_sleman", PASSWORD)
    ppk = parse(
        client.post(
            "/petugas/penilaian", data={**fields, "csrf_token": csrf_from(client.get(link).text)}
        ).text
    )
    assert not ppk.xpath("//button[@id='attach-button']")


def test_catalogue_pages_list_rules_and_show_versions(client: TestClient) -> None:
    login(client, "intake", PASSWORD)
    listing = parse(client.get("/petugas/katalog").text)
    catalogue = default_catalogue()
    assert len(listing.xpath("//ul[@id='rules']/li")) == len(catalogue.violations)
    rule = catalogue.violations["pp94-5n3"]
    page = parse(client.get("/petugas/katalog/pp94-5n3").text)
    assert text_of(page, "//h1[@id='rule-title']") == rule.title_id
    assert len(page.xpath("//section[@id='versions']//tr[@class='version']")) == len(rule.versions)
    assert client.get("/petugas/katalog/tidak-ada").status_code == 404


def test_the_api_assesses_and_lists_rules(client: TestClient) -> None:
    auth = _token(client, "satgas")
    answer = client.post("/api/v1/assess", json=FACTS, headers=auth)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    statuses = [data["overall"]["review_status"], *(f["review_status"] for f in data["findings"])]
    assert data["findings"] and data["settled"] == all(s == "confirmed" for s in statuses)
    assert all(f["legal_basis"] for f in data["findings"])
    bad = client.post("/api/v1/assess", json={**FACTS, "behaviours": ["terbang"]}, headers=auth)
    assert bad.status_code == 422
    rules = client.get("/api/v1/rules", headers=auth).json()
    assert rules["total"] == len(default_catalogue().violations)
    one = client.get("/api/v1/rules/pp94-5n3", headers=auth).json()
    assert one["versions"] and one["versions"][0]["legal_basis"]
    assert client.get("/api/v1/rules", headers={}).status_code == 401
    assert client.get("/api/v1/rules/nope", headers=auth).status_code == 404
