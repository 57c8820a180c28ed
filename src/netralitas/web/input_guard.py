"""One guard for every request: text that no field may hold, numbers that no column can hold.

PostgreSQL refuses NUL in text (SQLite stores it), a lone surrogate cannot be encoded as UTF-8,
and other control characters have no place in a report, a name or a search; an integer beyond
64 bits overflows every SQL integer column. Rather than checking field by field, the app-wide
dependency :func:`refuse_hostile_input` looks at the path parameters, the query string, the form
fields and the JSON body of every request before its route runs, and answers with one clear
Indonesian 422 naming the field. The public report form (``SOFT_PATHS``) gets the problems
instead, so it can show them beside the fields and keep everything typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from netralitas.errors import ValidationError

#: C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
DISALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: An integer written in full (optional sign); anything longer than 64 bits is refused.
INTEGER = re.compile(r"[+-]?\d{19,}")
INT64_MAX = 2**63 - 1
#: Forms that show the problems beside their fields instead of an error page.
SOFT_PATHS = frozenset({"/lapor"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

#: (field, Indonesian, English) for one refused value.
Problem = tuple[str, str, str]


def text_problem(name: str, value: str) -> Problem | None:
    """Why ``value`` may not be stored in field ``name``, or None."""
    found = DISALLOWED.search(value)
    if found is not None:
        code = f"U+{ord(found.group()):04X}"
        return (
            name,
            f"Isian memuat karakter kendali yang tidak diizinkan ({code}); hapus lalu kirim lagi.",
            f"The field contains a control character that is not allowed ({code}); remove it and retry.",
        )
    if INTEGER.fullmatch(value.strip()) and abs(int(value)) > INT64_MAX:
        return name, "Angka terlalu besar.", "The number is too large."
    return None


def number_problem(name: str, value: int) -> Problem | None:
    if abs(value) > INT64_MAX:
        return name, "Angka terlalu besar.", "The number is too large."
    return None


def strip_disallowed(value: str) -> str:
    """The text without the characters no field may hold (to show a refused form again)."""
    return DISALLOWED.sub("", value)


def _json_items(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key}" if path else str(key), str(key)
            yield from _json_items(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_items(item, f"{path}[{index}]")
    else:
        yield path or "body", value


def json_problems(value: Any) -> list[Problem]:
    problems: list[Problem] = []
    for name, item in _json_items(value, ""):
        found = None
        if isinstance(item, str):
            found = text_problem(name, item)
        elif isinstance(item, int) and not isinstance(item, bool):
            found = number_problem(name, item)
        if found is not None:
            problems.append(found)
    return problems


def pairs_problems(pairs: Iterator[tuple[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    for name, value in pairs:
        if isinstance(value, UploadFile):
            continue
        found = text_problem(name, name) or text_problem(name, str(value))
        if found is not None:
            problems.append(found)
    return problems


async def request_problems(request: Request) -> list[Problem]:
    """Every refused value of the request: path, query, form or JSON body."""
    problems = pairs_problems(iter(request.path_params.items()))
    problems += pairs_problems(iter(request.query_params.multi_items()))
    content_type = request.headers.get("content-type", "")
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if content_type.startswith(FORM_TYPES):
            problems += pairs_problems(iter((await request.form()).multi_items()))
        elif "json" in content_type:
            problems += json_problems(_parsed_json(await request.body()))
    return problems


def _parsed_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:  # malformed JSON is the route's (FastAPI's) to refuse
        return None


def refused(problems: list[Problem]) -> ValidationError:
    first_name, first_id, first_en = problems[0]
    return ValidationError(
        f"Isian '{first_name}' tidak dapat diterima: {first_id}",
        message_en=f"The field '{first_name}' cannot be accepted: {first_en}",
        code="input_not_allowed",
        details={"fields": {name: message for name, message, _ in problems}, "field": first_name},
    )


async def refuse_hostile_input(request: Request) -> None:
    """App-wide dependency: raise a 422 ``input_not_allowed`` before the route runs."""
    problems = await request_problems(request)
    if not problems:
        return
    if request.method == "POST" and request.url.path in SOFT_PATHS:
        request.state.input_problems = {name: (message, en) for name, message, en in problems}
        return
    raise refused(problems)


def soft_problems(request: Request) -> Mapping[str, tuple[str, str]]:
    """The problems recorded for a soft form (empty when there were none)."""
    found = getattr(request.state, "input_problems", None)
    return found if isinstance(found, dict) else {}
