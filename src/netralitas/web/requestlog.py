"""Request ids and structured logs.

Every request carries an id: the caller's ``X-Request-ID`` when it is a short token, otherwise a
fresh one; it goes back in the response header and into every log line written while the request
runs (also from the thread pool: the id lives in a context variable, which Starlette copies into
worker threads). One access line per request records method, path (never the query string, which
may hold search text), status and duration. No client address or user agent is logged.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID: ContextVar[str] = ContextVar("netralitas_request_id", default="-")
HEADER = "x-request-id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
#: ``extra`` fields copied into a JSON line (others are ignored, so nothing leaks by accident).
FIELDS = ("method", "path", "status", "ms", "worker")

access_log = logging.getLogger("netralitas.access")


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if _VALID_ID.match(given):
                return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Pure ASGI (no per-request task): sets the id, adds the header, writes the access line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id_from(scope.get("headers", []))
        token = REQUEST_ID.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            ms = round((time.perf_counter() - started) * 1000, 1)
            fields = {"method": scope["method"], "path": scope["path"], "status": status, "ms": ms}
            access_log.info("request", extra=fields)
            REQUEST_ID.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, known extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": REQUEST_ID.get(),
        }
        line.update({k: getattr(record, k) for k in FIELDS if hasattr(record, k)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        extra = " ".join(f"{k}={getattr(record, k)}" for k in FIELDS if hasattr(record, k))
        base = f"{record.levelname:<7} [{REQUEST_ID.get()}] {record.name}: {record.getMessage()} {extra}"
        return base + ("\n" + self.formatException(record.exc_info) if record.exc_info else "")


def logging_config(log_format: str, level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` (also uvicorn's ``log_config``) writing to stderr."""
    formatter = JsonFormatter if log_format == "json" else TextFormatter
    handler = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    loggers = {name: {"level": level, "handlers": ["main"], "propagate": False}
               for name in ("netralitas", "uvicorn", "uvicorn.error")}  # fmt: skip
    # uvicorn's own access line carries the client address: ours (``netralitas.access``) does not.
    loggers["uvicorn.access"] = {"level": "CRITICAL", "handlers": [], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": {"()": f"{__name__}.{formatter.__name__}"}},
        "handlers": {"main": handler},
        "loggers": loggers,
        "root": {"level": "WARNING", "handlers": ["main"]},
    }
