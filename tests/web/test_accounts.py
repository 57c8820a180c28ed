"""Accounts: the administrator deactivates, reactivates and resets; everyone changes their own
password with the current one. Every change goes through the account services."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.factories import PASSWORD
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
    for action, data in (("aktif", {"active": "0", "reason": "Coba-coba"}), ("sandi", {"new_password": NEW})):
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
