"""The API's documentation as a page served by the app itself (no CDN): every operation of
``app.openapi()`` with its parameters, body and answers, and a form to try the GET ones that
need no body; plus ``/favicon.ico`` for browsers that ask for it by that name."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from netralitas.web.routing import AppRoute
from netralitas.web.templating import render

router = APIRouter(route_class=AppRoute, include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict[str, Any] | None) -> str:
    """``#/components/schemas/Case`` -> ``Case`` (also inside arrays)."""
    if not schema:
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"{_ref_name(schema.get('items'))}[]"
    return str(schema.get("type", ""))


def _body(operation: dict[str, Any]) -> list[tuple[str, str]]:
    content = operation.get("requestBody", {}).get("content", {})
    return [(media, _ref_name(spec.get("schema"))) for media, spec in content.items()]


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per (path, method), in the spec's order."""
    found: list[dict[str, Any]] = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            params = [
                (p["name"], p.get("in", ""), bool(p.get("required")), _ref_name(p.get("schema")))
                for p in operation.get("parameters", [])
            ]
            answers = [
                (code, str(r.get("description", ""))) for code, r in operation.get("responses", {}).items()
            ]
            found.append({
                "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""), "params": params,
                "body": _body(operation), "answers": answers, "tags": operation.get("tags", []),
            })  # fmt: skip
    return found


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    context = {"info": spec.get("info", {}), "operations": operations(spec), "wide": True}
    return render(request, "api_docs.html", context)


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)
