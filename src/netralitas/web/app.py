"""The web application factory. No module-level app, engine or settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles

from netralitas import __version__
from netralitas.clock import Clock, SystemClock
from netralitas.composition import Backend
from netralitas.config import Settings
from netralitas.web.context import WebContext
from netralitas.web.errors import install_error_handlers
from netralitas.web.ratelimit import RateLimits
from netralitas.web.requestlog import RequestIdMiddleware
from netralitas.web.routing import AppRoute
from netralitas.web.security import (
    SESSION_COOKIE,
    BodyLimitMiddleware,
    SecurityHeadersMiddleware,
)
from netralitas.web.templating import build_templates
from netralitas.web.vocabulary import install as install_vocabulary

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).parent / "static"
#: Evidence files one report may carry; the body bound is derived from it.
MAX_FILES_PER_REPORT = 5


def create_app(settings: Settings, *, clock: Clock | None = None, backend: Backend | None = None) -> FastAPI:
    """Build the whole web application (pages and JSON API) for ``settings``."""
    app = FastAPI(
        title="Netralitas API",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    # Routes added on the app itself get the app-wide checks too (``web.routing.AppRoute``).
    app.router.route_class = AppRoute
    app.state.ctx = WebContext(
        settings=settings,
        templates=build_templates(),
        clock=clock or SystemClock(),
        limits=RateLimits.from_settings(settings),
        given_backend=backend,
    )
    install_vocabulary(app.state.ctx.templates.env)
    _add_middleware(app, settings)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _include_routes(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    await run_in_threadpool(warm_up, app.state.ctx)
    # The threads the synchronous parts of requests run in (``web_threads``); set per process.
    anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.ctx.settings.web_threads
    yield
    _close_pages(app)
    app.state.ctx.limits.close()
    backend = app.state.ctx.given_backend
    if backend is not None:
        backend.close()  # close pooled connections on shutdown


def _close_pages(app: FastAPI) -> None:
    """What the page modules built on first use: background work finishes before the engines
    are disposed, and engines of their own are disposed."""
    for name in ("monitoring", "outreach"):
        built = getattr(app.state, name, None)
        close = getattr(built, "close", None)
        if callable(close):
            close()


def warm_up(ctx: WebContext) -> None:
    """Load the screening model before the first request (a few seconds, once per process), so
    the first reports do not each pay for it, or load it several times at once."""
    screener = ctx.backend.kit.screener
    if screener is None:
        return
    try:
        screener("ASN", None, None, None)
    except Exception:  # advice only: reports are stored without a screening if it keeps failing
        log.exception("screening warm-up failed")


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    # Added innermost first: the body bound sits inside the session (its error page needs one).
    limit = settings.max_upload_bytes * MAX_FILES_PER_REPORT + 1024 * 1024
    app.add_middleware(BodyLimitMiddleware, limit=limit)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key.get_secret_value(),
        session_cookie=SESSION_COOKIE,
        max_age=8 * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(SecurityHeadersMiddleware, secure_cookies=settings.secure_cookies)
    app.add_middleware(RequestIdMiddleware)  # outermost: every response carries the request id


def _include_routes(app: FastAPI) -> None:
    from netralitas.web.routes import (
        account,
        admin,
        admin_agencies,
        api,
        api_console,
        api_reports,
        console,
        docs,
        exports,
        guidance,
        health,
        monitoring,
        officer,
        opendata,
        outreach,
        outreach_public,
        oversight,
        ppk,
        public,
        report,
        rules_pages,
    )
    from netralitas.web.routes import rules_api as api_rules

    # No two routes of different routers answer the same method and path
    # (tests/web/test_routing.py), so the order below decides nothing but speed: a request is
    # matched against the routers in this order, the busiest pages first (officers' queue and
    # case files, then the public report and status pages; ~25 route matches per queue view
    # before this order, 6 now).
    for module in (
        officer,
        console,
        report,
        public,
        account,
        api,
        api_reports,
        api_console,
        monitoring,
        ppk,
        guidance,
        admin,
        admin_agencies,
        docs,
        health,
        oversight,
        exports,
        opendata,
        outreach,
        outreach_public,
        rules_pages,
        api_rules,
    ):
        app.include_router(module.router)
