"""One row of statistics per case (the "facts" the dashboard, maps and open data count).

A fact is derived from the case, its reported person, its latest assessment and its PPK steps.
It holds no personal data: no names, NIP, texts or ids of people; only categories, codes and dates.
The database keeps one fact per case in step with the cases (``netralitas.db.analytics_queries``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

#: Category used when a dimension is not known yet (no assessment, no person identified).
UNKNOWN = "unknown"


@dataclass(frozen=True)
class CaseFact:
    case_id: str
    version: int
    status: str
    region_code: str
    province_code: str
    regency_code: str
    agency_id: str | None
    election_id: str | None
    opened_on: date
    behaviour: str
    rule_id: str
    position: str
    employee_type: str
    recommended_on: date | None = None
    ppk_due_on: date | None = None
    decided_on: date | None = None
    decision_days: int | None = None
    followed_up: bool = False


@dataclass(frozen=True)
class CaseInputs:
    """What the fact is derived from (read by the adapter in one query per batch)."""

    case_id: str
    version: int
    status: str
    region_code: str
    agency_id: str | None
    election_id: str | None
    opened_on: date
    position_text: str | None
    employee_type: str | None
    behaviours: Sequence[str] = ()
    rule_ids: Sequence[str] = ()
    recommended_on: date | None = None
    ppk_due_on: date | None = None
    decided_on: date | None = None
    followed_up: bool = False


def province_of(code: str) -> str:
    """``33.74.01`` -> ``33``; "" stays "" (no region known)."""
    return code.split(".")[0] if code else ""


def regency_of(code: str) -> str:
    """``33.74.01`` -> ``33.74``; a province code or "" gives ""."""
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else ""


def derive_fact(inputs: CaseInputs, classify_position: Callable[[str], str | None]) -> CaseFact:
    """The fact of one case. ``classify_position`` maps a position text to a catalogue position
    id (``Catalogue.position_for``) or None."""
    position = UNKNOWN
    if inputs.position_text:
        position = classify_position(inputs.position_text) or "other"
    behaviours = [b for b in inputs.behaviours if b != "none"]
    days = None
    if inputs.recommended_on is not None and inputs.decided_on is not None:
        days = max(0, (inputs.decided_on - inputs.recommended_on).days)
    return CaseFact(
        case_id=inputs.case_id,
        version=inputs.version,
        status=inputs.status,
        region_code=inputs.region_code,
        province_code=province_of(inputs.region_code),
        regency_code=regency_of(inputs.region_code),
        agency_id=inputs.agency_id,
        election_id=inputs.election_id,
        opened_on=inputs.opened_on,
        behaviour=sorted(behaviours)[0] if behaviours else UNKNOWN,
        rule_id=sorted(inputs.rule_ids)[0] if inputs.rule_ids else UNKNOWN,
        position=position,
        employee_type=inputs.employee_type or UNKNOWN,
        recommended_on=inputs.recommended_on,
        ppk_due_on=inputs.ppk_due_on,
        decided_on=inputs.decided_on,
        decision_days=days,
        followed_up=inputs.followed_up,
    )
