from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas.config import Settings
from netralitas.errors import ValidationError
from netralitas.privacy.reporter_identity import (
    KEY_FILE_NAME,
    IdentityKeyError,
    IdentityKeyring,
    ReporterIdentity,
    decode_key,
    encrypt_identity,
    generate_identity_key,
    keyring_from_settings,
    reencrypt_identity,
    reveal_identity,
    token_key_id,
)

REASON = "klarifikasi bukti tambahan"


def make_keyring(*keys: str) -> IdentityKeyring:
    return IdentityKeyring.parse(",".join(keys or (generate_identity_key(),)))


@given(
    st.one_of(st.none(), st.text(max_size=200)),
    st.one_of(st.none(), st.text(max_size=200)),
)
def test_roundtrip_any_text(name: str | None, contact: str | None) -> None:
    ring = make_keyring()
    identity = ReporterIdentity(name=name, contact=contact)
    token = encrypt_identity(identity, keyring=ring, bound_to="r-1")
    assert reveal_identity(token, keyring=ring, bound_to="r-1", reason=REASON) == identity


def test_token_hides_plaintext_and_differs_each_time() -> None:
    ring = make_keyring()
    identity = ReporterIdentity(name="Siti Aminah", contact="0812-3456-7890")
    first = encrypt_identity(identity, keyring=ring, bound_to="r-1")
    second = encrypt_identity(identity, keyring=ring, bound_to="r-1")
    assert first != second
    assert first.isascii()
    for token in (first, second):
        assert "Siti" not in token and "0812" not in token
        assert "Siti" not in base64.urlsafe_b64decode(token.split(".")[2] + "==").decode("latin-1")
    assert "Siti" not in repr(identity) and "0812" not in repr(identity)


def test_reveal_requires_a_reason() -> None:
    ring = make_keyring()
    token = encrypt_identity(ReporterIdentity(name="A"), keyring=ring, bound_to="r-1")
    for reason in ("", "   ", "karena", "a  b  c  d"):
        with pytest.raises(ValidationError) as info:
            reveal_identity(token, keyring=ring, bound_to="r-1", reason=reason)
        assert info.value.code == "identity_reveal_reason_required"


def test_token_bound_to_its_row() -> None:
    ring = make_keyring()
    token = encrypt_identity(ReporterIdentity(name="A"), keyring=ring, bound_to="r-1")
    with pytest.raises(IdentityKeyError):
        reveal_identity(token, keyring=ring, bound_to="r-2", reason=REASON)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=255))
def test_any_tampering_is_detected(position: int, flip: int) -> None:
    ring = make_keyring()
    token = encrypt_identity(ReporterIdentity(name="Budi", contact="b@x.id"), keyring=ring, bound_to="r")
    prefix, kid, body = token.split(".")
    blob = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    blob[position % len(blob)] ^= flip
    forged = f"{prefix}.{kid}.{base64.urlsafe_b64encode(bytes(blob)).decode()}"
    with pytest.raises(IdentityKeyError):
        reveal_identity(forged, keyring=ring, bound_to="r", reason=REASON)


@pytest.mark.parametrize("token", ["", "nid1.abc", "xx.abcd.AAAA", "nid1.abcdefgh.!!!!", "nid1.ab.cd.ef"])
def test_malformed_tokens(token: str) -> None:
    with pytest.raises(IdentityKeyError):
        reveal_identity(token, keyring=make_keyring(), bound_to="r", reason=REASON)


def test_rotation_old_tokens_open_and_move_to_new_key() -> None:
    old_key, new_key = generate_identity_key(), generate_identity_key()
    old_ring = make_keyring(old_key)
    token = encrypt_identity(ReporterIdentity(name="Budi"), keyring=old_ring, bound_to="r")
    rotated = make_keyring(new_key, old_key)
    assert token_key_id(token) == old_ring.current_id != rotated.current_id
    assert reveal_identity(token, keyring=rotated, bound_to="r", reason=REASON).name == "Budi"
    moved = reencrypt_identity(token, keyring=rotated, bound_to="r")
    assert token_key_id(moved) == rotated.current_id
    assert reencrypt_identity(moved, keyring=rotated, bound_to="r") == moved
    new_only = make_keyring(new_key)
    assert reveal_identity(moved, keyring=new_only, bound_to="r", reason=REASON).name == "Budi"
    with pytest.raises(IdentityKeyError) as info:
        reveal_identity(token, keyring=new_only, bound_to="r", reason=REASON)
    assert token_key_id(token) in info.value.message


@pytest.mark.parametrize("bad", ["", "not base64 !!", base64.urlsafe_b64encode(b"x" * 16).decode()])
def test_bad_keys_refused(bad: str) -> None:
    with pytest.raises(IdentityKeyError):
        decode_key(bad)
    with pytest.raises(IdentityKeyError):
        IdentityKeyring.parse(bad)


def test_generated_key_decodes_to_32_bytes_without_padding_issues() -> None:
    key = generate_identity_key()
    assert len(decode_key(key)) == 32
    assert len(decode_key(key.rstrip("="))) == 32


def test_overlong_field_refused() -> None:
    with pytest.raises(ValidationError) as info:
        encrypt_identity(ReporterIdentity(name="x" * 501), keyring=make_keyring(), bound_to="r")
    assert info.value.details["field"] == "name"


def test_keyring_from_settings_value(tmp_path: Path) -> None:
    key = generate_identity_key()
    ring = keyring_from_settings(Settings(data_dir=tmp_path, identity_key=key))  # type: ignore[arg-type]
    assert ring.keys[ring.current_id] == decode_key(key)
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_keyring_from_settings_creates_private_key_file_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    first = keyring_from_settings(settings)
    path = tmp_path / "var" / KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keyring_from_settings(settings) == first
    assert ReporterIdentity().is_empty() and not ReporterIdentity(contact="x").is_empty()
