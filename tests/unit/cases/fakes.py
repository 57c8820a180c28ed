"""Small fakes of the rules and intake APIs for the case services' unit tests."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

from tests.memory import MemoryFiles, MemoryStore

from netralitas.cases.dependencies import Kit
from netralitas.cases.records import Agency, AgencyKind
from netralitas.cases.roles import Actor, Role
from netralitas.clock import FixedClock
from netralitas.errors import NotFoundError
from netralitas.intake.evidence import EvidencePolicy
from netralitas.intake.identity import IdentityKeyring, generate_identity_key
from netralitas.intake.receipts import ReceiptHasher
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import Facts
from netralitas.rules.model import EmployeeType, LadderVersion, SanctionLadder, Track
from netralitas.rules.procedures import ProcedureStep

KEY = generate_identity_key()


def png_bytes(size: tuple[int, int] = (8, 6), color: str = "red") -> bytes:
    """A small real PNG image (evidence is sniffed, so fakes must be genuine files)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class FakeDeadline:
    step_id: str
    amount: int
    unit: str
    review_status: str = "confirmed"


class WeekendCalendar:
    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5

    def due_date(self, start: date, deadline: Any) -> date:
        if deadline.unit == "days":
            return start + timedelta(days=deadline.amount)
        current, left = start, deadline.amount
        while left:
            current += timedelta(days=1)
            left -= self.is_working_day(current)
        return current


@dataclass(frozen=True)
class FakeAuthority:
    id: str


@dataclass
class FakeCatalogue:
    version: str = "0.1.0+fake"
    calendar: WeekendCalendar = field(default_factory=WeekendCalendar)
    deadlines: dict[str, FakeDeadline] = field(
        default_factory=lambda: {
            "taskforce_verification": FakeDeadline("taskforce_verification", 7, "days"),
            "bawaslu_validation": FakeDeadline("bawaslu_validation", 3, "working_days"),
            "ppk_decision": FakeDeadline("ppk_decision", 10, "working_days", "needs_review"),
        }
    )

    def deadline_on(self, step_id: str, on: date) -> FakeDeadline:
        if step_id not in self.deadlines:
            raise NotFoundError(f"no deadline {step_id}")
        return self.deadlines[step_id]

    def procedure_on(self, on: date, procedure: str = "neutrality") -> tuple[ProcedureStep, ...]:
        return default_catalogue().procedure_on(on, procedure)  # the real, dated procedure

    def authority_on(self, function: str, on: date) -> FakeAuthority:
        return FakeAuthority("bkn" if on >= date(2024, 9, 4) else "kasn")

    def ladder_on(
        self, track: Track, employee_type: EmployeeType, on: date
    ) -> tuple[SanctionLadder, LadderVersion] | None:
        return default_catalogue().ladder_on(track, employee_type, on)  # the real, dated ladders


@dataclass(frozen=True)
class FakeFinding:
    rule_id: str


@dataclass(frozen=True)
class FakeAssessment:
    findings: tuple[FakeFinding, ...]
    overall_level: str | None
    catalogue_version: str

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.rule_id for f in self.findings], "overall_level": self.overall_level}


def fake_assessor(facts: Facts) -> FakeAssessment:
    ids = tuple(FakeFinding(f"skb-b-{b}") for b in sorted(facts.behaviours))
    return FakeAssessment(ids, "heavy" if ids else None, "0.1.0+fake")


def make_kit(clock: FixedClock | None = None, **overrides: Any) -> Kit:
    ids = count(1)
    args: dict[str, Any] = {
        "catalogue": FakeCatalogue(),
        "clock": clock or FixedClock(datetime(2024, 10, 1, 3, 0, tzinfo=UTC)),
        "receipts": ReceiptHasher(b"0123456789abcdef0123", time_cost=1, memory_kib=8),
        "keyring": IdentityKeyring.parse(KEY),
        "evidence_policy": EvidencePolicy(max_bytes=50_000),
        "files": MemoryFiles(),
        "assessor": fake_assessor,
        "audit_key": b"fake-audit-key-for-unit-tests-32b",
        "new_id": lambda: f"{next(ids):032x}",
        "password_time_cost": 1,
        "password_memory_kib": 8,
    }
    args.update(overrides)
    return Kit(**args)


SLEMAN = Agency("ag-sleman", "Pemerintah Kabupaten Sleman", AgencyKind.REGIONAL, "34.04", "Bupati Sleman")
SEMARANG = Agency("ag-smg", "Pemerintah Kota Semarang", AgencyKind.REGIONAL, "33.74", "Wali Kota Semarang")


def make_store() -> MemoryStore:
    store = MemoryStore()
    uow = store.unit_of_work()
    with uow:
        uow.agencies.add(SLEMAN)
        uow.agencies.add(SEMARANG)
        uow.commit()
    return store


def actor(role: Role, region: str = "", agency: str | None = None, name: str | None = None) -> Actor:
    return Actor(f"u-{name or role.value}", name or role.value, role, region, agency)
