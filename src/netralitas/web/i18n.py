"""Interface language: Indonesian first, English through gettext catalogues (Babel).

Every user-facing string goes through ``t("Indonesian text", **values)``, and a count through
``tn("singular", "plural", n, **values)``. The message id *is* the Indonesian text. The catalogues
live in ``locale/<lang>/LC_MESSAGES/messages.po`` (``id`` and ``en``) and are compiled to ``.mo``
at install (``setup.py``) or by ``python -m tools.i18n compile``; docs/dev/translations.md tells
how to add a message. When a ``.mo`` is missing or older than its ``.po`` (a fresh clone, an edit
not compiled yet), the ``.po`` is compiled in memory, so a page never shows stale text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.requests import Request

from netralitas.formats import number

LANGUAGES = ("id", "en")
LANG_COOKIE = "lang"
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent / "locale"

Translate = Callable[..., str]


def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalogue (fuzzy entries left out, as ``pybabel compile``)."""
    with po.open("rb") as source:
        catalogue = read_po(source)
    out = BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


@cache
def load_translations(lang: str) -> Translations:
    """The compiled catalogue of ``lang`` (Indonesian for anything unknown)."""
    po = catalogue_path(lang if lang in LANGUAGES else "id")
    mo = po.with_suffix(".mo")
    fresh = mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime
    data = mo.read_bytes() if fresh else compile_po(po)
    return Translations(BytesIO(data), domain=DOMAIN)


def load_catalogue(lang: str) -> Mapping[str, str]:
    """The translated single-form messages of ``lang`` as ``{msgid: text}`` (tests and tools)."""
    with catalogue_path(lang if lang in LANGUAGES else "id").open("rb") as source:
        catalogue = read_po(source)
    return {
        m.id: m.string
        for m in catalogue
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def translator(lang: str) -> Translate:
    """``t(msgid, **values)``: the translation (or the Indonesian id), formatted with ``values``."""
    gettext = load_translations(lang).gettext

    def t(msgid: str, **values: Any) -> str:
        text = gettext(msgid) if msgid else msgid
        return text.format(**values) if values else text

    return t


def plural_translator(lang: str) -> Translate:
    """``tn(singular, plural, n, **values)``: the form for ``n`` in ``lang``; ``{n}`` reads with
    the language's digit grouping ("1.234 kasus", "1,234 cases")."""
    ngettext = load_translations(lang).ngettext

    def tn(singular: str, plural: str, n: int, **values: Any) -> str:
        return ngettext(singular, plural, n).format(**({"n": number(n, lang)} | values))

    return tn


def request_language(request: Request, default: str = "id") -> str:
    """``?lang=`` wins, then the ``lang`` cookie, then the configured default."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return default if default in LANGUAGES else "id"


def N_(msgid: str) -> str:
    """Mark a message for extraction where it is defined; ``t()`` translates it where shown."""
    return msgid
