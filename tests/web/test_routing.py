"""Routers are included busiest first (``web.app._include_routes``), which is only a question of
speed as long as no two routes of different routers can answer the same request: this checks it
for every router module, so a new route that would shadow (or be shadowed by) another router's
route fails here instead of depending on the inclusion order."""

from __future__ import annotations

import importlib
import pkgutil
from itertools import combinations

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Route

import netralitas.web.routes as routes_package
from netralitas.web.input_guard import refuse_hostile_input
from netralitas.web.routing import AppRoute
from netralitas.web.security import UNSAFE_METHODS, verify_csrf


def _router_modules() -> dict[str, APIRouter]:
    found: dict[str, APIRouter] = {}
    for info in pkgutil.iter_modules(routes_package.__path__):
        module = importlib.import_module(f"{routes_package.__name__}.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found[info.name] = router
    return found


def _routers() -> dict[str, list[tuple[str, frozenset[str]]]]:
    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for name, router in _router_modules().items():
        entries: list[BaseRoute] = list(router.routes)
        found[name] = [(r.path, frozenset(r.methods or ())) for r in entries if isinstance(r, Route)]
    return found


def _may_match_same(a: str, b: str) -> bool:
    """Whether some request path could match both templates (a ``{...}`` segment matches any
    segment; a ``:path`` converter any rest)."""
    left, right = a.strip("/").split("/"), b.strip("/").split("/")
    if any(":path}" in s for s in (*left, *right)):
        return True
    if len(left) != len(right):
        return False
    return all(x == y or "{" in x or "{" in y for x, y in zip(left, right, strict=True))


def test_overlap_check_sees_overlaps() -> None:
    assert _may_match_same("/petugas/kasus/{case_id}", "/petugas/kasus/baru")
    assert _may_match_same("/t/{token}", "/t/abc")
    assert not _may_match_same("/petugas/kasus/{case_id}", "/petugas/sk/{decision_id}")
    assert not _may_match_same("/petugas", "/petugas/{x}")


def test_no_two_routers_answer_the_same_request() -> None:
    routers = _routers()
    assert {"officer", "console", "report", "public", "api"} <= set(routers)
    clashes = [
        (one, path, other, other_path)
        for (one, mine), (other, theirs) in combinations(routers.items(), 2)
        for path, methods in mine
        for other_path, other_methods in theirs
        if methods & other_methods and _may_match_same(path, other_path)
    ]
    assert clashes == []


def test_every_route_carries_the_app_wide_checks_for_its_methods() -> None:
    """CSRF on every unsafe method (first, as the app-wide dependency had it), the hostile-input
    check on every route, neither skipped by a router made without ``AppRoute``."""
    routers = _router_modules()
    assert {name for name, r in routers.items() if r.route_class is not AppRoute} == set()
    unsafe = safe = 0
    for router in routers.values():
        for route in router.routes:
            assert isinstance(route, AppRoute), route
            calls = [d.dependency for d in route.dependencies]
            if (route.methods or set()) & UNSAFE_METHODS:
                assert calls[:2] == [verify_csrf, refuse_hostile_input], route.path
                unsafe += 1
            else:
                assert verify_csrf not in calls and calls[0] is refuse_hostile_input, route.path
                safe += 1
    assert unsafe > 40 and safe > 40


def test_a_route_added_later_gets_the_checks() -> None:
    router = APIRouter(route_class=AppRoute)

    @router.post("/x")
    def post_x() -> None: ...

    @router.get("/y")
    def get_y() -> None: ...

    post, get = (r for r in router.routes if isinstance(r, APIRoute))
    assert [d.call for d in post.dependant.dependencies][:2] == [verify_csrf, refuse_hostile_input]
    assert [d.call for d in get.dependant.dependencies] == [refuse_hostile_input]


def test_routes_added_on_the_app_itself_get_the_checks() -> None:
    from netralitas.config import Settings
    from netralitas.web.app import create_app

    app = create_app(Settings(_env_file=None))

    @app.post("/probe")
    def probe() -> None: ...

    added = next(r for r in app.router.routes if isinstance(r, APIRoute) and r.path == "/probe")
    assert isinstance(added, AppRoute)
    assert [d.call for d in added.dependant.dependencies][:2] == [verify_csrf, refuse_hostile_input]
