"""Administration of agencies (instansi): the list, adding one, renaming one (name and PPK title)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.agencies import list_agencies
from netralitas.cases.agency_admin import AgencyCreate, AgencyRename, create_agency, rename_agency
from netralitas.cases.inputs import parse_payload
from netralitas.cases.roles import Actor
from netralitas.errors import DomainError
from netralitas.web.auth import require_actor
from netralitas.web.context import get_ctx
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages
from netralitas.web.routes.admin import _require_admin
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/admin/instansi", include_in_schema=False)

CREATE_FIELDS = ("region_code", "slug", "name", "ppk_title")
RENAME_FIELDS = (
    "name",
    "ppk_title",
    "seen_name",
    "seen_ppk_title",
    "region_code",
    "parent_id",
    "seen_region_code",
    "seen_parent_id",
)


def _page(request: Request, actor: Actor, context: dict[str, Any], status_code: int = 200) -> Response:
    found = list_agencies(get_ctx(request).backend.make_uow(), actor)
    full: dict[str, Any] = {
        "agencies": found,
        "names": {a.id: a.name for a in found},
        "form": {k: "" for k in CREATE_FIELDS},
        "error": None,
        "field_errors": {},
        "row": None,
        "done": request.query_params.get("ok", ""),
        "wide": True,
    }
    return render(request, "admin/agencies.html", full | context, status_code=status_code)


@router.get("", response_class=HTMLResponse)
def agencies(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    return _page(request, actor, {})


@router.post("", response_class=HTMLResponse)
async def add_agency(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    raw = await request.form()
    return await run_in_threadpool(_add, request, actor, raw)


def _add(request: Request, actor: Actor, raw: FormData) -> Response:
    form = {k: str(raw.get(k, "")).strip()[:300] for k in CREATE_FIELDS}
    backend = get_ctx(request).backend
    try:
        payload = parse_payload(AgencyCreate, form)
        create_agency(backend.make_uow(), backend.kit, actor, payload)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        context = {"form": form, "error": exc, "field_errors": field_messages(exc)}
        return _page(request, actor, context, status_for(exc))
    return RedirectResponse("/admin/instansi?ok=dibuat", status_code=303)


@router.post("/{agency_id}", response_class=HTMLResponse)
async def rename(request: Request, agency_id: str, actor: Actor = Depends(require_actor)) -> Response:
    _require_admin(actor)
    raw = await request.form()
    return await run_in_threadpool(_rename, request, actor, agency_id, raw)


def _rename(request: Request, actor: Actor, agency_id: str, raw: FormData) -> Response:
    # A field missing from the form leaves that attribute as it is (None), an empty one clears it.
    kept = {k: str(raw[k]).strip()[:300] for k in RENAME_FIELDS if k in raw}
    backend = get_ctx(request).backend
    try:
        payload = parse_payload(AgencyRename, {"agency_id": agency_id, **kept})
        rename_agency(backend.make_uow(), backend.kit, actor, payload)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        row = {"agency_id": agency_id, "kept": kept, "error": exc, "fields": field_messages(exc)}
        return _page(request, actor, {"row": row}, status_for(exc))
    return RedirectResponse("/admin/instansi?ok=diubah", status_code=303)
