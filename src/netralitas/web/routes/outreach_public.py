"""Pages without an account: the personal acknowledgement link (/t/{token}) with the pledge,
its certificate and the self-check, and the election calendar as iCalendar feeds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from netralitas.errors import DomainError, NotFoundError
from netralitas.formats import long_moment
from netralitas.outreach.acknowledgements import (
    ACK_STATEMENT,
    PLEDGE_STATEMENT,
    LinkView,
    acknowledge,
    open_link,
    quiz_for,
    sign_pledge,
    take_quiz,
)
from netralitas.outreach.calendar_feed import feed
from netralitas.outreach.documents import certificate_pdf
from netralitas.outreach.links import LinkError
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages
from netralitas.web.outreach_backend import outreach
from netralitas.web.routes.outreach import pdf_response
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, include_in_schema=False)


def _link_error(request: Request, exc: LinkError) -> Response:
    status = 410 if exc.code in ("link_expired", "link_gone") else 400
    return render(request, "outreach/link_error.html", {"error": exc}, status_code=status)


def _page(request: Request, token: str, view: LinkView, **extra: Any) -> Response:
    status = int(extra.pop("status", 200))
    with outreach(request).make_uow() as uow:
        extra.setdefault("files", uow.circulars.attachments(view.circular.id))
    context = {"token": token, "view": view, "form": {}, "errors": {}, "already": False} | extra
    context |= {"ack_statement": ACK_STATEMENT, "pledge_statement": PLEDGE_STATEMENT}
    return render(request, "outreach/link.html", context, status_code=status)


@router.get("/t/{token}", response_class=HTMLResponse)
def link(request: Request, token: str) -> Response:
    web = outreach(request)
    try:
        view = open_link(web.make_uow, web.secret, web.ctx.clock.now(), token)
    except LinkError as exc:
        return _link_error(request, exc)
    return _page(request, token, view)


@router.post("/t/{token}/baca", response_class=HTMLResponse)
async def read(request: Request, token: str) -> Response:
    web = outreach(request)
    try:
        view, created = await run_in_threadpool(
            acknowledge, web.make_uow, web.secret, web.ctx.clock.now(), token
        )
    except LinkError as exc:
        return _link_error(request, exc)
    return _page(request, token, view, just_acknowledged=created, already=not created)


@router.post("/t/{token}/pakta", response_class=HTMLResponse)
async def pledge(request: Request, token: str) -> Response:
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:200] for k in ("name", "nip")}
    web = outreach(request)
    now = web.ctx.clock.now()
    try:
        view, created = await run_in_threadpool(
            sign_pledge, web.make_uow, web.secret, now, token, *form.values()
        )
    except LinkError as exc:
        return _link_error(request, exc)
    except DomainError as exc:
        view = open_link(web.make_uow, web.secret, now, token)
        return _page(request, token, view, form=form, errors=field_messages(exc), status=status_for(exc))
    return _page(request, token, view, just_pledged=created)


@router.get("/t/{token}/sertifikat.pdf")
def certificate(request: Request, token: str) -> Response:
    web = outreach(request)
    try:
        view = open_link(web.make_uow, web.secret, web.ctx.clock.now(), token)
    except LinkError as exc:
        return _link_error(request, exc)
    if view.pledge is None:
        raise NotFoundError("Pakta integritas belum ditandatangani.", message_en="No pledge signed yet.")
    with web.make_uow() as uow:
        found = uow.agency(view.circular.agency_id)
    p = view.pledge
    signed = long_moment(p.at, "id")
    agency = found.name if found else ""
    pdf = certificate_pdf(
        p.certificate_no, p.name, p.nip, agency, PLEDGE_STATEMENT, signed, view.circular.title
    )
    headers = {"Content-Disposition": f'attachment; filename="pakta-{p.certificate_no}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


@router.get("/t/{token}/kuis", response_class=HTMLResponse)
def quiz(request: Request, token: str) -> Response:
    web = outreach(request)
    now = web.ctx.clock.now()
    try:
        view = open_link(web.make_uow, web.secret, now, token)
    except LinkError as exc:
        return _link_error(request, exc)
    questions = quiz_for(view, now.date())
    context = {"token": token, "questions": questions, "marked": None, "stored": False}
    return render(request, "outreach/quiz.html", context)


@router.post("/t/{token}/kuis", response_class=HTMLResponse)
async def answer(request: Request, token: str) -> Response:
    raw = await request.form()
    answers = {k: str(v) for k, v in raw.items() if isinstance(v, str)}
    web = outreach(request)
    try:
        marked, stored = await run_in_threadpool(
            take_quiz, web.make_uow, web.secret, web.ctx.clock.now(), token, answers
        )
    except LinkError as exc:
        return _link_error(request, exc)
    context = {"token": token, "questions": (), "marked": marked, "stored": stored}
    return render(request, "outreach/quiz.html", context)


@router.get("/kalender.ics")
def calendar_all(request: Request) -> Response:
    web = outreach(request)
    elections = sorted(web.ctx.catalogue.elections.values(), key=lambda e: e.vote_on)
    return _ics(feed(web.ctx.catalogue, elections, web.ctx.clock.now()), "kalender")


@router.get("/kalender/{election_id}.ics")
def calendar_one(request: Request, election_id: str) -> Response:
    web = outreach(request)
    found = web.ctx.catalogue.elections.get(election_id)
    if found is None:
        raise NotFoundError("Pemilihan tidak ditemukan.", message_en="Election not found.")
    return _ics(feed(web.ctx.catalogue, [found], web.ctx.clock.now()), election_id)


def _ics(body: bytes, name: str) -> Response:
    headers = {
        "Content-Disposition": f'inline; filename="{name}.ics"',
        "Cache-Control": "public, max-age=3600",
    }
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/t/{token}/lampiran/{sha256}")
def link_attachment(request: Request, token: str, sha256: str) -> Response:
    web = outreach(request)
    try:
        view = open_link(web.make_uow, web.secret, web.ctx.clock.now(), token)
    except LinkError as exc:
        return _link_error(request, exc)
    with web.make_uow() as uow:
        return pdf_response(uow.circulars.attachment(view.circular.id, sha256))
