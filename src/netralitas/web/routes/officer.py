"""Officer console: the queue and the case file with every action the services offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from netralitas.cases.deadlines import OverdueItem
from netralitas.cases.ports import CaseQuery
from netralitas.cases.queries import Page, queue_view
from netralitas.cases.reading import read_evidence
from netralitas.cases.roles import Actor, region_contains
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.errors import DomainError, PermissionDeniedError, ValidationError
from netralitas.web.auth import require_actor
from netralitas.web.casepage import ACTION_NAMES, PAGE_LEVEL, case_page, decree_response, run_action
from netralitas.web.context import get_ctx
from netralitas.web.errors import status_for
from netralitas.web.messages import readable
from netralitas.web.regions import region_name
from netralitas.web.templating import render

router = APIRouter(prefix="/petugas", include_in_schema=False)

PAGE_SIZE = 25
#: A deadline due within this many days gets a "due soon" badge.
DUE_SOON_DAYS = 3


def deadline_badges(items: list[OverdueItem], today: date) -> dict[str, OverdueItem]:
    """The most urgent open deadline per case among those due before ``today + DUE_SOON_DAYS``."""
    badges: dict[str, OverdueItem] = {}
    for item in items:
        current = badges.get(item.case_id)
        if current is None or item.due_on < current.due_on:
            badges[item.case_id] = item
    return badges


def _statuses(raw: list[str]) -> frozenset[CaseStatus]:
    valid = {s.value for s in CaseStatus}
    return frozenset(CaseStatus(s) for s in raw if s in valid)


@router.get("", response_class=HTMLResponse)
def queue(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    ctx = get_ctx(request)
    backend = ctx.backend
    params = request.query_params
    statuses = _statuses(params.getlist("status"))
    page = max(1, int(params.get("page", "1"))) if params.get("page", "1").isdigit() else 1
    query = CaseQuery(
        statuses=statuses,
        region_prefix=params.get("region", "").strip()[:20],
        text=params.get("q", "").strip()[:200],
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    today = ctx.clock.today()
    overdue_only = params.get("tenggat") == "lewat"
    due_before = today + timedelta(days=DUE_SOON_DAYS)
    # One read and one audit entry (cases.listed) per view; the overdue view reads no page of cases.
    asked = replace(query, limit=0) if overdue_only else query
    region_error: PermissionDeniedError | None = None
    try:
        view = queue_view(backend.make_uow(), backend.kit, actor, asked, due_before)
    except PermissionDeniedError as exc:  # a region filter outside the officer's scope
        region_error, query = exc, replace(query, region_prefix=actor.region_code)
        asked = replace(asked, region_prefix=actor.region_code)
        view = queue_view(backend.make_uow(), backend.kit, actor, asked, due_before)
    soon, counts = list(view.due), view.counts
    late = _overdue_rows(soon, today, query) if overdue_only else []
    found = Page((), len(late)) if overdue_only else view.page
    context: dict[str, Any] = {
        "page_items": found.items,
        "late_rows": late,
        "total": found.total,
        "page": page,
        "pages": max(1, -(-found.total // PAGE_SIZE)),
        "badges": deadline_badges(soon, today),
        "overdue_total": sum(1 for item in soon if item.due_on < today),
        "today": today,
        "counts": counts,
        "filters": {
            "status": {s.value for s in statuses},
            "region": query.region_prefix,
            "q": query.text,
            "overdue": params.get("tenggat") == "lewat",
        },
        "status_labels": STATUS_LABELS,
        "scope_name": region_name(actor.region_code),
        "actor": actor,
        "region_error": region_error,
        "wide": True,
        "export_query": urlencode(
            [(k, v) for k, v in params.multi_items() if k in ("status", "region", "q")]
        ),
        "prev_url": _page_url(request, page - 1),
        "next_url": _page_url(request, page + 1),
    }
    return render(request, "officer/queue.html", context)


def _overdue_rows(soon: list[OverdueItem], today: date, query: CaseQuery) -> list[OverdueItem]:
    """Breached deadlines only (most overdue first), with the same status and region filters."""
    rows = sorted((i for i in soon if i.due_on < today), key=lambda i: i.due_on)
    if query.statuses:
        rows = [i for i in rows if i.status in query.statuses]
    if query.region_prefix:
        rows = [i for i in rows if region_contains(query.region_prefix, i.region_code)]
    return rows[query.offset : query.offset + query.limit]


def _page_url(request: Request, page: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return "?" + urlencode([*params, ("page", str(page))])


@router.get("/kasus/{case_id}", response_class=HTMLResponse)
def case_file(request: Request, case_id: str, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    return case_page(request, actor, case_id, ok=request.query_params.get("ok"))


@router.post("/kasus/{case_id}/{action}", response_class=HTMLResponse)
async def case_action(
    request: Request, case_id: str, action: str, actor: Actor = Depends(require_actor)
) -> Response:
    if action not in ACTION_NAMES:
        raise ValidationError("Tindakan tidak dikenal.", message_en="Unknown action.")
    # Services block (database, argon2): never on the event loop.
    return await run_in_threadpool(run_action, request, actor, case_id, action, await request.form())


@router.get("/sk/{decision_id}")
def decree(request: Request, decision_id: str, actor: Actor = Depends(require_actor)) -> Response:
    """The PPK's signed decree file (audited by the service)."""
    return decree_response(request, actor, decision_id)


@router.get("/bukti/{evidence_id}")
def evidence(request: Request, evidence_id: str, actor: Actor = Depends(require_actor)) -> Response:
    """The metadata-free derivative (audited by the service)."""
    backend = get_ctx(request).backend
    item, data = read_evidence(backend.make_uow(), backend.kit, actor, evidence_id)
    if item.derivative_name:
        media_type, disposition = "image/jpeg", "inline"
    else:  # no metadata-free copy exists (PDF, video): never rendered inline
        media_type, disposition = item.media_type, "attachment; filename=bukti"
    return Response(
        data,
        media_type=media_type,
        headers={"content-disposition": disposition, "x-content-type-options": "nosniff"},
    )


@router.post("/bukti/{evidence_id}/asli")
async def evidence_original(
    request: Request, evidence_id: str, actor: Actor = Depends(require_actor)
) -> Response:
    """The sealed original, only with a stated reason (audited by the service)."""
    backend = get_ctx(request).backend
    form = await request.form()
    reason, case_id = str(form.get("reason", "")).strip(), str(form.get("case_id", ""))
    try:
        item, data = await run_in_threadpool(
            read_evidence, backend.make_uow(), backend.kit, actor, evidence_id, original=True, reason=reason
        )
    except DomainError as exc:  # a missing reason is said beside the field on the case file
        if exc.code in PAGE_LEVEL or not case_id:
            raise
        kept = {"evidence_id": evidence_id, "reason": reason}
        return await run_in_threadpool(
            case_page, request, actor, case_id, error=("asli", readable(exc)), kept=kept,
            status_code=status_for(exc),
        )  # fmt: skip
    return Response(
        data,
        media_type=item.media_type,
        headers={
            "content-disposition": "attachment; filename=bukti-asli",
            "x-content-type-options": "nosniff",
        },
    )
