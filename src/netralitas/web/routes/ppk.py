"""PPK console: recommendations addressed to the PPK's agency, and recording the decision."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from netralitas.cases.case_lists import list_cases
from netralitas.cases.ports import CaseQuery
from netralitas.cases.roles import Actor
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.errors import ValidationError
from netralitas.web.auth import require_actor
from netralitas.web.casepage import case_page, decree_response, run_action
from netralitas.web.context import get_ctx
from netralitas.web.downloads import named_decree
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/ppk", include_in_schema=False)

WAITING = frozenset({CaseStatus.RECOMMENDATION_SENT, CaseStatus.ESCALATED})
DONE = frozenset({CaseStatus.PPK_DECIDED, CaseStatus.FOLLOWUP_CONFIRMED, CaseStatus.SANCTIONED})


@router.get("", response_class=HTMLResponse)
def inbox(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    backend = get_ctx(request).backend
    kit, waiting_q = backend.kit, CaseQuery(statuses=WAITING, limit=200)
    done_q = CaseQuery(statuses=DONE, limit=50)
    # Two lists, two audit entries (cases.listed).
    waiting = list_cases(backend.make_uow(), kit, actor, waiting_q, purpose="ppk_waiting")
    decided = list_cases(backend.make_uow(), kit, actor, done_q, purpose="ppk_decided")
    context = {"waiting": waiting, "decided": decided, "status_labels": STATUS_LABELS, "actor": actor}
    return render(request, "ppk/inbox.html", context)


@router.get("/kasus/{case_id}", response_class=HTMLResponse)
def case_file(request: Request, case_id: str, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    return case_page(request, actor, case_id, ok=request.query_params.get("ok"))


@router.get("/sk/{decision_id}")
def decree(request: Request, decision_id: str, actor: Actor = Depends(require_actor)) -> Response:
    """The signed decree file of a decision (audited by the service)."""
    return named_decree(decree_response(request, actor, decision_id), decision_id)


@router.post("/kasus/{case_id}/{action}", response_class=HTMLResponse)
async def decide(
    request: Request, case_id: str, action: str, actor: Actor = Depends(require_actor)
) -> Response:
    # The PPK records the decision; the reporter channel is not theirs (the core refuses it too).
    if action != "putusan":
        raise ValidationError("Tindakan tidak dikenal.", message_en="Unknown action.")
    return await run_in_threadpool(run_action, request, actor, case_id, action, await request.form())
