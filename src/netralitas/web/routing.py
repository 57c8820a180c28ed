"""The route class of every router of the app: each route gets the app-wide request checks as
dependencies, the CSRF check only where it can apply.

The checks were app-wide dependencies of ``FastAPI(dependencies=...)``, which every request paid
for, the CSRF check included: an async-generator dependency (it closes the parsed form after the
response), ~3% of the Python calls of an officer page that only has to skip it. Declared per
route, safe methods (GET, HEAD) do not carry it; unsafe methods get it first, as before, and then
the hostile-input check. ``tests/web/test_routing.py`` checks that every router uses this class
and every unsafe route carries the CSRF check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import Depends
from fastapi.params import Depends as DependsParam
from fastapi.routing import APIRoute

from netralitas.web.input_guard import refuse_hostile_input
from netralitas.web.security import UNSAFE_METHODS, verify_csrf


class AppRoute(APIRoute):
    """An ``APIRoute`` whose dependencies start with the app-wide checks for its methods."""

    def __init__(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        dependencies: Sequence[DependsParam] | None = None,
        methods: set[str] | list[str] | None = None,
        **options: Any,
    ) -> None:
        unsafe = any(m.upper() in UNSAFE_METHODS for m in methods or ())
        checks = [Depends(verify_csrf)] if unsafe else []
        checks.append(Depends(refuse_hostile_input))
        checks.extend(dependencies or ())
        super().__init__(path, endpoint, dependencies=checks, methods=methods, **options)
