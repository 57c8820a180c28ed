"""Role and scope checks shared by the services; every refusal is audited and committed
before the error is raised, so the attempt is on record even though the action is not."""

from __future__ import annotations

from typing import NoReturn

from netralitas.cases import audit
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Case, User
from netralitas.cases.roles import Actor, Role, is_in_scope
from netralitas.cases.workflow import is_closed
from netralitas.errors import ConflictError, NotFoundError, PermissionDeniedError


def deny(
    uow: UnitOfWork, kit: Kit, actor: Actor, action: str, subject_type: str, subject_id: str
) -> NoReturn:
    uow.rollback()
    audit.record(
        uow,
        kit,
        actor.user_id,
        "access.denied",
        subject_type,
        subject_id,
        {
            "attempted": action,
            "role": actor.role.value,
            "scope": actor.region_code,
            "agency": actor.agency_id,
        },
    )
    uow.commit()
    raise PermissionDeniedError(
        f"Anda tidak berwenang melakukan '{action}' pada data ini (peran atau wilayah kerja).",
        message_en=f"You may not perform '{action}' on this item (role or scope).",
        details={"action": action, "subject_type": subject_type, "subject_id": subject_id},
    )


def require_role(
    uow: UnitOfWork,
    kit: Kit,
    actor: Actor,
    roles: frozenset[Role],
    action: str,
    subject: tuple[str, str] = ("system", "-"),
) -> None:
    if actor.role not in roles:
        deny(uow, kit, actor, action, *subject)


def load_case(uow: UnitOfWork, case_id: str) -> Case:
    case = uow.cases.get(case_id)
    if case is None:
        raise NotFoundError(
            f"Kasus '{case_id}' tidak ditemukan.",
            message_en=f"Case '{case_id}' not found.",
            details={"case_id": case_id},
        )
    return case


def load_case_in_scope(
    uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str, action: str, roles: frozenset[Role]
) -> Case:
    """The case, if the actor's role and scope allow ``action`` on it; else an audited refusal."""
    case = load_case(uow, case_id)
    if actor.role not in roles or not is_in_scope(actor, case.region_code, case.agency_id):
        deny(uow, kit, actor, action, "case", case_id)
    return case


def check_version(case: Case, version: int) -> None:
    if case.version != version:
        raise ConflictError(
            f"Kasus {case.number} telah diubah (versi {case.version}, Anda mengirim versi {version}); "
            "muat ulang lalu ulangi.",
            message_en=f"Case {case.number} changed (version {case.version}, you sent {version}); reload.",
            details={"case_id": case.id, "current_version": case.version, "sent_version": version},
        )


def user_conflict(user: User, current: int | None, sent: int) -> ConflictError:
    """A change of an account made from an older version than the stored one."""
    return ConflictError(
        f"Akun '{user.username}' telah diubah oleh orang lain sejak halaman Anda dimuat "
        f"(versi {current}, Anda mengirim versi {sent}). Perubahan Anda tidak disimpan; "
        "periksa data terbaru lalu ulangi.",
        message_en=f"Account '{user.username}' was changed by someone else since your page loaded "
        f"(version {current}, you sent {sent}). Nothing was saved; check the latest data and retry.",
        details={"username": user.username, "current_version": current, "sent_version": sent},
    )


def refuse_closed(case: Case) -> None:
    """A closed case takes no more changes (``case_closed``)."""
    if is_closed(case.status):
        raise ConflictError(
            f"Kasus {case.number} sudah ditutup ({case.status.value}).",
            message_en=f"Case {case.number} is closed.",
            code="case_closed",
            details={"case_id": case.id, "status": case.status.value},
        )
