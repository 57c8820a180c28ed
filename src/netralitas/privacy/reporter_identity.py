"""Reporter identity, encrypted at rest with AES-256-GCM and revealed only with a reason.

A token is ASCII text ``nid1.<key id>.<base64url(nonce || ciphertext+tag)>``. The key id is a
fingerprint of the key, so a keyring can hold the current key and older ones: new tokens use
the current key, old tokens still open, and ``reencrypt_identity`` moves a token to the
current key. The token is bound to the row it belongs to (``bound_to``, e.g. the report's
public id) as associated data, so a ciphertext copied onto another report does not open.

Keys come from ``Settings.identity_key``: one urlsafe-base64 32-byte key, or several separated
by commas (the first encrypts; all decrypt). Empty means a key file under ``data_dir`` that
is created on first use (development only).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from netralitas.errors import DomainError, ValidationError
from netralitas.privacy.access_reasons import is_meaningful

if TYPE_CHECKING:
    from netralitas.config import Settings

TOKEN_PREFIX = "nid1"
KEY_FILE_NAME = "identity.key"
MIN_REASON_CHARS = 10
MAX_FIELD_CHARS = 500
_NONCE_BYTES = 12


class IdentityKeyError(DomainError):
    """The identity key is missing, malformed, or cannot open a token (wrong key, tampering)."""

    code = "identity_key_error"


@dataclass(frozen=True)
class ReporterIdentity:
    """Who reported, if they chose to say. Both fields optional; repr never shows them."""

    name: str | None = field(default=None, repr=False)
    contact: str | None = field(default=None, repr=False)

    def is_empty(self) -> bool:
        return not (self.name or self.contact)


def generate_identity_key() -> str:
    """A new 32-byte key, urlsafe base64: the value for ``NETRALITAS_IDENTITY_KEY``."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def key_id(key: bytes) -> str:
    """Stable, non-secret fingerprint of a key (8 hex characters)."""
    return hashlib.sha256(b"netralitas/identity-key-id/v1\x00" + key).hexdigest()[:8]


def _key_error(message: str, message_en: str) -> IdentityKeyError:
    return IdentityKeyError(message, message_en=message_en)


def decode_key(text: str) -> bytes:
    """Decode one urlsafe-base64 key; it must be exactly 32 bytes."""
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise _key_error(
            "Kunci identitas bukan base64 yang sah.", "The identity key is not valid base64."
        ) from exc
    if len(key) != 32:
        raise _key_error(
            "Kunci identitas harus 32 bita (base64 urlsafe).", "The identity key must be 32 bytes."
        )
    return key


@dataclass(frozen=True)
class IdentityKeyring:
    """The current key plus older keys kept for decryption, by key id."""

    current_id: str
    keys: Mapping[str, bytes] = field(repr=False)

    @classmethod
    def from_keys(cls, keys: Sequence[bytes]) -> IdentityKeyring:
        if not keys:
            raise _key_error("Tidak ada kunci identitas.", "No identity key given.")
        return cls(current_id=key_id(keys[0]), keys={key_id(k): k for k in keys})

    @classmethod
    def parse(cls, text: str) -> IdentityKeyring:
        """From the settings value: keys separated by commas, the first is current."""
        return cls.from_keys([decode_key(part) for part in text.split(",") if part.strip()])


def keyring_from_settings(settings: Settings) -> IdentityKeyring:
    """The keyring for ``settings``; creates ``data_dir/identity.key`` when the setting is empty."""
    value = settings.identity_key.get_secret_value()
    if value.strip():
        return IdentityKeyring.parse(value)
    return IdentityKeyring.parse(_read_or_create_key_file(settings.data_dir / KEY_FILE_NAME))


def _read_or_create_key_file(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(generate_identity_key() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    return path.read_text().strip()


def _validate_identity(identity: ReporterIdentity) -> None:
    for name, value in (("name", identity.name), ("contact", identity.contact)):
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise ValidationError(
                f"Isian identitas terlalu panjang (paling banyak {MAX_FIELD_CHARS} karakter).",
                message_en=f"Identity field too long (at most {MAX_FIELD_CHARS} characters).",
                code="identity_field_too_long",
                details={"field": name},
            )


def _aad(kid: str, bound_to: str) -> bytes:
    return f"{TOKEN_PREFIX}|{kid}|{bound_to}".encode()


def encrypt_identity(identity: ReporterIdentity, *, keyring: IdentityKeyring, bound_to: str) -> str:
    """Encrypt with the current key. ``bound_to`` ties the token to its row (e.g. report uuid)."""
    _validate_identity(identity)
    plaintext = json.dumps(
        {"name": identity.name, "contact": identity.contact}, ensure_ascii=False, sort_keys=True
    ).encode()
    kid = keyring.current_id
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(keyring.keys[kid]).encrypt(nonce, plaintext, _aad(kid, bound_to))
    return f"{TOKEN_PREFIX}.{kid}.{base64.urlsafe_b64encode(nonce + sealed).decode().rstrip('=')}"


def token_key_id(token: str) -> str:
    """The key id a token was encrypted with (to find tokens still on an old key)."""
    return _split(token)[0]


def _split(token: str) -> tuple[str, bytes]:
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise _key_error("Data identitas tersandi rusak.", "Encrypted identity is malformed.")
    try:
        blob = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
    except (binascii.Error, ValueError) as exc:
        raise _key_error("Data identitas tersandi rusak.", "Encrypted identity is malformed.") from exc
    return parts[1], blob


def _decrypt(token: str, keyring: IdentityKeyring, bound_to: str) -> ReporterIdentity:
    kid, blob = _split(token)
    key = keyring.keys.get(kid)
    if key is None:
        raise _key_error(
            f"Kunci identitas {kid} tidak tersedia; tambahkan kunci lama ke NETRALITAS_IDENTITY_KEY.",
            f"Identity key {kid} is not in the keyring; add the old key to NETRALITAS_IDENTITY_KEY.",
        )
    try:
        plain = AESGCM(key).decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], _aad(kid, bound_to))
    except (InvalidTag, ValueError) as exc:
        raise _key_error(
            "Data identitas tidak dapat dibuka (kunci salah, data diubah, atau milik laporan lain).",
            "Identity cannot be decrypted (wrong key, tampered, or bound to another report).",
        ) from exc
    data = json.loads(plain)
    return ReporterIdentity(name=data.get("name"), contact=data.get("contact"))


def reveal_identity(token: str, *, keyring: IdentityKeyring, bound_to: str, reason: str) -> ReporterIdentity:
    """Decrypt a reporter's identity. The only way to read it.

    ``reason`` is mandatory (at least 10 characters, e.g. "klarifikasi bukti tambahan"); the
    caller (the cases service) records it in the audit chain together with who asked.
    """
    if not is_meaningful(reason, MIN_REASON_CHARS):  # zero-width spaces or dots are not a reason
        raise ValidationError(
            f"Alasan membuka identitas pelapor wajib diisi (paling sedikit {MIN_REASON_CHARS} karakter).",
            message_en=f"A reason (at least {MIN_REASON_CHARS} characters) is required to reveal identity.",
            code="identity_reveal_reason_required",
            details={"field": "reason"},
        )
    return _decrypt(token, keyring, bound_to)


def reencrypt_identity(token: str, *, keyring: IdentityKeyring, bound_to: str) -> str:
    """Move a token to the current key (key rotation). Returns it unchanged if already current."""
    if token_key_id(token) == keyring.current_id:
        return token
    return encrypt_identity(_decrypt(token, keyring, bound_to), keyring=keyring, bound_to=bound_to)
