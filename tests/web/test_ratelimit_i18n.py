"""The translation catalogue (rate limits: test_ratelimit.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netralitas.web.i18n import load_catalogue, parse_po, translator

WEB = Path(__file__).parents[2] / "src" / "netralitas" / "web"


def test_po_parser_reads_continued_lines_and_names_bad_lines() -> None:
    text = '# c\nmsgid "Halo {name}"\nmsgstr ""\n"Hello "\n"{name}"\n\nmsgid ""\nmsgstr "header"\n'
    assert parse_po(text) == {"Halo {name}": "Hello {name}"}
    with pytest.raises(ValueError, match=r"x\.po:2"):
        parse_po('msgid "a"\nbogus\n', source="x.po")


def test_translator_formats_and_falls_back_to_indonesian() -> None:
    assert translator("id")("Lapor") == "Lapor"
    assert translator("en")("Lapor") == "Report"
    assert translator("en")("Kalimat yang tidak ada") == "Kalimat yang tidak ada"


_T_CALL = re.compile(r"""\bt\(\s*(?P<q>["'])(?P<msg>.+?)(?P=q)\s*[,)]""")


def _used_messages() -> set[str]:
    used: set[str] = set()
    for path in [*WEB.rglob("*.html"), *WEB.rglob("*.py")]:
        used |= {m.group("msg") for m in _T_CALL.finditer(path.read_text(encoding="utf-8"))}
    return used


def test_every_interface_string_has_an_english_translation() -> None:
    used = _used_messages()
    assert len(used) > 20
    missing = sorted(used - set(load_catalogue("en")))
    assert missing == []


def test_pydantic_field_messages_read_in_indonesian() -> None:
    from netralitas.errors import ValidationError
    from netralitas.web.messages import indonesian, readable

    assert indonesian("String should have at least 10 characters") == "minimal 10 karakter"
    assert indonesian("Field required") == "wajib diisi"
    assert indonesian("Input should be a valid date or datetime, input is too short").startswith(
        "tanggal tidak sah"
    )
    error = ValidationError(
        "x",
        details={
            "fields": {"decree_on": "Field required", "form": "String should have at least 2 characters"}
        },
    )
    assert (
        readable(error).message
        == "Periksa isian — tanggal SK: wajib diisi; bentuk hukuman: minimal 2 karakter."
    )
