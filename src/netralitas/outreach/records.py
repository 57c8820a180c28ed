"""Records of guidance work: what the adapters store (frozen dataclasses, ids are hex uuids)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class OrgUnit:
    """A unit (perangkat daerah, kecamatan, sekolah...) of an agency that rosters name."""

    agency_id: str
    code: str
    name: str


@dataclass(frozen=True)
class RosterRow:
    """One valid line of a roster file (NIP already checked and normalised)."""

    line: int
    nip: str
    name: str
    unit_code: str
    position: str
    position_key: str
    employee_type: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Member:
    """An ASN of an agency's roster. People who left are kept (``active`` false, ``left_on``)
    until the retention purge removes them."""

    id: str
    agency_id: str
    nip: str
    name: str
    unit_code: str
    position: str
    position_key: str
    employee_type: str
    email: str | None
    phone: str | None
    active: bool
    left_on: date | None
    updated_at: datetime


class Channel(StrEnum):
    EMAIL = "email"
    WHATSAPP = "whatsapp"


@dataclass(frozen=True)
class Circular:
    """A guidance message (surat edaran) of an agency to some of its units or positions."""

    id: str
    agency_id: str
    title: str
    body: str
    election_id: str | None
    phase: str | None
    target_units: tuple[str, ...]
    target_positions: tuple[str, ...]
    wants_pledge: bool
    reminder_threshold: float
    link_days: int
    created_by: str
    created_at: datetime
    citations: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Recipient:
    """A member addressed by a circular (snapshot of unit and position when it was sent)."""

    circular_id: str
    member_id: str
    unit_code: str
    position_key: str


@dataclass(frozen=True)
class Acknowledgement:
    circular_id: str
    member_id: str
    at: datetime


@dataclass(frozen=True)
class Pledge:
    circular_id: str
    member_id: str
    name: str
    nip: str
    at: datetime
    certificate_no: str


@dataclass(frozen=True)
class QuizAttempt:
    """A self-check score filed under a unit and position, never under a person."""

    id: str
    agency_id: str
    unit_code: str
    position_key: str
    score: int
    total: int
    on: date


@dataclass(frozen=True)
class RegionInputs:
    """What the vulnerability index of one region is computed from (``vulnerability``)."""

    region_code: str
    asn: int
    reports: int
    violations: int
    recipients: int
    acknowledged: int
    pledge_recipients: int
    pledged: int
    incumbent_runs: bool
