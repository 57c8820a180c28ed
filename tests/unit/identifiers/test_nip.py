from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas.errors import ValidationError
from netralitas.identifiers.nip import Sex, format_nip, is_valid_nip, normalise_nip, validate_nip


def test_parses_parts() -> None:
    parts = validate_nip("19850312 201001 1 003")
    assert parts.nip == "198503122010011003"
    assert parts.birth_on == date(1985, 3, 12)
    assert (parts.appointed_year, parts.appointed_month) == (2010, 1)
    assert parts.sex is Sex.MALE and parts.sequence == 3
    assert parts.formatted == "19850312 201001 1 003"
    assert validate_nip("19900101.201503.2.010").sex is Sex.FEMALE


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("", "nip_malformed"),
        ("19850312201001100", "nip_malformed"),
        ("1985031220100110031", "nip_malformed"),
        ("19850312201001100a", "nip_malformed"),
        ("１９８５０３１２２０１００１１００３", "nip_malformed"),  # full-width digits
        ("198502302010011003", "nip_birth_date_invalid"),  # 30 February
        ("192001012010011003", "nip_birth_date_invalid"),  # before 1930
        ("198503122010131003", "nip_appointment_invalid"),  # month 13
        ("198503121995011003", "nip_appointment_invalid"),  # appointed at 9
        ("198503122010013003", "nip_sex_invalid"),
        ("198503122010011000", "nip_sequence_invalid"),
    ],
)
def test_errors_have_codes_and_indonesian_messages(nip: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_nip(nip)
    assert info.value.code == code
    assert info.value.message.startswith("NIP tidak sah")
    assert info.value.details["field"] == "nip"
    assert not is_valid_nip(nip)


def test_future_dates_refused_only_with_today() -> None:
    nip = "200001012030011001"
    assert is_valid_nip(nip)
    with pytest.raises(ValidationError) as info:
        validate_nip(nip, today=date(2026, 1, 1))
    assert info.value.code == "nip_appointment_invalid"


@given(
    st.dates(min_value=date(1940, 1, 1), max_value=date(2005, 12, 31)),
    st.integers(18, 40),
    st.integers(1, 12),
    st.sampled_from("12"),
    st.integers(1, 999),
)
def test_any_well_formed_nip_roundtrips(birth: date, age: int, month: int, sex: str, seq: int) -> None:
    nip = f"{birth:%Y%m%d}{birth.year + age:04d}{month:02d}{sex}{seq:03d}"
    parts = validate_nip(format_nip(nip))
    assert parts.nip == nip and parts.birth_on == birth and parts.sequence == seq
    assert normalise_nip(f" {nip[:8]}-{nip[8:14]}.{nip[14]}/{nip[15:]} ") == nip
