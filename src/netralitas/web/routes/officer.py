"""Officer console: the queue and the case file with every action the services offer."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from netralitas.cases.assignment import SignedIn, officer_queue
from netralitas.cases.case_lists import Page
from netralitas.cases.deadlines import OverdueItem
from netralitas.cases.ports import CaseKey, CaseQuery
from netralitas.cases.records import Case
from netralitas.cases.roles import Actor
from netralitas.cases.sensitive_reads import read_evidence
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.errors import DomainError, PermissionDeniedError, ValidationError
from netralitas.web.auth import require_actor
from netralitas.web.casepage import ACTION_NAMES, PAGE_LEVEL, case_page, decree_response, run_action
from netralitas.web.context import get_ctx
from netralitas.web.downloads import named_decree
from netralitas.web.errors import UnauthenticatedError, status_for
from netralitas.web.i18n import plural_translator, request_language, translator
from netralitas.web.messages import readable
from netralitas.web.queue_filters import UNKNOWN_STATUS, agency_visible, read_queue_filters
from netralitas.web.queue_rows import queue_rows, status_options
from netralitas.web.regions import region_name
from netralitas.web.routing import AppRoute
from netralitas.web.session import session_user
from netralitas.web.templating import render

log = logging.getLogger(__name__)
router = APIRouter(route_class=AppRoute, prefix="/petugas", include_in_schema=False)

PAGE_SIZE = 25
#: A higher page number is read as this one: bounds the offset an address can ask for.
MAX_PAGE = 1_000_000


def deadline_badges(items: list[OverdueItem], today: date) -> dict[str, OverdueItem]:
    """The most urgent open deadline per case among those due soon (``queue_view``)."""
    badges: dict[str, OverdueItem] = {}
    for item in items:
        current = badges.get(item.case_id)
        if current is None or item.due_on < current.due_on:
            badges[item.case_id] = item
    return badges


#: The statuses by stored value (read once: walking an enum and its ``value`` properties on every
#: view was ~3% of a queue view's CPU).
_STATUS_BY_VALUE: dict[str, CaseStatus] = {s.value: s for s in CaseStatus}


def _statuses(raw: list[str]) -> frozenset[CaseStatus]:
    return frozenset(_STATUS_BY_VALUE[s] for s in raw if s in _STATUS_BY_VALUE)


@router.get("", response_class=HTMLResponse)
def queue(request: Request) -> HTMLResponse:
    """The queue. The signed-in account is read in the queue's own read transaction
    (``officer_queue``) instead of one of its own (``require_actor``); a session that no longer
    stands is refused the same way."""
    ctx = get_ctx(request)
    backend = ctx.backend
    make_uow, kit = backend.make_uow, backend.kit
    params = request.query_params
    statuses = _statuses(params.getlist("status"))
    raw_page = params.get("page", "1")
    page = min(MAX_PAGE, max(1, int(raw_page))) if raw_page.isdigit() and len(raw_page) < 19 else 1
    overdue_only = params.get("tenggat") == "lewat"
    read: dict[str, Any] = {}  # the filters as read for the actor (``query_for``)

    def query_for(actor: Actor) -> CaseQuery:
        # The agency list is reference data kept per process (``cases.reference_cache``).
        scope = (actor.region_code, actor.agency_id)
        agencies = kit.agency_cache.chosen(make_uow(), scope, lambda a: agency_visible(actor, a))
        picked = read_queue_filters(params, actor, agencies)
        if any(s not in _STATUS_BY_VALUE for s in params.getlist("status") if s):
            picked.errors["status"] = UNKNOWN_STATUS
        keyset = not (overdue_only or picked.sort == "deadline")
        read.update(actor=actor, picked=picked, keyset=keyset)
        return CaseQuery(
            statuses=statuses,
            region_prefix=picked.region,
            agency_id=picked.agency_id,
            text=params.get("q", "").strip()[:200],
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            # next/previous links carry the key of the row next to them (keyset paging); a page
            # number typed by hand still works by offset
            after=parse_key(params.get("after", "")) if keyset else None,
            before=parse_key(params.get("before", "")) if keyset else None,
            assignee_id=actor.user_id if picked.mine else None,
            sort=picked.sort,
        )

    today = ctx.clock.today()
    summary = session_user(request)
    # One read (the account, the page, its counts and deadlines, and what the console adds:
    # assignees, officers, the bell) and one audit entry (cases.listed) per view; the overdue
    # view reads no page of cases.
    region_error: PermissionDeniedError | None = None
    who = SignedIn(summary.id, summary.epoch) if summary else None
    try:
        shown = officer_queue(make_uow(), kit, who, query_for, today, overdue=overdue_only) if who else None
    except PermissionDeniedError as exc:  # a region filter outside the officer's scope
        region_error, actor = exc, read["actor"]
        own_region = lambda a: replace(query_for(a), region_prefix=a.region_code)  # noqa: E731
        shown = officer_queue(make_uow(), kit, actor, own_region, today, overdue=overdue_only)
    if shown is None:
        if who is not None:  # as ``auth.load_actor`` logs it on every other signed-in route
            log.info("refused a session of an ended epoch or account on the queue (user %s)", who.user_id)
        request.session.pop("user", None)
        raise UnauthenticatedError("Silakan masuk terlebih dahulu.", message_en="Please sign in first.")
    actor, query, view, extras = shown.actor, shown.query, shown.view, shown.extras
    picked, keyset = read["picked"], read["keyset"]
    found = Page((), view.late_total) if overdue_only else view.page
    items = view.page.items
    holders = extras.holders
    badges = deadline_badges(list(view.due), today)
    lang = request_language(request, ctx.settings.default_language)
    rows = queue_rows(
        items, holders, extras.names, badges, today, lang, translator(lang), plural_translator(lang)
    )
    chosen = {s.value for s in statuses}
    pages = max(1, -(-found.total // PAGE_SIZE))
    context: dict[str, Any] = {
        "page_items": items,
        "queue_rows": rows,
        "late_rows": view.late,
        "total": found.total,
        "page": page,
        "pages": pages,
        "overdue_total": view.overdue_total,
        "today": today,
        "counts": view.counts,
        # the status filter's options, written in Python (``queue_rows.status_options``)
        "status_options": status_options(view.counts, chosen, lang),
        "filters": {
            "status": chosen,
            "region": query.region_prefix,
            "q": query.text,
            "overdue": overdue_only,
            **picked.kept,
        },
        "filter_errors": picked.errors,
        "picker": picked.picker,
        "agencies": picked.agencies,
        "holders": holders,
        "officers": extras.officers,
        "officer_names": extras.names,
        "unread": extras.unread,
        "status_labels": STATUS_LABELS,
        "scope_name": region_name(actor.region_code),
        "actor": actor,
        "region_error": region_error,
        "wide": True,
        "export_query": urlencode(
            [(k, v) for k, v in params.multi_items() if k in ("status", "region", "q")]
            + ([("region", query.region_prefix)] if query.region_prefix and "region" not in params else [])
            + ([("instansi", query.agency_id)] if query.agency_id else [])
        ),
        # each link only where the page shows it (none before the first page, none after the last)
        "prev_url": _page_url(request, page - 1, ("before", items[0]) if items and keyset else None)
        if page > 1
        else "",
        "next_url": _page_url(request, page + 1, ("after", items[-1]) if items and keyset else None)
        if page < pages
        else "",
    }
    return render(request, "officer/queue.html", context)


def case_key(case: Case) -> str:
    """A case's place in the queue order, for a keyset link (``parse_key`` reads it back)."""
    return f"{case.opened_at.isoformat()}~{case.id}"


def parse_key(raw: str) -> CaseKey | None:
    """The key of a ``case_key`` link, or None for anything else (the page number then applies)."""
    stamp, sep, case_id = raw.partition("~")
    try:
        opened = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if not sep or not case_id or opened.tzinfo is None or len(case_id) > 64:
        return None
    return opened, case_id


def _page_url(request: Request, page: int, key: tuple[str, Case] | None) -> str:
    dropped = {"page", "after", "before"}
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in dropped]
    keyset = [(key[0], case_key(key[1]))] if key else []
    return "?" + urlencode([*params, ("page", str(page)), *keyset])


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
    return named_decree(decree_response(request, actor, decision_id), decision_id)


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
