"""Administration: officer accounts with their role and scope (region, agency)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.accounts import create_user
from netralitas.cases.payloads import UserCreate, parse_payload
from netralitas.cases.roles import ROLE_LABELS, Actor, Role
from netralitas.errors import DomainError, PermissionDeniedError
from netralitas.web.auth import require_actor
from netralitas.web.context import WebContext, get_ctx
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages
from netralitas.web.templating import render

router = APIRouter(prefix="/admin", include_in_schema=False)

FIELDS = ("username", "display_name", "role", "password", "region_code", "agency_id")


def _require_admin(actor: Actor) -> None:
    # The list of accounts has no service of its own; creating one is checked by ``create_user``.
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(
            "Halaman ini hanya untuk administrator.", message_en="This page is for administrators only."
        )


def _page(
    request: Request, ctx: WebContext, form: dict[str, str], error: DomainError | None, code: int
) -> Response:
    uow = ctx.backend.make_uow()
    with uow:
        users = sorted(uow.users.find(), key=lambda u: u.username)
        agencies = sorted(uow.agencies.find(), key=lambda a: (a.region_code, a.name))
    context: dict[str, Any] = {
        "users": users,
        "agencies": agencies,
        "agency_names": {a.id: a.name for a in agencies},
        "roles": ROLE_LABELS,
        "form": form,
        "error": error,
        "field_errors": _field_errors(error),
        "created": request.query_params.get("ok") == "1",
    }
    return render(request, "admin/users.html", context, status_code=code)


def _field_errors(error: DomainError | None) -> dict[str, str]:
    """Which inputs the error is about, so the page can say it beside each one."""
    return field_messages(error) if error is not None else {}


@router.get("", response_class=HTMLResponse)
def users(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    return _page(request, get_ctx(request), {k: "" for k in FIELDS}, None, 200)


@router.post("/pengguna", response_class=HTMLResponse)
async def add_user(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    ctx = get_ctx(request)
    raw = await request.form()
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
        return _page(request, ctx, form, exc, status_for(exc))
    return RedirectResponse("/admin?ok=1", status_code=303)
