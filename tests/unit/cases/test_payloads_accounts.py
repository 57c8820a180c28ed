from __future__ import annotations

import pytest
from tests.unit.cases.fakes import SLEMAN, actor, make_kit, make_store

from netralitas.cases.accounts import authenticate, create_user
from netralitas.cases.payloads import CaseOpen, UserCreate, parse_payload
from netralitas.cases.roles import Role
from netralitas.errors import ConflictError, PermissionDeniedError, ValidationError

GOOD = {"description": "Kepala dinas berorasi di deklarasi calon bupati.", "region_code": "3404"}


def test_region_codes_are_checked_and_normalised() -> None:
    assert parse_payload(CaseOpen, GOOD).region_code == "34.04"
    with pytest.raises(ValidationError) as err:
        parse_payload(CaseOpen, {**GOOD, "region_code": "99.99"})
    assert "region_code" in err.value.details["fields"]


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        parse_payload(
            CaseOpen, {"description": "pendek", "links": ["ftp://x"], "employee_type": "honorer", "extra": 1}
        )
    assert set(err.value.details["fields"]) == {"description", "links", "employee_type", "extra"}


def test_blank_optional_fields_become_none_and_blank_links_vanish() -> None:
    parsed = parse_payload(
        CaseOpen, {**GOOD, "agency_id": " ", "person_nip": "", "links": ["", "https://x.id/a"]}
    )
    assert (parsed.agency_id, parsed.person_nip, parsed.links) == (None, None, ("https://x.id/a",))


def _user(**kw: object) -> UserCreate:
    base: dict[str, object] = {
        "username": "ppk.sleman",
        "display_name": "Bupati Sleman",
        "role": "ppk",
        "password": "sandi-yang-panjang",
        "agency_id": SLEMAN.id,
        "region_code": "34.04",
    }
    base.update(kw)
    return parse_payload(UserCreate, base)


def test_accounts_are_created_by_admins_and_authenticate() -> None:
    store, kit = make_store(), make_kit()
    with pytest.raises(PermissionDeniedError):
        create_user(store.unit_of_work(), kit, actor(Role.SUPERVISOR), _user())
    with pytest.raises(ValidationError):
        create_user(store.unit_of_work(), kit, None, _user(agency_id=""))
    user = create_user(store.unit_of_work(), kit, actor(Role.ADMIN), _user())
    assert "sandi" not in user.password_hash
    with pytest.raises(ConflictError) as err:
        create_user(store.unit_of_work(), kit, None, _user())
    assert err.value.code == "username_taken"
    who = authenticate(store.unit_of_work(), kit, "ppk.sleman", "sandi-yang-panjang")
    assert who is not None and (who.role, who.agency_id, who.region_code) == (Role.PPK, SLEMAN.id, "34.04")
    assert authenticate(store.unit_of_work(), kit, "ppk.sleman", "salah-sandi-nya") is None
    assert authenticate(store.unit_of_work(), kit, "tidak.ada", "sandi-yang-panjang") is None
