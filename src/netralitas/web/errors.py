"""Domain errors → HTTP, in one table: JSON for ``/api``, an Indonesian page for browsers."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from netralitas.cases.field_errors import message_for
from netralitas.errors import (
    ConflictError,
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    TransitionNotAllowedError,
    ValidationError,
)
from netralitas.web.messages import phrase
from netralitas.web.templating import render

log = logging.getLogger(__name__)

#: Stable domain error code → HTTP status. Anything not listed is a 400.
STATUS_BY_CODE: dict[str, int] = {
    "validation_error": 422,
    "not_found": 404,
    "permission_denied": 403,
    "unauthenticated": 401,
    "csrf_failed": 403,
    "conflict": 409,
    "stale_version": 409,
    "transition_not_allowed": 409,
    "rate_limited": 429,
    "payload_too_large": 413,
    "service_unavailable": 503,
    "catalogue_error": 500,
    "internal_error": 500,
}

_HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    404: ("Halaman tidak ditemukan.", "Page not found."),
    405: ("Metode permintaan tidak diizinkan.", "Method not allowed."),
    401: ("Silakan masuk terlebih dahulu.", "Please sign in first."),
    403: ("Anda tidak berwenang membuka halaman ini.", "You are not allowed to open this page."),
}


class UnauthenticatedError(DomainError):
    code = "unauthenticated"


#: Seconds a client is asked to wait when the database cannot be reached.
OUTAGE_RETRY_AFTER = 30


def database_unavailable() -> DomainError:
    """The answer while the database cannot be reached: 503 with ``Retry-After``, never 500."""
    return DomainError(
        "Layanan sedang terganggu (basis data tidak dapat dihubungi). Data yang sudah tersimpan aman; "
        f"silakan coba lagi dalam {OUTAGE_RETRY_AFTER} detik.",
        message_en="The service is temporarily unavailable (the database cannot be reached). What was "
        f"saved is safe; please try again in {OUTAGE_RETRY_AFTER} seconds.",
        code="service_unavailable",
        details={"retry_after": OUTAGE_RETRY_AFTER},
    )


def is_outage(error: BaseException) -> bool:
    """True when ``error`` means the database is unreachable or too busy (see ``db.health``)."""
    from netralitas.db.health import is_unavailable

    return is_unavailable(error)


#: For codes not in the table (e.g. ``username_taken``, ``evidence_disguised``), the error's class decides.
STATUS_BY_CLASS: tuple[tuple[type[DomainError], int], ...] = (
    (ValidationError, 422),
    (NotFoundError, 404),
    (PermissionDeniedError, 403),
    (TransitionNotAllowedError, 409),
    (ConflictError, 409),
    (RateLimitedError, 429),
)


def status_for(error: DomainError) -> int:
    if error.code in STATUS_BY_CODE:
        return STATUS_BY_CODE[error.code]
    return next((status for cls, status in STATUS_BY_CLASS if isinstance(error, cls)), 400)


def is_api(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/")


def error_response(request: Request, error: DomainError) -> Response:
    status = status_for(error)
    headers = {}
    if "retry_after" in error.details:
        headers["retry-after"] = str(error.details["retry_after"])
    if is_api(request):
        if status == 401:
            headers["www-authenticate"] = "Bearer"
        return JSONResponse({"error": error.to_dict()}, status_code=status, headers=headers)
    if status == 401 and request.method == "GET":
        return RedirectResponse(f"/masuk?{urlencode({'next': request.url.path})}", status_code=303)
    response = render(request, "error.html", {"error": error, "status": status}, status_code=status)
    response.headers.update(headers)
    return response


async def _domain_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    return error_response(request, exc)


async def _http_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    fallback = ("Permintaan tidak dapat diproses.", "Bad request.")
    message, message_en = _HTTP_MESSAGES.get(exc.status_code, fallback)
    error = DomainError(message, message_en=message_en, code=f"http_{exc.status_code}")
    STATUS_BY_CODE.setdefault(error.code, exc.status_code)
    return error_response(request, error)


async def _validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    fields = {
        ".".join(str(p) for p in e.get("loc", ()) if p != "body"): phrase(message_for(e)[0])
        for e in exc.errors()
    }
    listed = "; ".join(f"{k}: {v}" for k, v in fields.items())
    error = DomainError(
        f"Data yang dikirim tidak lengkap atau tidak sah — {listed}.",
        message_en="The data sent is incomplete or not valid.",
        code="validation_error",
        details={"fields": fields},
    )
    return error_response(request, error)


async def _unexpected_handler(request: Request, exc: Exception) -> Response:
    # A random reference ties what the user sees to the log line, and tells nothing about the failure.
    reference = secrets.token_hex(4).upper()
    log.exception("unexpected error %s on %s %s", reference, request.method, request.url.path)
    error = DomainError(
        f"Terjadi kesalahan pada sistem. Silakan coba lagi nanti. Nomor rujukan: {reference}.",
        message_en=f"Something went wrong on our side. Please try again later. Reference: {reference}.",
        code="internal_error",
        details={"reference": reference},
    )
    return error_response(request, error)


async def _database_handler(request: Request, exc: Exception) -> Response:
    if not is_outage(exc):
        return await _unexpected_handler(request, exc)
    from netralitas.db.health import describe

    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, describe(exc))
    return error_response(request, database_unavailable())


def install_error_handlers(app: FastAPI) -> None:
    from netralitas.db.health import HANDLED_ERRORS

    for error_class in HANDLED_ERRORS:
        app.add_exception_handler(error_class, _database_handler)
    app.add_exception_handler(DomainError, _domain_handler)
    app.add_exception_handler(HTTPException, _http_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(Exception, _unexpected_handler)
