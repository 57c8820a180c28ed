"""Public JSON API for reporters' apps: file a report (with files), status, messages, more evidence.

No token: these are the public form's use cases. Receipts are rate-limited and every receipt that
opens nothing gets the same ``receipt_unknown`` answer at the same cost (``cases.reporting``).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, Request, UploadFile
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from netralitas.cases import reporting
from netralitas.cases.public_report import ReportSubmission, parse_report_submission
from netralitas.errors import ValidationError
from netralitas.privacy.evidence_checks import read_bounded
from netralitas.web.context import WebContext, client_address, get_ctx
from netralitas.web.forms import MAX_FILES
from netralitas.web.receipts import by_receipt
from netralitas.web.routes.api_common import ERROR_RESPONSES, In, services, to_json
from netralitas.web.routing import AppRoute
from netralitas.web.vocabulary import status_explanation


def _inlined(schema: Any, defs: dict[str, Any]) -> Any:
    """The schema with its local ``$defs`` references written out (the model has no cycles)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _inlined(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inlined(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inlined(item, defs) for item in schema]
    return schema


_SCHEMA = ReportSubmission.model_json_schema()
#: The request body's schema in the OpenAPI document (the body is checked by the report command).
REPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _inlined(_SCHEMA, _SCHEMA.get("$defs", {}))}},
    }
}

router = APIRouter(route_class=AppRoute, prefix="/api/v1", tags=["laporan publik"], responses=ERROR_RESPONSES)


class ReceiptIn(In):
    receipt: str = Field(max_length=64)


class ReporterMessageIn(ReceiptIn):
    body: str = Field(min_length=1, max_length=4000)


async def _read_files(ctx: WebContext, uploads: list[UploadFile]) -> list[bytes]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            f"Paling banyak {MAX_FILES} berkas.",
            message_en=f"At most {MAX_FILES} files.",
            details={"field": "files"},
        )
    data = []
    for upload in uploads:
        data.append(read_bounded(upload.file, ctx.settings.max_upload_bytes))
        await upload.close()
    return data


def _command(ctx: WebContext, data: object) -> ReportSubmission:
    """The report command, checked by the same rules (and with the same codes) as the web form."""
    if not isinstance(data, dict):
        raise ValidationError(
            "Laporan harus berupa objek JSON.",
            message_en="The report must be a JSON object.",
            details={"field": "report"},
        )
    elections = frozenset(ctx.catalogue.elections)
    return parse_report_submission(data, today=ctx.clock.today(), elections=elections)


def _submit(ctx: WebContext, report: ReportSubmission, files: list[bytes]) -> dict[str, str]:
    result = reporting.submit_report(*services(ctx), report, files=files)
    return {"receipt": result.receipt, "case_number": result.case_number}


@router.post(
    "/reports",
    status_code=201,
    summary="Kirim laporan (JSON, tanpa berkas)",
    openapi_extra=REPORT_BODY,
)
def submit(request: Request, body: Annotated[object, Body()]) -> dict[str, str]:
    ctx = get_ctx(request)
    return _submit(ctx, _command(ctx, body), [])


@router.post(
    "/reports/with-files",
    status_code=201,
    summary="Kirim laporan beserta berkas (multipart: report = JSON laporan, files = sampai 5 berkas)",
)
async def submit_with_files(
    request: Request,
    report: str = Form(description="Laporan sebagai JSON, dengan isian yang sama seperti POST /reports."),
    files: list[UploadFile] = File(default=[], description="Foto, video, atau PDF; diperiksa dan disegel."),
) -> dict[str, str]:
    ctx = get_ctx(request)
    try:
        data: Any = json.loads(report)
    except ValueError:
        raise ValidationError(
            "Isian report harus berupa JSON.",
            message_en="The report field must be JSON.",
            details={"field": "report"},
        ) from None
    command = _command(ctx, data)
    return await run_in_threadpool(_submit, ctx, command, await _read_files(ctx, files))


@router.post("/reports/status", summary="Status dan pesan menurut nomor tanda terima")
def report_status(request: Request, body: ReceiptIn) -> Any:
    ctx = get_ctx(request)
    uow, kit = services(ctx)
    found = by_receipt(
        ctx, client_address(request), body.receipt, lambda r: reporting.report_status(uow, kit, r)
    )
    # What the status means and what comes next, as the status page says it (one table).
    explained = {
        "explanation": status_explanation(found.status),
        "explanation_en": status_explanation(found.status, "en"),
    }
    return to_json(found) | explained


@router.post("/reports/messages", status_code=201, summary="Pesan pelapor kepada petugas")
def reporter_message(request: Request, body: ReporterMessageIn) -> Any:
    ctx = get_ctx(request)
    uow, kit = services(ctx)
    return to_json(
        by_receipt(
            ctx,
            client_address(request),
            body.receipt,
            lambda r: reporting.post_reporter_message(uow, kit, r, body.body),
        )
    )


@router.post(
    "/reports/evidence", status_code=201, summary="Tambah bukti ke laporan (multipart: receipt, files)"
)
async def reporter_evidence(
    request: Request,
    receipt: str = Form(max_length=64),
    files: list[UploadFile] = File(description="Sampai 5 berkas; diperiksa dan disegel seperti laporan."),
) -> dict[str, int]:
    ctx = get_ctx(request)
    data = await _read_files(ctx, files)
    uow, kit = services(ctx)
    added = await run_in_threadpool(
        by_receipt,
        ctx,
        client_address(request),
        receipt,
        lambda r: reporting.add_reporter_evidence(uow, kit, r, data),
    )
    return {"added": added}
