"""JSON API for integrations: the same use cases as the pages, bearer-token authentication.

Input models reuse the services' fields (the case id comes from the path); outputs are the
services' records as JSON. Errors use the one mapping table: ``{"error": {code, message, ...}}``.
"""

from __future__ import annotations

import base64
import binascii
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import Field
from starlette.responses import Response

from netralitas.cases import case_lists, decisions, officer_actions, sensitive_reads, triage
from netralitas.cases.accounts import check_credentials
from netralitas.cases.inputs import (
    AssessmentRequest,
    EscalationCreate,
    FollowUpCreate,
    MergeRequest,
    PpkDecisionCreate,
    RecommendationCreate,
    ScreeningReviewRequest,
    TransitionRequest,
    parse_payload,
)
from netralitas.cases.ports import CaseQuery
from netralitas.cases.records import AssessmentRecord, Case
from netralitas.cases.roles import Actor
from netralitas.cases.sanction_forms import OTHER, case_sanction_forms
from netralitas.cases.workflow import CaseStatus
from netralitas.errors import ValidationError
from netralitas.privacy.evidence_checks import too_large
from netralitas.privacy.evidence_types import ALLOWED_TYPES
from netralitas.web.auth import issue_token, require_api_actor
from netralitas.web.context import WebContext, client_address, get_ctx
from netralitas.web.errors import UnauthenticatedError
from netralitas.web.routes.api_common import ERROR_RESPONSES, In, services, to_json
from netralitas.web.routing import AppRoute
from netralitas.web.triage import NOTICE_EN, NOTICE_ID

router = APIRouter(route_class=AppRoute, prefix="/api/v1", tags=["petugas"], responses=ERROR_RESPONSES)
bearer = HTTPBearer(auto_error=False, description="Token dari POST /api/v1/token (awalan ntr_).")


def api_actor(request: Request, _: HTTPAuthorizationCredentials | None = Security(bearer)) -> Actor:
    return require_api_actor(request)


class TokenIn(In):
    username: str = Field(max_length=64)
    password: str = Field(max_length=200)


class VersionIn(In):
    version: int = Field(ge=1)


class TransitionIn(VersionIn):
    target: CaseStatus
    reason: str | None = None


class AssessmentIn(VersionIn):
    behaviours: list[str]
    act_on: str
    election_id: str | None = None
    employee_type: str = "unknown"
    position: str | None = None
    qualifiers: list[str] = Field(default_factory=list)
    candidate_stage: str | None = None
    override_reason: str | None = None


class RecommendationIn(VersionIn):
    level: str
    text: str


class DecisionIn(VersionIn):
    level: str
    form: str | None = Field(
        default=None,
        description="Bentuk hukuman dengan kata-kata: wajib untuk 'lainnya', 'none' (tidak terbukti), atau "
        "tingkat tanpa bentuk pada tangga sanksi; selain itu label dari form_code (teks yang sama persis "
        "dengan label pada tangga juga diterima).",
    )
    form_code: str | None = Field(
        default=None,
        description="Kode bentuk hukuman dari GET /api/v1/cases/{id}/sanction-forms, atau 'lainnya'.",
    )
    form_other_reason: str | None = Field(
        default=None, description="Alasan memilih bentuk di luar tangga sanksi (wajib untuk 'lainnya')."
    )
    decree_number: str
    decree_on: str
    reason: str | None = None
    #: The signed decree file (PDF or image), base64; checked like evidence.
    decree_base64: str | None = None


class FollowUpIn(VersionIn):
    note: str
    confirmed_on: str


class EscalationIn(VersionIn):
    reason: str


class MergeIn(VersionIn):
    target_case_id: str
    reason: str


class ScreeningReviewIn(VersionIn):
    labels: list[str] = Field(
        description="Label perilaku yang dipilih petugas (sama dengan saran = konfirmasi)."
    )
    report_id: str | None = Field(default=None, description="Laporan pada kasus; kosong = laporan pertama.")
    note: str | None = Field(default=None, max_length=4000)


class OfficerMessageIn(In):
    report_id: str
    body: str = Field(min_length=1, max_length=4000)


def _json(value: Any) -> Any:
    return to_json(value)


def _svc(ctx: WebContext) -> tuple[Any, Any]:
    return services(ctx)


@router.post("/token", summary="Tukar nama pengguna dan kata sandi dengan token API")
def token(request: Request, body: TokenIn) -> dict[str, str]:
    ctx = get_ctx(request)
    client = client_address(request)
    with ctx.limits.login_attempt(client, body.username) as attempt:  # checked and counted at once
        user = check_credentials(*_svc(ctx), body.username.lower(), body.password)
        attempt.succeeded() if user is not None else attempt.failed()
    if user is None:
        raise UnauthenticatedError(
            "Nama pengguna atau kata sandi salah.", message_en="Wrong username or password."
        )
    return {"token": issue_token(ctx, user), "token_type": "bearer"}


@router.get(
    "/cases",
    summary="Daftar kasus dalam wilayah pengguna (dicatat dalam audit)",
    response_model=case_lists.Page,
)
def cases(
    request: Request,
    actor: Actor = Depends(api_actor),
    status: list[CaseStatus] = Query(default=[]),
    region: str = Query(default="", max_length=20),
    q: str = Query(default="", max_length=200),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=1_000_000_000),
) -> Any:
    query = CaseQuery(frozenset(status), region, None, q, limit, offset)
    page = case_lists.list_cases(*_svc(get_ctx(request)), actor, query, purpose="api")
    return {"items": _json(list(page.items)), "total": page.total}


@router.get(
    "/cases/overdue", summary="Tenggat yang terlewati (dan yang segera jatuh tempo; dicatat dalam audit)"
)
def overdue(
    request: Request,
    actor: Actor = Depends(api_actor),
    within_days: int = Query(0, ge=0, le=30),
    limit: int | None = Query(default=None, ge=1, le=5000),
    offset: int = Query(default=0, ge=0, le=1_000_000_000),
) -> Any:
    """The whole list, or with ``limit`` one page of it (most overdue first) and the total."""
    ctx = get_ctx(request)
    on = ctx.clock.today() + timedelta(days=within_days)
    if limit is not None:
        page, total = case_lists.overdue_page(*_svc(ctx), on, actor, limit, offset, purpose="api_overdue")
        return {"items": [item.to_dict() for item in page], "total": total}
    items = case_lists.list_overdue(*_svc(ctx), on, actor, purpose="api_overdue")
    return {"items": [item.to_dict() for item in items], "total": len(items)}


@router.get("/cases/{case_id}", summary="Berkas kasus (dicatat dalam audit)")
def case(request: Request, case_id: str, actor: Actor = Depends(api_actor)) -> Any:
    return _json(sensitive_reads.view_case(*_svc(get_ctx(request)), actor, case_id))


@router.get("/cases/{case_id}/duplicates", summary="Saran kasus serupa")
def duplicates(request: Request, case_id: str, actor: Actor = Depends(api_actor)) -> Any:
    found = case_lists.suggest_duplicates(*_svc(get_ctx(request)), actor, case_id)
    return {"items": _json(found), "total": len(found)}


@router.post("/cases/{case_id}/transition", summary="Pindahkan status kasus", response_model=Case)
def transition(request: Request, case_id: str, body: TransitionIn, actor: Actor = Depends(api_actor)) -> Any:
    payload = TransitionRequest(case_id=case_id, **body.model_dump())
    return _json(officer_actions.transition_case(*_svc(get_ctx(request)), actor, payload))


@router.post(
    "/cases/{case_id}/assessment",
    status_code=201,
    summary="Nilai dengan mesin aturan",
    response_model=AssessmentRecord,
)
def assess(request: Request, case_id: str, body: AssessmentIn, actor: Actor = Depends(api_actor)) -> Any:
    payload = parse_payload(AssessmentRequest, {"case_id": case_id, **body.model_dump()})
    return _json(decisions.assess_case(*_svc(get_ctx(request)), actor, payload))


@router.post("/cases/{case_id}/recommendation", summary="Kirim rekomendasi ke PPK", response_model=Case)
def recommend(
    request: Request, case_id: str, body: RecommendationIn, actor: Actor = Depends(api_actor)
) -> Any:
    payload = parse_payload(RecommendationCreate, {"case_id": case_id, **body.model_dump()})
    return _json(decisions.send_recommendation(*_svc(get_ctx(request)), actor, payload))


@router.post("/cases/{case_id}/decision", summary="Catat keputusan PPK", response_model=Case)
def decide(request: Request, case_id: str, body: DecisionIn, actor: Actor = Depends(api_actor)) -> Any:
    payload = parse_payload(
        PpkDecisionCreate, {"case_id": case_id, **body.model_dump(exclude={"decree_base64"})}
    )
    decree = _decode_decree(body.decree_base64, get_ctx(request).backend.kit.evidence_policy.max_bytes)
    return _json(decisions.record_ppk_decision(*_svc(get_ctx(request)), actor, payload, decree=decree))


@router.get(
    "/cases/{case_id}/sanction-forms",
    summary="Bentuk hukuman pada tangga sanksi yang berlaku untuk kasus ini (untuk keputusan PPK)",
)
def sanction_forms(request: Request, case_id: str, actor: Actor = Depends(api_actor)) -> Any:
    found = case_sanction_forms(*_svc(get_ctx(request)), actor, case_id)
    return {"items": _json(list(found)), "other": OTHER, "total": len(found)}


def _decode_decree(encoded: str | None, max_bytes: int) -> bytes | None:
    """The base64 decree file, bounded before decoding (the service checks it like evidence)."""
    if not encoded:
        return None
    if len(encoded) > (max_bytes + 2) // 3 * 4 + 4:
        raise too_large(None, max_bytes)
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError(
            "Berkas SK bukan base64 yang sah.",
            message_en="The decree file is not valid base64.",
            details={"field": "decree_base64"},
        ) from exc


@router.post("/cases/{case_id}/followup", summary="Konfirmasi tindak lanjut", response_model=Case)
def follow_up(request: Request, case_id: str, body: FollowUpIn, actor: Actor = Depends(api_actor)) -> Any:
    payload = parse_payload(FollowUpCreate, {"case_id": case_id, **body.model_dump()})
    return _json(decisions.confirm_followup(*_svc(get_ctx(request)), actor, payload))


@router.post("/cases/{case_id}/escalation", summary="Eskalasi (permohonan pemblokiran)", response_model=Case)
def escalate(request: Request, case_id: str, body: EscalationIn, actor: Actor = Depends(api_actor)) -> Any:
    payload = parse_payload(EscalationCreate, {"case_id": case_id, **body.model_dump()})
    return _json(decisions.escalate_case(*_svc(get_ctx(request)), actor, payload))


@router.post("/cases/{case_id}/merge", summary="Gabungkan ke kasus lain", response_model=Case)
def merge(request: Request, case_id: str, body: MergeIn, actor: Actor = Depends(api_actor)) -> Any:
    data = {"source_case_id": case_id, "source_version": body.version}
    payload = parse_payload(MergeRequest, data | body.model_dump(exclude={"version"}))
    return _json(officer_actions.merge_cases(*_svc(get_ctx(request)), actor, payload))


@router.post("/cases/{case_id}/messages", status_code=201, summary="Pesan petugas kepada pelapor")
def officer_message(
    request: Request, case_id: str, body: OfficerMessageIn, actor: Actor = Depends(api_actor)
) -> Any:
    message = officer_actions.post_officer_message(
        *_svc(get_ctx(request)), actor, case_id, body.report_id, body.body
    )
    return _json(message)


@router.get("/cases/{case_id}/screening", summary="Saran penyaringan teks per laporan (bukan putusan)")
def screening(request: Request, case_id: str, actor: Actor = Depends(api_actor)) -> Any:
    detail = sensitive_reads.view_case(*_svc(get_ctx(request)), actor, case_id)
    items = [
        {
            "report_id": item.report_id,
            "advisory": True,
            "notice": NOTICE_ID,
            "notice_en": NOTICE_EN,
            "status": item.screening.status.value,
            "suggested_labels": list(item.screening.labels),
            "reviewed_labels": _list_or_none(item.screening.reviewed_labels),
            "result": _json(item.screening.result),
            "reviews": _json(list(item.reviews)),
        }
        for item in detail.triage
    ]
    return {"items": items, "total": len(items)}


def _list_or_none(labels: tuple[str, ...] | None) -> list[str] | None:
    return None if labels is None else list(labels)


@router.post(
    "/cases/{case_id}/screening-review",
    summary="Konfirmasi atau koreksi label saran penyaringan",
    response_model=Case,
)
def screening_review(
    request: Request, case_id: str, body: ScreeningReviewIn, actor: Actor = Depends(api_actor)
) -> Any:
    payload = parse_payload(ScreeningReviewRequest, {"case_id": case_id, **body.model_dump()})
    return _json(triage.review_screening(*_svc(get_ctx(request)), actor, payload))


#: File extension of a decree's media type (decrees are PDF or an image: ``decisions.DECREE_KINDS``).
DECREE_EXTENSIONS = {t.media_type: t.extension for t in ALLOWED_TYPES if t.kind in decisions.DECREE_KINDS}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_DECREE_HEADERS = {
    "Content-Disposition": {
        "description": 'attachment; filename="sk-<id keputusan>.<pdf|jpg|png|webp|gif>"',
        "schema": {"type": "string"},
    },
    "Repr-Digest": {
        "description": "sha-256=:<segel SHA-256, base64>: (RFC 9530)",
        "schema": {"type": "string"},
    },
}


@router.get(
    "/decisions/{decision_id}/decree",
    summary="Unduh berkas SK keputusan PPK (dicatat dalam audit)",
    description=(
        "Berkas SK yang diunggah PPK bersama keputusannya, sebagai lampiran dengan jenis isi aslinya "
        "(PDF atau gambar) dan header Repr-Digest (SHA-256 segel). Hanya untuk pengguna dalam wilayah "
        "kasus: petugas wilayahnya, PPK instansinya, pengawas. 404: keputusan tidak ada, atau tidak "
        "ada berkasnya; 403: di luar wilayah (dicatat). / The decree file of a PPK decision."
    ),
    response_class=Response,
    responses={
        200: {
            "description": "Berkas SK (lampiran) / the decree file (attachment)",
            "content": {media: _BINARY for media in sorted(DECREE_EXTENSIONS)},
            "headers": _DECREE_HEADERS,
        }
    },
)
def decree(request: Request, decision_id: str, actor: Actor = Depends(api_actor)) -> Response:
    decision, data = sensitive_reads.read_decree(*_svc(get_ctx(request)), actor, decision_id)
    media_type = decision.decree_media_type or "application/octet-stream"
    name = f"sk-{decision.id}.{DECREE_EXTENSIONS.get(media_type, 'bin')}"
    seal = base64.b64encode(bytes.fromhex(decision.decree_sha256 or "")).decode()
    headers = {
        "content-disposition": f'attachment; filename="{name}"',
        "x-content-type-options": "nosniff",
        "repr-digest": f"sha-256=:{seal}:",
    }
    return Response(data, media_type=media_type, headers=headers)


@router.get("/guidance", summary="Bolehkah? Jawaban dari katalog aturan (publik)")
def guidance(request: Request, q: str = Query(min_length=1, max_length=300)) -> Any:
    answers = get_ctx(request).guide().ask(q)
    return {
        "items": [
            {**_json(a), "review_status": a.review_status.value, "is_settled": a.is_settled} for a in answers
        ],
        "total": len(answers),
    }


@router.get("/elections", summary="Kalender pemilihan dari katalog (publik)")
def elections(request: Request) -> Any:
    values = sorted(get_ctx(request).catalogue.elections.values(), key=lambda e: e.vote_on)
    return {"items": _json(values), "total": len(values)}
