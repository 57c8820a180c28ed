"""Public pages that need no login."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, PlainTextResponse

from netralitas.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render(request, "public/home.html")


@router.get("/healthz", response_class=PlainTextResponse)
def health() -> PlainTextResponse:
    return PlainTextResponse("ok")
