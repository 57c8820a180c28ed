"""Retention: when a closed case's personal data goes, and what of it may stay.

A case is kept while open. Once closed, its reports are kept ``retention_days`` (settings)
after the closing date, then ``netralitas purge`` deletes everything personal and leaves an
anonymised statistical stub, so the yearly figures (reported / proven / sanctioned per region,
behaviour and election) survive. A case on hold (appeal, court, a request from an authority)
is never purged. Merged reports follow the case they were merged into.

These are pure functions; the cases service runs the purge in one transaction per case and
writes an audit entry for it (the audit chain itself holds no personal data and is kept).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netralitas.errors import ValidationError

#: What a purge deletes (for the purge command, its tests and docs/privacy.md).
DELETED_ON_PURGE: tuple[str, ...] = (
    "report text: description, place, links, dates as typed",
    "reported person: name, NIP, position, agency text",
    "reporter identity (encrypted token) and the receipt hash and lookup tag",
    "messages between officers and the reporter",
    "evidence rows and files: originals and derivatives (unless another kept report has the same file)",
    "free-text reasons and notes on the case, assessments' facts text and decree numbers",
)

#: What remains: the stub's fields, the audit chain, and the case id the audit entries name.
KEPT_AFTER_PURGE: tuple[str, ...] = (
    "statistical stub (StatisticalStub fields)",
    "audit entries (ids, actions, times; no personal data)",
)


def _check_days(retention_days: int) -> None:
    if retention_days < 0:
        raise ValidationError(
            "Masa retensi tidak boleh negatif.",
            message_en="Retention days cannot be negative.",
            code="retention_invalid",
            details={"retention_days": retention_days},
        )


def retention_until(closed_on: date | None, retention_days: int) -> date | None:
    """The last day a closed case is kept; ``None`` while the case is open."""
    _check_days(retention_days)
    if closed_on is None:
        return None
    return closed_on + timedelta(days=retention_days)


def is_due_for_purge(
    closed_on: date | None, *, retention_days: int, today: date, on_hold: bool = False
) -> bool:
    """True once the retention date has passed (purge runs the day after it)."""
    until = retention_until(closed_on, retention_days)
    return until is not None and not on_hold and today > until


@dataclass(frozen=True)
class RetentionCandidate:
    case_id: str
    closed_on: date | None
    on_hold: bool = False


def select_for_purge(
    cases: Iterable[RetentionCandidate], *, retention_days: int, today: date
) -> tuple[str, ...]:
    """Ids of the cases whose retention has ended, oldest closing first."""
    due = [
        c
        for c in cases
        if is_due_for_purge(c.closed_on, retention_days=retention_days, today=today, on_hold=c.on_hold)
    ]
    return tuple(c.case_id for c in sorted(due, key=lambda c: (c.closed_on or today, c.case_id)))


def evidence_to_delete(purged: Iterable[str], still_referenced: Iterable[str]) -> frozenset[str]:
    """Files (by SHA-256) to remove: those of the purged reports that no kept report also uses
    (the store keeps one file per content)."""
    return frozenset(purged) - frozenset(still_referenced)


@dataclass(frozen=True)
class ClosedCaseFacts:
    """What the service reads from a case before purging it (nothing here is kept as is)."""

    case_id: str
    received_on: date
    closed_on: date
    outcome: str
    region_code: str = ""
    election_id: str | None = None
    employee_type: str = "unknown"
    channel: str = "web"
    behaviours: tuple[str, ...] = ()
    rule_ids: tuple[str, ...] = ()
    overall_level: str | None = None
    sanction_level: str | None = None
    catalogue_version: str | None = None
    report_count: int = 1
    evidence_count: int = 0
    escalated: bool = False


@dataclass(frozen=True)
class StatisticalStub:
    """The anonymised remains of a purged case: no names, NIPs, texts, links, exact dates or
    places below the regency/city."""

    case_id: str
    received_month: str
    closed_month: str
    days_open: int
    outcome: str
    region_code: str
    election_id: str | None
    employee_type: str
    channel: str
    behaviours: tuple[str, ...]
    rule_ids: tuple[str, ...]
    overall_level: str | None
    sanction_level: str | None
    catalogue_version: str | None
    report_count: int
    evidence_count: int
    escalated: bool


def coarsen_region(code: str) -> str:
    """Keep the province and regency/city (``35.78.01.1001`` → ``35.78``)."""
    return ".".join(code.split(".")[:2]) if code else ""


def make_statistical_stub(facts: ClosedCaseFacts) -> StatisticalStub:
    return StatisticalStub(
        case_id=facts.case_id,
        received_month=f"{facts.received_on:%Y-%m}",
        closed_month=f"{facts.closed_on:%Y-%m}",
        days_open=(facts.closed_on - facts.received_on).days,
        outcome=facts.outcome,
        region_code=coarsen_region(facts.region_code),
        election_id=facts.election_id,
        employee_type=facts.employee_type,
        channel=facts.channel,
        behaviours=tuple(sorted(set(facts.behaviours))),
        rule_ids=tuple(sorted(set(facts.rule_ids))),
        overall_level=facts.overall_level,
        sanction_level=facts.sanction_level,
        catalogue_version=facts.catalogue_version,
        report_count=facts.report_count,
        evidence_count=facts.evidence_count,
        escalated=facts.escalated,
    )
