from __future__ import annotations

from dataclasses import replace

import pytest
from tests.factories import SLEMAN, actor, make_kit, make_store

from netralitas.cases.accounts import (
    actor_of,
    authenticate,
    change_password,
    create_user,
    session_is_current,
    set_user_active,
    update_user,
)
from netralitas.cases.inputs import CaseOpen, ScreeningReviewRequest, UserCreate, UserUpdate, parse_payload
from netralitas.cases.records import User
from netralitas.cases.roles import Actor, Role
from netralitas.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError

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


def test_deactivated_accounts_cannot_log_in_and_only_admins_deactivate() -> None:
    store, kit = make_store(), make_kit()
    admin = actor(Role.ADMIN)
    create_user(store.unit_of_work(), kit, admin, _user())
    with pytest.raises(PermissionDeniedError):
        set_user_active(store.unit_of_work(), kit, actor(Role.SUPERVISOR), "ppk.sleman", False, "pensiun")
    with pytest.raises(ValidationError):
        set_user_active(store.unit_of_work(), kit, admin, "ppk.sleman", False, "")
    with pytest.raises(NotFoundError):
        set_user_active(store.unit_of_work(), kit, admin, "tidak.ada", False, "pensiun")
    set_user_active(store.unit_of_work(), kit, admin, "ppk.sleman", False, "Pindah tugas ke provinsi")
    assert authenticate(store.unit_of_work(), kit, "ppk.sleman", "sandi-yang-panjang") is None
    set_user_active(store.unit_of_work(), kit, None, "ppk.sleman", True, "Kembali bertugas")
    assert authenticate(store.unit_of_work(), kit, "ppk.sleman", "sandi-yang-panjang") is not None
    entries = list(store.unit_of_work().audit.iter_all())
    assert [e.action for e in entries].count("access.denied") == 1
    assert [e.action for e in entries[-4:]] == [
        "user.deactivated", "user.sessions_ended", "user.reactivated", "user.sessions_ended",
    ]  # fmt: skip
    assert [e.detail["cause"] for e in entries[-3::2]] == ["deactivated", "reactivated"]
    with store.unit_of_work() as uow:
        user = uow.users.by_username("ppk.sleman")
    assert user is not None and (user.version, user.session_epoch) == (3, 2)  # each change ends sessions


def test_passwords_change_with_the_current_one_or_by_an_admin() -> None:
    store, kit = make_store(), make_kit()
    user = create_user(store.unit_of_work(), kit, None, _user())
    me = actor_of(user)
    with pytest.raises(PermissionDeniedError):
        change_password(
            store.unit_of_work(), kit, me, "ppk.sleman", "sandi-baru-yang-panjang", current_password="x"
        )
    with pytest.raises(ValidationError):
        change_password(
            store.unit_of_work(), kit, me, "ppk.sleman", "pendek", current_password="sandi-yang-panjang"
        )
    with pytest.raises(PermissionDeniedError):  # another officer may not
        change_password(
            store.unit_of_work(), kit, actor(Role.SUPERVISOR), "ppk.sleman", "sandi-baru-yang-panjang"
        )
    change_password(store.unit_of_work(), kit, me, "ppk.sleman", "sandi-baru-yang-panjang",
                    current_password="sandi-yang-panjang")  # fmt: skip
    assert authenticate(store.unit_of_work(), kit, "ppk.sleman", "sandi-yang-panjang") is None
    assert authenticate(store.unit_of_work(), kit, "ppk.sleman", "sandi-baru-yang-panjang") is not None
    change_password(store.unit_of_work(), kit, actor(Role.ADMIN), "ppk.sleman", "disetel-oleh-admin")
    assert authenticate(store.unit_of_work(), kit, "ppk.sleman", "disetel-oleh-admin") is not None
    entries = list(store.unit_of_work().audit.iter_all())
    changed = [e.detail for e in entries if e.action == "user.password_changed"]
    assert changed == [{"by_self": True}, {"by_self": False}]
    ended = [e.detail for e in entries if e.action == "user.sessions_ended"]
    assert ended == [
        {"cause": "password_changed", "epoch": 1, "kept": "current_session"},
        {"cause": "password_reset", "epoch": 2, "kept": "none"},
    ]
    with store.unit_of_work() as uow:
        stored = uow.users.by_username("ppk.sleman")
    assert not session_is_current(stored, 1) and session_is_current(stored, 2)
    assert not session_is_current(replace(stored, active=False), 2)  # type: ignore[arg-type]


def test_a_stale_account_change_is_refused_not_overwritten() -> None:
    store, kit = make_store(), make_kit()
    user = create_user(store.unit_of_work(), kit, None, _user())
    with store.unit_of_work() as uow:
        uow.users.update(replace(user, display_name="Baru"), 1)
        with pytest.raises(ConflictError) as err:
            uow.users.update(replace(user, display_name="Usang"), 1)
        assert err.value.details["current_version"] == 2
        assert "versi 2" in err.value.message


def test_screening_review_labels_are_checked() -> None:
    base = {"case_id": "c1", "version": 1}
    parsed = parse_payload(
        ScreeningReviewRequest, {**base, "labels": ["social_media_post", "partisan_gesture", " "]}
    )
    assert parsed.labels == ("partisan_gesture", "social_media_post")
    for bad in (["none", "social_media_post"], ["dukung_paslon"], []):
        with pytest.raises(ValidationError) as err:
            parse_payload(ScreeningReviewRequest, {**base, "labels": bad})
        assert "labels" in err.value.details["fields"]


def _update(version: int, **kw: object) -> UserUpdate:
    base: dict[str, object] = {"version": version, "role": "ppk", "region_code": "34.04",
                               "agency_id": SLEMAN.id, "reason": "Mutasi jabatan"}  # fmt: skip
    return parse_payload(UserUpdate, {**base, **kw})


def test_an_admin_changes_role_and_scope_from_the_version_seen() -> None:
    store, kit = make_store(), make_kit()
    pusat = _user(username="admin.pusat", role="admin", agency_id=None, region_code="")
    admin = actor_of(create_user(store.unit_of_work(), kit, None, pusat))
    user = create_user(store.unit_of_work(), kit, None, _user())

    def update(who: Actor | None, username: str, payload: UserUpdate) -> User:
        return update_user(store.unit_of_work(), kit, who, username, payload)

    with pytest.raises(PermissionDeniedError):
        update(actor(Role.SUPERVISOR), "ppk.sleman", _update(1, role="taskforce"))
    with pytest.raises(ValidationError) as err:
        update(admin, "ppk.sleman", _update(1, agency_id=""))
    assert err.value.details["field"] == "agency_id"
    with pytest.raises(ValidationError) as err:
        update(admin, "ppk.sleman", _update(1, agency_id="tidak-ada", role="taskforce"))
    assert err.value.details["field"] == "agency_id"
    with pytest.raises(ValidationError) as err:
        update(admin, "admin.pusat", _update(1, role="supervisor", agency_id=None))
    assert "akunnya sendiri" in err.value.message
    assert update(None, "ppk.sleman", _update(1)) == user  # nothing to change, nothing written
    moved = update(admin, "ppk.sleman", _update(1, role="taskforce", region_code="33", agency_id=None))
    assert (moved.role, moved.region_code, moved.agency_id) == (Role.TASKFORCE, "33", None)
    assert (moved.version, moved.session_epoch) == (2, 1)
    with pytest.raises(ConflictError) as conflict:  # the form was loaded before that change
        update(admin, "ppk.sleman", _update(1, region_code="31"))
    assert "diubah oleh orang lain" in conflict.value.message
    assert conflict.value.details["current_version"] == 2
    with store.unit_of_work() as uow:
        assert uow.users.by_username("ppk.sleman") == moved  # not overwritten
    entries = [e for e in store.unit_of_work().audit.iter_all() if e.subject_id == user.id]
    actions = ["user.created", "access.denied", "user.updated", "user.sessions_ended"]
    assert [e.action for e in entries] == actions
    assert entries[2].actor_id == admin.user_id and entries[2].detail == {
        "before": {"role": "ppk", "region": "34.04", "agency": SLEMAN.id},
        "after": {"role": "taskforce", "region": "33", "agency": None},
        "reason": "Mutasi jabatan",
    }
    assert entries[3].detail == {"cause": "role_or_scope_changed", "epoch": 1, "kept": "none"}
