"""Actors, roles and scopes, and the checks every service makes before it acts.

A scope is a Kemendagri region prefix ("33" a province, "33.74" a city; empty = national)
and/or one agency. A case is in scope when its region lies inside the actor's region and,
for actors bound to an agency, when it concerns that agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    INTAKE_OFFICER = "intake_officer"
    TASKFORCE = "taskforce"
    BAWASLU = "bawaslu"
    EXAMINER = "examiner"
    PPK = "ppk"
    SUPERVISOR = "supervisor"


#: Indonesian first, English second.
ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.ADMIN: ("Administrator sistem", "System administrator"),
    Role.INTAKE_OFFICER: ("Petugas penerimaan (pemeriksaan administratif)", "Intake officer"),
    Role.TASKFORCE: ("Satgas Netralitas ASN (verifikasi)", "Neutrality task force"),
    Role.BAWASLU: ("Bawaslu (validasi)", "Election supervisory body"),
    Role.EXAMINER: ("Tim Pemeriksa (Inspektorat/BKPSDM)", "Examining team"),
    Role.PPK: ("Pejabat Pembina Kepegawaian", "Appointing official (PPK)"),
    Role.SUPERVISOR: ("Pengawas BKN/KemenPANRB", "National supervisor (BKN/KemenPANRB)"),
}

#: Roles that may read case files (everything except the pure system administrator).
CASE_READERS: frozenset[Role] = frozenset(Role) - {Role.ADMIN}

#: Roles that may see the reporter channel: the messages with the reporter, which report carries a
#: sealed identity, the receipt and the reporter's own dates (when they learnt of the act). The PPK
#: (the reported person's superior) is not one of them: a PPK decides on the facts, the evidence's
#: metadata-free copies, the assessment and the recommendation, never on who reported.
REPORTER_CHANNEL_READERS: frozenset[Role] = CASE_READERS - {Role.PPK}


@dataclass(frozen=True)
class Actor:
    """The signed-in officer on whose behalf a service acts."""

    user_id: str
    username: str
    role: Role
    region_code: str = ""
    agency_id: str | None = None

    @property
    def is_national(self) -> bool:
        return self.region_code == "" and self.agency_id is None


def region_contains(scope: str, region_code: str) -> bool:
    """True when ``region_code`` lies inside ``scope`` ("" contains every region)."""
    if scope == "":
        return True
    return region_code == scope or region_code.startswith(scope + ".")


def region_range(scope: str) -> tuple[str, str, str]:
    """``(low, children, high)`` for a non-empty scope, so that in code-point order (SQLite's
    BINARY, PostgreSQL's "C" collation, Python's ``str``) ``region_contains(scope, code)`` is
    exactly ``low <= code < high and (code == low or code >= children)``.

    ``[low, high)`` is one index range (``"64"`` .. ``"64/"``: "/" follows "." in ASCII, so
    ``"64.01"`` is inside and ``"640"`` or ``"65"`` are not); the second condition only drops
    codes such as ``"64-x"`` that sort inside the range without being ``"64"`` or below
    ``"64."``. Never compare codes in a language collation: those ignore punctuation."""
    return scope, scope + ".", scope + "/"


def is_in_scope(actor: Actor, region_code: str, agency_id: str | None) -> bool:
    """Whether the actor may see or act on something located in this region and agency."""
    if not region_contains(actor.region_code, region_code):
        return False
    return actor.agency_id is None or actor.agency_id == agency_id


def has_role(actor: Actor, roles: frozenset[Role] | set[Role]) -> bool:
    return actor.role in roles
