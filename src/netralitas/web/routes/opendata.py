"""Public open data (no login): ``/data-terbuka`` with its tables, CSV, JSON and the Frictionless
``datapackage.json``. Tables are computed once per ten minutes per election filter (the
suppression runs linear programs) and kept on the app."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from netralitas.analytics.filters import FactFilter
from netralitas.analytics.opendata import OpenTable, as_json, datapackage, open_tables
from netralitas.analytics.suppression import TOTAL
from netralitas.errors import NotFoundError
from netralitas.web.context import get_ctx
from netralitas.web.oversight import catalogue_of, load_agencies, names_with, read_facts
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/data-terbuka", include_in_schema=False)
CACHE_SECONDS = 600


def _election(request: Request) -> tuple[str | None, str | None]:
    raw = request.query_params.get("pemilihan", "").strip()
    if not raw:
        return None, None
    if raw in catalogue_of(get_ctx(request).backend).elections:
        return raw, None
    return None, f"Pemilihan '{raw[:40]}' tidak dikenal; pilih dari daftar."


def _tables(request: Request, election: str | None) -> tuple[list[OpenTable], datetime]:
    ctx = get_ctx(request)
    now = ctx.clock.now()
    cache: dict[Any, Any] = request.app.state.__dict__.setdefault("open_data_cache", {})
    found = cache.get(election)
    if found is not None and (now - found[1]).total_seconds() < CACHE_SECONDS:
        return found[0], found[1]
    names = names_with(load_agencies(request))
    where = FactFilter(election_ids=(election,) if election else ())
    catalogue = catalogue_of(ctx.backend)
    tables = read_facts(request, lambda src: open_tables(src, catalogue, names, where))
    cache[election] = (tables, now)
    return tables, now


def _suffix(election: str | None) -> str:
    return f"?pemilihan={election}" if election else ""


@router.get("", response_class=HTMLResponse)
def open_data(request: Request) -> HTMLResponse:
    election, error = _election(request)
    tables, at = _tables(request, election)
    catalogue = catalogue_of(get_ctx(request).backend)
    context = {
        "tables": tables,
        "total_key": TOTAL,
        "extracted_at": at,
        "election": election,
        "error": error,
        "value": request.query_params.get("pemilihan", ""),
        "suffix": _suffix(election),
        "elections": sorted(catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True),
        "wide": True,
    }
    return render(request, "oversight/open_data.html", context, status_code=422 if error else 200)


@router.get("/datapackage.json")
def package(request: Request) -> Response:
    election, _ = _election(request)
    tables, at = _tables(request, election)
    base = str(request.base_url).rstrip("/") + "/data-terbuka/"
    body = datapackage(
        tables,
        catalogue_version=catalogue_of(get_ctx(request).backend).version,
        extracted_at=at,
        election=election,
        link=lambda name: base + name + _suffix(election),
    )
    return Response(json.dumps(body, ensure_ascii=False, indent=1), media_type="application/json")


@router.get("/data.json")
def data_json(request: Request) -> Response:
    election, _ = _election(request)
    tables, at = _tables(request, election)
    return Response(json.dumps(as_json(tables, at.date()), ensure_ascii=False), media_type="application/json")


@router.get("/{name}.csv")
def table_csv(request: Request, name: str) -> Response:
    election, _ = _election(request)
    tables, _at = _tables(request, election)
    table = next((t for t in tables if t.name == name), None)
    if table is None:
        raise NotFoundError("Tabel tidak dikenal.", message_en="Unknown table.")
    return Response(
        table.csv_text(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )
