"""The sanction forms a PPK decision picks from: the ladder in force on the act's date for the
person's employee type; 'lainnya' needs a typed form and a reason."""

from __future__ import annotations

from datetime import date

import pytest
from tests.factories import make_kit

from netralitas.cases.sanction_forms import OTHER, choose_form, forms_in_force
from netralitas.errors import ValidationError


def test_the_ladder_follows_the_act_date_and_the_employee_type() -> None:
    kit = make_kit()
    pns_2024 = forms_in_force(kit, "pns", date(2024, 10, 1))
    pns_2015 = forms_in_force(kit, "pns", date(2015, 3, 1))
    labels_2024 = {f.label for f in pns_2024 if f.level == "moderate"}
    labels_2015 = {f.label for f in pns_2015 if f.level == "moderate"}
    assert "Pemotongan tunjangan kinerja 25% selama 6 bulan" in labels_2024
    assert "Penundaan kenaikan gaji berkala selama 1 tahun" in labels_2015
    assert not labels_2024 & labels_2015
    assert all(f.citation.startswith("PP 94/2021") for f in pns_2024 if f.level == "moderate")
    assert {f.level for f in pns_2024} >= {"moral", "light", "moderate", "heavy", "ptdh"}
    pppk = forms_in_force(kit, "pppk", date(2024, 10, 1))
    assert all(f.code.split("/")[0].endswith("pppk") for f in pppk)
    unknown = {f.code for f in forms_in_force(kit, "unknown", date(2024, 10, 1))}
    assert unknown == {f.code for f in pns_2024} | {f.code for f in pppk}
    assert len({f.code for f in pns_2024}) == len(pns_2024)


def test_a_code_of_the_level_gives_its_label() -> None:
    forms = forms_in_force(make_kit(), "pns", date(2024, 10, 1))
    heavy = next(f for f in forms if f.level == "heavy")
    chosen = choose_form(forms, "heavy", heavy.code, "ignored text", None)
    assert (chosen.form, chosen.code, chosen.other_reason) == (heavy.label, heavy.code, None)


def test_a_typed_label_is_matched_and_anything_else_refused() -> None:
    forms = forms_in_force(make_kit(), "pns", date(2024, 10, 1))
    chosen = choose_form(forms, "light", None, "  teguran   TERTULIS ", None)
    assert chosen.form == "Teguran tertulis" and chosen.code is not None
    with pytest.raises(ValidationError) as refused:
        choose_form(forms, "light", None, "Teguran keras", None)
    assert refused.value.details["field"] == "form_code"


@pytest.mark.parametrize(
    ("code", "field"), [("discipline_pns/2021-08-31/light/1", "form_code"), ("nope", "form_code")]
)
def test_a_code_of_another_level_or_unknown_is_refused(code: str, field: str) -> None:
    forms = forms_in_force(make_kit(), "pns", date(2024, 10, 1))
    with pytest.raises(ValidationError) as refused:
        choose_form(forms, "heavy", code, None, None)
    assert refused.value.details["field"] == field


def test_other_needs_a_form_and_a_reason() -> None:
    forms = forms_in_force(make_kit(), "pns", date(2024, 10, 1))
    with pytest.raises(ValidationError) as no_reason:
        choose_form(forms, "heavy", OTHER, "Mutasi", "singkat")
    assert no_reason.value.details["field"] == "form_other_reason"
    with pytest.raises(ValidationError) as no_form:
        choose_form(forms, "heavy", OTHER, "", "Alasan yang cukup panjang")
    assert no_form.value.details["field"] == "form"
    chosen = choose_form(forms, "heavy", OTHER, "Mutasi", "Alasan yang cukup panjang")
    assert (chosen.form, chosen.code, chosen.other_reason) == ("Mutasi", OTHER, "Alasan yang cukup panjang")


def test_not_proven_and_levels_without_forms_keep_the_text() -> None:
    forms = forms_in_force(make_kit(), "pns", date(2024, 10, 1))
    assert choose_form(forms, "none", None, "Tidak terbukti", None).code is None
    assert (
        choose_form(forms, "criminal", None, "Diteruskan ke Gakkumdu", None).form == "Diteruskan ke Gakkumdu"
    )
    with pytest.raises(ValidationError):
        choose_form(forms, "none", None, "", None)
