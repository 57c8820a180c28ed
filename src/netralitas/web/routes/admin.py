"""Administration: officer accounts with their role and scope (region, agency)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.accounts import change_password, create_user, list_users, set_user_active, update_user
from netralitas.cases.agencies import list_agencies
from netralitas.cases.inputs import UserCreate, UserUpdate, parse_payload
from netralitas.cases.roles import ROLE_LABELS, Actor, Role
from netralitas.errors import DomainError, PermissionDeniedError
from netralitas.web.auth import require_actor
from netralitas.web.context import WebContext, get_ctx
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages, readable
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/admin", include_in_schema=False)


@dataclass(frozen=True)
class RowError:
    """A refused change to one account: shown beside that account's form, input kept."""

    username: str
    action: str
    error: DomainError
    kept: dict[str, str]


FIELDS = ("username", "display_name", "role", "password", "region_code", "agency_id")


def _require_admin(actor: Actor) -> None:
    # The list of accounts has no service of its own (so this page checks the role before reading
    # it); creating, (de)activating and resetting are checked again by their services.
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(
            "Halaman ini hanya untuk administrator.", message_en="This page is for administrators only."
        )


def _page(
    request: Request,
    ctx: WebContext,
    actor: Actor,
    form: dict[str, str],
    error: DomainError | None,
    code: int,
    *,
    row: RowError | None = None,
) -> Response:
    backend = ctx.backend
    users = list_users(backend.make_uow(), backend.kit, actor)
    agencies = list_agencies(backend.make_uow(), actor)
    context: dict[str, Any] = {
        "users": users,
        "agencies": agencies,
        "agency_names": {a.id: a.name for a in agencies},
        "roles": ROLE_LABELS,
        "form": form,
        "error": error,
        "field_errors": _field_errors(error),
        "created": request.query_params.get("ok") == "1",
        "done": request.query_params.get("ok", ""),
        "row": row,
        "row_errors": field_messages(row.error) if row else {},
        "wide": True,  # the per-account forms sit in the last column
    }
    return render(request, "admin/users.html", context, status_code=code)


def _field_errors(error: DomainError | None) -> dict[str, str]:
    """Which inputs the error is about, so the page can say it beside each one."""
    return field_messages(error) if error is not None else {}


@router.get("", response_class=HTMLResponse)
def users(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    return _page(request, get_ctx(request), actor, {k: "" for k in FIELDS}, None, 200)


@router.post("/pengguna", response_class=HTMLResponse)
async def add_user(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    raw = await request.form()
    return await run_in_threadpool(_add_user, request, actor, raw)


def _add_user(request: Request, actor: Actor, raw: FormData) -> Response:
    ctx = get_ctx(request)
    form = {k: str(raw.get(k, "")).strip() for k in FIELDS}
    data: dict[str, Any] = dict(form)
    data["agency_id"] = form["agency_id"] or None
    try:
        payload = parse_payload(UserCreate, data)
        create_user(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        form["password"] = ""
        return _page(request, ctx, actor, form, readable(exc), status_for(exc))
    return RedirectResponse("/admin?ok=1", status_code=303)


def _row_action(
    request: Request, ctx: WebContext, actor: Actor, username: str, action: str, kept: dict[str, str],
    call: Callable[[], object],
) -> Response:  # fmt: skip
    """Run one account change; a refusal other than role/scope re-renders the list beside the form."""
    try:
        call()
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        row = RowError(username, action, exc, kept)
        blank = {k: "" for k in FIELDS}
        return _page(request, ctx, actor, blank, None, status_for(exc), row=row)
    return RedirectResponse(f"/admin?ok={action}", status_code=303)


@router.post("/pengguna/{username}/aktif", response_class=HTMLResponse)
async def set_active(request: Request, username: str, actor: Actor = Depends(require_actor)) -> Response:
    """Deactivate or reactivate an account (with a reason; audited by the service)."""
    _require_admin(actor)
    ctx = get_ctx(request)
    raw = await request.form()
    active, reason = str(raw.get("active", "")) == "1", str(raw.get("reason", "")).strip()[:500]
    backend = ctx.backend
    return await run_in_threadpool(
        _row_action, request, ctx, actor, username, "aktif", {"reason": reason},
        lambda: set_user_active(backend.make_uow(), backend.kit, actor, username, active, reason),
    )  # fmt: skip


@router.post("/pengguna/{username}/sandi", response_class=HTMLResponse)
async def reset_password(request: Request, username: str, actor: Actor = Depends(require_actor)) -> Response:
    """An administrator sets a new password for an account (audited; never shown again)."""
    _require_admin(actor)
    ctx = get_ctx(request)
    raw = await request.form()
    new = str(raw.get("new_password", ""))[:200]
    backend = ctx.backend
    return await run_in_threadpool(
        _row_action, request, ctx, actor, username, "sandi", {},
        lambda: change_password(backend.make_uow(), backend.kit, actor, username, new),
    )  # fmt: skip


ROLE_FIELDS = ("role", "region_code", "agency_id", "reason", "version")


@router.post("/pengguna/{username}/peran", response_class=HTMLResponse)
async def update_role(request: Request, username: str, actor: Actor = Depends(require_actor)) -> Response:
    """Change an account's role, region and agency from the version the administrator saw (a stale
    one is refused, input kept); ends the account's sessions and tokens (audited by the service)."""
    _require_admin(actor)
    ctx = get_ctx(request)
    raw = await request.form()
    kept = {k: str(raw.get(k, "")).strip()[:500] for k in ROLE_FIELDS}
    data: dict[str, Any] = {**kept, "agency_id": kept["agency_id"] or None}
    backend = ctx.backend

    def call() -> None:
        payload = parse_payload(UserUpdate, data)
        update_user(backend.make_uow(), backend.kit, actor, username, payload)

    return await run_in_threadpool(_row_action, request, ctx, actor, username, "peran", kept, call)
