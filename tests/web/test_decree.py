"""The PPK uploads the signed decree (SK) with the decision; officers in scope download it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi.testclient import TestClient

from netralitas.web.app import create_app
from tests.factories import HEAVY_FORM, PASSWORD, World, case_in_examination, jpeg_with_gps, make_world
from tests.unit.privacy.evidence_factories import make_mp4, make_pdf
from tests.web.helpers import csrf_from, login, make_settings, parse, text_of
from tests.web.test_consoles import act, status_of

DECISION = {"level": "heavy", "form": HEAVY_FORM, "decree_number": "800/9/2024",
            "decree_on": "2024-10-20"}  # fmt: skip


def _recommended(client: TestClient, world: World) -> str:
    """A Sleman case whose recommendation waits for the PPK; returns its case id."""
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    text = {"level": "heavy", "text": "Hukuman disiplin berat."}
    assert act(client, f"/petugas/kasus/{case['case_id']}", "rekomendasi", text).status_code == 303
    login(client, "ppk_sleman", PASSWORD)
    return case["case_id"]


def _decide(client: TestClient, url: str, upload: tuple[str, bytes, str]):  # type: ignore[no-untyped-def]
    doc = parse(client.get(url).text)
    fields = {"csrf_token": csrf_from(client.get(url).text), **DECISION}
    fields["version"] = doc.xpath("//form[@id='decision-form']//input[@name='version']/@value")[0]
    assert doc.xpath("//form[@id='decision-form']/@enctype") == ["multipart/form-data"]
    return client.post(f"{url}/putusan", data=fields, files={"decree": upload}, follow_redirects=False)


def test_the_decree_is_uploaded_linked_and_downloaded_audited(client: TestClient, world: World) -> None:
    case_id = _recommended(client, world)
    url, pdf = f"/ppk/kasus/{case_id}", make_pdf()
    assert _decide(client, url, ("sk.pdf", pdf, "application/pdf")).status_code == 303
    assert status_of(client, url) == "ppk_decided"
    for who, base in (("ppk_sleman", "/ppk"), ("pemeriksa", "/petugas"), ("pengawas", "/petugas")):
        login(client, who, PASSWORD)
        links = parse(client.get(f"{base}/kasus/{case_id}").text).xpath("//a[@class='decree-link']/@href")
        assert len(links) == 1 and links[0].startswith(f"{base}/sk/"), who
        response = client.get(links[0])
        assert response.status_code == 200 and response.content == pdf, who
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("attachment")
    with world.backend.make_uow() as uow:
        (decision,) = uow.decisions.find(case_id=case_id)
        reads = [e for e in uow.audit.for_subject("decision", decision.id) if e.action == "decree.read"]
    assert decision.decree_sha256 == hashlib.sha256(pdf).hexdigest()
    assert sorted(e.actor_id for e in reads) == sorted(
        world.user_ids[u] for u in ("ppk_sleman", "pemeriksa", "pengawas")
    )


def test_a_refused_file_is_named_beside_the_field_and_the_input_kept(
    client: TestClient, world: World
) -> None:
    case_id = _recommended(client, world)
    url = f"/ppk/kasus/{case_id}"
    uploads = [
        ("sk.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),  # renamed page
        ("sk.pdf", make_mp4(), "application/pdf"),  # evidence may be a video, a decree may not
        ("sk.jpg", jpeg_with_gps() + b"<?php echo 1; ?>", "image/jpeg"),  # a photo hiding code
    ]
    messages = []
    for upload in uploads:
        response = _decide(client, url, upload)
        assert response.status_code == 422, upload[0]
        page = parse(response.text)
        messages.append(text_of(page, "//form[@id='decision-form']//*[@id='putusan-decree-error']"))
        assert page.xpath("//input[@id='k-form']/@value") == [DECISION["form"]]
        assert page.xpath("//input[@id='k-number']/@value") == [DECISION["decree_number"]]
    assert all(messages) and len(set(messages)) == 3, messages
    assert "PDF atau gambar" in messages[1]
    assert status_of(client, url) == "recommendation_sent"
    with world.backend.make_uow() as uow:
        assert uow.decisions.find(case_id=case_id) == []


def test_a_too_large_decree_is_refused_beside_the_field(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_upload_bytes=2048)
    world = make_world(settings)
    app = create_app(settings, clock=world.clock, backend=world.backend)
    with TestClient(app) as client:
        case_id = _recommended(client, world)
        big = make_pdf(b"% " + b"0" * 4096 + b"\n")
        response = _decide(client, f"/ppk/kasus/{case_id}", ("sk.pdf", big, "application/pdf"))
        assert response.status_code == 422
        error = text_of(parse(response.text), "//*[@id='putusan-decree-error']")
        assert "terlalu besar" in error
        assert status_of(client, f"/ppk/kasus/{case_id}") == "recommendation_sent"


def test_the_api_decision_takes_the_decree_as_base64(client: TestClient, world: World) -> None:
    import base64

    case_id = _recommended(client, world)
    token = client.post("/api/v1/token", json={"username": "ppk_sleman", "password": PASSWORD}).json()
    auth = {"authorization": f"Bearer {token['token']}"}
    url = f"/api/v1/cases/{case_id}/decision"
    with world.backend.make_uow() as uow:
        version = uow.cases.get(case_id).version  # type: ignore[union-attr]
    body: dict[str, object] = {**DECISION, "version": version}
    bad = client.post(url, json={**body, "decree_base64": "bukan base64!"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["error"]["details"]["field"] == "decree_base64"
    video = base64.b64encode(make_mp4()).decode()
    refused = client.post(url, json={**body, "decree_base64": video}, headers=auth)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "evidence_type_not_allowed"
    pdf = make_pdf()
    done = client.post(url, json={**body, "decree_base64": base64.b64encode(pdf).decode()}, headers=auth)
    assert done.status_code == 200 and done.json()["status"] == "ppk_decided"
    with world.backend.make_uow() as uow:
        (decision,) = uow.decisions.find(case_id=case_id)
    assert decision.decree_sha256 == hashlib.sha256(pdf).hexdigest()


def _api(client: TestClient, username: str) -> dict[str, str]:
    token = client.post("/api/v1/token", json={"username": username, "password": PASSWORD}).json()["token"]
    return {"authorization": f"Bearer {token}"}


def test_the_api_serves_the_decree_to_users_in_scope_and_audits_each_read(
    client: TestClient, world: World
) -> None:
    import base64

    case_id = _recommended(client, world)
    pdf = make_pdf()
    assert _decide(client, f"/ppk/kasus/{case_id}", ("sk.pdf", pdf, "application/pdf")).status_code == 303
    detail = client.get(f"/api/v1/cases/{case_id}", headers=_api(client, "pemeriksa")).json()
    decision_id = detail["decisions"][0]["id"]
    url = f"/api/v1/decisions/{decision_id}/decree"
    for who in ("ppk_sleman", "pemeriksa", "pengawas"):
        response = client.get(url, headers=_api(client, who))
        assert response.status_code == 200 and response.content == pdf, who
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"] == f'attachment; filename="sk-{decision_id}.pdf"'
        assert response.headers["x-content-type-options"] == "nosniff"
        seal = base64.b64encode(hashlib.sha256(pdf).digest()).decode()
        assert response.headers["repr-digest"] == f"sha-256=:{seal}:"
    with world.backend.make_uow() as uow:
        entries = uow.audit.for_subject("decision", decision_id)
    reads = [e.actor_id for e in entries if e.action == "decree.read"]
    assert sorted(reads) == sorted(world.user_ids[u] for u in ("ppk_sleman", "pemeriksa", "pengawas"))
    assert client.get(url).status_code == 401  # a token, never a cookie
    outsider = client.get(url, headers=_api(client, "pemeriksa_jateng"))
    assert outsider.status_code == 403 and outsider.json()["error"]["code"] == "permission_denied"
    unknown = client.get("/api/v1/decisions/tidak-ada/decree", headers=_api(client, "pengawas"))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


def test_a_decision_without_a_file_is_not_found_in_scope_and_refused_outside(
    client: TestClient, world: World
) -> None:
    case_id = _recommended(client, world)
    with world.backend.make_uow() as uow:
        version = uow.cases.get(case_id).version  # type: ignore[union-attr]
    decided = client.post(f"/api/v1/cases/{case_id}/decision", json={**DECISION, "version": version},
                          headers=_api(client, "ppk_sleman"))  # fmt: skip
    assert decided.status_code == 200
    with world.backend.make_uow() as uow:
        (decision,) = uow.decisions.find(case_id=case_id)
    url = f"/api/v1/decisions/{decision.id}/decree"
    missing = client.get(url, headers=_api(client, "pemeriksa"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    # Outside the scope the answer does not tell whether the decision has a file: refused, audited.
    assert client.get(url, headers=_api(client, "pemeriksa_jateng")).status_code == 403
    login(client, "pemeriksa_jateng", PASSWORD)
    assert client.get(f"/petugas/sk/{decision.id}").status_code == 403
