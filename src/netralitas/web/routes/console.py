"""Officer console pages beyond the queue: assigning a case, bulk actions on a selection,
notifications (bell, list, e-mail preference) and the audit-trail viewer for supervisors.
Role, scope and audit are the services' (``cases.assignment``, ``cases.notifications``,
``cases.audit_viewer``); every form carries the CSRF token (``web.security``)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.access_checks import load_case_in_scope
from netralitas.cases.agencies import list_agencies
from netralitas.cases.assignment import (
    ASSIGNERS,
    assign_case,
    assign_many,
    assignable_officers,
    assignments_of,
    export_selection,
)
from netralitas.cases.audit_viewer import browse_audit, trail_status
from netralitas.cases.notifications import KIND_TEXTS, inbox, mark_read, prefs_of, set_prefs
from netralitas.cases.ports import AuditQuery
from netralitas.cases.records import Case
from netralitas.cases.roles import Actor
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.errors import DomainError, ValidationError
from netralitas.web.auth import require_actor
from netralitas.web.context import get_ctx
from netralitas.web.errors import status_for
from netralitas.web.i18n import N_
from netralitas.web.queue_filters import officer_names
from netralitas.web.regions import region_name
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/petugas", include_in_schema=False)

AUDIT_PAGE = 50
_ACTION = re.compile(r"^[a-z_]{1,30}(\.[a-z_]{1,30}){0,2}$")


def _versions(form: FormData) -> dict[str, int]:
    found: dict[str, int] = {}
    for key, value in form.multi_items():
        if key.startswith("v_") and isinstance(value, str) and value.isdigit() and len(value) < 10:
            found[key[2:]] = int(value)
    return found


# --- assignment of one case ------------------------------------------------------------------


def _assignment_page(
    request: Request, actor: Actor, case_id: str, *, error: DomainError | None = None, status_code: int = 200
) -> Response:
    backend = get_ctx(request).backend
    uow = backend.make_uow()
    with uow.reading():
        case: Case = load_case_in_scope(uow, backend.kit, actor, case_id, "assign_case", ASSIGNERS)
    holders = assignments_of(backend.make_uow(), [case.id])
    officers = assignable_officers(backend.make_uow(), actor)
    context: dict[str, Any] = {
        "case": case,
        "holder": holders.get(case.id),
        "officers": officers,
        "names": officer_names(backend.make_uow(), officers, holders),
        "error": error,
        "done": request.query_params.get("ok") == "1",
        "status_labels": STATUS_LABELS,
    }
    return render(request, "officer/assignment.html", context, status_code=status_code)


@router.get("/penugasan/{case_id}", response_class=HTMLResponse)
def assignment(request: Request, case_id: str, actor: Actor = Depends(require_actor)) -> Response:
    return _assignment_page(request, actor, case_id)


@router.post("/penugasan/{case_id}", response_class=HTMLResponse)
async def assign(request: Request, case_id: str, actor: Actor = Depends(require_actor)) -> Response:
    form = await request.form()
    raw_version = str(form.get("version", "0"))
    version = int(raw_version) if raw_version.isdigit() and len(raw_version) < 10 else 0
    assignee = str(form.get("assignee", "")).strip()[:64]
    backend = get_ctx(request).backend

    def run() -> Response:
        try:
            assign_case(backend.make_uow(), backend.kit, actor, case_id, assignee, version)
        except DomainError as exc:
            if exc.code == "permission_denied" or exc.code == "not_found":
                raise
            return _assignment_page(request, actor, case_id, error=exc, status_code=status_for(exc))
        return RedirectResponse(f"/petugas/penugasan/{case_id}?ok=1", status_code=303)

    return await run_in_threadpool(run)


# --- bulk actions -----------------------------------------------------------------------------


@router.post("/massal", response_class=HTMLResponse)
async def bulk(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    form = await request.form()
    action = str(form.get("aksi", ""))
    ids = [str(v) for v in form.getlist("case_ids")][:1000]
    backend = get_ctx(request).backend
    if action not in ("tugaskan", "ekspor"):
        raise ValidationError("Tindakan massal tidak dikenal.", message_en="Unknown bulk action.")

    def run() -> Response:
        if action == "ekspor":
            return _export(request, actor, ids)
        outcomes = assign_many(
            backend.make_uow,
            backend.kit,
            actor,
            ids,
            str(form.get("assignee", "")).strip()[:64],
            _versions(form),
        )
        return _results(request, actor, "tugaskan", outcomes)

    try:
        return await run_in_threadpool(run)
    except ValidationError as exc:  # nothing selected, too many: said on the result page
        if exc.code not in ("nothing_selected", "too_many"):
            raise
        return render(request, "officer/bulk_result.html", {"error": exc, "outcomes": [], "numbers": {},
                                                            "action": action}, status_code=422)  # fmt: skip


def _results(request: Request, actor: Actor, action: str, outcomes: list[Any]) -> Response:
    backend = get_ctx(request).backend
    uow = backend.make_uow()
    numbers: dict[str, str] = {}
    with uow.reading():  # numbers of the cases the actor may see (the others keep their id)
        for o in outcomes:
            case = uow.cases.get(o.case_id)
            if case is not None and o.code != "permission_denied":
                numbers[o.case_id] = case.number
    del actor
    status_code = 200 if any(o.ok for o in outcomes) else 409
    context = {"outcomes": outcomes, "numbers": numbers, "error": None, "action": action}
    return render(request, "officer/bulk_result.html", context, status_code=status_code)


def _export(request: Request, actor: Actor, ids: list[str]) -> Response:
    ctx = get_ctx(request)
    backend = ctx.backend
    rows, outcomes = export_selection(backend.make_uow(), backend.kit, actor, ids)
    agencies = {a.id: a.name for a in list_agencies(backend.make_uow(), actor)}
    officers = assignable_officers(backend.make_uow(), actor)
    names = officer_names(backend.make_uow(), officers, {})
    missing = {r.assignee_id for r in rows if r.assignee_id and r.assignee_id not in names}
    if missing:
        uow = backend.make_uow()
        with uow.reading():
            names |= {u: (found.display_name if (found := uow.users.get(u)) else u[:8]) for u in missing}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["nomor", "status", "wilayah", "instansi", "tanggal_perbuatan", "dibuka", "petugas",
                     "tenggat_terdekat", "hasil"])  # fmt: skip
    by_id = {r.case_id: r for r in rows}
    for o in outcomes:
        r = by_id.get(o.case_id)
        if r is None:
            writer.writerow([o.case_id, "", "", "", "", "", "", "", o.message])
            continue
        writer.writerow([
            r.number, STATUS_LABELS[CaseStatus(r.status)][0],
            region_name(r.region_code), agencies.get(r.agency_id or "", ""),
            r.act_on.isoformat() if r.act_on else "", r.opened_at.date().isoformat(),
            names.get(r.assignee_id or "", ""), r.next_due.isoformat() if r.next_due else "", o.message,
        ])  # fmt: skip
    name = f"kasus-pilihan-{ctx.clock.today().isoformat()}.csv"
    headers = {"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"}
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)


# --- notifications ----------------------------------------------------------------------------


def _notes_page(
    request: Request, actor: Actor, *, error: DomainError | None = None, kept: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:  # fmt: skip
    backend = get_ctx(request).backend
    unread_only = request.query_params.get("belum") == "1"
    box = inbox(backend.make_uow(), backend.kit, actor, unread_only=unread_only)
    prefs = prefs_of(backend.make_uow(), actor)
    context = {
        "notes": box.items,
        "unread": box.unread,
        "unread_only": unread_only,
        "kinds": KIND_TEXTS,
        "prefs": kept or {"email": prefs.email or "", "email_opt_out": prefs.email_opt_out},
        "error": error,
        "done": request.query_params.get("ok", ""),
    }
    return render(request, "officer/notifications.html", context, status_code=status_code)


@router.get("/notifikasi", response_class=HTMLResponse)
def notifications(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    return _notes_page(request, actor)


@router.post("/notifikasi/baca")
async def notifications_read(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    form = await request.form()
    ids = [str(v)[:64] for v in form.getlist("id")]
    backend = get_ctx(request).backend
    await run_in_threadpool(mark_read, backend.make_uow(), backend.kit, actor, ids or None)
    return RedirectResponse("/petugas/notifikasi?ok=dibaca", status_code=303)


@router.post("/notifikasi/surel", response_class=HTMLResponse)
async def notifications_email(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    form = await request.form()
    email = str(form.get("email", "")).strip()[:300]
    opt_out = form.get("email_opt_out") == "1"
    backend = get_ctx(request).backend

    def run() -> Response:
        try:
            set_prefs(backend.make_uow(), backend.kit, actor, email, opt_out)
        except ValidationError as exc:
            kept = {"email": email, "email_opt_out": opt_out}
            return _notes_page(request, actor, error=exc, kept=kept, status_code=422)
        return RedirectResponse("/petugas/notifikasi?ok=surel", status_code=303)

    return await run_in_threadpool(run)


# --- audit trail --------------------------------------------------------------------------------


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _audit_query(request: Request, backend: Any) -> tuple[AuditQuery, dict[str, str], dict[str, str]]:
    """The viewer's filters from the address: who (username), action, case (number), dates."""
    params = request.query_params
    kept = {k: params.get(k, "").strip()[:64] for k in ("pelaku", "aksi", "kasus", "dari", "sampai")}
    errors: dict[str, str] = {}
    actor_id = subject_id = ""
    since = until = None
    uow = backend.make_uow()
    with uow.reading():
        if kept["pelaku"]:
            user = uow.users.by_username(kept["pelaku"])
            if user is None:
                errors["pelaku"] = N_("Nama pengguna tidak dikenal.")
            actor_id = user.id if user else "-"
        if kept["kasus"]:
            found = uow.cases.find(number=kept["kasus"]) or (
                [c] if (c := uow.cases.get(kept["kasus"])) is not None else []
            )
            if not found:
                errors["kasus"] = N_("Nomor kasus tidak dikenal.")
            subject_id = found[0].id if found else "-"
    if kept["aksi"] and not _ACTION.match(kept["aksi"]):
        errors["aksi"] = N_("Tindakan tidak dikenal (contoh: case.assigned, cases.listed).")
    for key in ("dari", "sampai"):
        if kept[key] and _day(kept[key]) is None:
            errors[key] = N_("Tanggal tidak sah; tulis TTTT-BB-HH.")
    if (d := _day(kept["dari"])) is not None:
        since = datetime.combine(d, time(0), UTC) - timedelta(hours=7)  # WIB days
    if (d := _day(kept["sampai"])) is not None:
        until = datetime.combine(d + timedelta(days=1), time(0), UTC) - timedelta(hours=7)
    raw_page = params.get("page", "1")
    page = min(10_000, max(1, int(raw_page))) if raw_page.isdigit() and len(raw_page) < 7 else 1
    query = AuditQuery(
        actor_id=actor_id,
        action=kept["aksi"] if "aksi" not in errors else "",
        subject_type="case" if subject_id else "",
        subject_id=subject_id,
        since=since,
        until=until,
        limit=AUDIT_PAGE,
        offset=(page - 1) * AUDIT_PAGE,
    )
    return query, kept, errors


@router.get("/audit", response_class=HTMLResponse)
def audit_trail(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    backend = get_ctx(request).backend
    verify = request.query_params.get("periksa") == "1"
    report, anchor = trail_status(backend.make_uow(), backend.kit, actor, verify=verify)
    query, kept, errors = _audit_query(request, backend)
    found = browse_audit(backend.make_uow(), backend.kit, actor, query)
    page = query.offset // AUDIT_PAGE + 1
    names: dict[str, str] = {}
    numbers: dict[str, str] = {}
    uow = backend.make_uow()
    with uow.reading():  # usernames and case numbers of the entries shown (already in the viewer's scope)
        for uid in {e.actor_id for e in found.entries}:
            user = uow.users.get(uid)
            names[uid] = user.username if user else uid
        for cid in {e.subject_id for e in found.entries if e.subject_type == "case" and e.subject_id != "*"}:
            case = uow.cases.get(cid)
            if case is not None:
                numbers[cid] = case.number
    context = {
        "entries": found.entries,
        "total": found.total,
        "names": names,
        "numbers": numbers,
        "filters": kept,
        "filter_errors": errors,
        "report": report,
        "anchor": anchor,
        "page": page,
        "more": found.total > page * AUDIT_PAGE,
        "wide": True,
        "base_query": urlencode([(k, v) for k, v in kept.items() if v]),
    }
    return render(request, "officer/audit.html", context, status_code=422 if errors else 200)
