"""Liveness and readiness for load balancers and orchestrators.

``/healthz`` (in ``public``) says only that the process answers. ``/readyz`` says whether this
instance can do its work: the database answers, the evidence folder is writable, the keys are
configured. It answers 503 with ``Retry-After`` otherwise and names the failed checks, not why
(the reasons go to the log: they may name hosts).
"""

from __future__ import annotations

import logging
import os
import tempfile

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from netralitas.config import key_problems
from netralitas.web.context import WebContext, get_ctx
from netralitas.web.routing import AppRoute

router = APIRouter(route_class=AppRoute, include_in_schema=False)
log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10


@router.get("/readyz")
async def ready(request: Request) -> JSONResponse:
    checks = await run_in_threadpool(readiness, get_ctx(request))
    ok = all(value == "ok" for value in checks.values())
    headers = {} if ok else {"retry-after": str(RETRY_AFTER_SECONDS), "cache-control": "no-store"}
    body = {"status": "ready" if ok else "not_ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ok else 503, headers=headers)


def readiness(ctx: WebContext) -> dict[str, str]:
    return {"database": _database(ctx), "storage": _storage(ctx), "keys": _keys(ctx)}


def _database(ctx: WebContext) -> str:
    from netralitas.db.health import describe, ping

    try:
        engine = ctx.backend.engine
        problem = ping(engine) if engine is not None else None
    except Exception as error:  # building the backend failed: not ready, say why in the log
        problem = describe(error)
    if problem is None:
        return "ok"
    log.warning("readiness: database unreachable: %s", problem)
    return "unreachable"


def _storage(ctx: WebContext) -> str:
    folder = ctx.settings.evidence_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".ready-")
        os.close(fd)
        os.unlink(name)
    except OSError as error:
        log.warning("readiness: evidence folder not writable: %s", error)
        return "not_writable"
    return "ok"


def _keys(ctx: WebContext) -> str:
    if ctx.settings.demo_mode:
        return "ok"
    missing = key_problems(ctx.settings)
    if missing:
        log.warning("readiness: keys not configured: %s", ", ".join(missing))
        return "not_configured"
    return "ok"
