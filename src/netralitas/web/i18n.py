"""Interface language: Indonesian first, English through a tiny gettext-style catalogue.

Every user-facing string goes through :func:`translator`'s ``t()``. The message id *is* the
Indonesian text; ``locale/en.po`` maps it to English. The loader reads the plain subset of the PO
format that the catalogue uses (``msgid``/``msgstr`` with continued quoted lines and comments).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from starlette.requests import Request

LANGUAGES = ("id", "en")
LANG_COOKIE = "lang"
_LOCALE_DIR = Path(__file__).parent / "locale"

Translate = Callable[..., str]


def parse_po(text: str, *, source: str = "<po>") -> dict[str, str]:
    """Parse ``msgid``/``msgstr`` pairs; raise ``ValueError`` naming the line on malformed input."""
    entries: dict[str, str] = {}
    current: dict[str, list[str]] = {}
    field: str | None = None

    def flush() -> None:
        if "msgid" in current and "msgstr" in current:
            msgid = "".join(current["msgid"])
            if msgid:
                entries[msgid] = "".join(current["msgstr"])
        current.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgid", "msgstr"):
            if keyword == "msgid":
                flush()
            field = keyword
            line = rest.strip()
        if field is None or not (line.startswith('"') and line.endswith('"')):
            raise ValueError(f"{source}:{number}: baris PO tidak dikenal: {raw!r}")
        current.setdefault(field, []).append(ast.literal_eval(line))
    flush()
    return entries


@cache
def load_catalogue(lang: str) -> Mapping[str, str]:
    """The translations for ``lang``; Indonesian is the identity."""
    if lang == "id":
        return {}
    path = _LOCALE_DIR / f"{lang}.po"
    return parse_po(path.read_text(encoding="utf-8"), source=str(path))


def translator(lang: str) -> Translate:
    """Return ``t(msgid, **values)`` for ``lang``: translation (or the Indonesian id), formatted."""
    messages = load_catalogue(lang if lang in LANGUAGES else "id")

    def t(msgid: str, **values: Any) -> str:
        text = messages.get(msgid) or msgid
        return text.format(**values) if values else text

    return t


def request_language(request: Request, default: str = "id") -> str:
    """``?lang=`` wins, then the ``lang`` cookie, then the configured default."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return default if default in LANGUAGES else "id"
