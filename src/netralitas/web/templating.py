"""Jinja2 rendering with the request's language, CSRF token and signed-in user."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from netralitas import formats
from netralitas.identifiers.links import is_web_link
from netralitas.web.i18n import plural_translator, request_language, translator
from netralitas.web.session import CSRF_FIELD, csrf_token, session_user

TEMPLATE_DIR = Path(__file__).parent / "templates"


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates ship with the package and change only with a new release (a restart): no
        # stat() of every template file on every render.
        auto_reload=False,
    )
    # Older names of vocabulary's long_moment / long_day (same helper, the page's language).
    env.filters["wib"] = pass_context(lambda c, v: format_wib(v, str(c.get("lang", "id"))))
    env.filters["day"] = pass_context(lambda c, v, lang=None: format_day(v, lang or str(c.get("lang", "id"))))
    env.tests["web_link"] = is_web_link
    return Jinja2Templates(env=env)


def compile_all(templates: Jinja2Templates) -> int:
    """Compile every page template now (a production worker calls it before serving: its first
    visitors then do not wait for the compiler, ~0.4 s for all of them). Returns how many."""
    names = templates.env.list_templates(filter_func=lambda name: name.endswith(".html"))
    for name in names:
        templates.env.get_template(name)  # kept compiled: auto_reload is off
    return len(names)


def format_day(day: date | None, lang: str = "id") -> str:
    """``27 November 2024`` in the page's language (``formats.long_day``)."""
    return formats.long_day(day, lang)


def format_wib(moment: datetime | None, lang: str = "id") -> str:
    """An aware datetime in Jakarta time, in words (``formats.long_moment``)."""
    return formats.long_moment(moment, lang)


def switch_language_url(request: Request, lang: str) -> str:
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    params["lang"] = lang
    return f"{request.url.path}?{urlencode(params)}"


def page_context(request: Request) -> dict[str, Any]:
    ctx = request.app.state.ctx
    lang = request_language(request, ctx.settings.default_language)
    return {
        "request": request,
        "lang": lang,
        "t": translator(lang),
        "tn": plural_translator(lang),
        "csrf_field": CSRF_FIELD,
        "csrf_token": csrf_token(request),
        "user": session_user(request),
        "switch_url": switch_language_url(request, "en" if lang == "id" else "id"),
        "other_lang": "en" if lang == "id" else "id",
    }


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.ctx.templates
    full = page_context(request) | (context or {})
    return templates.TemplateResponse(request, name, full, status_code=status_code)
