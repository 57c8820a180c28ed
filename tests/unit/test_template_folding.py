"""netralitas.web.templating: the per-language copies of the pages' environment compile
``t("a fixed text")`` as its translation (escaped like any output), leave every other call of
``t`` to run, never fold in a template that binds ``t`` itself, and keep one copy per language."""

from __future__ import annotations

from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, DictLoader, StrictUndefined

from netralitas.web.i18n import plural_translator, translator
from netralitas.web.session import SessionUser
from netralitas.web.templating import PageEnvironment, build_templates, templates_for
from netralitas.web.vocabulary import install as install_vocabulary

#: the English catalogue translates this one with an apostrophe (escaped as ``&#39;``)
REVEAL = "Buka identitas pelapor"


def _templates(sources: dict[str, str]) -> Jinja2Templates:
    env = PageEnvironment(loader=DictLoader(sources), autoescape=True, undefined=StrictUndefined)
    return Jinja2Templates(env=env)


class _Counting:
    """A ``t`` that tells whether it ran: what it returns is never the catalogue's translation."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, msgid: str, **values: Any) -> str:
        self.calls.append((msgid, values))
        return f"<run:{msgid}>"


def _render(templates: Jinja2Templates, lang: str, name: str, **context: Any) -> tuple[str, _Counting]:
    t = _Counting()
    html = templates_for(templates, lang).env.get_template(name).render(t=t, **context)
    return html, t


def test_fixed_texts_are_compiled_in_the_language_and_escaped() -> None:
    templates = _templates(
        {
            "page.html": (
                '<p title="{{ t(\'Buka identitas pelapor\') }}">{{ t("Buka identitas pelapor") }}</p>'
                '{{ t("Halaman {p} dari {n}", p=1, n=2) }}|{{ t(message) }}|{{ tn("x", "y", 2) }}'
            )
        }
    )
    html, t = _render(templates, "en", "page.html", message="Cari", tn=lambda *a: "&plural")
    assert html.startswith(
        '<p title="Reveal the reporter&#39;s identity">Reveal the reporter&#39;s identity</p>'
    )
    # a call with values and a call of a variable still run, and are escaped at run time
    assert "&lt;run:Halaman {p} dari {n}&gt;|&lt;run:Cari&gt;|&amp;plural" in html
    assert t.calls == [("Halaman {p} dari {n}", {"p": 1, "n": 2}), ("Cari", {})]
    indonesian, _ = _render(templates, "id", "page.html", message="Cari", tn=lambda *a: "")
    assert indonesian.startswith(f'<p title="{REVEAL}">{REVEAL}</p>')


def test_one_copy_per_language_and_none_for_others() -> None:
    templates = _templates({"page.html": '{{ t("Buka identitas pelapor") }}'})
    english, indonesian = templates_for(templates, "en"), templates_for(templates, "id")
    assert english is templates_for(templates, "en") and indonesian is not english
    assert _render(templates, "en", "page.html")[0] == "Reveal the reporter&#39;s identity"
    assert _render(templates, "id", "page.html")[0] == REVEAL  # not the English copy's template
    assert _render(templates, "en", "page.html")[0] == "Reveal the reporter&#39;s identity"
    assert templates_for(templates, "fr") is templates  # not a language offered: the plain one
    other = _templates({"page.html": "{{ t('Cari') }}"})  # another environment: copies of its own
    assert templates_for(other, "en") is not english and _render(other, "en", "page.html")[0] == "Search"
    # the shared environment itself folds nothing (a page given its own ``t`` is rendered there)
    t = _Counting()
    assert templates.env.get_template("page.html").render(t=t) == f"&lt;run:{REVEAL}&gt;"


def test_a_template_that_binds_t_itself_is_not_folded() -> None:
    binders = {
        "set.html": '{% set t = other %}{{ t("Buka identitas pelapor") }}',
        "for.html": '{% for t in [other] %}{{ t("Buka identitas pelapor") }}{% endfor %}',
        "macro.html": '{% macro m(t) %}{{ t("Buka identitas pelapor") }}{% endmacro %}{{ m(other) }}',
        "with.html": '{% with t = other %}{{ t("Buka identitas pelapor") }}{% endwith %}',
        "from.html": '{% from "lib.html" import x as t %}{{ t("Buka identitas pelapor") }}',
        "lib.html": "{% macro x(m) %}<lib:{{ m }}>{% endmacro %}",
    }
    templates = _templates(binders)
    other = lambda msgid: f"[{msgid}]"  # noqa: E731
    for name in ("set.html", "for.html", "macro.html", "with.html"):
        assert _render(templates, "en", name, other=other)[0] == f"[{REVEAL}]", name
    assert _render(templates, "en", "from.html", other=other)[0] == f"<lib:{REVEAL}>"


def test_the_package_templates_render_the_same_folded_or_not() -> None:
    """Every page of the package compiles in each language's copy, and a page of fixed texts
    on the package's base layout renders the same by the plain environment and the folded one."""
    templates = build_templates()
    install_vocabulary(templates.env)  # the filters the pages use, as ``create_app`` adds them
    names = templates.env.list_templates(filter_func=lambda n: n.endswith(".html"))
    source = {"page.html": '{% extends "base.html" %}{% block content %}{{ t("Cari") }}{% endblock %}'}
    assert templates.env.loader is not None
    templates.env.loader = ChoiceLoader([DictLoader(source), templates.env.loader])  # before the copies
    for lang in ("id", "en"):
        folded = templates_for(templates, lang).env
        for name in names:
            folded.get_template(name)
        for user in (None, SessionUser("u1", "Budi", "supervisor"), SessionUser("u2", "Sri", "admin")):
            context = {
                "lang": lang, "t": translator(lang), "tn": plural_translator(lang),
                "csrf_field": "csrf_token", "csrf_token": "tok&", "user": user,
                "switch_url": "/x?a=1&lang=en", "other_lang": "en",
            }  # fmt: skip
            plain = templates.env.get_template("page.html").render(context)
            assert folded.get_template("page.html").render(context) == plain
            assert ("Search" if lang == "en" else "Cari") in plain
