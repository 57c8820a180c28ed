"""Accounts: the administrator deactivates, reactivates and resets; everyone changes their own
password with the current one. Every change goes through the account services, and every
credential change ends the account's sessions and API tokens (its own password change keeps
the session it was made from)."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from netralitas.web.security import SESSION_COOKIE
from tests.factories import PASSWORD, World
from tests.web.helpers import csrf_from, login, parse, text_of

NEW = "sandi-baru-yang-panjang"


def _post(client: TestClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def _active(client: TestClient, username: str) -> str:
    doc = parse(client.get("/admin").text)
    row = doc.xpath(f"//table[@id='users']//tr[td[1]='{username}']")[0]
    return str(row.xpath("./td[@class='user-active']/@data-active")[0])


def test_admin_deactivates_an_account_which_then_cannot_sign_in_or_use_a_session(
    client: TestClient, app
) -> None:  # type: ignore[no-untyped-def]
    satgas = TestClient(app)
    login(satgas, "satgas", PASSWORD)
    assert satgas.get("/petugas").status_code == 200
    login(client, "admin", PASSWORD)
    refused = _post(client, "/admin", "/admin/pengguna/satgas/aktif", {"active": "0", "reason": "x"})
    assert refused.status_code == 422
    assert parse(refused.text).xpath("//*[@id='aktif-satgas-reason-error']")
    assert _active(client, "satgas") == "yes"
    done = _post(client, "/admin", "/admin/pengguna/satgas/aktif", {"active": "0", "reason": "Pindah tugas"})
    assert done.status_code == 303 and _active(client, "satgas") == "no"
    assert satgas.get("/petugas", follow_redirects=False).status_code == 303  # the session is over
    assert login(satgas, "satgas", PASSWORD).status_code == 401  # type: ignore[attr-defined]
    back = _post(client, "/admin", "/admin/pengguna/satgas/aktif", {"active": "1", "reason": "Kembali"})
    assert back.status_code == 303 and _active(client, "satgas") == "yes"
    satgas.close()


def test_admin_resets_a_password_and_errors_stay_beside_the_account(client: TestClient) -> None:
    login(client, "admin", PASSWORD)
    short = _post(client, "/admin", "/admin/pengguna/satgas/sandi", {"new_password": "pendek"})
    assert short.status_code == 422
    assert "10" in text_of(parse(short.text), "//*[@id='sandi-satgas-new_password-error']")
    assert _post(client, "/admin", "/admin/pengguna/satgas/sandi", {"new_password": NEW}).status_code == 303
    assert login(client, "satgas", NEW).status_code == 200  # type: ignore[attr-defined]


def test_officers_cannot_change_other_accounts(client: TestClient) -> None:
    login(client, "satgas", PASSWORD)
    attempts = (
        ("aktif", {"active": "0", "reason": "Coba-coba"}),
        ("sandi", {"new_password": NEW}),
        ("peran", {"version": "1", "role": "supervisor", "region_code": "", "reason": "Naik pangkat"}),
    )
    for action, data in attempts:
        response = _post(client, "/petugas", f"/admin/pengguna/intake/{action}", data)
        assert response.status_code == 403, action
    assert login(client, "intake", PASSWORD).status_code == 200  # type: ignore[attr-defined]


def test_own_password_needs_the_current_one_and_the_same_new_twice(client: TestClient) -> None:
    login(client, "pemeriksa", PASSWORD)
    page = "/akun/sandi"
    differ = _post(client, page, page, {"current_password": PASSWORD, "new_password": NEW,
                                        "new_password_again": NEW + "x"})  # fmt: skip
    assert differ.status_code == 422 and parse(differ.text).xpath("//*[@id='new_password_again-error']")
    wrong = _post(client, page, page, {"current_password": "salah-sekali", "new_password": NEW,
                                       "new_password_again": NEW})  # fmt: skip
    assert wrong.status_code == 403
    assert "saat ini salah" in text_of(parse(wrong.text), "//*[@id='current_password-error']")
    assert not parse(wrong.text).xpath("//input[@type='password'][@value!='']")  # never sent back
    ok = _post(client, page, page, {"current_password": PASSWORD, "new_password": NEW,
                                    "new_password_again": NEW})  # fmt: skip
    assert ok.status_code == 303
    assert login(client, "pemeriksa", NEW).status_code == 200  # type: ignore[attr-defined]


def test_account_pages_need_no_inline_script_or_style(client: TestClient) -> None:
    login(client, "admin", PASSWORD)
    for path in ("/admin", "/akun/sandi"):
        doc = parse(client.get(path).text)
        assert all(not (script.text or "").strip() for script in doc.xpath("//script")), path
        assert doc.xpath("//style") == [] and doc.xpath("//*[@style]") == [], path
        assert all(not name.startswith("on") for el in doc.iter() for name in el.attrib), path


def _signed_in(app: FastAPI, username: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app, raise_server_exceptions=False)
    assert login(client, username, password).status_code == 200  # type: ignore[attr-defined]
    return client


def _bearer(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    token = client.post("/api/v1/token", json={"username": username, "password": password})
    assert token.status_code == 200, token.text
    return {"authorization": f"Bearer {token.json()['token']}"}


def _signed_out(client: TestClient, cookie: str | None = None) -> bool:
    """The session (or a copy of its cookie) no longer opens the queue: back to the sign-in page."""
    headers = {"cookie": f"{SESSION_COOKIE}={cookie}"} if cookie else {}
    response = client.get("/petugas", headers=headers, follow_redirects=False)
    return response.status_code == 303 and response.headers["location"].startswith("/masuk")


def _ended(world: World, username: str) -> list[tuple[str, dict[str, object]]]:
    with world.backend.make_uow() as uow:
        entries = uow.audit.for_subject("user", world.user_ids[username])
    return [(e.actor_id, e.detail) for e in entries if e.action == "user.sessions_ended"]


def test_changing_ones_own_password_ends_the_other_sessions_and_tokens_not_this_one(
    app: FastAPI, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    here, elsewhere = _signed_in(app, "pemeriksa"), _signed_in(app, "pemeriksa")
    stolen_cookie = here.cookies.get(SESSION_COOKIE)  # a copy of this very session, taken before
    token = _bearer(here, "pemeriksa")
    assert here.get("/api/v1/cases", headers=token).status_code == 200
    page = "/akun/sandi"
    changed = _post(here, page, page, {"current_password": PASSWORD, "new_password": NEW,
                                       "new_password_again": NEW})  # fmt: skip
    assert changed.status_code == 303
    assert here.get("/petugas").status_code == 200  # the session that changed it goes on
    with caplog.at_level(logging.INFO, logger="netralitas.web.routes.officer"):
        assert _signed_out(elsewhere)
    assert [r.getMessage() for r in caplog.records if r.name == "netralitas.web.routes.officer"] == [
        f"refused a session of an ended epoch or account on the queue (user {world.user_ids['pemeriksa']})"
    ]
    with TestClient(app, raise_server_exceptions=False) as thief:
        assert _signed_out(thief, stolen_cookie)
    assert here.get("/api/v1/cases", headers=token).status_code == 401
    assert here.get("/api/v1/cases", headers=_bearer(here, "pemeriksa", NEW)).status_code == 200
    assert _ended(world, "pemeriksa") == [
        (world.user_ids["pemeriksa"], {"cause": "password_changed", "epoch": 1, "kept": "current_session"})
    ]
    elsewhere.close()
    here.close()


def test_an_admin_reset_ends_every_session_and_token_of_the_account(
    client: TestClient, app: FastAPI, world: World
) -> None:
    phone, laptop = _signed_in(app, "satgas"), _signed_in(app, "satgas")
    token = _bearer(phone, "satgas")
    login(client, "admin", PASSWORD)
    assert _post(client, "/admin", "/admin/pengguna/satgas/sandi", {"new_password": NEW}).status_code == 303
    assert _signed_out(phone) and _signed_out(laptop)
    refused = phone.get("/api/v1/cases", headers=token)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthenticated"
    assert client.get("/admin").status_code == 200  # the administrator's own session is untouched
    assert _ended(world, "satgas") == [
        (world.user_ids["admin"], {"cause": "password_reset", "epoch": 1, "kept": "none"})
    ]
    assert login(phone, "satgas", NEW).status_code == 200  # type: ignore[attr-defined]
    assert phone.get("/petugas").status_code == 200
    phone.close()
    laptop.close()


def test_a_token_from_before_a_deactivation_stays_dead_after_reactivation(
    client: TestClient, app: FastAPI, world: World
) -> None:
    satgas = _signed_in(app, "satgas")
    token = _bearer(satgas, "satgas")
    login(client, "admin", PASSWORD)
    off = _post(client, "/admin", "/admin/pengguna/satgas/aktif", {"active": "0", "reason": "Cuti panjang"})
    assert off.status_code == 303
    assert satgas.get("/api/v1/cases", headers=token).status_code == 401
    on = _post(client, "/admin", "/admin/pengguna/satgas/aktif", {"active": "1", "reason": "Kembali"})
    assert on.status_code == 303
    assert satgas.get("/api/v1/cases", headers=token).status_code == 401
    assert _signed_out(satgas)
    assert satgas.get("/api/v1/cases", headers=_bearer(satgas, "satgas")).status_code == 200
    causes = [detail["cause"] for _, detail in _ended(world, "satgas")]
    assert causes == ["deactivated", "reactivated"]
    satgas.close()


def _role_form(client: TestClient, username: str) -> dict[str, str]:
    """The role form of one account as the administrator's page shows it (version included)."""
    doc = parse(client.get("/admin").text)
    form = doc.xpath(f"//form[@class='account-role'][@data-username='{username}']")[0]
    values = {f.get("name"): f.get("value", "") for f in form.xpath(".//input[@name]")}
    values["role"] = form.xpath(".//select[@name='role']/option[@selected]/@value")[0]
    return values


def _stored(world: World, username: str):  # type: ignore[no-untyped-def]
    with world.backend.make_uow() as uow:
        return uow.users.by_username(username)


def test_an_admin_moves_an_officer_to_another_region_and_their_sessions_end(
    client: TestClient, app: FastAPI, world: World
) -> None:
    satgas = _signed_in(app, "satgas")
    token = _bearer(satgas, "satgas")
    login(client, "admin", PASSWORD)
    form = _role_form(client, "satgas")
    assert (form["role"], form["region_code"], form["version"]) == ("taskforce", "34", "1")
    form.update(region_code="33", reason="Mutasi ke Jawa Tengah")
    done = client.post("/admin/pengguna/satgas/peran", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/admin?ok=peran"
    assert parse(client.get("/admin?ok=peran").text).xpath("//*[@id='ok-message']")
    stored = _stored(world, "satgas")
    assert (stored.region_code, stored.version) == ("33", 2)
    assert _signed_out(satgas)
    assert satgas.get("/api/v1/cases", headers=token).status_code == 401
    with world.backend.make_uow() as uow:
        entries = uow.audit.for_subject("user", world.user_ids["satgas"])
    updated = [e for e in entries if e.action == "user.updated"]
    assert len(updated) == 1 and updated[0].actor_id == world.user_ids["admin"]
    assert (updated[0].detail["before"]["region"], updated[0].detail["after"]["region"]) == ("34", "33")
    assert [d["cause"] for _, d in _ended(world, "satgas")] == ["role_or_scope_changed"]
    assert login(satgas, "satgas", PASSWORD).status_code == 200  # type: ignore[attr-defined]
    assert "Jawa Tengah" in text_of(parse(satgas.get("/petugas").text), "//main")
    satgas.close()


def test_a_stale_role_change_is_refused_with_the_input_kept(client: TestClient, world: World) -> None:
    from netralitas.cases.accounts import change_password

    login(client, "admin", PASSWORD)
    form = _role_form(client, "satgas")  # version 1 on the page
    change_password(world.backend.make_uow(), world.backend.kit, None, "satgas", NEW)  # meanwhile: version 2
    form.update(region_code="33", reason="Mutasi ke Jawa Tengah")
    stale = client.post("/admin/pengguna/satgas/peran", data=form, follow_redirects=False)
    assert stale.status_code == 409
    page = parse(stale.text)
    message = text_of(page, "//*[@id='peran-satgas-error']")
    assert "diubah oleh orang lain" in message and "tidak disimpan" in message
    assert page.xpath("//input[@id='region-satgas']/@value") == ["33"]  # what was typed
    assert page.xpath("//input[@id='role-reason-satgas']/@value") == ["Mutasi ke Jawa Tengah"]
    version = "//form[@data-username='satgas'][@class='account-role']//input[@name='version']/@value"
    assert page.xpath(version) == ["2"]  # the fresh version: sending again after a look applies it on purpose
    assert (_stored(world, "satgas").region_code, _stored(world, "satgas").version) == ("34", 2)
    with world.backend.make_uow() as uow:
        assert not [e for e in uow.audit.iter_all() if e.action == "user.updated"]


def test_role_form_errors_stay_beside_the_field_with_the_input_kept(client: TestClient, world: World) -> None:
    login(client, "admin", PASSWORD)
    form = _role_form(client, "satgas")
    form.update(role="ppk", region_code="34.04", agency_id="", reason="Diangkat menjadi PPK")
    refused = client.post("/admin/pengguna/satgas/peran", data=form, follow_redirects=False)
    assert refused.status_code == 422
    page = parse(refused.text)
    assert "instansi" in text_of(page, "//*[@id='peran-satgas-agency_id-error']")
    assert page.xpath("//select[@id='role-satgas']/option[@selected]/@value") == ["ppk"]
    assert page.xpath("//input[@id='region-satgas']/@value") == ["34.04"]
    assert page.xpath("//input[@id='role-reason-satgas']/@value") == ["Diangkat menjadi PPK"]
    short = client.post("/admin/pengguna/satgas/peran", data={**form, "role": "taskforce", "reason": "x"})
    assert short.status_code == 422
    assert parse(short.text).xpath("//*[@id='peran-satgas-reason-error']")
    assert _stored(world, "satgas").version == 1
