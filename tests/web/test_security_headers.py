"""``SecurityHeadersMiddleware`` on its own: every header once, a route's own value kept, no
``no-store`` on static files, HSTS only behind TLS or with Secure cookies, the language cookie."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from netralitas.web.security import HSTS, SECURITY_HEADERS, SecurityHeadersMiddleware


def _app(secure_cookies: bool = False) -> SecurityHeadersMiddleware:
    def page(_: object) -> PlainTextResponse:
        return PlainTextResponse("ok")

    def cached(_: object) -> PlainTextResponse:
        return PlainTextResponse(
            "ok", headers={"Cache-Control": "public, max-age=60", "X-Frame-Options": "SAMEORIGIN"}
        )

    routes = [Route("/page", page), Route("/cached", cached), Route("/static/app.css", page)]
    return SecurityHeadersMiddleware(Starlette(routes=routes), secure_cookies=secure_cookies)


def test_every_header_once_and_no_store_on_pages() -> None:
    response = TestClient(_app()).get("/page")
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_list(name) == [value]
    assert response.headers.get_list("cache-control") == ["no-store"]
    assert "strict-transport-security" not in response.headers
    assert "set-cookie" not in response.headers


def test_a_routes_own_header_is_kept() -> None:
    response = TestClient(_app()).get("/cached")
    assert response.headers.get_list("cache-control") == ["public, max-age=60"]
    assert response.headers.get_list("x-frame-options") == ["SAMEORIGIN"]


def test_static_files_may_be_cached() -> None:
    response = TestClient(_app()).get("/static/app.css")
    assert "cache-control" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


def test_hsts_with_secure_cookies_or_tls() -> None:
    assert TestClient(_app(secure_cookies=True)).get("/page").headers["strict-transport-security"] == HSTS
    tls = TestClient(_app(), base_url="https://testserver").get("/page")
    assert tls.headers.get_list("strict-transport-security") == [HSTS]


def test_an_explicit_language_is_remembered() -> None:
    response = TestClient(_app(secure_cookies=True)).get("/page?lang=en")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("lang=en") or "=en;" in cookie
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "set-cookie" not in TestClient(_app()).get("/page?lang=xx").headers
