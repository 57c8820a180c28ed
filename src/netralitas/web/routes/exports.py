"""Officers' exports of the case list (CSV streamed, XLSX written in write-only mode to a
temporary file) and the official letters of a case (DOCX/PDF). Scope and audit are the
services' (``analytics.service.export_scope``, ``cases.reading.view_case``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, Response, StreamingResponse

from netralitas.analytics.exports import ExportQuery, csv_chunks, write_xlsx
from netralitas.analytics.letter_service import IssuedLetter, issue_letter
from netralitas.analytics.service import export_scope
from netralitas.cases.roles import Actor
from netralitas.cases.workflow import CaseStatus
from netralitas.db.analytics_queries import export_count, export_rows, next_letter_number, sync_facts
from netralitas.errors import ValidationError
from netralitas.web.auth import require_actor
from netralitas.web.context import get_ctx
from netralitas.web.oversight import backend_engine, catalogue_of, classifier
from netralitas.web.regions import region_name
from netralitas.web.routing import AppRoute

router = APIRouter(route_class=AppRoute, include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _query(request: Request) -> ExportQuery:
    params = request.query_params
    valid = {s.value for s in CaseStatus}
    statuses = frozenset(CaseStatus(s) for s in params.getlist("status") if s in valid)
    return ExportQuery(
        statuses=statuses,
        region=(params.get("region") or params.get("wilayah") or "").strip()[:20],
        agency_id=(params.get("instansi") or "").strip()[:64] or None,
        election_id=(params.get("pemilihan") or "").strip()[:40] or None,
        text=params.get("q", "").strip()[:200],
    )


@router.get("/petugas/ekspor")
async def export_cases(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    fmt = request.query_params.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise ValidationError(
            f"Format '{fmt[:10]}' tidak dikenal; pilih csv atau xlsx.",
            message_en=f"Unknown format '{fmt[:10]}'; choose csv or xlsx.",
            details={"field": "format"},
        )
    ctx = get_ctx(request)
    engine = backend_engine(ctx.backend)

    def prepare() -> ExportQuery:
        with engine.begin() as conn:
            sync_facts(conn, classifier(ctx.backend), ctx.clock.now())

        def count(q: ExportQuery) -> int:
            with engine.connect() as conn:
                return export_count(conn, q)

        query, _errors = export_scope(
            ctx.backend.make_uow(), ctx.backend.kit, actor, _query(request), count, purpose=f"ekspor_{fmt}"
        )
        return query

    query = await run_in_threadpool(prepare)
    name = f"kasus-{ctx.clock.today().isoformat()}.{fmt}"
    disposition = {"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"}
    if fmt == "csv":

        def chunks() -> Iterator[bytes]:
            with engine.connect() as conn:
                yield from csv_chunks(export_rows(conn, query))

        return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8", headers=disposition)

    def build() -> Path:
        handle, raw = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        with engine.connect() as conn:
            write_xlsx(export_rows(conn, query), Path(raw))
        return Path(raw)

    path = await run_in_threadpool(build)
    return FileResponse(path, media_type=XLSX, headers=disposition, background=BackgroundTask(path.unlink))


@router.post("/petugas/surat/{case_id}")
async def case_letter(request: Request, case_id: str, actor: Actor = Depends(require_actor)) -> Response:
    """A letter of the case as DOCX or PDF (numbered, audited ``letter.issued``)."""
    form = await request.form()
    kind, fmt = str(form.get("jenis", "")), str(form.get("format", "pdf"))
    ctx = get_ctx(request)
    engine = backend_engine(ctx.backend)
    templates = ctx.settings.data_dir / "surat"

    def make() -> IssuedLetter:
        return issue_letter(
            ctx.backend.make_uow, ctx.backend.kit, catalogue_of(ctx.backend), actor, case_id, kind, fmt,
            lambda key, k, year: next_letter_number(engine, key, k, year), region_name,
            templates if templates.is_dir() else None,
        )  # fmt: skip

    letter = await run_in_threadpool(make)
    headers = {
        "content-disposition": f'attachment; filename="{letter.filename}"',
        "cache-control": "no-store",
    }
    return Response(letter.content, media_type=letter.media_type, headers=headers)
