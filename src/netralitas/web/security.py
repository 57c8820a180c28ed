"""Security plumbing: response headers, CSRF tokens, request size bound.

Sessions are Starlette's signed cookie (HttpOnly, SameSite=Lax, Secure unless
``Settings.secure_cookies`` is off for plain-http tests). CSRF tokens are bound to the session and
checked on every unsafe method outside ``/api/`` (the API takes bearer tokens only, never cookies).
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netralitas.errors import DomainError
from netralitas.web.errors import error_response
from netralitas.web.i18n import LANG_COOKIE, LANGUAGES
from netralitas.web.session import CSRF_FIELD

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "netralitas_session"
#: Forms whose routes handle a failed token themselves, so a long public form is never lost.
SOFT_CSRF_PATHS = frozenset({"/lapor"})


class CsrfError(DomainError):
    code = "csrf_failed"


class PayloadTooLargeError(DomainError):
    code = "payload_too_large"


def is_csrf_exempt(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


async def verify_csrf(request: Request) -> AsyncIterator[None]:
    """App-wide dependency: refuse an unsafe request without the session's token.

    The parsed form is cached on the request (routes read the same object) and closed here
    once the response is done, so uploaded temporary files never linger."""
    if request.method not in UNSAFE_METHODS or is_csrf_exempt(request.url.path):
        yield
        return
    expected = request.session.get("csrf")
    form = await request.form()
    value = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    sent = value if isinstance(value, str) else None
    try:
        valid = isinstance(expected, str) and sent is not None and hmac.compare_digest(expected, sent)
        if not valid and request.url.path in SOFT_CSRF_PATHS:
            # The route shows the form again with everything typed and a fresh token; nothing is stored.
            request.state.csrf_failed = True
        elif not valid:
            raise CsrfError(
                "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu kirim lagi.",
                message_en="The form expired or is not valid. Reload the page and send it again.",
            )
        yield
    finally:
        await form.close()


def rotate_session(request: Request) -> None:
    """Drop everything in the session (login/logout) so a planted session cannot be reused."""
    request.session.clear()


class SecurityHeadersMiddleware:
    """Add the security headers; no-store for pages; remember an explicit ``?lang=`` choice.

    A header the response already has is kept (a route may set its own ``cache-control``). The
    headers are encoded once per process and appended to the response's raw list (a
    ``MutableHeaders.setdefault`` per header scanned the list each time)."""

    def __init__(self, app: ASGIApp, *, secure_cookies: bool) -> None:
        self.app = app
        self.secure_cookies = secure_cookies
        # (static?, hsts?) -> the headers to add, encoded
        self._added: dict[tuple[bool, bool], list[tuple[bytes, bytes]]] = {}
        for static in (False, True):
            for hsts in (False, True):
                added = dict(SECURITY_HEADERS)
                if not static:
                    added["cache-control"] = "no-store"
                if hsts:
                    added["strict-transport-security"] = HSTS
                self._added[static, hsts] = [
                    (k.encode("latin-1"), v.encode("latin-1")) for k, v in added.items()
                ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang = _query_lang(scope)
        is_static = str(scope.get("path", "")).startswith("/static/")
        # Behind TLS (or configured for it: Secure cookies) browsers must never fall back to http.
        added = self._added[is_static, self.secure_cookies or scope.get("scheme") == "https"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = message.get("headers")
                raw = message["headers"] = list(raw) if raw is not None else []
                present = {name.lower() for name, _ in raw}
                raw.extend(pair for pair in added if pair[0] not in present)
                if lang is not None:
                    raw.append((b"set-cookie", self._lang_cookie(lang).encode("latin-1")))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _lang_cookie(self, lang: str) -> str:
        cookie: SimpleCookie = SimpleCookie()
        cookie[LANG_COOKIE] = lang
        morsel = cookie[LANG_COOKIE]
        morsel["path"] = "/"
        morsel["max-age"] = 365 * 24 * 3600
        morsel["samesite"] = "Lax"
        morsel["httponly"] = True
        if self.secure_cookies:
            morsel["secure"] = True
        return morsel.OutputString()


def _query_lang(scope: Scope) -> str | None:
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    for part in str(query).split("&"):
        name, _, value = part.partition("=")
        if name == "lang" and value in LANGUAGES:
            return value
    return None


class BodyLimitMiddleware:
    """Refuse a request body above ``limit`` bytes (by header, or while it streams)."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        received, exceeded = 0, False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise _too_large(self.limit)
            return message

        async def guarded_send(message: Message) -> None:
            # A body parser may turn our error into its own 400 ("error parsing the body"), as
            # FastAPI does for JSON sent without a length: answer 413 whatever the app made of it.
            if not exceeded:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)
        if exceeded:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(Request(scope, receive), _too_large(self.limit))
        await response(scope, receive, send)


def _too_large(limit: int) -> PayloadTooLargeError:
    megabytes = limit // (1024 * 1024)
    return PayloadTooLargeError(
        f"Kiriman terlalu besar (batas {megabytes} MB seluruhnya).",
        message_en=f"The upload is too large (limit {megabytes} MB in total).",
        details={"limit_bytes": limit},
    )
