"""Guidance pages for officers (/pembinaan): rosters, circulars and their rates, sending,
assembly briefs, self-check results per unit, the vulnerability index."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from netralitas.cases.roles import Actor
from netralitas.errors import DomainError, NotFoundError, ValidationError
from netralitas.outreach.access import agencies_for, require_agency
from netralitas.outreach.attachments import MAX_BYTES, Attachment, check_attachments
from netralitas.outreach.briefs import brief_pdf, build_brief
from netralitas.outreach.calendar_feed import suggestions
from netralitas.outreach.circulars import CircularInput, circular_rates, create_circular
from netralitas.outreach.drafting import draft_circular
from netralitas.outreach.messages import whatsapp_text
from netralitas.outreach.phases import PHASE_LABELS, current_election
from netralitas.outreach.quiz import MIN_GROUP, unit_scores
from netralitas.outreach.rosterfile import read_roster
from netralitas.outreach.rosters import import_roster
from netralitas.outreach.vulnerability import FACTORS, load_weights, region_index
from netralitas.web.auth import require_actor
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages
from netralitas.web.outreach_backend import OutreachWeb, outreach
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/pembinaan", include_in_schema=False)


def _agency_page(
    request: Request, web: OutreachWeb, actor: Actor, agency_id: str, **extra: Any
) -> dict[str, Any]:
    with web.make_uow() as uow:
        agency = require_agency(uow, actor, agency_id)
        units = uow.rosters.units(agency_id)
        active = uow.rosters.count_active(agency_id)
        circulars = uow.circulars.for_agency(agency_id)
    base = {"agency": agency, "units": units, "active": active, "circulars": circulars}
    return base | {"error": None, "report": None, "mode": None} | extra


@router.get("", response_class=HTMLResponse)
def home(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    web = outreach(request)
    with web.make_uow() as uow:
        agencies = agencies_for(uow, actor)
    today = web.ctx.clock.today()
    upcoming = suggestions(web.ctx.catalogue, today, "instansi Anda")
    context = {"agencies": agencies, "suggestions": upcoming, "phase_labels": PHASE_LABELS, "today": today}
    return render(request, "outreach/home.html", context)


@router.get("/instansi/{agency_id}", response_class=HTMLResponse)
def agency(request: Request, agency_id: str, actor: Actor = Depends(require_actor)) -> Response:
    return render(request, "outreach/agency.html", _agency_page(request, outreach(request), actor, agency_id))


@router.post("/instansi/{agency_id}/daftar", response_class=HTMLResponse)
async def upload_roster(request: Request, agency_id: str, actor: Actor = Depends(require_actor)) -> Response:
    raw = await request.form()
    upload, mode = raw.get("file"), str(raw.get("mode", "dry_run"))
    web = outreach(request)
    if not isinstance(upload, UploadFile) or not upload.filename:
        error = ValidationError("Pilih berkas CSV atau XLSX.", details={"fields": {"file": "Pilih berkas."}})
        context = _agency_page(request, web, actor, agency_id, error=error, mode=mode)
        return render(request, "outreach/agency.html", context, status_code=422)

    def run() -> Any:
        rows = read_roster(upload.file, upload.filename or "")
        return import_roster(web.make_uow, web.ctx.clock.now(), actor, agency_id, rows,
                             dry_run=mode == "dry_run", valid_only=mode == "valid_only")  # fmt: skip

    try:
        report = await run_in_threadpool(run)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        context = _agency_page(request, web, actor, agency_id, error=exc, mode=mode)
        return render(request, "outreach/agency.html", context, status_code=status_for(exc))
    context = _agency_page(request, web, actor, agency_id, report=report, mode=mode)
    return render(
        request, "outreach/agency.html", context, status_code=200 if report.problem_count == 0 else 422
    )


CIRCULAR_FIELDS = ("title", "body", "election_id", "phase", "target_units", "reminder_threshold", "link_days")


@router.get("/instansi/{agency_id}/edaran/baru", response_class=HTMLResponse)
def new_circular(
    request: Request, agency_id: str, election: str = "", on: str = "", actor: Actor = Depends(require_actor)
) -> Response:
    web = outreach(request)
    context = _agency_page(request, web, actor, agency_id)
    catalogue, day = web.ctx.catalogue, _day(on, web.ctx.clock.today())
    chosen = catalogue.elections.get(election) or current_election(catalogue, day)
    form: dict[str, str] = {"reminder_threshold": "80", "link_days": "30"}
    if chosen is not None:
        draft = draft_circular(catalogue, chosen, day, context["agency"].name)
        form |= {
            "title": draft.title,
            "body": draft.body,
            "election_id": chosen.id,
            "phase": draft.phase or "",
        }
        form["citations"] = "\n".join(draft.citations)
    return render(request, "outreach/circular_form.html", context | _form_context(web, form, None))


def _form_context(web: OutreachWeb, form: dict[str, str], error: DomainError | None) -> dict[str, Any]:
    elections = sorted(web.ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    positions = {k: v.label_id for k, v in web.ctx.catalogue.positions.items()} | {"lainnya": "Jabatan lain"}
    context = {"form": form, "errors": field_messages(error) if error else {}, "error": error}
    return context | {"elections": elections, "positions": positions}


def _day(text: str, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


@router.post("/instansi/{agency_id}/edaran", response_class=HTMLResponse)
async def create(request: Request, agency_id: str, actor: Actor = Depends(require_actor)) -> Response:
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip() for k in (*CIRCULAR_FIELDS, "citations")}
    form["wants_pledge"] = "1" if raw.get("wants_pledge") else ""
    units = tuple(str(u) for u in raw.getlist("target_units") if str(u))
    positions = tuple(str(p) for p in raw.getlist("target_positions") if str(p))
    uploads = [f for f in raw.getlist("attachments") if isinstance(f, UploadFile) and f.filename]
    files = [(f.filename or "", await f.read(MAX_BYTES + 1)) for f in uploads]
    web = outreach(request)
    try:
        data = CircularInput(
            agency_id,
            form["title"],
            form["body"],
            form["election_id"] or None,
            form["phase"] or None,
            units,
            positions,
            bool(form["wants_pledge"]),
            _number(form, "reminder_threshold") / 100,
            int(_number(form, "link_days")),
            tuple(c for c in form["citations"].splitlines() if c.strip()),
            check_attachments(files),
        )
        made, _count = await run_in_threadpool(
            create_circular, web.make_uow, web.ctx.catalogue, web.ctx.clock.now(), actor, data
        )
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        context = _agency_page(request, web, actor, agency_id) | _form_context(web, form, exc)
        return render(request, "outreach/circular_form.html", context, status_code=status_for(exc))
    return RedirectResponse(f"/pembinaan/edaran/{made.id}", status_code=303)


def _number(form: dict[str, str], name: str) -> float:
    try:
        return float(form[name].replace(",", "."))
    except ValueError:
        raise ValidationError("Isian harus angka.", details={"fields": {name: "Isi dengan angka."}}) from None


@router.get("/edaran/{circular_id}", response_class=HTMLResponse)
def circular(request: Request, circular_id: str, actor: Actor = Depends(require_actor)) -> Response:
    web = outreach(request)
    view = circular_rates(web.make_uow, web.ctx.clock.now(), actor, circular_id)
    from netralitas.sending.store import progress

    engine = web.make_uow().engine  # type: ignore[attr-defined]
    with web.make_uow() as uow:
        files = uow.circulars.attachments(circular_id)
    context = {"files": files} | {
        "view": view,
        "progress": progress(engine, circular_id),
        "sent": request.query_params.get("ok"),
    }
    return render(request, "outreach/circular.html", context)


@router.post("/edaran/{circular_id}/kirim", response_class=HTMLResponse)
async def send(request: Request, circular_id: str, actor: Actor = Depends(require_actor)) -> Response:
    """Queue the e-mails (initial, or a reminder to the units under the threshold); a worker sends them."""
    raw = await request.form()
    reminder = raw.get("kind") == "reminder"
    web = outreach(request)

    def run() -> int:
        from netralitas.sending.store import pending_keys, queue_deliveries

        now = web.ctx.clock.now()
        view = circular_rates(web.make_uow, now, actor, circular_id)
        engine = web.sender.engine
        if reminder:
            behind = [r.key for r in view.below_threshold]
            kind = f"reminder-{now.date().isoformat()}"
            added = queue_deliveries(engine, view.circular, kind, now, units=behind, unacknowledged_only=True)
        else:
            added = queue_deliveries(engine, view.circular, "initial", now)
        web.sender.enqueue(pending_keys(engine, circular_id))
        return added

    added = await run_in_threadpool(run)
    return RedirectResponse(f"/pembinaan/edaran/{circular_id}?ok={added}", status_code=303)


@router.get("/edaran/{circular_id}/whatsapp", response_class=PlainTextResponse)
def whatsapp(request: Request, circular_id: str, actor: Actor = Depends(require_actor)) -> Response:
    web = outreach(request)
    view = circular_rates(web.make_uow, web.ctx.clock.now(), actor, circular_id)
    return PlainTextResponse(whatsapp_text(view.circular, view.below_threshold, view.unit_names))


@router.get("/instansi/{agency_id}/kuis", response_class=HTMLResponse)
def quiz_results(request: Request, agency_id: str, actor: Actor = Depends(require_actor)) -> Response:
    web = outreach(request)
    with web.make_uow() as uow:
        found = require_agency(uow, actor, agency_id)
        names = {u.code: u.name for u in uow.rosters.units(agency_id)}
        scores = unit_scores(uow.circulars.quiz_by_unit(agency_id))
    context = {"agency": found, "scores": scores, "names": names, "min_group": MIN_GROUP}
    return render(request, "outreach/quiz_results.html", context)


@router.get("/apel", response_class=HTMLResponse)
def brief(request: Request, election: str = "", region: str = "", on: str = "",
          actor: Actor = Depends(require_actor)) -> Response:  # fmt: skip
    web = outreach(request)
    catalogue, day = web.ctx.catalogue, _day(on, web.ctx.clock.today())
    chosen = election or getattr(current_election(catalogue, day), "id", "")
    region = region.strip()[:20] or actor.region_code
    made = build_brief(web.make_uow, chosen, region, day) if chosen else None
    elections = sorted(catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    context = {
        "brief": made,
        "elections": elections,
        "form": {"election": chosen, "region": region, "on": day},
    }
    return render(request, "outreach/brief.html", context)


@router.get("/apel.pdf")
def brief_download(request: Request, election: str, region: str = "", on: str = "",
                   actor: Actor = Depends(require_actor)) -> Response:  # fmt: skip
    web = outreach(request)
    made = build_brief(web.make_uow, election, region.strip()[:20], _day(on, web.ctx.clock.today()))
    headers = {"Content-Disposition": f'attachment; filename="amanat-{made.day.isoformat()}.pdf"'}
    return Response(brief_pdf(made), media_type="application/pdf", headers=headers)


@router.get("/kerawanan", response_class=HTMLResponse)
def vulnerability(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    web = outreach(request)
    with web.make_uow() as uow:
        regions = {a.region_code for a in agencies_for(uow, actor)}
    index = {k: v for k, v in region_index(web.make_uow, web.ctx.clock.today()).items() if k in regions}
    rows = sorted(index.values(), key=lambda r: -r.value)
    weights = load_weights()
    since = web.ctx.clock.today() - timedelta(days=weights.window_days)
    return render(
        request, "outreach/index.html", {"rows": rows, "weights": weights, "factors": FACTORS, "since": since}
    )


@router.get("/edaran/{circular_id}/lampiran/{sha256}")
def attachment(
    request: Request, circular_id: str, sha256: str, actor: Actor = Depends(require_actor)
) -> Response:
    web = outreach(request)
    with web.make_uow() as uow:
        circular = uow.circulars.get(circular_id)
        if circular is not None:
            require_agency(uow, actor, circular.agency_id)
        found = uow.circulars.attachment(circular_id, sha256) if circular is not None else None
    return pdf_response(found)


def pdf_response(found: Attachment | None) -> Response:
    if found is None:
        raise NotFoundError("Lampiran tidak ditemukan.", message_en="Attachment not found.")
    headers = {"Content-Disposition": f'attachment; filename="{found.filename}"'}
    return Response(found.content, media_type="application/pdf", headers=headers)
