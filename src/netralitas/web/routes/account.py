"""Officer sign-in and sign-out (pages)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.accounts import change_password, check_credentials
from netralitas.cases.roles import Actor
from netralitas.errors import DomainError, RateLimitedError
from netralitas.web.auth import keep_session, require_actor, sign_in
from netralitas.web.context import client_address, get_ctx
from netralitas.web.forms import ReportForm
from netralitas.web.routing import AppRoute
from netralitas.web.session import session_user
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, include_in_schema=False)

_HOME_BY_ROLE = {"ppk": "/ppk", "admin": "/admin"}


def _safe_next(value: str) -> str:
    """Only local paths; never an open redirect."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else ""


@router.get("/masuk", response_class=HTMLResponse)
def login_page(request: Request, next: str = "") -> HTMLResponse:
    return render(request, "account/login.html", {"next": _safe_next(next), "username": "", "error": None})


@router.post("/masuk", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    form = await request.form()
    return await run_in_threadpool(_login, request, form)  # argon2: never on the event loop


def _login(request: Request, form: FormData) -> Response:
    ctx = get_ctx(request)
    username = str(form.get("username", "")).strip().lower()[:64]
    password = str(form.get("password", ""))[:200]
    target = _safe_next(str(form.get("next", "")))
    limited: RateLimitedError | None = None
    client = client_address(request)
    user = None
    try:
        with ctx.limits.login_attempt(client, username) as attempt:  # checked and counted at once
            if username:
                user = check_credentials(ctx.backend.make_uow(), ctx.backend.kit, username, password)
                attempt.succeeded() if user is not None else attempt.failed()
    except RateLimitedError as exc:
        user, limited = None, exc
    if user is None:
        context = {"next": target, "username": username, "error": limited or "login_failed"}
        return render(request, "account/login.html", context, status_code=429 if limited else 401)
    sign_in(request, user)
    return RedirectResponse(target or _HOME_BY_ROLE.get(user.role.value, "/petugas"), status_code=303)


@router.post("/keluar")
def logout(request: Request) -> RedirectResponse:
    if session_user(request) is not None:
        request.session.clear()
    return RedirectResponse("/", status_code=303)


PASSWORD_FIELDS = ("current_password", "new_password", "new_password_again")


def _password_page(request: Request, form: ReportForm, code: int = 200, changed: bool = False) -> Response:
    form.values = {k: "" for k in PASSWORD_FIELDS}  # passwords are never sent back
    return render(request, "account/password.html", {"form": form, "changed": changed}, status_code=code)


@router.get("/akun/sandi", response_class=HTMLResponse)
def password_page(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    return _password_page(request, ReportForm({}), changed=request.query_params.get("ok") == "1")


@router.post("/akun/sandi", response_class=HTMLResponse)
async def set_own_password(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    """Any signed-in user changes their own password with the current one (rate-limited like the login)."""
    raw = await request.form()
    return await run_in_threadpool(_set_own_password, request, actor, raw)


def _set_own_password(request: Request, actor: Actor, raw: FormData) -> Response:
    ctx = get_ctx(request)
    values = {k: str(raw.get(k, ""))[:200] for k in PASSWORD_FIELDS}
    form = ReportForm(values)
    if values["new_password"] != values["new_password_again"]:
        form.fail("new_password_again", "Kedua kata sandi baru tidak sama.", "The two new passwords differ.")
        return _password_page(request, form, 422)
    client = client_address(request)
    try:
        with ctx.limits.login_attempt(client, actor.username) as attempt:
            backend = ctx.backend
            try:
                user = change_password(
                    backend.make_uow(), backend.kit, actor, actor.username, values["new_password"],
                    current_password=values["current_password"],
                )  # fmt: skip
            except DomainError as exc:
                if exc.details.get("field") == "current_password":
                    attempt.failed()
                raise
    except RateLimitedError as exc:
        form.fail("_form", exc.message, exc.message_en)
        return _password_page(request, form, 429)
    except DomainError as exc:  # a wrong current password is refused beside its field
        form.absorb(exc)
        return _password_page(request, form, 403 if exc.code == "permission_denied" else 422)
    keep_session(request, user)  # the account's other sessions and its API tokens have ended
    return RedirectResponse("/akun/sandi?ok=1", status_code=303)
