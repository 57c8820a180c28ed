"""Officer pages for the rules engine and the catalogue: run the engine on facts typed in a form
(and attach the answer to a case through the case's own assessment action, audited there), and
browse the catalogue's rules with their dated versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse

from netralitas.cases.decisions import ASSESSORS
from netralitas.cases.roles import Actor
from netralitas.errors import DomainError
from netralitas.rules.behaviours import BEHAVIOUR_LABELS
from netralitas.rules.model import (
    EMPLOYEE_TYPE_LABELS,
    LEVEL_LABELS,
    STAGE_LABELS,
    STAGE_SOURCE_LABELS,
    TRACK_LABELS,
)
from netralitas.web.auth import require_actor
from netralitas.web.context import get_ctx
from netralitas.web.errors import status_for
from netralitas.web.messages import field_messages
from netralitas.web.routing import AppRoute
from netralitas.web.rules_views import facts_from, rule_detail, rules_list, run
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/petugas", include_in_schema=False)
HIDDEN_BEHAVIOURS = frozenset({"none", "other"})
FIELDS = ("act_on", "election_id", "employee_type", "position")


def _context(request: Request, actor: Actor, form: dict[str, Any], **more: Any) -> dict[str, Any]:
    ctx = get_ctx(request)
    attach = str(form.get("kasus") or "")
    return {
        "form": form,
        "actor": actor,
        "behaviour_labels": {
            k.value: v for k, v in BEHAVIOUR_LABELS.items() if k.value not in HIDDEN_BEHAVIOURS
        },
        "employee_types": [(k.value, v) for k, v in EMPLOYEE_TYPE_LABELS.items()],
        "elections": sorted(ctx.catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True),
        "level_labels": {k.value: v for k, v in LEVEL_LABELS.items()},
        "labels": {
            "track": {k.value: v for k, v in TRACK_LABELS.items()},
            "stage": dict(STAGE_LABELS),
            "stage_source": dict(STAGE_SOURCE_LABELS),
        },
        "attach_case": attach if attach.isalnum() and len(attach) <= 64 else "",
        "attach_version": str(form.get("versi") or ""),
        "can_attach": actor.role in ASSESSORS,
        "result": None,
        "error": None,
        "field_errors": {},
    } | more


@router.get("/penilaian", response_class=HTMLResponse)
def assess_form(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    params = request.query_params
    form: dict[str, Any] = {k: params.get(k, "") for k in (*FIELDS, "kasus", "versi")}
    form["behaviours"] = params.getlist("behaviours")
    form["employee_type"] = form["employee_type"] or "unknown"
    return render(request, "officer/assess.html", _context(request, actor, form))


@router.post("/penilaian", response_class=HTMLResponse)
async def assess_run(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    raw = await request.form()
    form: dict[str, Any] = {k: str(raw.get(k, "")).strip() for k in (*FIELDS, "kasus", "versi")}
    form["behaviours"] = [str(v) for v in raw.getlist("behaviours")]
    return await run_in_threadpool(_run, request, actor, form)


def _run(request: Request, actor: Actor, form: dict[str, Any]) -> HTMLResponse:
    ctx = get_ctx(request)
    try:
        result = run(ctx.catalogue, facts_from(form))
    except DomainError as exc:
        context = _context(request, actor, form, error=exc, field_errors=field_messages(exc))
        return render(request, "officer/assess.html", context, status_code=status_for(exc))
    return render(request, "officer/assess.html", _context(request, actor, form, result=result))


@router.get("/katalog", response_class=HTMLResponse)
def catalogue(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    ctx = get_ctx(request)
    context = {"rules": rules_list(ctx.catalogue), "version": ctx.catalogue.version, "actor": actor}
    return render(request, "officer/catalogue.html", context)


@router.get("/katalog/{rule_id}", response_class=HTMLResponse)
def rule(request: Request, rule_id: str, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    ctx = get_ctx(request)
    context = {
        "rule": rule_detail(ctx.catalogue, rule_id[:80]),
        "version": ctx.catalogue.version,
        "actor": actor,
    }
    return render(request, "officer/rule.html", context)
