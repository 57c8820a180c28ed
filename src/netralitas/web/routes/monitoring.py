"""Media monitoring for officers (/petugas/pantau-media): upload the posts a monitoring team
collected, follow the background screening on a progress bar (the page refreshes itself while the
batch runs; no script needed), read the flagged posts with their evidence words marked, export
the batch as CSV and open a case from a post. Scope and audit are the services'
(``netralitas.monitoring.service``)."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pydantic
from fastapi import APIRouter, Depends, Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from netralitas.cases.field_errors import field_messages
from netralitas.cases.inputs import CaseOpen
from netralitas.cases.officer_actions import OPENERS, open_case
from netralitas.cases.roles import Actor
from netralitas.cases.suggestions import read_suggestion
from netralitas.errors import DomainError, RateLimitedError, ValidationError
from netralitas.monitoring import service
from netralitas.monitoring.ports import MonitoringUnitOfWork
from netralitas.monitoring.posts import MAX_POSTS, MAX_UPLOAD_BYTES
from netralitas.monitoring.records import BATCH_STATUS_LABELS, POST_KINDS, Batch, Post, PostFilter
from netralitas.rules.behaviours import BEHAVIOUR_LABELS
from netralitas.web.auth import require_actor
from netralitas.web.context import WebContext, client_address, get_ctx
from netralitas.web.errors import status_for
from netralitas.web.highlight import Segment, Span, segments, spans_from
from netralitas.web.messages import readable
from netralitas.web.regions import region_name
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render
from netralitas.web.triage import ASN_TAG, CANDIDATE_TAG, tag_title

if TYPE_CHECKING:  # the jobs pull in huey: built on first use
    from netralitas.sending.monitoring_jobs import MonitorJobs

router = APIRouter(route_class=AppRoute, prefix="/petugas/pantau-media", include_in_schema=False)
BASE = "/petugas/pantau-media"
PAGE_SIZE = 50
CONFIDENCE_STEPS = ("0", "0.5", "0.7", "0.9")
LABELS = {b.value for b in BEHAVIOUR_LABELS}
CASE_FIELDS = ("description", "links", "act_on", "known_on", "region_code", "election_id", "place",
               "person_name", "person_position")  # fmt: skip
FILTER_PARAMS = ("label", "min", "region", "jenis", "semua")
#: Seconds between two refreshes of a batch page while it is screened.
REFRESH_SECONDS = 3
#: Seconds app shutdown waits for each batch still screened in this process.
SHUTDOWN_WAIT_SECONDS = 30.0


@dataclass
class MonitoringWeb:
    ctx: WebContext
    make_uow: Callable[[], MonitoringUnitOfWork]
    #: The engine built for these pages alone (the case services do not run on SQL); disposed by ``close``.
    own_engine: Engine | None = None
    _jobs: MonitorJobs | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self, timeout: float = SHUTDOWN_WAIT_SECONDS) -> None:
        """On app shutdown, before the engines are disposed: let the batches screened in this
        process finish (bounded; an unfinished batch is resumed after a restart), so no thread
        still holds a pooled connection when its pool is disposed (that connection was never
        closed, and psycopg warned when it was garbage-collected), then dispose our own engine."""
        with self._lock:
            jobs = self._jobs
        if jobs is not None:
            jobs.wait(timeout)
        if self.own_engine is not None:
            self.own_engine.dispose()

    @property
    def jobs(self) -> MonitorJobs:
        with self._lock:
            if self._jobs is None:
                from netralitas.sending.monitoring_jobs import MonitorJobs, build_monitoring_huey
                from netralitas.sending.settings import SendingSettings

                sending = SendingSettings()
                screener = self.ctx.backend.kit.screener
                if screener is None:
                    raise ValidationError(
                        "Penyaringan teks dimatikan di server ini; pantauan media tidak dapat berjalan.",
                        message_en="Text screening is switched off on this server.",
                    )
                huey = (
                    build_monitoring_huey(self.ctx.settings, sending)
                    if sending.monitoring_runner == "queue"
                    else None
                )
                self._jobs = MonitorJobs(
                    self.make_uow, self.ctx.clock, screener, sending.monitoring_runner, huey
                )
            return self._jobs


def monitoring(request: Request) -> MonitoringWeb:
    state = request.app.state
    found = getattr(state, "monitoring", None)
    if isinstance(found, MonitoringWeb):
        return found
    from netralitas.db.engine import create_db_engine
    from netralitas.db.monitoring_repositories import monitoring_uow_factory

    ctx = get_ctx(request)
    # The case services' engine when they run on SQL (one pool, one SQLite write lock), else our own.
    shared = getattr(ctx.backend.make_uow(), "engine", None)
    own = None if isinstance(shared, Engine) else create_db_engine(ctx.settings.effective_database_url)
    engine = shared if isinstance(shared, Engine) else own
    assert engine is not None
    built = MonitoringWeb(ctx, monitoring_uow_factory(engine), own)
    state.monitoring = built
    return built


def _page(request: Request, web: MonitoringWeb, actor: Actor, page: int = 1, **extra: Any) -> HTMLResponse:
    batches, total = service.list_batches(web.make_uow, web.ctx.clock, actor, page)
    elections = sorted(web.ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    context = {
        "batches": batches, "elections": elections, "status_labels": BATCH_STATUS_LABELS,
        "max_mib": MAX_UPLOAD_BYTES // 1024 // 1024, "max_posts": MAX_POSTS, "error": None,
        "problems": [], "kept": {}, "page": page, "pages": max(1, -(-total // service.BATCH_LIST_SIZE)),
        "retention_days": web.ctx.settings.monitoring_retention_days,
        "deleted": request.query_params.get("dihapus") == "1",
    } | extra  # fmt: skip
    error = extra.get("error")
    status = status_for(error) if error is not None else 200
    headers = {}
    if isinstance(error, RateLimitedError) and "retry_after" in error.details:
        headers["Retry-After"] = str(error.details["retry_after"])
    response = render(request, "officer/monitoring.html", context, status_code=status)
    response.headers.update(headers)
    return response


@router.get("", response_class=HTMLResponse)
def batches(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    return _page(request, monitoring(request), actor, _page_number(request))


def _charge_upload(request: Request, web: MonitoringWeb, actor: Actor) -> None:
    """Count this upload against the officer's and the client address's allowance (the shared
    rate-limit store, so it holds across workers); ``RateLimitedError`` before anything is read."""
    settings = web.ctx.settings
    try:
        web.ctx.limits.charge(
            "monitoring-upload", client_address(request), settings.monitoring_upload_client_rate,
            actor.user_id, settings.monitoring_upload_rate,
        )  # fmt: skip
    except RateLimitedError as exc:
        seconds = int(exc.details.get("retry_after", 60))
        raise RateLimitedError(
            f"Terlalu banyak unggahan pantauan dalam waktu singkat. Tidak ada yang disimpan; "
            f"coba lagi dalam {seconds} detik.",
            message_en=f"Too many monitoring uploads in a short time. Nothing was stored; "
            f"try again in {seconds} seconds.",
            details={"retry_after": seconds, "fields": {"file": "Coba lagi nanti."}},
        ) from None


@router.post("/unggah", response_class=HTMLResponse)
async def upload(request: Request, actor: Actor = Depends(require_actor)) -> Response:
    raw = await request.form()
    web = monitoring(request)
    upload_file, election = raw.get("file"), str(raw.get("election_id", "")).strip()[:40]
    kept = {"election_id": election}
    try:
        await run_in_threadpool(_charge_upload, request, web, actor)
    except RateLimitedError as exc:
        return await run_in_threadpool(_page, request, web, actor, error=exc, kept=kept)
    if not isinstance(upload_file, UploadFile) or not upload_file.filename:
        error = ValidationError(
            "Pilih berkas CSV, JSONL atau XLSX.", message_en="Choose a CSV, JSONL or XLSX file.",
            details={"fields": {"file": "Pilih berkas."}},
        )  # fmt: skip
        return await run_in_threadpool(_page, request, web, actor, error=error, kept=kept)
    data = await upload_file.read(MAX_UPLOAD_BYTES + 1)
    name = upload_file.filename

    def run() -> Batch:
        batch, _parsed = service.upload_batch(
            web.make_uow, web.ctx.clock, actor, name, data, election_id=election or None,
            known_elections=web.ctx.catalogue.elections,
        )  # fmt: skip
        web.jobs.submit(batch.id)
        return batch

    try:
        batch = await run_in_threadpool(run)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        problems = list((exc.details or {}).get("problems", []))
        return await run_in_threadpool(_page, request, web, actor, error=exc, kept=kept, problems=problems)
    return RedirectResponse(f"{BASE}/{batch.id}", status_code=303)


def _filter(request: Request, *, page: int = 1) -> PostFilter:
    params = request.query_params
    label, kind = params.get("label", ""), params.get("jenis", "")
    raw = params.get("min", "0")
    try:
        minimum = min(1.0, max(0.0, float(raw))) if len(raw) < 8 else 0.0
    except ValueError:
        minimum = 0.0
    return PostFilter(
        label=label if label in LABELS else "", min_confidence=minimum,
        region_prefix=params.get("region", "").strip()[:20], flagged_only=params.get("semua") != "1",
        kind=kind if kind in POST_KINDS else "",
        limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
    )  # fmt: skip


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return min(100_000, max(1, int(raw))) if raw.isdigit() and len(raw) < 9 else 1


@dataclass(frozen=True)
class PostView:
    post: Post
    pieces: tuple[Segment, ...]
    behaviours: tuple[tuple[str, float], ...]
    needs_reading: tuple[str, ...]


def post_view(post: Post) -> PostView:
    """A post cut into pieces marked with the labels its evidence justifies (``web.highlight``)."""
    suggestion = read_suggestion(post.result)
    text = post.text
    spans: list[Span] = []
    for behaviour in (*suggestion.behaviours, *suggestion.needs_reading):
        spans += spans_from(behaviour.evidence, behaviour.label, text)
    spans += spans_from((e for c in suggestion.candidates for e in c.evidence), CANDIDATE_TAG, text)
    spans += spans_from((cue.evidence for cue in suggestion.asn_cues), ASN_TAG, text)
    return PostView(
        post, tuple(segments(text, spans)), tuple((b.label, b.confidence) for b in suggestion.behaviours),
        tuple(b.label for b in suggestion.needs_reading),
    )  # fmt: skip


@router.get("/{batch_id}", response_class=HTMLResponse)
def batch_page(request: Request, batch_id: str, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    web = monitoring(request)
    page = _page_number(request)
    where = _filter(request, page=page)
    view = service.view_batch(web.make_uow, web.ctx.clock, actor, batch_id[:64], where)
    if service.needs_worker(view.batch, web.ctx.clock.now()):
        web.jobs.submit(view.batch.id)  # a restart lost its worker: the claim makes this harmless
    params = [(k, v) for k, v in request.query_params.multi_items() if k in FILTER_PARAMS]
    context = {
        "batch": view.batch, "posts": [post_view(p) for p in view.posts], "total": view.total,
        "labels": view.labels, "filters": where, "confidence_steps": CONFIDENCE_STEPS,
        "status_labels": BATCH_STATUS_LABELS, "page": page, "pages": max(1, -(-view.total // PAGE_SIZE)),
        "query": urlencode(params), "refresh": None if view.batch.finished else REFRESH_SECONDS,
        "can_open": actor.role in OPENERS, "tag_title": tag_title, "wide": True, "kinds": POST_KINDS,
        "can_delete": view.batch.created_by == actor.user_id,
    }  # fmt: skip
    return render(request, "officer/monitoring_batch.html", context)


@router.post("/{batch_id}/hapus", response_class=HTMLResponse)
def delete(request: Request, batch_id: str, actor: Actor = Depends(require_actor)) -> Response:
    """The uploader deletes their batch (CSRF-checked form; audited by the service)."""
    web = monitoring(request)
    service.delete_batch(web.make_uow, web.ctx.clock, actor, batch_id[:64])
    return RedirectResponse(f"{BASE}?dihapus=1", status_code=303)


EXPORT_COLUMNS = ("baris", "teks", "tautan", "waktu_unggah", "akun", "kode_wilayah", "label", "keyakinan",
                  "perlu_dibaca", "bukti", "kasus", "jenis", "nama_wilayah")  # fmt: skip


def _cell(value: object) -> str:
    """A cell a spreadsheet never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_lines(posts: list[Post]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for p in posts:
        suggestion = read_suggestion(p.result)
        evidence = "; ".join(e.text for b in suggestion.behaviours for e in b.evidence if e.text)
        posted = p.posted_on.isoformat() if p.posted_on else ""
        reading = "ya" if p.needs_reading else ""
        labels, confidence = " ".join(p.labels), f"{p.confidence:.2f}"
        kind = POST_KINDS[p.kind][0] if p.kind in POST_KINDS else ""
        region = region_name(p.region_code) if p.region_code else ""
        row = (p.line, p.text, p.url, posted, p.author, p.region_code, labels, confidence, reading, evidence,
               p.case_id, kind, region)  # fmt: skip
        writer.writerow([_cell(v) for v in row])
    yield "\ufeff" + out.getvalue()


@router.get("/{batch_id}/ekspor.csv")
def export(request: Request, batch_id: str, actor: Actor = Depends(require_actor)) -> Response:
    web = monitoring(request)
    view = service.export_batch(web.make_uow, web.ctx.clock, actor, batch_id[:64], _filter(request))
    headers = {"Content-Disposition": f'attachment; filename="pantau-media-{view.batch.id[:8]}.csv"'}
    return StreamingResponse(export_lines(view.posts), media_type="text/csv; charset=utf-8", headers=headers)


def _case_page(
    request: Request, web: MonitoringWeb, actor: Actor, batch_id: str, seq: int,
    form: dict[str, str] | None = None, errors: dict[str, str] | None = None, status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:  # fmt: skip
    batch, post = service.read_post(web.make_uow, web.ctx.clock, actor, batch_id[:64], seq)
    elections = sorted(web.ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True)
    context = {
        "batch": batch, "view": post_view(post), "form": form or service.case_form(batch, post),
        "errors": errors or {}, "error": error, "elections": elections, "tag_title": tag_title,
        "can_open": actor.role in OPENERS,
    }  # fmt: skip
    return render(request, "officer/monitoring_case.html", context, status_code=status_code)


@router.get("/{batch_id}/pos/{seq}/kasus", response_class=HTMLResponse)
def case_form(
    request: Request, batch_id: str, seq: int, actor: Actor = Depends(require_actor)
) -> HTMLResponse:
    return _case_page(request, monitoring(request), actor, batch_id, seq)


@router.post("/{batch_id}/pos/{seq}/kasus", response_class=HTMLResponse)
async def open_from_post(
    request: Request, batch_id: str, seq: int, actor: Actor = Depends(require_actor)
) -> Response:
    raw = await request.form()
    form = {name: str(raw.get(name, "")) for name in CASE_FIELDS}
    web = monitoring(request)
    backend = web.ctx.backend

    def run() -> Response:
        batch, post = service.read_post(web.make_uow, web.ctx.clock, actor, batch_id[:64], seq)
        if post.case_id is not None:  # opened already (a second click, another officer)
            return RedirectResponse(f"/petugas/kasus/{post.case_id}", status_code=303)
        values: dict[str, Any] = {k: v.strip() for k, v in form.items()}
        values["links"] = tuple(line for line in values["links"].splitlines() if line.strip())
        for name in ("act_on", "known_on", "election_id", "place", "person_name", "person_position"):
            values[name] = values[name] or None
        try:
            payload = CaseOpen.model_validate(values)
        except pydantic.ValidationError as exc:
            errors, _en, _codes = field_messages(exc)
            return _case_page(request, web, actor, batch_id, seq, form, errors, 422)
        try:
            case = open_case(backend.make_uow(), backend.kit, actor, payload)
        except DomainError as exc:
            if exc.code == "permission_denied":
                raise
            return _case_page(
                request, web, actor, batch_id, seq, form, {}, status_for(exc), readable(exc).message
            )
        service.link_case(web.make_uow, web.ctx.clock, actor, batch.id, post.seq, case.id)
        return RedirectResponse(f"/petugas/kasus/{case.id}", status_code=303)

    return await run_in_threadpool(run)
