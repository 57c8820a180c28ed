"""Jinja2 rendering with the request's language, CSRF token and signed-in user."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, nodes, pass_context, select_autoescape
from jinja2.visitor import NodeTransformer
from starlette.requests import Request
from starlette.responses import HTMLResponse

from netralitas import formats
from netralitas.identifiers.links import is_web_link
from netralitas.web.i18n import LANGUAGES, Translate, plural_translator, request_language, translator
from netralitas.web.session import CSRF_FIELD, csrf_token, session_user

TEMPLATE_DIR = Path(__file__).parent / "templates"


class _FoldTranslations(NodeTransformer):
    """``t("a literal")`` (one constant string, no values) becomes the literal's translation."""

    def __init__(self, t: Translate) -> None:
        self.t = t

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        call = self.generic_visit(node)
        assert isinstance(call, nodes.Call)
        target, args = call.node, call.args
        if (
            isinstance(target, nodes.Name)
            and target.name == "t"
            and len(args) == 1
            and isinstance(args[0], nodes.Const)
            and isinstance(args[0].value, str)
            and not call.kwargs
            and call.dyn_args is None
            and call.dyn_kwargs is None
        ):
            return nodes.Const(self.t(args[0].value), lineno=call.lineno, environment=call.environment)
        return call


def _binds_t(tree: nodes.Template) -> bool:
    """Whether the template gives the name ``t`` a value of its own anywhere (``set``, ``for``,
    ``with``, a macro's or call block's parameter, an import): then no call of it is folded."""
    if any(n.name == "t" and n.ctx != "load" for n in tree.find_all(nodes.Name)):
        return True
    for imported in tree.find_all((nodes.Import, nodes.FromImport)):
        if isinstance(imported, nodes.Import) and imported.target == "t":
            return True
        if isinstance(imported, nodes.FromImport) and any(
            (n[1] if isinstance(n, tuple) else n) == "t" for n in imported.names
        ):
            return True
    return False


class PageEnvironment(Environment):
    """The pages' Jinja environment. Its per-language copies (``templates_for``) translate the
    templates' fixed texts once, when a template is compiled: ``{{ t("Antrean") }}`` is compiled
    as the text ``Antrean`` or ``Queue``, escaped like any output, instead of a call of ``t`` on
    every render (a page has 20-60 of them). A call with values (``t("... {n}", n=...)``), of a
    variable (``t(error)``), or of ``tn`` is left to run as before, and so is every call in a
    template that binds ``t`` itself. Pages are rendered with the ``t`` of the request's language
    (``page_context``), which is the function the copy of that language folded with."""

    #: the language whose fixed texts this copy folds in (None: the shared environment, no folding)
    folded_language: str | None = None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        if self.folded_language is None or _binds_t(tree):
            return tree
        folded = _FoldTranslations(translator(self.folded_language)).visit(tree)
        assert isinstance(folded, nodes.Template)
        return folded


def templates_for(templates: Jinja2Templates, lang: str) -> Jinja2Templates:
    """The templates whose fixed texts are already in ``lang`` (``PageEnvironment``); the given
    ones for an environment of another kind or a language not offered."""
    env = templates.env
    if not isinstance(env, PageEnvironment) or lang not in LANGUAGES:
        return templates
    # the copy per language, made on first use and kept by the environment (its copies share the
    # dict: ``overlay`` copies the attributes)
    copies: dict[str, Jinja2Templates] = env.__dict__.setdefault("by_language", {})
    found = copies.get(lang)
    if found is None:
        copy = env.overlay(cache_size=_TEMPLATE_CACHE)  # a cache of its own: not the base's templates
        copy.folded_language = lang
        found = copies.setdefault(lang, Jinja2Templates(env=copy))
    return found


#: compiled templates kept per environment (Jinja's default is 400; the package has fewer)
_TEMPLATE_CACHE = 400


def build_templates() -> Jinja2Templates:
    env = PageEnvironment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates ship with the package and change only with a new release (a restart): no
        # stat() of every template file on every render.
        auto_reload=False,
        cache_size=_TEMPLATE_CACHE,
    )
    # Older names of vocabulary's long_moment / long_day (same helper, the page's language).
    env.filters["wib"] = pass_context(lambda c, v: format_wib(v, str(c.get("lang", "id"))))
    env.filters["day"] = pass_context(lambda c, v, lang=None: format_day(v, lang or str(c.get("lang", "id"))))
    env.tests["web_link"] = is_web_link
    return Jinja2Templates(env=env)


def compile_all(templates: Jinja2Templates) -> int:
    """Compile every page template now (a production worker calls it before serving: its first
    visitors then do not wait for the compiler, ~0.4 s per language). Returns how many templates."""
    names = templates.env.list_templates(filter_func=lambda name: name.endswith(".html"))
    for lang in LANGUAGES:  # the pages are rendered by the copy of their language
        env = templates_for(templates, lang).env
        for name in names:
            env.get_template(name)  # kept compiled: auto_reload is off
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
    chrome = page_context(request)
    full = chrome | (context or {})
    templates: Jinja2Templates = request.app.state.ctx.templates
    if context is None or "t" not in context:  # the fixed texts folded in the language of ``t``
        templates = templates_for(templates, chrome["lang"])
    return templates.TemplateResponse(request, name, full, status_code=status_code)
