"""Glue between the oversight routes and the facts: the engine, the sync before each read, the
names of regions and agencies, and the filter parsing against what exists."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TypeVar

from sqlalchemy import Connection, Engine, select
from starlette.requests import Request

from netralitas.analytics.dashboard import Names
from netralitas.analytics.filters import FieldError, OversightFilter, parse_filter
from netralitas.analytics.maps import known_codes as map_codes
from netralitas.composition import Backend
from netralitas.db import models as m
from netralitas.db.analytics_queries import SqlFacts, engine_of, sync_facts
from netralitas.rules.catalogue import Catalogue, default_catalogue
from netralitas.web.context import get_ctx
from netralitas.web.regions import known_codes, region_name

T = TypeVar("T")


def backend_engine(backend: Backend) -> Engine:
    return engine_of(backend.make_uow)


def catalogue_of(backend: Backend) -> Catalogue:
    """The rules catalogue behind the kit (the kit types it by the narrow port the cases use)."""
    found = backend.kit.catalogue
    return found if isinstance(found, Catalogue) else default_catalogue()


def classifier(backend: Backend) -> Callable[[str], str | None]:
    catalogue = catalogue_of(backend)

    def classify(text: str) -> str | None:
        found = catalogue.position_for(text)
        return found.id if found else None

    return classify


def read_facts(request: Request, work: Callable[[SqlFacts], T]) -> T:
    """Bring the facts up to date (one short write transaction), then read them in another."""
    ctx = get_ctx(request)
    engine = backend_engine(ctx.backend)
    with engine.begin() as conn:
        sync_facts(conn, classifier(ctx.backend), ctx.clock.now())
    with engine.connect() as conn:
        return work(SqlFacts(conn))


def agency_names(conn: Connection) -> dict[str, str]:
    t = m.Agency.__table__
    return {a: n for a, n in conn.execute(select(t.c.id, t.c.name))}


@cache
def all_region_codes() -> frozenset[str]:
    return known_codes() | map_codes("provinsi") | map_codes("kabkota")


def names_with(agencies: Mapping[str, str]) -> Names:
    def agency(key: str) -> str:
        return agencies.get(key, key)

    def region(code: str) -> str:
        return region_name(code) if code else "Wilayah belum diketahui"

    return Names(region=region, agency=agency)


def parse_request_filter(
    request: Request, agencies: Mapping[str, str]
) -> tuple[OversightFilter, tuple[FieldError, ...]]:
    params = {k: v for k, v in request.query_params.items()}
    catalogue = catalogue_of(get_ctx(request).backend)
    return parse_filter(params, elections=catalogue.elections, regions=all_region_codes(), agencies=agencies)


def load_agencies(request: Request) -> dict[str, str]:
    with backend_engine(get_ctx(request).backend).connect() as conn:
        return agency_names(conn)
