"""Issue 13: decree file names, upload accept lists, the admin's account and agency forms, and
labels instead of internal ids."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas.privacy.evidence_types import ALLOWED_TYPES
from tests.factories import PASSWORD, SLEMAN, World
from tests.unit.privacy.evidence_factories import make_pdf
from tests.web.helpers import csrf_from, login, parse, post_form
from tests.web.test_decree import _decide, _recommended


def test_the_decree_download_is_named_like_the_api(client: TestClient, world: World) -> None:
    case_id = _recommended(client, world)
    assert (
        _decide(client, f"/ppk/kasus/{case_id}", ("scan.pdf", make_pdf(), "application/pdf")).status_code
        == 303
    )
    with world.backend.make_uow() as uow:
        (decision,) = uow.decisions.find(case_id=case_id)
    for who, base in (("ppk_sleman", "/ppk"), ("pengawas", "/petugas")):
        login(client, who, PASSWORD)
        response = client.get(f"{base}/sk/{decision.id}")
        assert response.headers["content-disposition"] == f'attachment; filename="sk-{decision.id}.pdf"', who


def test_upload_inputs_accept_every_type_the_server_accepts(client: TestClient, world: World) -> None:
    accept = parse(client.get("/lapor").text).xpath("//input[@id='files']/@accept")[0].split(",")
    for kind in ALLOWED_TYPES:
        assert kind.media_type in accept and f".{kind.extension}" in accept
    assert {"video/quicktime", "video/3gpp", "audio/mp4", "audio/mpeg", "audio/ogg"} <= set(accept)
    case_id = _recommended(client, world)
    decree = parse(client.get(f"/ppk/kasus/{case_id}").text).xpath("//input[@name='decree']/@accept")[0]
    assert "application/pdf" in decree.split(",") and "video/mp4" not in decree


def test_create_account_has_no_default_role_and_speaks_indonesian(client: TestClient, world: World) -> None:
    login(client, "admin", PASSWORD)
    doc = parse(client.get("/admin").text)
    assert doc.xpath("//select[@id='role']/option[@selected]/@value") == [""]
    form = {"username": "baru.satu", "display_name": "X", "role": "", "password": "kata-sandi-baru-1",
            "region_code": "34", "agency_id": ""}  # fmt: skip
    response = post_form(client, "/admin", "/admin/pengguna", form)
    assert response.status_code == 422
    page = parse(response.text)
    assert page.xpath("//p[@id='role-error']") and page.xpath("//p[@id='display_name-error']")
    assert "String should" not in response.text and "display_name:" not in response.text
    assert page.xpath("//input[@id='username']/@value") == ["baru.satu"]
    assert page.xpath("//input[@id='region_code']/@value") == ["34"]
    with world.backend.make_uow() as uow:
        assert uow.users.by_username("baru.satu") is None


def test_agencies_are_listed_added_and_renamed_by_admins_only(client: TestClient, world: World) -> None:
    login(client, "intake", PASSWORD)
    assert client.get("/admin/instansi").status_code == 403
    login(client, "admin", PASSWORD)
    assert "Pemerintah Kabupaten Sleman" in client.get("/admin/instansi").text
    new = {
        "region_code": "",
        "slug": "kemenhut",
        "name": "Kementerian Kehutanan",
        "ppk_title": "Menteri Kehutanan",
    }
    assert (
        post_form(client, "/admin/instansi", "/admin/instansi", new, follow_redirects=False).status_code
        == 303
    )
    again = post_form(client, "/admin/instansi", "/admin/instansi", new)
    assert again.status_code == 409 and parse(again.text).xpath("//input[@id='a-name']/@value") == [
        new["name"]
    ]
    bad = post_form(client, "/admin/instansi", "/admin/instansi", {**new, "slug": "Bad Slug!"})
    assert bad.status_code == 422 and parse(bad.text).xpath("//p[@id='a-slug-error']")
    regional = {"region_code": "34.71", "slug": "", "name": "", "ppk_title": ""}
    assert (
        post_form(client, "/admin/instansi", "/admin/instansi", regional, follow_redirects=False).status_code
        == 303
    )
    seen = {"seen_name": "Pemerintah Kabupaten Sleman", "seen_ppk_title": "Bupati Sleman"}
    rename = {**seen, "name": "Pemkab Sleman", "ppk_title": "Bupati Sleman"}
    ok = post_form(client, "/admin/instansi", f"/admin/instansi/{SLEMAN.id}", rename, follow_redirects=False)
    assert ok.status_code == 303
    stale = post_form(client, "/admin/instansi", f"/admin/instansi/{SLEMAN.id}", {**rename, "name": "Lain"})
    assert stale.status_code == 409 and "sudah diubah" in stale.text
    assert parse(stale.text).xpath(f"//input[@id='n-{SLEMAN.id}']/@value") == ["Lain"]
    with world.backend.make_uow() as uow:
        assert uow.agencies.get(SLEMAN.id).name == "Pemkab Sleman"  # type: ignore[union-attr]
        assert uow.agencies.get("pusat-kemenhut") is not None and uow.agencies.get("pemda-34.71") is not None
        actions = [e.action for e in uow.audit.for_subject("agency", SLEMAN.id)]
    assert actions == ["agency.renamed"]
    token = csrf_from(client.get("/admin/instansi").text)
    assert client.post("/admin/instansi", data={**new, "slug": "x2"}).status_code == 403  # no CSRF token
    assert token


def test_the_vocabulary_names_internal_ids_in_indonesian_and_english() -> None:
    from datetime import UTC, date, datetime

    from netralitas.errors import PermissionDeniedError
    from netralitas.rules.catalogue import default_catalogue
    from netralitas.web import vocabulary as v

    assert v.role_label("intake_officer").startswith("Petugas penerimaan")
    assert v.role_label("intake_officer", "en") == "Intake officer" and v.role_label("nobody") == "nobody"
    assert v.status_label("ppk_decided") == "Diputus PPK" and v.status_label(None) == "—"
    assert "mobilize" not in v.behaviour_label("mobilize_subordinates_or_public")
    catalogue = default_catalogue()
    assert (
        "2024" in v.election_label(catalogue, "pilkada-2024")
        and v.election_label(catalogue, "pilkada-2024") != "pilkada-2024"
    )
    assert v.step_label(catalogue, "bawaslu_validation").startswith("Kajian")
    assert v.long_day(date(2024, 11, 27)) == "27 November 2024" == v.long_day("2024-11-27")
    assert v.long_day(date(2024, 11, 27), "en") == "27 November 2024" and v.long_day(None) == "—"
    assert v.long_moment(datetime(2024, 11, 27, 3, 5, tzinfo=UTC)) == "27 November 2024 10.05 WIB"
    refusal = PermissionDeniedError("x 'view_case'", details={"action": "view_case"})
    assert "view_case" not in v.error_text(refusal) and "membuka berkas kasus ini" in v.error_text(refusal)
    assert v.error_text(refusal, "en").startswith("You may not open this case file")
