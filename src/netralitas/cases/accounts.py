"""Officer accounts: creation by an administrator, password check, the Actor of a user."""

from __future__ import annotations

import contextlib
import functools
import secrets
from dataclasses import replace

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from netralitas.cases import audit
from netralitas.cases.access_checks import deny, user_conflict
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import UserCreate, UserUpdate
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import User
from netralitas.cases.roles import Actor, Role
from netralitas.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from netralitas.privacy.access_reasons import require_reason_text

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


def check_credentials(uow: UnitOfWork, kit: Kit, username: str, password: str) -> User | None:
    """The account for valid credentials of an active user, else None (same cost either way).
    Sign-in keeps ``user.session_epoch`` with the session or token it issues."""
    hasher = password_hasher(kit)
    with uow.reading():
        user = uow.users.by_username(username)
        stored = user.password_hash if user and user.active else _dummy_like(uow, kit)
    ok: bool
    try:
        ok = hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    return user if ok and user is not None and user.active else None


def authenticate(uow: UnitOfWork, kit: Kit, username: str, password: str) -> Actor | None:
    """The actor for valid credentials of an active user, else None (same cost either way)."""
    user = check_credentials(uow, kit, username, password)
    return actor_of(user) if user is not None else None


def session_is_current(user: User | None, epoch: int) -> bool:
    """Whether a session or token issued under ``epoch`` still stands for this account: the
    account exists, is active, and no credential or scope change ended its sessions since."""
    return user is not None and user.active and user.session_epoch == epoch


def _dummy_like(uow: UnitOfWork, kit: Kit) -> str:
    """A dummy hash costing what the stored hashes cost: accounts keep the cost they were hashed
    with (a demo database served with production settings, a cost raised later), so a dummy
    built from the current settings would make unknown names answer at another speed. The cost
    is read from an administrator's hash (one small query, next to an argon2 verification)."""
    cost = (kit.password_time_cost, kit.password_memory_kib)
    for user in uow.users.find(role=Role.ADMIN)[:1]:
        with contextlib.suppress(InvalidHashError, ValueError):
            params = extract_parameters(user.password_hash)
            cost = (params.time_cost, params.memory_cost)
    return _dummy_hash(*cost)


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
    A deactivated user cannot log in; either change ends every session and API token of the
    account (``session_epoch`` + 1, so a token from before a deactivation stays dead after a
    reactivation). Audited with the reason, and ``user.sessions_ended``; accounts are never
    deleted, so the audit trail keeps pointing at them."""
    why = require_reason_text(reason, 5, what_id="perubahan akun", what_en="for the account change")
    with uow:
        user = _user_named(uow, username)
        if actor is not None and actor.role != Role.ADMIN:
            deny(uow, kit, actor, "set_user_active", "user", user.id)
        if actor is not None and actor.user_id == user.id and not active:
            raise ValidationError(
                "Administrator tidak dapat menonaktifkan akunnya sendiri.",
                message_en="An administrator cannot deactivate their own account.",
            )
        changed = replace(user, active=active, session_epoch=user.session_epoch + 1)
        updated = uow.users.update(changed, user.version)
        action = "user.reactivated" if active else "user.deactivated"
        audit.record(uow, kit, _who(actor), action, "user", user.id, {"reason": why})
        _sessions_ended(uow, kit, actor, updated, "reactivated" if active else "deactivated")
        uow.commit()
    return updated


def change_password(
    uow: UnitOfWork, kit: Kit, actor: Actor | None, username: str, new_password: str,
    *, current_password: str | None = None,
) -> User:  # fmt: skip
    """Set a new password: a user for themselves (``current_password`` required), an
    administrator or the CLI (``actor`` None) for anyone. Hashing runs outside the transaction;
    a password changed meanwhile by someone else is a conflict. Audited (never the password).

    Every session and API token of the account ends (``session_epoch`` + 1, audited
    ``user.sessions_ended``). When users change their own password the caller re-issues the
    session it is serving with the returned ``session_epoch``: their *other* sessions end, the
    current one goes on. An administrator's reset or the CLI ends them all."""
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
        changed = replace(fresh, password_hash=hashed, session_epoch=fresh.session_epoch + 1)
        updated = uow.users.update(changed, fresh.version)
        audit.record(uow, kit, _who(actor), "user.password_changed", "user", user.id, {"by_self": is_self})
        cause = "password_changed" if is_self else "password_reset"
        _sessions_ended(uow, kit, actor, updated, cause, kept_current=is_self)
        uow.commit()
    return updated


def _sessions_ended(
    uow: UnitOfWork, kit: Kit, actor: Actor | None, user: User, cause: str, *, kept_current: bool = False
) -> None:
    """Audit that every session and token of ``user`` issued before its new epoch ended."""
    kept = "current_session" if kept_current else "none"
    detail = {"cause": cause, "epoch": user.session_epoch, "kept": kept}
    audit.record(uow, kit, _who(actor), "user.sessions_ended", "user", user.id, detail)


def get_user(uow: UnitOfWork, kit: Kit, actor: Actor | None, username: str) -> User:
    """One account (administrator or CLI), e.g. to show its version before ``update_user``."""
    with uow.reading():
        user = _user_named(uow, username)
        if actor is not None and actor.role != Role.ADMIN:
            deny(uow, kit, actor, "get_user", "user", user.id)
    return user


def update_user(uow: UnitOfWork, kit: Kit, actor: Actor | None, username: str, payload: UserUpdate) -> User:
    """Give an account a new role, region and agency; administrator or CLI (``actor`` None).

    ``payload.version`` is the account version the administrator saw: if the account changed
    since (another administrator, a password change, a deactivation), the update is refused with
    ``ConflictError`` (code ``conflict``) and nothing is written. Administrators do not change
    their own role or scope (another administrator or the CLI does). A PPK needs an agency; the
    agency must exist. A real change is audited ``user.updated`` (before, after, reason) and ends
    every session and API token of the account (``user.sessions_ended``, cause
    ``role_or_scope_changed``): its holder signs in again under the new scope. Sending the
    current values changes nothing and writes nothing."""
    if payload.role in AGENCY_BOUND and payload.agency_id is None:
        raise ValidationError(
            "Akun PPK harus terikat pada satu instansi.",
            message_en="A PPK account needs an agency.",
            details={"field": "agency_id"},
        )
    with uow:
        user = _user_named(uow, username)
        if actor is not None and actor.role != Role.ADMIN:
            deny(uow, kit, actor, "update_user", "user", user.id)
        if user.version != payload.version:
            raise user_conflict(user, user.version, payload.version)
        before = _scope_of(user)
        after = {"role": payload.role.value, "region": payload.region_code, "agency": payload.agency_id}
        if before == after:
            return user
        if actor is not None and actor.user_id == user.id:
            raise ValidationError(
                "Administrator tidak dapat mengubah peran atau wilayah akunnya sendiri; minta "
                "administrator lain atau gunakan perintah 'netralitas users update'.",
                message_en="Administrators do not change their own role or scope; ask another "
                "administrator or use 'netralitas users update'.",
                details={"field": "role"},
            )
        if payload.agency_id is not None and uow.agencies.get(payload.agency_id) is None:
            raise ValidationError(
                "Instansi tidak dikenal.", message_en="Unknown agency.", details={"field": "agency_id"}
            )
        changed = replace(
            user, role=payload.role, region_code=payload.region_code, agency_id=payload.agency_id,
            session_epoch=user.session_epoch + 1,
        )  # fmt: skip
        updated = uow.users.update(changed, user.version)
        detail = {"before": before, "after": after, "reason": payload.reason}
        audit.record(uow, kit, _who(actor), "user.updated", "user", user.id, detail)
        _sessions_ended(uow, kit, actor, updated, "role_or_scope_changed")
        uow.commit()
    return updated


def _scope_of(user: User) -> dict[str, str | None]:
    return {"role": user.role.value, "region": user.region_code, "agency": user.agency_id}


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


def list_users(uow: UnitOfWork, kit: Kit, actor: Actor) -> tuple[User, ...]:
    """Every account, by username: administrators only; the list handed out is audited."""
    with uow:
        if actor.role != Role.ADMIN:
            deny(uow, kit, actor, "list_users", "user", "*")
        users = tuple(sorted(uow.users.find(), key=lambda u: u.username))
        audit.record(uow, kit, actor.user_id, "users.listed", "user", "*", {"count": len(users)})
        uow.commit()
    return users
