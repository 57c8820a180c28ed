"""Foundation: headers, CSP, language switch, error pages, CSRF, body bound."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse

from netralitas.errors import NotFoundError, PermissionDeniedError
from netralitas.web.errors import STATUS_BY_CODE
from tests.web.helpers import csrf_from, parse, text_of


def test_home_is_indonesian_and_carries_security_headers(bare_client: TestClient) -> None:
    response = bare_client.get("/")
    assert response.status_code == 200
    doc = parse(response.text)
    assert doc.xpath("//html/@lang") == ["id"]
    assert "Buat laporan" in text_of(doc, "//main//a[@href='/lapor']")
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


PUBLIC_PAGES = (
    "/",
    "/lapor",
    "/status",
    "/bolehkah?q=bolehkah+foto+dengan+calon",
    "/kalender",
    "/masuk",
    "/x",
)


def test_pages_have_no_inline_script_or_style(bare_client: TestClient) -> None:
    for path in PUBLIC_PAGES:
        doc = parse(bare_client.get(path).text)
        for script in doc.xpath("//script"):
            assert script.get("src", "").startswith("/static/"), path
            assert not (script.text or "").strip(), path
        assert doc.xpath("//style") == [], path
        assert doc.xpath("//*[@style]") == [], path
        assert all(not name.startswith("on") for el in doc.iter() for name in el.attrib), path
        assert not doc.xpath("//*[starts-with(@href, 'http') or starts-with(@src, 'http')]"), path


def test_english_switch_sets_a_cookie_that_sticks(bare_client: TestClient) -> None:
    first = bare_client.get("/?lang=en")
    assert parse(first.text).xpath("//html/@lang") == ["en"]
    assert "lang=en" in first.headers["set-cookie"]
    assert "HttpOnly" in first.headers["set-cookie"]
    again = parse(bare_client.get("/").text)
    assert again.xpath("//html/@lang") == ["en"]
    assert text_of(again, "//main//a[@href='/lapor']") == "File a report"
    switch = again.xpath("//a[@hreflang='id']/@href")
    assert switch == ["/?lang=id"]


def test_session_cookie_is_httponly_lax_and_secure_when_configured(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from netralitas.web.app import create_app
    from tests.web.helpers import make_settings

    app = create_app(make_settings(tmp_path, secure_cookies=True))
    with TestClient(app, base_url="https://testserver") as client:
        cookie = client.get("/").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


def test_unknown_page_is_an_indonesian_404(bare_client: TestClient) -> None:
    response = bare_client.get("/tidak-ada")
    assert response.status_code == 404
    assert text_of(parse(response.text), "//*[@id='error-message']") == "Halaman tidak ditemukan."


def _add_probe_routes(app: FastAPI) -> None:
    @app.get("/probe/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    @app.get("/api/probe/boom")
    def api_boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    @app.get("/api/probe/denied")
    def denied() -> None:
        raise PermissionDeniedError("Di luar wilayah Anda.", message_en="Outside your region.")

    @app.get("/probe/missing")
    def missing() -> None:
        raise NotFoundError("Kasus tidak ditemukan.", message_en="Case not found.")

    @app.post("/probe/form")
    async def form(request: Request) -> PlainTextResponse:
        data = await request.form()
        return PlainTextResponse(f"ok {data.get('x')}")

    @app.post("/api/probe/form")
    def api_form() -> PlainTextResponse:
        return PlainTextResponse("api ok")


def test_unexpected_error_shows_no_stack_trace(bare_app: FastAPI, bare_client: TestClient) -> None:
    _add_probe_routes(bare_app)
    response = bare_client.get("/probe/boom")
    assert response.status_code == 500
    assert "secret internal detail" not in response.text and "Traceback" not in response.text
    message = text_of(parse(response.text), "//*[@id='error-message']")
    assert "Terjadi kesalahan pada sistem" in message
    api = bare_client.get("/api/probe/boom")
    assert api.status_code == 500 and "secret internal detail" not in api.text
    reference = api.json()["error"]["details"]["reference"]
    assert reference in api.json()["error"]["message"] and reference not in message  # one per failure


def test_domain_errors_map_to_json_for_api_and_html_for_pages(
    bare_app: FastAPI, bare_client: TestClient
) -> None:
    _add_probe_routes(bare_app)
    api = bare_client.get("/api/probe/denied")
    assert api.status_code == STATUS_BY_CODE["permission_denied"] == 403
    assert api.json()["error"]["code"] == "permission_denied"
    page = bare_client.get("/probe/missing")
    assert page.status_code == 404
    assert text_of(parse(page.text), "//*[@id='error-message']") == "Kasus tidak ditemukan."


def test_csrf_is_required_on_forms_but_not_on_api(bare_app: FastAPI, bare_client: TestClient) -> None:
    _add_probe_routes(bare_app)
    refused = bare_client.post("/probe/form", data={"x": "1"})
    assert refused.status_code == 403
    assert "Formulir kedaluwarsa" in text_of(parse(refused.text), "//*[@id='error-message']")
    wrong = bare_client.post("/probe/form", data={"x": "1", "csrf_token": "forged"})
    assert wrong.status_code == 403
    token = csrf_from(bare_client.get("/").text)
    accepted = bare_client.post("/probe/form", data={"x": "1", "csrf_token": token})
    assert accepted.status_code == 200 and accepted.text == "ok 1"
    by_header = bare_client.post("/probe/form", data={"x": "2"}, headers={"x-csrf-token": token})
    assert by_header.text == "ok 2"
    assert bare_client.post("/api/probe/form").text == "api ok"


def test_csrf_token_is_bound_to_the_session(bare_app: FastAPI, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _add_probe_routes(bare_app)
    with TestClient(bare_app) as alice, TestClient(bare_app) as mallory:
        token = csrf_from(mallory.get("/").text)
        alice.get("/")
        assert alice.post("/probe/form", data={"x": "1", "csrf_token": token}).status_code == 403


def test_oversized_body_is_refused_before_it_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from netralitas.web.app import create_app
    from tests.web.helpers import make_settings

    app = create_app(make_settings(tmp_path, max_upload_bytes=1024))
    with TestClient(app) as client:
        response = client.post("/", content=b"x" * (7 * 1024 * 1024), headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert "terlalu besar" in text_of(parse(response.text), "//*[@id='error-message']")


def test_openapi_is_served_and_docs_ui_is_not(bare_client: TestClient) -> None:
    assert bare_client.get("/api/openapi.json").json()["info"]["title"] == "Netralitas API"
    assert bare_client.get("/docs").status_code == 404
