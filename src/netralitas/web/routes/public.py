"""Public pages that need no login."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, PlainTextResponse

from netralitas.web.context import get_ctx
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    ctx = get_ctx(request)
    today = ctx.clock.today()
    elections = sorted(ctx.catalogue.elections.values(), key=lambda e: e.vote_on)
    upcoming = [e for e in elections if e.vote_on >= today]
    return render(
        request, "public/home.html", {"election": upcoming[0] if upcoming else None, "today": today}
    )


@router.get("/healthz", response_class=PlainTextResponse)
def health() -> PlainTextResponse:
    return PlainTextResponse("ok")
