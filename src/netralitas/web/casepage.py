"""The case file page and the actions taken from it (officers and PPKs share it).

Each action reads its form, calls one service with a fresh unit of work and redirects back
(post/redirect/get). A refused action re-renders the page with the message beside the action's
form and the typed input kept; role and scope refusals go to the error page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.cases.case_file import Officer, open_case_file
from netralitas.cases.decisions import (
    assess_case,
    confirm_followup,
    escalate_case,
    record_ppk_decision,
    send_recommendation,
)
from netralitas.cases.inputs import (
    AssessmentRequest,
    EscalationCreate,
    FollowUpCreate,
    MergeRequest,
    PersonInput,
    PpkDecisionCreate,
    RecommendationCreate,
    ScreeningReviewRequest,
    TransitionRequest,
    parse_payload,
)
from netralitas.cases.maintenance import set_hold
from netralitas.cases.officer_actions import (
    identify_person,
    merge_cases,
    post_officer_message,
    transition_case,
)
from netralitas.cases.roles import Actor
from netralitas.cases.sensitive_reads import CaseDetail, read_decree, reveal_identity
from netralitas.cases.triage import assessment_defaults, review_screening
from netralitas.cases.workflow import STATUS_LABELS
from netralitas.errors import DomainError
from netralitas.privacy.evidence_capture import Capture
from netralitas.privacy.evidence_checks import read_bounded
from netralitas.rules.behaviours import BEHAVIOUR_LABELS
from netralitas.rules.model import (
    EMPLOYEE_TYPE_LABELS,
    LEVEL_LABELS,
    STAGE_LABELS,
    STAGE_SOURCE_LABELS,
    TRACK_LABELS,
)
from netralitas.web.context import WebContext, get_ctx
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages, readable
from netralitas.web.regions import region_at, region_name
from netralitas.web.templating import render
from netralitas.web.triage import LABEL_NAMES, tag_title, triage_views

#: Errors shown on the error page rather than beside a form.
PAGE_LEVEL = frozenset({"permission_denied", "not_found", "unauthenticated"})
LIST_FIELDS = frozenset({"behaviours", "qualifiers", "labels"})
ASSESSMENT_HIDE = frozenset({"none", "other"})


def _form_dict(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str):
            continue
        value = value.strip()
        if key in LIST_FIELDS:
            data.setdefault(key, []).append(value)
        else:
            data[key] = value
    return data


def _blank_none(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {k: (None if k in names and v == "" else v) for k, v in data.items()}


def _case_fields(case_id: str, form: Mapping[str, Any]) -> dict[str, Any]:
    return {"case_id": case_id, "version": form.get("version", "0")}


def _transition(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    payload = parse_payload(
        TransitionRequest,
        _case_fields(case_id, f) | {"target": f.get("target", ""), "reason": f.get("reason") or None},
    )
    transition_case(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    return "status"


def _assess(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    fields = ("act_on", "election_id", "employee_type", "position", "candidate_stage", "override_reason")
    data = _blank_none({k: f.get(k, "") for k in fields}, *fields)
    data["employee_type"] = data["employee_type"] or "unknown"
    if data["candidate_stage"] and not data["override_reason"]:
        raise _field_error(
            "override_reason",
            "Tahap calon dipilih sendiri: tuliskan alasannya (pengecualian atas pilihan mesin).",
            "You chose the candidate stage yourself: give the reason for overriding the engine.",
        )
    data |= {"behaviours": f.get("behaviours", []), "qualifiers": f.get("qualifiers", [])}
    payload = parse_payload(AssessmentRequest, _case_fields(case_id, f) | data)
    assess_case(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    return "penilaian"


def _recommend(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    data = {"level": f.get("level", ""), "text": f.get("text", "")}
    payload = parse_payload(RecommendationCreate, _case_fields(case_id, f) | data)
    send_recommendation(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    return "rekomendasi"


def _decide(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    names = ("level", "form", "form_code", "form_other_reason", "decree_number", "decree_on", "reason")
    data = _blank_none(
        {k: f.get(k, "") for k in names}, "reason", "decree_on", "form", "form_code", "form_other_reason"
    )
    payload = parse_payload(PpkDecisionCreate, _case_fields(case_id, f) | data)
    decree = f.get(DECREE_FIELD)
    try:
        record_ppk_decision(
            ctx.backend.make_uow(), ctx.backend.kit, actor, payload, decree=decree if decree else None
        )
    except DomainError as exc:  # a refused file is said beside the file input
        if not exc.code.startswith("evidence_"):
            raise
        raise _field_error(DECREE_FIELD, exc.message, exc.message_en) from exc
    return "putusan"


def _follow_up(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    data = {"note": f.get("note", ""), "confirmed_on": f.get("confirmed_on") or None}
    payload = parse_payload(FollowUpCreate, _case_fields(case_id, f) | data)
    confirm_followup(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    return "tindak-lanjut"


def _escalate(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    payload = parse_payload(EscalationCreate, _case_fields(case_id, f) | {"reason": f.get("reason", "")})
    escalate_case(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    return "eskalasi"


def _merge(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    data = {
        "source_case_id": case_id,
        "source_version": f.get("version", "0"),
        "target_case_id": f.get("target_case_manual") or f.get("target_case_id", ""),
        "reason": f.get("reason", ""),
    }
    merge_cases(ctx.backend.make_uow(), ctx.backend.kit, actor, parse_payload(MergeRequest, data))
    return "gabung"


def _form_version(f: Mapping[str, Any]) -> int:
    """The version the form was shown with; anything but a number is a stale form (version 0)."""
    raw = str(f.get("version", "0"))
    return int(raw) if raw.isdigit() and len(raw) < 19 else 0


def _identify(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    names = ("name", "nip", "employee_type", "position", "agency_id")
    data = _blank_none({k: f.get(k, "") for k in names}, "nip", "position", "agency_id")
    data["employee_type"] = data["employee_type"] or "unknown"
    person = parse_payload(PersonInput, data)
    version = _form_version(f)
    identify_person(ctx.backend.make_uow(), ctx.backend.kit, actor, case_id, version, person)
    return "terlapor"


def _message(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    body = str(f.get("body", ""))
    if not body:
        raise _field_error("body", "Pesan tidak boleh kosong.", "The message cannot be empty.")
    post_officer_message(
        ctx.backend.make_uow(), ctx.backend.kit, actor, case_id, str(f.get("report_id")), body
    )
    return "pesan"


def _hold(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    release = f.get("release") == "1"
    version = _form_version(f)
    reason = None if release else str(f.get("reason", ""))
    set_hold(ctx.backend.make_uow(), ctx.backend.kit, actor, case_id, version, reason)
    return "tahan"


def _review(ctx: WebContext, actor: Actor, case_id: str, f: Mapping[str, Any]) -> str:
    """Confirm or correct the screening labels of one report (the officer's, never the machine's)."""
    data = _case_fields(case_id, f) | {
        "labels": f.get("labels", []),
        "report_id": f.get("report_id") or None,
        "note": f.get("note") or None,
    }
    payload = parse_payload(ScreeningReviewRequest, data)
    review_screening(ctx.backend.make_uow(), ctx.backend.kit, actor, payload)
    return "saran"


Action = Callable[[WebContext, Actor, str, Mapping[str, Any]], str]
ACTIONS: dict[str, Action] = {
    "status": _transition,
    "penilaian": _assess,
    "rekomendasi": _recommend,
    "putusan": _decide,
    "tindak-lanjut": _follow_up,
    "eskalasi": _escalate,
    "gabung": _merge,
    "terlapor": _identify,
    "pesan": _message,
    "tahan": _hold,
    "saran": _review,
}
#: The identity reveal is an action too, but its result is shown once and never stored or redirected.
REVEAL = "identitas"
ACTION_NAMES = frozenset({*ACTIONS, REVEAL})


def _field_error(field: str, message: str, message_en: str) -> DomainError:
    from netralitas.errors import ValidationError

    return ValidationError(message, message_en=message_en, details={"field": field})


#: The decision form's file input (the signed decree, SK).
DECREE_FIELD = "decree"


def _decree_upload(form: FormData, max_bytes: int) -> bytes | None:
    """The uploaded decree file, read with the evidence size bound (None when none was chosen)."""
    upload = form.get(DECREE_FIELD)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    try:
        return read_bounded(upload.file, max_bytes)
    except DomainError as exc:
        raise _field_error(DECREE_FIELD, exc.message, exc.message_en) from exc


def run_action(request: Request, actor: Actor, case_id: str, action: str, form: FormData) -> Response:
    ctx = get_ctx(request)
    data = _form_dict(form)
    base = "/ppk" if request.url.path.startswith("/ppk") else "/petugas"
    try:
        if action == "putusan":
            decree = _decree_upload(form, ctx.backend.kit.evidence_policy.max_bytes)
            data = data | {DECREE_FIELD: decree}
        if action == REVEAL:
            backend = ctx.backend
            report_id, reason = str(data.get("report_id", "")), str(data.get("reason", ""))
            revealed = reveal_identity(backend.make_uow(), backend.kit, actor, report_id, reason)
            return case_page(request, actor, case_id, revealed=(report_id, revealed))
        done = ACTIONS[action](ctx, actor, case_id, data)
    except DomainError as exc:
        if exc.code in PAGE_LEVEL:
            raise
        shown = readable(exc)
        kept = {k: v for k, v in data.items() if k != DECREE_FIELD}
        return case_page(
            request, actor, case_id, error=(action, shown), kept=kept, status_code=status_for(exc)
        )
    return RedirectResponse(f"{base}/kasus/{case_id}?ok={done}", status_code=303)


def decree_response(request: Request, actor: Actor, decision_id: str) -> Response:
    """The signed decree file as a download (never rendered inline; the read is audited)."""
    backend = get_ctx(request).backend
    decision, data = read_decree(backend.make_uow(), backend.kit, actor, decision_id)
    return Response(
        data,
        media_type=decision.decree_media_type or "application/octet-stream",
        headers={"content-disposition": "attachment; filename=sk", "x-content-type-options": "nosniff"},
    )


#: Case history kinds as officers read them (unknown kinds are shown as they are).
EVENT_LABELS = {
    "transition": "Perpindahan status",
    "assessment": "Penilaian",
    "identify": "Terlapor dicocokkan",
    "merge_in": "Kasus lain digabungkan ke sini",
    "screening_review": "Label saran ditinjau petugas",
}


#: Report channels as the case page names them.
CHANNEL_LABELS = {
    "web": "formulir web",
    "bawaslu": "diteruskan Bawaslu",
    "taskforce": "diteruskan Satgas",
    "officer": "temuan petugas",
    "other": "saluran lain",
}


@dataclass(frozen=True)
class HistoryItem:
    """One line of the case history: when, what (``kind`` and its record) and who (an officer
    account; never a reporter: a report's line names no one)."""

    sort: datetime
    kind: str
    at: date | datetime
    moment: bool
    record: Any
    who: Officer | None


def history(detail: Any, officers: Mapping[str, Officer]) -> list[HistoryItem]:
    """The case history, oldest first: every report received, every recorded act, the
    recommendations, decisions and confirmed follow-ups, each with the officer who acted."""
    items = [HistoryItem(r.submitted_at, "report", r.submitted_at, True, r, None) for r in detail.reports]
    items += [HistoryItem(e.at, "event", e.at, True, e, officers.get(e.actor_id)) for e in detail.events]
    items += [
        HistoryItem(r.created_at, "recommendation", r.sent_on, False, r, officers.get(r.actor_id))
        for r in detail.recommendations
    ]
    items += [
        HistoryItem(k.created_at, "decision", k.decree_on, False, k, officers.get(k.actor_id))
        for k in detail.decisions
    ]
    items += [
        HistoryItem(f.created_at, "followup", f.confirmed_on, False, f, officers.get(f.actor_id))
        for f in detail.followups
    ]
    return sorted(items, key=lambda i: i.sort)


@dataclass(frozen=True)
class CaptureView:
    """What the evidence list says of a photo's capture: the time the camera recorded, the
    kab/kota it was taken in and the position rounded to about 11 km (never the exact point)."""

    taken_at: datetime | None
    region: str | None
    coarse: tuple[float, float] | None


def _capture_views(captures: Mapping[str, Capture]) -> dict[str, CaptureView]:
    out = {}
    for evidence_id, cap in captures.items():
        found = (
            region_at(cap.latitude, cap.longitude)
            if cap.latitude is not None and cap.longitude is not None
            else None
        )
        out[evidence_id] = CaptureView(cap.taken_at, found[1] if found else None, cap.coarse)
    return out


def _prefill(detail: CaseDetail) -> dict[str, Any]:
    """Before the first assessment, the form starts from the first report's reviewed (else
    suggested) screening labels; the officer completes and submits it."""
    if detail.assessments or not detail.reports:
        return {}
    report = detail.reports[0]
    item = next((i for i in detail.triage if i.report_id == report.id), None)
    return assessment_defaults(detail.case, report, item) if item is not None else {}


def _labels(ctx: WebContext, detail: CaseDetail) -> dict[str, dict[str, str]]:
    """Indonesian names for the stored values the case file shows (``t()`` gives the English)."""
    steps: dict[str, str] = {}
    for deadline in detail.deadlines:
        try:
            found = ctx.catalogue.deadline_on(deadline.step_id, deadline.started_on)
        except DomainError:  # a step the catalogue no longer knows: shown by its id
            continue
        steps[deadline.step_id] = found.label_id
    return {
        "track": {k.value: v for k, v in TRACK_LABELS.items()},
        "employee_type": {k.value: v for k, v in EMPLOYEE_TYPE_LABELS.items()},
        "stage": dict(STAGE_LABELS),
        "stage_source": dict(STAGE_SOURCE_LABELS),
        "step": steps,
        "event": EVENT_LABELS,
    }


def case_page(
    request: Request,
    actor: Actor,
    case_id: str,
    *,
    ok: str | None = None,
    error: tuple[str, DomainError] | None = None,
    kept: Mapping[str, Any] | None = None,
    revealed: tuple[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    ctx = get_ctx(request)
    backend = ctx.backend
    file = open_case_file(backend.make_uow(), backend.kit, actor, case_id)
    detail = file.detail
    officers = file.officers or {}
    context = {
        "agency": file.agency,
        "person_agency": file.person_agency,
        "officers": officers,
        "history": history(detail, officers),
        "sanction_forms": file.sanction_forms,
        "channel_labels": CHANNEL_LABELS,
        "captures": _capture_views(file.captures),
        "authority_names": {k: a.name for k, a in ctx.catalogue.authorities.items()},
        "d": detail,
        "c": detail.case,
        "actor": actor,
        "duplicates": file.duplicates,
        "agencies": file.agencies,
        "generic_moves": file.can.moves,
        "services": file.can.services,
        "status_labels": STATUS_LABELS,
        "behaviour_labels": {
            k.value: v for k, v in BEHAVIOUR_LABELS.items() if k.value not in ASSESSMENT_HIDE
        },
        "level_labels": {k.value: v for k, v in LEVEL_LABELS.items()},
        "employee_types": [(k.value, v) for k, v in EMPLOYEE_TYPE_LABELS.items()],
        "elections": sorted(ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True),
        "latest": detail.assessments[-1] if detail.assessments else None,
        "region_label": region_name(detail.case.region_code),
        "ok": ok,
        "error_action": error[0] if error else None,
        "error": error[1] if error else None,
        "field_errors": field_messages(error[1]) if error else {},
        "labels": _labels(ctx, detail),
        "triage": triage_views(detail.triage, {r.id: r.description for r in detail.reports}),
        "label_names": LABEL_NAMES,
        "prefill": _prefill(detail),
        "windows": {w.report_id: w for w in detail.report_windows},
        "tag_title": tag_title,
        "kept": kept or {},
        "revealed": revealed,
        "today": ctx.clock.today(),
        "can": file.can,
        "base": "/ppk" if request.url.path.startswith("/ppk") else "/petugas",
        "wide": True,
    }
    return render(request, "officer/case.html", context, status_code=status_code)
