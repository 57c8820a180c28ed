"""Oversight pages for officers, PPKs and supervisors: ``/pantauan`` (dashboard), its CSV files
and ``/pantauan/peta`` (choropleths). Figures are scoped and audited by ``analytics.service``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.responses import HTMLResponse, Response

from netralitas.analytics.dashboard import BREAKDOWNS, build_dashboard
from netralitas.analytics.filters import FactFilter, FieldError
from netralitas.analytics.mapview import GIVEN_METRICS, MapView, build_map, parse_level, parse_metric
from netralitas.analytics.model import Dashboard
from netralitas.analytics.service import oversight_view
from netralitas.analytics.svg import bar_chart, series_chart
from netralitas.cases.roles import Actor
from netralitas.errors import NotFoundError
from netralitas.web.auth import require_actor
from netralitas.web.context import get_ctx
from netralitas.web.i18n import request_language
from netralitas.web.oversight import catalogue_of, load_agencies, names_with, parse_request_filter, read_facts
from netralitas.web.regions import region_name
from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, prefix="/pantauan", include_in_schema=False)


def _dashboard(request: Request, actor: Actor, purpose: str) -> tuple[Dashboard, list[FieldError], Any]:
    ctx = get_ctx(request)
    backend = ctx.backend
    agencies = load_agencies(request)
    asked, errors = parse_request_filter(request, agencies)
    names, today, catalogue = names_with(agencies), ctx.clock.today(), catalogue_of(backend)

    def read(applied: FactFilter) -> tuple[Dashboard, int]:
        board = read_facts(request, lambda src: build_dashboard(src, catalogue, names, applied, today))
        return board, board.total

    viewed = oversight_view(backend.make_uow(), backend.kit, actor, asked, read, purpose=purpose)
    return viewed.result, [*errors, *viewed.errors], asked


def _errors(errors: Sequence[FieldError], lang: str) -> dict[str, str]:
    return {e.field: e.message if lang == "id" else e.message_en for e in errors}


def _query(request: Request) -> str:
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in ("lang",)])


@router.get("", response_class=HTMLResponse)
def dashboard(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    board, errors, asked = _dashboard(request, actor, "pantauan")
    lang = request_language(request, get_ctx(request).settings.default_language)
    catalogue = catalogue_of(get_ctx(request).backend)
    context = {
        "board": board,
        "charts": {b.id: bar_chart(b, lang=lang) for b in board.breakdowns},
        "series_svg": series_chart(board.series, lang=lang),
        "errors": _errors(errors, lang),
        "asked": asked,
        "values": {k: v for k, v in request.query_params.items()},
        "elections": sorted(catalogue.elections.values(), key=lambda e: e.vote_on, reverse=True),
        "behaviours": BREAKDOWN_BEHAVIOURS,
        "query": _query(request),
        "scope_name": region_name(actor.region_code),
        "region_name": region_name,
        "actor": actor,
        "wide": True,
    }
    return render(request, "oversight/dashboard.html", context, status_code=422 if errors else 200)


def _behaviours() -> list[tuple[str, str, str]]:
    from netralitas.rules.behaviours import BEHAVIOUR_LABELS

    return [(b.value, i, e) for b, (i, e) in BEHAVIOUR_LABELS.items()]


BREAKDOWN_BEHAVIOURS = _behaviours()
CSV_NAMES = {spec[0] for spec in BREAKDOWNS} | {"waktu", "ppk", "perbandingan"}


@router.get("/csv/{name}.csv")
def chart_csv(request: Request, name: str, actor: Actor = Depends(require_actor)) -> Response:
    """The numbers of one chart or table of the dashboard, with the same filters."""
    if name not in CSV_NAMES:
        raise NotFoundError("Tabel tidak dikenal.", message_en="Unknown table.")
    board, _errors_found, _asked = _dashboard(request, actor, f"pantauan_csv_{name}")
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table_rows(board, name):
        writer.writerow(row)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="pantauan-{name}.csv"'},
    )


def table_rows(board: Dashboard, name: str) -> list[list[Any]]:
    if name == "waktu":
        return [["bulan", "kasus"], *([f"{m:%Y-%m}", n] for m, n in board.series.months)]
    if name == "ppk":
        head = ["instansi_id", "instansi", "rekomendasi_dikirim", "diputus", "lewat_tenggat",
                "ditindaklanjuti", "rata_rata_hari_sampai_putusan", "maks_hari"]  # fmt: skip
        return [head, *([r.agency_id, r.label, r.sent, r.decided, r.overdue, r.followed_up, r.mean_days,
                         r.max_days] for r in board.ppk)]  # fmt: skip
    if name == "perbandingan":
        c = board.comparison
        rows = c.rows if c else ()
        head = [
            "kunci",
            "label",
            c.election_id if c else "pemilihan",
            (c.previous_id or "sebelumnya") if c else "",
        ]
        return [head, *([r.key, r.label, r.current, r.previous] for r in rows)]
    chart = board.breakdown(name)
    assert chart is not None
    return [["kunci", "label", "kasus"], *([r.key, r.label, r.count] for r in chart.rows)]


@router.get("/peta", response_class=HTMLResponse)
def region_map(request: Request, actor: Actor = Depends(require_actor)) -> HTMLResponse:
    ctx = get_ctx(request)
    backend = ctx.backend
    lang = request_language(request, ctx.settings.default_language)
    agencies = load_agencies(request)
    asked, errors = parse_request_filter(request, agencies)
    level, level_error = parse_level(request.query_params.get("tingkat", "provinsi"))
    metric, metric_error = parse_metric(request.query_params.get("ukuran", "jumlah"))
    extra = [e for e in (level_error, metric_error) if e is not None]
    today = ctx.clock.today()
    given = _vulnerability(request, today) if metric in GIVEN_METRICS else None

    def read(applied: FactFilter) -> tuple[MapView, int]:
        view = read_facts(
            request, lambda src: build_map(src, level, metric, applied, today, lang=lang, given=given)
        )
        return view, view.total

    viewed = oversight_view(backend.make_uow(), backend.kit, actor, asked, read, purpose=f"peta_{level}")
    all_errors = [*errors, *extra, *viewed.errors]
    context = {
        "view": viewed.result,
        "errors": _errors(all_errors, lang),
        "values": {k: v for k, v in request.query_params.items()},
        "level": level,
        "metric": metric,
        "region_name": region_name,
        "scope_name": region_name(actor.region_code),
        "query": _query(request),
        "wide": True,
    }
    return render(request, "oversight/map.html", context, status_code=422 if all_errors else 200)


def _vulnerability(request: Request, today: date) -> dict[str, float]:
    """The guidance vulnerability index per region (counts only, no personal data), for the map's
    ``kerawanan`` measure; the map shows it only inside the viewer's scope."""
    from netralitas.outreach.vulnerability import map_values, region_index
    from netralitas.web.outreach_backend import outreach

    return map_values(region_index(outreach(request).make_uow, today))
