"""Routers are included busiest first (``web.app._include_routes``), which is only a question of
speed as long as no two routes of different routers can answer the same request: this checks it
for every router module, so a new route that would shadow (or be shadowed by) another router's
route fails here instead of depending on the inclusion order."""

from __future__ import annotations

import importlib
import pkgutil
from itertools import combinations

from starlette.routing import BaseRoute, Route

import netralitas.web.routes as routes_package


def _routers() -> dict[str, list[tuple[str, frozenset[str]]]]:
    found: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for info in pkgutil.iter_modules(routes_package.__path__):
        module = importlib.import_module(f"{routes_package.__name__}.{info.name}")
        router = getattr(module, "router", None)
        if router is None:
            continue
        entries: list[BaseRoute] = list(router.routes)
        found[info.name] = [(r.path, frozenset(r.methods or ())) for r in entries if isinstance(r, Route)]
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
