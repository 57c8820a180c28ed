"""JSON API of the officer console: who handles a case (read, assign with the version seen) and
the officer's own notifications (list, mark read). The same services as the console pages
(``cases.assignment``, ``cases.notifications``): role, scope, stale-update refusal and audit are
theirs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from netralitas.cases.access_checks import load_case_in_scope
from netralitas.cases.assignment import ASSIGNERS, assign_case, assignable_officers, assignments_of
from netralitas.cases.notifications import KIND_TEXTS, inbox, mark_read
from netralitas.cases.records import CaseAssignment, Notification, User
from netralitas.cases.roles import Actor
from netralitas.web.context import get_ctx
from netralitas.web.routes.api import api_actor
from netralitas.web.routes.api_common import ERROR_RESPONSES, In
from netralitas.web.routing import AppRoute

router = APIRouter(route_class=AppRoute, prefix="/api/v1", tags=["petugas"], responses=ERROR_RESPONSES)


class AssignmentIn(In):
    assignee_id: str = Field(min_length=1, max_length=64)
    #: The assignment version the caller saw (0 when the case had none); an older one is refused (409).
    version: int = Field(ge=0, le=1_000_000_000)


class MarkReadIn(In):
    #: Notification ids to mark read; omitted or null marks every unread one.
    ids: list[str] | None = Field(default=None, max_length=500)


def _officer(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "display_name": user.display_name,
        "role": user.role.value,
        "region_code": user.region_code,
        "agency_id": user.agency_id,
    }


def _assignment(case_id: str, held: CaseAssignment | None, names: dict[str, str]) -> dict[str, Any]:
    if held is None:
        return {"case_id": case_id, "assignee_id": None, "assignee_name": None, "version": 0}
    return {
        "case_id": case_id,
        "assignee_id": held.assignee_id,
        "assignee_name": names.get(held.assignee_id),
        "assigned_by": held.assigned_by,
        "assigned_at": held.assigned_at.isoformat(),
        "version": held.version,
    }


def _note(note: Notification) -> dict[str, Any]:
    return {
        "id": note.id,
        "kind": note.kind.value,
        "text": KIND_TEXTS[note.kind][0],
        "text_en": KIND_TEXTS[note.kind][1],
        "case_id": note.case_id,
        "case_number": note.case_number,
        "detail": note.detail,
        "created_at": note.created_at.isoformat(),
        "read_at": note.read_at.isoformat() if note.read_at else None,
    }


@router.get(
    "/cases/{case_id}/assignment",
    summary="Petugas yang menangani kasus dan pilihan petugas (versi untuk penugasan ulang)",
)
def assignment(request: Request, case_id: str, actor: Actor = Depends(api_actor)) -> dict[str, Any]:
    backend = get_ctx(request).backend
    uow = backend.make_uow()
    with uow.reading():
        case = load_case_in_scope(uow, backend.kit, actor, case_id, "assign_case", ASSIGNERS)
    held = assignments_of(backend.make_uow(), [case.id]).get(case.id)
    officers = assignable_officers(backend.make_uow(), actor)
    names = {u.id: u.display_name for u in officers}
    return _assignment(case.id, held, names) | {"officers": [_officer(u) for u in officers]}


@router.put(
    "/cases/{case_id}/assignment",
    summary="Tugaskan kasus kepada petugas (versi yang dilihat; versi lama ditolak 409)",
)
async def assign(
    request: Request, case_id: str, body: AssignmentIn, actor: Actor = Depends(api_actor)
) -> dict[str, Any]:
    backend = get_ctx(request).backend
    stored = await run_in_threadpool(
        assign_case, backend.make_uow(), backend.kit, actor, case_id, body.assignee_id, body.version
    )
    return _assignment(case_id, stored, {})


@router.get("/notifications", summary="Notifikasi petugas sendiri, terbaru dahulu (dicatat dalam audit)")
def notifications(
    request: Request,
    actor: Actor = Depends(api_actor),
    unread_only: bool = Query(False),
    limit: int = Query(50, ge=1, le=200),
) -> dict[str, Any]:
    backend = get_ctx(request).backend
    box = inbox(backend.make_uow(), backend.kit, actor, unread_only=unread_only, limit=limit)
    return {"items": [_note(n) for n in box.items], "unread": box.unread, "total": len(box.items)}


@router.post("/notifications/read", summary="Tandai notifikasi sendiri sudah dibaca (semua bila tanpa ids)")
def read(request: Request, body: MarkReadIn, actor: Actor = Depends(api_actor)) -> dict[str, int]:
    backend = get_ctx(request).backend
    return {"changed": mark_read(backend.make_uow(), backend.kit, actor, body.ids)}
