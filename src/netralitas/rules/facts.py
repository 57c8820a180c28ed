"""The facts the engine judges, and their validation (clear errors listing the valid values)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from netralitas.errors import ValidationError
from netralitas.rules.behaviours import ALL_BEHAVIOURS, Behaviour
from netralitas.rules.model import EmployeeType

STAGES: tuple[str, ...] = ("bakal_calon", "calon")


@dataclass(frozen=True)
class Facts:
    """What happened. ``candidate_stage`` None means: decide bakal calon vs calon from the date.

    An officer who overrides the stage records why in ``candidate_stage_reason``. Rules and
    sanctions follow ``act_on``; authorities and procedure deadlines follow ``handled_on`` (the date
    the case is handled, e.g. the report date), which defaults to ``act_on``.
    """

    behaviours: frozenset[str]
    act_on: date
    election_id: str | None = None
    employee_type: EmployeeType = EmployeeType.UNKNOWN
    position: str | None = None
    qualifiers: frozenset[str] = field(default_factory=frozenset)
    candidate_stage: str | None = None
    candidate_stage_reason: str | None = None
    handled_on: date | None = None

    @property
    def procedure_on(self) -> date:
        """The date for authorities and deadlines."""
        return self.handled_on or self.act_on

    def to_dict(self) -> dict[str, object]:
        return {
            "behaviours": sorted(self.behaviours),
            "act_on": self.act_on.isoformat(),
            "election_id": self.election_id,
            "employee_type": str(self.employee_type),
            "position": self.position,
            "qualifiers": sorted(self.qualifiers),
            "candidate_stage": self.candidate_stage,
            "candidate_stage_reason": self.candidate_stage_reason,
            "handled_on": self.handled_on.isoformat() if self.handled_on else None,
        }


def _invalid(
    field_name: str, values: Iterable[str], valid: Iterable[str], what_id: str, what_en: str
) -> ValidationError:
    bad = ", ".join(sorted(values))
    valid_sorted = sorted(valid)
    return ValidationError(
        f"{what_id} tidak dikenal: {bad}. Nilai yang sah: {', '.join(valid_sorted)}",
        message_en=f"Unknown {what_en}: {bad}. Valid values: {', '.join(valid_sorted)}",
        details={"field": field_name, "invalid": sorted(values), "valid": valid_sorted},
    )


def parse_employee_type(value: str | EmployeeType) -> EmployeeType:
    try:
        return EmployeeType(str(value).strip().lower())
    except ValueError:
        raise _invalid(
            "employee_type", [str(value)], [t.value for t in EmployeeType], "Jenis pegawai", "employee type"
        ) from None


def check_behaviours(behaviours: Iterable[str]) -> frozenset[str]:
    labels = frozenset(behaviours)
    unknown = labels - set(ALL_BEHAVIOURS)
    if unknown:
        raise _invalid("behaviours", unknown, ALL_BEHAVIOURS, "Label perilaku", "behaviour label")
    if not labels:
        raise ValidationError(
            f"Sebutkan minimal satu label perilaku (gunakan '{Behaviour.NONE.value}' bila tidak ada). "
            f"Nilai yang sah: {', '.join(ALL_BEHAVIOURS)}",
            message_en="Give at least one behaviour label",
            details={"field": "behaviours", "valid": list(ALL_BEHAVIOURS)},
        )
    return labels


def check_facts(facts: Facts, qualifier_ids: Iterable[str], election_ids: Iterable[str]) -> Facts:
    """Validate every field; returns facts with a normalised employee type."""
    check_behaviours(facts.behaviours)
    employee_type = parse_employee_type(facts.employee_type)
    known_q = set(qualifier_ids)
    unknown_q = set(facts.qualifiers) - known_q
    if unknown_q:
        raise _invalid("qualifiers", unknown_q, known_q, "Kualifikasi", "qualifier")
    elections = set(election_ids)
    if facts.election_id is not None and facts.election_id not in elections:
        raise _invalid("election_id", [facts.election_id], elections, "Pemilihan", "election")
    if facts.candidate_stage is not None and facts.candidate_stage not in STAGES:
        raise _invalid(
            "candidate_stage", [facts.candidate_stage], STAGES, "Tahap pencalonan", "candidate stage"
        )
    if facts.handled_on is not None and facts.handled_on < facts.act_on:
        raise ValidationError(
            "Tanggal penanganan tidak boleh sebelum tanggal perbuatan.",
            message_en="handled_on must not be before act_on",
            details={"field": "handled_on"},
        )
    if employee_type is facts.employee_type:
        return facts
    return dataclasses.replace(facts, employee_type=employee_type)
