from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.cases.public_report import ReportSubmission, parse_report_submission
from netralitas.errors import ValidationError
from netralitas.rules.engine import EmployeeType

TODAY = date(2024, 10, 20)


def make_form(**overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "description": "Camat mengunggah foto bersama pasangan calon sambil mengacungkan dua jari.",
        "act_on": "2024-10-10",
        "region_code": "3578",
        "person_position": "Camat",
    }
    form.update(overrides)
    return form


def refusal(form: dict[str, Any], today: date | None = TODAY) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_report_submission(form, today=today, elections=frozenset({"pilkada-2024", "pemilu-2024"}))
    assert info.value.code == "validation_error"
    details = info.value.details
    assert set(details["fields_en"]) == set(details["fields"]) == set(details["codes"])
    return info.value


def field_errors(form: dict[str, Any], today: date | None = TODAY) -> dict[str, str]:
    return dict(refusal(form, today).details["fields"])


def field_codes(form: dict[str, Any], today: date | None = TODAY) -> dict[str, str]:
    return dict(refusal(form, today).details["codes"])


def test_minimal_report_is_anonymous_by_default() -> None:
    report = parse_report_submission(make_form(), today=TODAY)
    assert report.anonymous and report.reporter is None
    assert report.region_code == "35.78" and report.act_on == date(2024, 10, 10)
    assert report.employee_type is EmployeeType.UNKNOWN and report.identity() is None
    assert report.person_nip is None and report.links == ()


def test_full_report() -> None:
    report = parse_report_submission(
        make_form(
            region_code="35.78.01",
            links=["https://m.facebook.com/story.php?story_fbid=1&id=2", "  "],
            person_name="Drs. Ahmad Yani",
            person_nip="19850312 201001 1 003",
            person_position="Camat",
            person_agency="Pemerintah Kota Surabaya",
            employee_type="pns",
            election_id="pilkada-2024",
            known_on="2024-10-11",
            anonymous=False,
            reporter={"name": "Siti", "contact": "  0812 "},
            place="",
        ),
        today=TODAY,
    )
    assert report.person_nip == "198503122010011003"
    assert report.links == ("https://m.facebook.com/story.php?story_fbid=1&id=2",)
    assert report.reporter is not None and report.reporter.contact == "0812"
    identity = report.identity()
    assert identity is not None and (identity.name, identity.contact) == ("Siti", "0812")
    assert report.place is None and report.region_code == "35.78.01"
    assert report.employee_type is EmployeeType.PNS


@pytest.mark.parametrize("field", ["ip_address", "user_agent", "remote_addr", "x_forwarded_for"])
def test_no_place_for_ip_or_user_agent(field: str) -> None:
    errors = field_errors(make_form(**{field: "203.0.113.9"}))
    assert "Alamat IP" in errors[field]
    assert not {"ip", "ip_address", "user_agent"} & set(ReportSubmission.model_fields)


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"description": "pendek"}, "description", "minimal 20 huruf"),
        ({"region_code": "99"}, "region_code", "Kode wilayah tidak dikenal"),
        ({"region_code": "35.7"}, "region_code", "Kode wilayah tidak dikenal"),
        ({"region_code": "abc"}, "region_code", "Kode wilayah tidak dikenal"),
        ({"act_on": "10/10/2024"}, "act_on", "TTTT-BB-HH"),
        ({"act_on": "2024-12-01"}, "act_on", "masa depan"),
        ({"act_on": "2013-12-31"}, "act_on", "sebelum 2014"),
        ({"act_on": None}, "act_on", "Isi tanggal kejadian"),
        ({"person_position": ""}, "person_name", "nama atau jabatan"),
        ({"links": ["javascript:alert(1)"]}, "links", "awali dengan https://"),
        ({"links": ["instagram.com/p/abc"]}, "links", "awali dengan https://"),
        ({"links": ["https://x.id/"] * 21}, "links", "Paling banyak 20"),
        ({"person_nip": "12345"}, "person_nip", "NIP tidak sah"),
        ({"person_nip": "198503122010013003"}, "person_nip", "angka ke-15"),
        ({"channel": "officer"}, "channel", "tidak dikenal"),
        ({"employee_type": "honorer"}, "employee_type", "Pilih salah satu"),
        ({"election_id": "Pilkada 2024"}, "election_id", "Pemilihan tidak dikenal"),
        ({"election_id": "pilkada-2031"}, "election_id", "Pemilihan tidak dikenal"),
        ({"person_name": "x" * 201}, "person_name", "Maksimal 200"),
        ({"reporter": {"name": "Siti", "phone": "1"}, "anonymous": False}, "reporter.phone", "tidak dikenal"),
    ],
)
def test_indonesian_message_per_field(overrides: dict[str, Any], field: str, fragment: str) -> None:
    errors = field_errors(make_form(**overrides))
    assert fragment in errors[field], errors


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("35", "35"),
        ("35 78", "35.78"),
        ("357801", "35.78.01"),
        ("35.78.01.1002", "35.78.01.1002"),
        ("3578011002", "35.78.01.1002"),
    ],
)
def test_region_codes_of_every_level_normalised(raw: str, code: str) -> None:
    assert parse_report_submission(make_form(region_code=raw)).region_code == code


def test_missing_required_fields_all_reported() -> None:
    assert field_codes({}) == {
        "description": "missing",
        "act_on": "act_on_missing",
        "region_code": "missing",
        "person_name": "person_missing",
    }


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"reporter": {"name": "Siti"}}, "reporter", "ditandai anonim"),
        ({"anonymous": False}, "reporter", "Isi nama atau kontak"),
        ({"anonymous": False, "reporter": {"name": " ", "contact": ""}}, "reporter", "Isi nama atau kontak"),
        ({"act_on": "2024-10-10", "known_on": "2024-10-01"}, "known_on", "sebelum tanggal kejadian"),
        ({"known_on": "2024-10-21"}, "known_on", "masa depan"),
    ],
)
def test_rules_across_fields(overrides: dict[str, Any], field: str, fragment: str) -> None:
    errors = field_errors(make_form(**overrides))
    assert fragment in errors[field], errors


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"description": "sepuluh ."}, "description", "description_too_short"),
        ({"act_on": "2013-06-01"}, "act_on", "date_too_old"),
        ({"act_on": "2024-10-21"}, "act_on", "date_in_future"),
        ({"known_on": "2024-10-01"}, "known_on", "known_before_act"),
        ({"person_position": None}, "person_name", "person_missing"),
        ({"person_nip": "12345"}, "person_nip", "nip_malformed"),
        ({"links": ["ftp://x.id/a"]}, "links", "link_invalid"),
        ({"region_code": "99"}, "region_code", "region_unknown"),
    ],
)
def test_each_rule_has_a_stable_code(overrides: dict[str, Any], field: str, code: str) -> None:
    assert field_codes(make_form(**overrides))[field] == code


def test_future_dates_only_checked_with_today() -> None:
    assert parse_report_submission(make_form(act_on="2030-01-01"), today=None).act_on == date(2030, 1, 1)


def test_frozen() -> None:
    report = parse_report_submission(make_form(), today=TODAY)
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its own error type
        report.description = "x"  # type: ignore[misc]


@settings(max_examples=40)
@given(
    st.dictionaries(
        st.sampled_from(["description", "act_on", "region_code", "links", "anonymous"]), st.text()
    )
)
def test_arbitrary_input_gives_domain_error_or_model(data: dict[str, Any]) -> None:
    try:
        parse_report_submission(data, today=TODAY)
    except ValidationError as error:
        assert error.details["fields"]
        assert all(isinstance(m, str) and m for m in error.details["fields"].values())
