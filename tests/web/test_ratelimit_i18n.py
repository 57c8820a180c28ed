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
    """By pydantic's error types (never its English wording), in one module for every form."""
    from netralitas.cases.inputs import PpkDecisionCreate, parse_payload
    from netralitas.errors import ValidationError
    from netralitas.web.messages import readable

    with pytest.raises(ValidationError) as refused:
        parse_payload(
            PpkDecisionCreate,
            {"case_id": "c", "version": 1, "level": "light", "form": "x", "decree_number": "SK-1"},
        )
    error = refused.value
    assert error.details["codes"] == {"form": "string_too_short", "decree_on": "missing"}
    assert error.details["fields_en"]["decree_on"] == "Required."
    assert (
        readable(error).message
        == "Periksa isian — bentuk hukuman: minimal 2 karakter; tanggal SK: wajib diisi."
    )
