"""Officer accounts: creation by an administrator, password check, the Actor of a user."""

from __future__ import annotations

import functools
import secrets
from dataclasses import replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from netralitas.cases import audit
from netralitas.cases.guard import deny
from netralitas.cases.kit import Kit
from netralitas.cases.payloads import UserCreate
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import User
from netralitas.cases.roles import Actor, Role
from netralitas.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError

#: Roles that must be bound to one agency (a PPK decides only for their own agency).
AGENCY_BOUND = frozenset({Role.PPK})


def password_hasher(kit: Kit) -> PasswordHasher:
    return PasswordHasher(
        time_cost=kit.password_time_cost, memory_cost=kit.password_memory_kib, parallelism=1
    )


def create_user(uow: UnitOfWork, kit: Kit, actor: Actor | None, payload: UserCreate) -> User:
    """Create an officer account. ``actor`` None means the command line (bootstrap)."""
    if actor is not None and actor.role != Role.ADMIN:
        raise PermissionDeniedError(
            "Hanya administrator yang dapat membuat akun.",
            message_en="Only an administrator creates accounts.",
        )
    if payload.role in AGENCY_BOUND and payload.agency_id is None:
        raise ValidationError(
            "Akun PPK harus terikat pada satu instansi.",
            message_en="A PPK account needs an agency.",
            details={"field": "agency_id"},
        )
    hashed = password_hasher(kit).hash(payload.password)
    with uow:
        _check_unique_and_agency(uow, payload)
        user = User(
            kit.new_id(),
            payload.username,
            payload.display_name,
            payload.role,
            payload.region_code,
            payload.agency_id,
            hashed,
            True,
            kit.clock.now(),
        )
        uow.users.add(user)
        who = actor.user_id if actor else audit.SYSTEM_ACTOR
        audit.record(uow, kit, who, "user.created", "user", user.id, {"role": user.role.value})
        uow.commit()
    return user


def _check_unique_and_agency(uow: UnitOfWork, payload: UserCreate) -> None:
    if uow.users.by_username(payload.username) is not None:
        raise ConflictError(
            f"Nama pengguna '{payload.username}' sudah dipakai.",
            message_en="Username taken.",
            code="username_taken",
            details={"field": "username"},
        )
    if payload.agency_id is not None and uow.agencies.get(payload.agency_id) is None:
        raise ValidationError(
            "Instansi tidak dikenal.", message_en="Unknown agency.", details={"field": "agency_id"}
        )


def authenticate(uow: UnitOfWork, kit: Kit, username: str, password: str) -> Actor | None:
    """The actor for valid credentials of an active user, else None (same cost either way)."""
    hasher = password_hasher(kit)
    with uow:
        user = uow.users.by_username(username)
    stored = (
        user.password_hash
        if user and user.active
        else _dummy_hash(kit.password_time_cost, kit.password_memory_kib)
    )
    ok: bool
    try:
        ok = hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    return actor_of(user) if ok and user is not None and user.active else None


@functools.cache
def _dummy_hash(time_cost: int, memory_kib: int) -> str:
    """A hash of the same cost, verified for unknown users so that both paths cost the same."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1).hash(
        secrets.token_hex(16)
    )


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.username, user.role, user.region_code, user.agency_id)


def set_user_active(
    uow: UnitOfWork, kit: Kit, actor: Actor | None, username: str, active: bool, reason: str
) -> User:
    """Deactivate (``active=False``) or reactivate an account; admin or CLI (``actor`` None).
    A deactivated user cannot log in, and a session rebuilt with ``actor_of`` must check
    ``user.active`` (the web does). Audited with the reason; accounts are never deleted, so the
    audit trail keeps pointing at them."""
    why = reason.strip()
    if len(why) < 5:
        raise ValidationError(
            "Sebutkan alasan (minimal 5 karakter).", message_en="Give a reason (5+ characters).",
            details={"field": "reason"},
        )  # fmt: skip
    with uow:
        user = _user_named(uow, username)
        if actor is not None and actor.role != Role.ADMIN:
            deny(uow, kit, actor, "set_user_active", "user", user.id)
        if actor is not None and actor.user_id == user.id and not active:
            raise ValidationError(
                "Administrator tidak dapat menonaktifkan akunnya sendiri.",
                message_en="An administrator cannot deactivate their own account.",
            )
        updated = replace(user, active=active)
        uow.users.replace(updated)
        action = "user.reactivated" if active else "user.deactivated"
        audit.record(uow, kit, _who(actor), action, "user", user.id, {"reason": why})
        uow.commit()
    return updated


def change_password(
    uow: UnitOfWork, kit: Kit, actor: Actor | None, username: str, new_password: str,
    *, current_password: str | None = None,
) -> User:  # fmt: skip
    """Set a new password: a user for themselves (``current_password`` required), an
    administrator or the CLI (``actor`` None) for anyone. Hashing runs outside the transaction;
    a password changed meanwhile by someone else is a conflict. Audited (never the password)."""
    if not 10 <= len(new_password) <= 200:
        raise ValidationError(
            "Kata sandi baru harus 10–200 karakter.", message_en="A new password has 10–200 characters.",
            details={"field": "new_password"},
        )  # fmt: skip
    with uow:
        user = _user_named(uow, username)
        is_self = actor is not None and actor.user_id == user.id
        if actor is not None and not is_self and actor.role != Role.ADMIN:
            deny(uow, kit, actor, "change_password", "user", user.id)
    if is_self and not _verifies(kit, user.password_hash, current_password or ""):
        raise PermissionDeniedError(
            "Kata sandi saat ini salah.", message_en="The current password is wrong.",
            details={"field": "current_password"},
        )  # fmt: skip
    hashed = password_hasher(kit).hash(new_password)
    with uow:
        fresh = _user_named(uow, username)
        if fresh.password_hash != user.password_hash:
            raise ConflictError(
                "Kata sandi akun ini baru saja diubah; ulangi.",
                message_en="The password just changed; retry.",
            )
        updated = replace(fresh, password_hash=hashed)
        uow.users.replace(updated)
        audit.record(uow, kit, _who(actor), "user.password_changed", "user", user.id, {"by_self": is_self})
        uow.commit()
    return updated


def _who(actor: Actor | None) -> str:
    return actor.user_id if actor else audit.SYSTEM_ACTOR


def _verifies(kit: Kit, stored: str, password: str) -> bool:
    try:
        return password_hasher(kit).verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _user_named(uow: UnitOfWork, username: str) -> User:
    user = uow.users.by_username(username)
    if user is None:
        raise NotFoundError(
            f"Akun '{username}' tidak ada.",
            message_en=f"No account '{username}'.",
            details={"field": "username"},
        )
    return user
