"""JSON API for the rules engine and the catalogue (bearer token, like the case API)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from netralitas.cases.roles import Actor
from netralitas.web.context import get_ctx
from netralitas.web.routes.api import api_actor
from netralitas.web.routes.api_common import ERROR_RESPONSES, In
from netralitas.web.routing import AppRoute
from netralitas.web.rules_views import facts_from, rule_detail, rules_list, run

router = APIRouter(route_class=AppRoute, prefix="/api/v1", tags=["aturan"], responses=ERROR_RESPONSES)


class FactsIn(In):
    behaviours: list[str] = Field(
        min_length=1, max_length=20, description="Perbuatan (id perilaku dari katalog)."
    )
    act_on: str = Field(
        max_length=10, description="Tanggal perbuatan, YYYY-MM-DD (aturan dan sanksi mengikutinya)."
    )
    election_id: str | None = Field(default=None, max_length=60)
    employee_type: str = Field(
        default="unknown", max_length=20, description="pns, cpns, pppk, non_asn, unknown."
    )
    position: str | None = Field(
        default=None, max_length=200, description="Jabatan dengan kata-kata, mis. 'camat'."
    )
    qualifiers: list[str] = Field(default_factory=list, max_length=20)


@router.post(
    "/assess",
    summary="Nilai fakta dengan mesin aturan (tanpa kasus; untuk melampirkan: POST /cases/{id}/assessment)",
    description="Jawaban mesin aturan: temuan, tingkat, dasar hukum, status tinjauan. `settled` hanya "
    "true bila hasil keseluruhan dan setiap temuan bersandar pada aturan yang sudah dikonfirmasi; selain itu "
    "hasil harus ditinjau sebelum dipakai. / The engine's answer; `settled` is true only when every rule it "
    "rests on is confirmed.",
)
def assess(request: Request, body: FactsIn, actor: Actor = Depends(api_actor)) -> Any:
    return run(get_ctx(request).catalogue, facts_from(body.model_dump()))


@router.get("/rules", summary="Daftar aturan katalog (versi yang berlaku sekarang)")
def rules(request: Request, actor: Actor = Depends(api_actor)) -> Any:
    found = rules_list(get_ctx(request).catalogue)
    return {"items": found, "total": len(found), "catalogue_version": get_ctx(request).catalogue.version}


@router.get("/rules/{rule_id}", summary="Satu aturan katalog dengan semua versinya menurut tanggal")
def rule(request: Request, rule_id: str, actor: Actor = Depends(api_actor)) -> Any:
    return rule_detail(get_ctx(request).catalogue, rule_id[:80])
