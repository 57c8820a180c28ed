"""Public reporting: the form, the receipt (shown once), status and messages by receipt."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse

from netralitas.cases.reporting import (
    ReportStatus,
    add_reporter_evidence,
    post_reporter_message,
    report_status,
    submit_report,
)
from netralitas.cases.workflow import CLOSED_STATUSES
from netralitas.errors import DomainError, NotFoundError, RateLimitedError, ValidationError
from netralitas.rules.model import EMPLOYEE_TYPE_LABELS
from netralitas.web.context import WebContext, client_address, get_ctx
from netralitas.web.downloads import EVIDENCE_ACCEPT
from netralitas.web.errors import OUTAGE_RETRY_AFTER, database_unavailable, is_outage
from netralitas.web.forms import MAX_FILES, ReportForm, check_report, empty_form, read_report_form
from netralitas.web.input_guard import soft_problems
from netralitas.web.receipts import by_receipt
from netralitas.web.regions import region_options
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, include_in_schema=False)

#: Open report forms remembered per session (one nonce each; a sent form's nonce is spent).
MAX_OPEN_FORMS = 5


def _issue_nonce(request: Request) -> str:
    nonce = secrets.token_urlsafe(16)
    open_forms = [n for n in request.session.get("report_forms", []) if isinstance(n, str)]
    request.session["report_forms"] = [*open_forms, nonce][-MAX_OPEN_FORMS:]
    return nonce


def _spend_nonce(request: Request, nonce: str) -> bool:
    """True the first time a form is sent; False when it was sent already (a reload or a double tap)."""
    open_forms = list(request.session.get("report_forms", []))
    if nonce not in open_forms:
        return False
    open_forms.remove(nonce)
    request.session["report_forms"] = open_forms
    return True


def _form_context(request: Request, ctx: WebContext, form: ReportForm) -> dict[str, Any]:
    elections = sorted(ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    return {
        "form": form,
        "nonce": _issue_nonce(request),
        "region_options": region_options,
        "elections": elections,
        "employee_types": [(k.value, v) for k, v in EMPLOYEE_TYPE_LABELS.items()],
        "max_mb": ctx.settings.max_upload_bytes // (1024 * 1024),
        "max_bytes": ctx.settings.max_upload_bytes,
    }


@router.get("/lapor", response_class=HTMLResponse)
def report_page(request: Request) -> HTMLResponse:
    return render(request, "public/report.html", _form_context(request, get_ctx(request), empty_form()))


@router.post("/lapor", response_class=HTMLResponse)
async def submit(request: Request) -> HTMLResponse:
    ctx = get_ctx(request)
    raw = await request.form()
    form = await read_report_form(raw, ctx.settings.max_upload_bytes)
    # Screening, argon2 and the database block: never on the event loop.
    return await run_in_threadpool(_submit, request, ctx, form, str(raw.get("form_nonce", "")))


def _submit(request: Request, ctx: WebContext, form: ReportForm, nonce: str) -> HTMLResponse:
    if getattr(request.state, "csrf_failed", False):
        form.fail(
            "_form",
            "Halaman ini sudah terlalu lama terbuka. Periksa isian Anda lalu kirim sekali lagi.",
            "This page was open for too long. Check what you typed and send it once more.",
        )
    for name, message in soft_problems(request).items():  # control characters, huge numbers
        form.fail(name if name in form.values else "_form", *message)
    submission = check_report(form, ctx.clock.today(), frozenset(ctx.catalogue.elections))
    if submission is not None and not _spend_nonce(request, nonce):
        return render(request, "public/already_sent.html", status_code=409)
    if submission is not None:
        try:
            backend = ctx.backend
            files = [data for _, data in form.files]
            result = submit_report(backend.make_uow(), backend.kit, submission, files=files)
        except ValidationError as exc:
            form.absorb(exc)
        except Exception as exc:
            if not is_outage(exc):
                raise
            return _outage_page(request, ctx, form)
        else:
            context = {"receipt": result.receipt, "case_number": result.case_number}
            return render(request, "public/receipt.html", context, status_code=201)
    return render(request, "public/report.html", _form_context(request, ctx, form), status_code=422)


def _outage_page(request: Request, ctx: WebContext, form: ReportForm) -> HTMLResponse:
    """The database is unreachable: the form comes back with everything typed and a 503."""
    outage = database_unavailable()
    form.fail(
        "_form", f"{outage.message} Isian Anda masih di sini.", f"{outage.message_en} Your text is kept."
    )
    response = render(request, "public/report.html", _form_context(request, ctx, form), status_code=503)
    response.headers["retry-after"] = str(OUTAGE_RETRY_AFTER)
    return response


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request) -> HTMLResponse:
    return render(request, "public/status.html", _status_context(receipt=""))


def _status_context(
    *, receipt: str, status: ReportStatus | None = None, error: DomainError | None = None, **more: Any
) -> dict[str, Any]:
    """``error`` is about the receipt field, ``body_error`` (in ``more``) about the message field."""
    base = {"status": status, "receipt": receipt, "error": error, "sent": False}
    files = {
        "files_error": None,
        "files_added": 0,
        "evidence_accept": EVIDENCE_ACCEPT,
        "max_files": MAX_FILES,
    }
    files["can_add"] = status is not None and status.status not in CLOSED_STATUSES
    return base | {"body": "", "body_error": None} | files | more


def _status_response(request: Request, receipt: str, *, charge: bool = True, **more: Any) -> HTMLResponse:
    ctx = get_ctx(request)
    backend = ctx.backend
    try:
        status = by_receipt(
            ctx,
            client_address(request),
            receipt,
            lambda r: report_status(backend.make_uow(), backend.kit, r),
            charge=charge,
        )
    except (NotFoundError, RateLimitedError) as exc:
        code = 429 if isinstance(exc, RateLimitedError) else 404
        context = _status_context(receipt=receipt, error=exc)
        return render(request, "public/status.html", context, status_code=code)
    code = 422 if more.get("body_error") is not None or more.get("files_error") is not None else 200
    context = _status_context(receipt=receipt, status=status, **more)
    return render(request, "public/status.html", context, status_code=code)


@router.post("/status", response_class=HTMLResponse)
async def check_status(request: Request) -> HTMLResponse:
    form = await request.form()
    return await run_in_threadpool(_status_response, request, str(form.get("receipt", "")).strip()[:64])


EMPTY_MESSAGE = ValidationError(
    "Tulis pesan Anda terlebih dahulu.", message_en="Write your message first.", details={"field": "body"}
)


@router.post("/status/pesan", response_class=HTMLResponse)
async def reply(request: Request) -> HTMLResponse:
    form = await request.form()
    receipt = str(form.get("receipt", "")).strip()[:64]
    body = str(form.get("body", "")).strip()
    return await run_in_threadpool(_reply, request, receipt, body)


def _reply(request: Request, receipt: str, body: str) -> HTMLResponse:
    ctx = get_ctx(request)
    if not body:
        return _status_response(request, receipt, body_error=EMPTY_MESSAGE)
    backend = ctx.backend
    try:
        by_receipt(
            ctx,
            client_address(request),
            receipt,
            lambda r: post_reporter_message(backend.make_uow(), backend.kit, r, body[:4000]),
        )
    except ValidationError as exc:  # the message itself (the receipt was checked already)
        return _status_response(request, receipt, charge=False, body_error=exc, body=body)
    except (NotFoundError, RateLimitedError) as exc:
        code = 429 if isinstance(exc, RateLimitedError) else 404
        context = _status_context(receipt=receipt, error=exc)
        return render(request, "public/status.html", context, status_code=code)
    return _status_response(request, receipt, charge=False, sent=True)


@router.post("/status/bukti", response_class=HTMLResponse)
async def add_evidence(request: Request) -> HTMLResponse:
    """More evidence from the reporter (an officer asked for it), by receipt: the files are
    checked and sealed exactly as on /lapor; the receipt costs what a status check costs."""
    ctx = get_ctx(request)
    form = await request.form()
    receipt = str(form.get("receipt", "")).strip()[:64]
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    problem: ValidationError | None = None
    files: list[bytes] = []
    max_bytes = ctx.settings.max_upload_bytes
    if not uploads:
        problem = NO_FILES
    elif len(uploads) > MAX_FILES:
        problem = ValidationError(
            f"Paling banyak {MAX_FILES} berkas sekali kirim.",
            message_en=f"At most {MAX_FILES} files at a time.",
            details={"field": "files"},
        )
    else:
        for upload in uploads:
            data = await upload.read(max_bytes + 1)
            await upload.close()
            if len(data) > max_bytes:
                mb = max_bytes // (1024 * 1024)
                problem = ValidationError(
                    f"Berkas «{upload.filename}» terlalu besar (batas {mb} MB).",
                    message_en=f"File «{upload.filename}» is too large (limit {mb} MB).",
                    details={"field": "files"},
                )
                break
            files.append(data)
    return await run_in_threadpool(_add_evidence, request, receipt, files, problem)


NO_FILES = ValidationError(
    "Pilih minimal satu berkas bukti.",
    message_en="Choose at least one evidence file.",
    details={"field": "files"},
)


def _add_evidence(
    request: Request, receipt: str, files: list[bytes], problem: ValidationError | None
) -> HTMLResponse:
    ctx = get_ctx(request)
    if problem is not None:
        return _status_response(request, receipt, files_error=problem)
    backend = ctx.backend
    try:
        added = by_receipt(
            ctx,
            client_address(request),
            receipt,
            lambda r: add_reporter_evidence(backend.make_uow(), backend.kit, r, files),
        )
    except ValidationError as exc:  # a refused file (type, disguise, size): said beside the input
        return _status_response(request, receipt, charge=False, files_error=exc)
    except (NotFoundError, RateLimitedError) as exc:
        code = 429 if isinstance(exc, RateLimitedError) else 404
        context = _status_context(receipt=receipt, error=exc)
        return render(request, "public/status.html", context, status_code=code)
    return _status_response(request, receipt, charge=False, files_added=added)
