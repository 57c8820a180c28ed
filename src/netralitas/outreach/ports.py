"""What the guidance services need from storage. ``netralitas.db.outreach_repositories``
implements it on SQLAlchemy; repositories never commit, the unit of work does."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from netralitas.cases.ports import AuditRepository
from netralitas.cases.records import Agency
from netralitas.outreach.attachments import Attachment
from netralitas.outreach.records import (
    Acknowledgement,
    Circular,
    Member,
    OrgUnit,
    Pledge,
    QuizAttempt,
    Recipient,
    RegionInputs,
    RosterRow,
)


@dataclass(frozen=True)
class UpsertOutcome:
    inserted: int
    updated: int
    unchanged: int
    #: (line, line of the first occurrence) of each row whose NIP this import had already seen.
    duplicates: Sequence[tuple[int, int]]


@dataclass(frozen=True)
class RateRow:
    """Counts for one group (a unit or a position) of a circular's recipients."""

    key: str
    recipients: int
    acknowledged: int
    pledged: int


class RosterRepository(Protocol):
    def units(self, agency_id: str) -> list[OrgUnit]: ...

    def add_units(self, units: Sequence[OrgUnit]) -> int: ...

    def upsert(
        self, agency_id: str, import_id: str, rows: Sequence[RosterRow], at: datetime
    ) -> UpsertOutcome:
        """Insert new NIPs, update changed ones, mark every NIP as seen by ``import_id``."""
        ...

    def touch(self, agency_id: str, import_id: str, nips: Sequence[str]) -> None:
        """Mark existing NIPs as seen (rows kept out of an import for another problem)."""
        ...

    def mark_leavers(self, agency_id: str, import_id: str, on: date) -> int:
        """Active members not seen by ``import_id`` left on ``on``; returns how many."""
        ...

    def members(self, agency_id: str, *, active_only: bool = False) -> Iterator[Member]: ...

    def member(self, member_id: str) -> Member | None: ...

    def count_active(self, agency_id: str) -> int: ...

    def purge_left_before(self, before: date) -> int: ...


class CircularRepository(Protocol):
    def add(self, circular: Circular) -> None: ...

    def get(self, circular_id: str) -> Circular | None: ...

    def for_agency(self, agency_id: str) -> list[Circular]: ...

    def address(self, circular: Circular) -> int:
        """Record the active members it targets as recipients (once); returns how many."""
        ...

    def recipient(self, circular_id: str, member_id: str) -> Recipient | None: ...

    def add_attachment(self, circular_id: str, attachment: Attachment) -> None: ...

    def attachments(self, circular_id: str) -> list[tuple[str, str, int]]:
        """(sha256, filename, size) of each attachment, without the content."""
        ...

    def attachment(self, circular_id: str, sha256: str) -> Attachment | None: ...

    def acknowledgement(self, circular_id: str, member_id: str) -> Acknowledgement | None: ...

    def add_acknowledgement(self, ack: Acknowledgement) -> bool:
        """False (and nothing written) when that member had already acknowledged."""
        ...

    def pledge(self, circular_id: str, member_id: str) -> Pledge | None: ...

    def add_pledge(self, pledge: Pledge) -> bool: ...

    def add_quiz_result(self, circular_id: str, member_id: str, attempt: QuizAttempt) -> bool:
        """Store the score under the unit (not the person); False if this link already took it."""
        ...

    def quiz_by_unit(self, agency_id: str) -> list[tuple[str, int, int, int]]:
        """(unit_code, attempts, correct, total) per unit."""
        ...

    def rates(self, circular_id: str, by: str) -> list[RateRow]:
        """Per ``unit_code`` or ``position_key``: recipients, acknowledged, pledged."""
        ...


class OutreachUnitOfWork(Protocol):
    rosters: RosterRepository
    circulars: CircularRepository
    audit: AuditRepository

    def agency(self, agency_id: str) -> Agency | None: ...

    def agencies(self) -> list[Agency]: ...

    def region_inputs(self, since: date) -> dict[str, RegionInputs]:
        """Per region holding a roster: the inputs of the vulnerability index."""
        ...

    def set_incumbent(self, region_code: str, runs: bool, at: datetime) -> None: ...

    def case_counts(self, region_prefix: str, since: date, until: date) -> dict[str, int]:
        """Cases opened in the region between the two days, per status (counts only)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
