"""Translations at run time (the catalogues themselves: tests/unit/dev/test_translations.py;
rate limits: test_ratelimit.py)."""

from __future__ import annotations

import pytest

from netralitas.web.i18n import load_catalogue, plural_translator, translator


def test_translator_formats_and_falls_back_to_indonesian() -> None:
    assert translator("id")("Lapor") == "Lapor"
    assert translator("en")("Lapor") == "Report"
    assert translator("en")("Kalimat yang tidak ada") == "Kalimat yang tidak ada"
    assert translator("en")("Halaman {p} dari {n}", p=2, n=5) == "Page 2 of 5"
    assert translator("xx")("Lapor") == "Lapor"  # an unknown language reads Indonesian
    assert translator("en")("") == ""  # never the catalogue's header
    assert load_catalogue("en")["Lapor"] == "Report" and load_catalogue("id") == {}


def test_plural_forms_follow_each_language() -> None:
    en, id_ = plural_translator("en"), plural_translator("id")
    assert en("{n} kasus", "{n} kasus", 1) == "1 case"
    assert en("{n} kasus", "{n} kasus", 0) == "0 cases"
    assert en("{n} kasus", "{n} kasus", 1234) == "1,234 cases"
    assert en("lewat {n} hari", "lewat {n} hari", 1) == "1 day late"
    assert id_("{n} kasus", "{n} kasus", 1) == "1 kasus"
    assert id_("{n} kasus", "{n} kasus", 1234) == "1.234 kasus"  # one form, Indonesian grouping
    assert en("Belum ada {n} kata", "Belum ada {n} kata", 3) == "Belum ada 3 kata"  # untranslated


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
