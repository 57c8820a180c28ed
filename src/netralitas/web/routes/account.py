"""Officer sign-in and sign-out (pages)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.accounts import authenticate
from netralitas.errors import RateLimitedError
from netralitas.web.auth import session_user, sign_in
from netralitas.web.context import get_ctx
from netralitas.web.templating import render

router = APIRouter(include_in_schema=False)

_HOME_BY_ROLE = {"ppk": "/ppk", "admin": "/admin"}


def _safe_next(value: str) -> str:
    """Only local paths; never an open redirect."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else ""


@router.get("/masuk", response_class=HTMLResponse)
def login_page(request: Request, next: str = "") -> HTMLResponse:
    return render(request, "account/login.html", {"next": _safe_next(next), "username": "", "error": None})


@router.post("/masuk", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    ctx = get_ctx(request)
    form = await request.form()
    username = str(form.get("username", "")).strip().lower()[:64]
    password = str(form.get("password", ""))[:200]
    target = _safe_next(str(form.get("next", "")))
    limited: RateLimitedError | None = None
    try:
        ctx.limits.check_login(username)
        actor = (
            authenticate(ctx.backend.make_uow(), ctx.backend.kit, username, password) if username else None
        )
    except RateLimitedError as exc:
        actor, limited = None, exc
    if actor is None:
        context = {"next": target, "username": username, "error": limited or "login_failed"}
        return render(request, "account/login.html", context, status_code=429 if limited else 401)
    uow = ctx.backend.make_uow()
    with uow:
        user = uow.users.get(actor.user_id)
    sign_in(request, actor, user.display_name if user else actor.username)
    return RedirectResponse(target or _HOME_BY_ROLE.get(actor.role.value, "/petugas"), status_code=303)


@router.post("/keluar")
def logout(request: Request) -> RedirectResponse:
    if session_user(request) is not None:
        request.session.clear()
    return RedirectResponse("/", status_code=303)
