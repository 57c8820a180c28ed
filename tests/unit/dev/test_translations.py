"""The gettext catalogues stay in step with the code: every message the code and templates use is
in the id and en catalogues (and nothing else), every English entry is translated (not fuzzy),
and the compiled .mo files say what the .po files say. `python -m tools.i18n update` fixes the
first and last; a person writes the English (docs/dev/translations.md)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from tools import i18n

from netralitas.web.i18n import LANGUAGES, catalogue_path, compile_po
from netralitas.web.message_tables import table_values


@pytest.fixture(scope="module")
def template() -> Catalog:
    return i18n.extract()


def _catalogue(lang: str) -> Catalog:
    found = i18n.read_catalogue(lang)
    assert found is not None, f"no catalogue for {lang}"
    return found


def test_extraction_finds_literals_plurals_and_label_tables(template: Catalog) -> None:
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    assert len(ids) > 500
    assert "Lapor" in ids  # t("...") in a template
    assert ("{n} kasus", "{n} kasus") in ids  # tn("...", "...", n)
    assert "hukuman disiplin berat" in ids  # rules.model.LEVEL_LABELS, shown through t(variable)
    assert "Perpindahan status" in ids  # web.casepage.EVENT_LABELS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_holds_exactly_the_extracted_messages(template: Catalog, lang: str) -> None:
    assert i18n.stale_messages(template, _catalogue(lang)) == []


def test_every_message_has_an_english_translation() -> None:
    assert i18n.untranslated(_catalogue("en")) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pybabel_compile_accepts_the_catalogue(lang: str) -> None:
    assert i18n.format_errors(_catalogue(lang)) == []


def test_english_plural_messages_have_both_forms() -> None:
    plurals = [m for m in _catalogue("en") if m.id and not isinstance(m.id, str)]
    assert plurals and all(len(m.string) == 2 and all(m.string) for m in plurals)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_is_current(lang: str) -> None:
    assert i18n.stale_mo(catalogue_path(lang), catalogue_path(lang, ".mo")) is None


# --- the checks above can fail ------------------------------------------------------------------

_PO = b"""msgid ""
msgstr ""
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Lapor"
msgstr "Report"

#, fuzzy
msgid "Kembali"
msgstr "Back"

msgid "Baru"
msgstr ""

msgid "{n} kasus"
msgid_plural "{n} kasus"
msgstr[0] "{n} case"
msgstr[1] ""
"""


def _read(text: bytes) -> Catalog:
    return read_po(BytesIO(text), locale="en")


def test_checks_report_untranslated_stale_and_uncompiled(tmp_path: Path) -> None:
    catalogue = _read(_PO)
    assert i18n.untranslated(catalogue) == ["Kembali", "Baru", "{n} kasus"]
    assert i18n.format_errors(catalogue) == []
    odd = _read(_PO)
    odd.add("potong 25% selama", "25% cut")  # Babel reads "% s" and "% c" as placeholders
    assert i18n.format_errors(odd) == [
        "'potong 25% selama': incompatible format for placeholder 1: 's' and 'c' are not compatible"
    ]
    template = Catalog(fuzzy=False)
    for message in ("Lapor", "Kembali", "Baru", "Tambahan"):
        template.add(message)
    template.add(("{n} kasus", "{n} berkas"))
    assert i18n.stale_messages(template, catalogue) == [
        "not in the catalogue: ('{n} kasus', '{n} berkas')",
        "not in the catalogue: 'Tambahan'",
        "no longer used: ('{n} kasus', '{n} kasus')",
    ]
    po, mo = tmp_path / "messages.po", tmp_path / "messages.mo"
    po.write_bytes(_PO)
    assert "missing" in (i18n.stale_mo(po, mo) or "")
    mo.write_bytes(compile_po(po))
    assert i18n.stale_mo(po, mo) is None
    po.write_bytes(_PO.replace(b'msgstr "Report"', b'msgstr "Report it"'))
    assert "out of date" in (i18n.stale_mo(po, mo) or "")


def test_legacy_flat_catalogue_fills_the_new_one() -> None:
    catalogue = _read(_PO)
    legacy = _read(
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "Lapor"\nmsgstr "File a report"\n\nmsgid "Kembali"\nmsgstr "Go back"\n\n'
        b'msgid "Baru"\nmsgstr "New"\n\nmsgid "{n} kasus"\nmsgstr "{n} cases"\n\n'
        b'msgid "Tidak dipakai"\nmsgstr "Unused"\n'
    )
    report = i18n.fold_legacy(catalogue, legacy)
    assert report == {
        "filled": ["Kembali", "Baru"],
        "replaced": [],
        "differs": ["Lapor"],
        "plural": ["{n} kasus"],
        "unused": ["Tidak dipakai"],
    }
    assert catalogue["Lapor"].string == "Report" and catalogue["Baru"].string == "New"
    assert not catalogue["Kembali"].fuzzy
    assert i18n.untranslated(catalogue) == ["{n} kasus"]  # a plural from legacy text stays fuzzy
    assert i18n.fold_legacy(catalogue, legacy, prefer_legacy=True)["replaced"] == ["Lapor"]
    assert catalogue["Lapor"].string == "File a report"


def test_legacy_text_of_a_now_plural_message_comes_in_fuzzy() -> None:
    catalogue = _read(_PO)
    legacy = _read(b'msgid "{n} kasus"\nmsgstr "{n} cases"\n')
    assert i18n.fold_legacy(catalogue, legacy)["plural"] == ["{n} kasus"]
    found = catalogue[("{n} kasus", "{n} kasus")]
    assert found.fuzzy and tuple(found.string) == ("{n} cases", "{n} cases")


def test_label_table_extraction_names_a_missing_table() -> None:
    source = 'A: dict[str, str] = {"x": "satu", "y": "dua"}\nB = {"z": "tiga", "w": 4}\n'
    assert list(table_values(source, ["A", "B"])) == [(1, "satu"), (1, "dua"), (2, "tiga")]
    with pytest.raises(ValueError, match="C"):
        list(table_values(source, ["A", "C"]))
