"""Triage: a new report's text is screened (``netralitas.screening``) and the suggestion is kept
with the report; an officer confirms or corrects the labels on the case, and every review is
kept (who, when, the machine's suggestion, the labels chosen, a note).

Screening is advice: it runs before the submission's transaction (never inside the SQLite
write lock) and a failure stores the report without a screening rather than losing it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any

from netralitas.cases import audit
from netralitas.cases.access_checks import check_version, load_case_in_scope, refuse_closed
from netralitas.cases.dependencies import Kit, ScreeningOutcome
from netralitas.cases.inputs import ScreeningReviewRequest
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Case, CaseEvent, Report, Screening, ScreeningReview, ScreeningStatus
from netralitas.cases.roles import Actor, Role
from netralitas.cases.suggestions import (
    AsnCueHint,
    SuggestedBehaviour,
    SuggestedCandidate,
    SuggestedFinding,
    Suggestion,
    read_suggestion,
)
from netralitas.errors import NotFoundError

log = logging.getLogger(__name__)

#: Who may confirm or correct screening labels (case readers who handle the case, not the PPK).
REVIEWERS = frozenset({Role.INTAKE_OFFICER, Role.TASKFORCE, Role.BAWASLU, Role.EXAMINER, Role.SUPERVISOR})


def screen_submission(
    kit: Kit, text: str, on: date | None, election_id: str | None, employee_type: str | None
) -> ScreeningOutcome | None:
    """The screening result of a report text, or None (no screener, or it failed)."""
    if kit.screener is None:
        return None
    kind = None if employee_type in (None, "", "unknown") else str(employee_type)
    try:
        return kit.screener(text, on, election_id, kind)
    except Exception:  # advice only: a screening bug must never cost a report
        log.exception("screening failed; the report is stored without a screening")
        return None


def store_screening(
    uow: UnitOfWork, kit: Kit, report_id: str, result: ScreeningOutcome | None
) -> Screening | None:
    """Keep a screening result with its report (inside the caller's transaction)."""
    if result is None:
        return None
    screening = Screening(kit.new_id(), report_id, kit.clock.now(), tuple(result.labels), result.to_dict())
    uow.screenings.add(screening)
    return screening


@dataclass(frozen=True)
class TriageItem:
    """What the case page shows per report: the suggestion, its evidence and the reviews."""

    report_id: str
    screening: Screening
    reviews: tuple[ScreeningReview, ...]

    @cached_property
    def suggestion(self) -> Suggestion:
        return read_suggestion(self.screening.result)

    @property
    def behaviours(self) -> tuple[SuggestedBehaviour, ...]:
        """Suggested labels with their confidence and the words that justify them."""
        return self.suggestion.behaviours

    @property
    def needs_reading(self) -> tuple[SuggestedBehaviour, ...]:
        """Labels the screening found possible but did not give ("perlu dibaca"; same shape as
        ``behaviours``); only on a text without labels."""
        return self.suggestion.needs_reading

    @property
    def candidates(self) -> tuple[SuggestedCandidate, ...]:
        return self.suggestion.candidates

    @property
    def asn_cues(self) -> tuple[AsnCueHint, ...]:
        return self.suggestion.asn_cues

    @property
    def findings(self) -> tuple[SuggestedFinding, ...]:
        """Rule ids, titles, tracks and levels the screening's facts would give (advice)."""
        return self.suggestion.findings

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.suggestion.warnings


def case_triage(uow: UnitOfWork, reports: tuple[Report, ...]) -> tuple[TriageItem, ...]:
    """The triage items of these reports (inside the caller's transaction)."""
    items = []
    for report in reports:
        for screening in uow.screenings.find(report_id=report.id):
            reviews = tuple(uow.screening_reviews.find(screening_id=screening.id))
            items.append(TriageItem(report.id, screening, reviews))
    return tuple(items)


def review_screening(uow: UnitOfWork, kit: Kit, actor: Actor, request: ScreeningReviewRequest) -> Case:
    """Confirm or correct the labels of one report's screening; bumps the case version.

    Equal to the machine's suggestion (as a set) → ``confirmed``, otherwise ``corrected``.
    A report screened before triage existed (or whose screening failed) gets an empty
    suggestion, so the officer's labels are a correction."""
    with uow:
        case = load_case_in_scope(uow, kit, actor, request.case_id, "review_screening", REVIEWERS)
        check_version(case, request.version)
        refuse_closed(case)
        report = _report_of(uow, case, request.report_id)
        screening = _screening_of(uow, kit, report)
        now = kit.clock.now()
        same = sorted(set(screening.labels)) == list(request.labels)
        outcome = ScreeningStatus.CONFIRMED if same else ScreeningStatus.CORRECTED
        review = ScreeningReview(
            kit.new_id(), screening.id, case.id, report.id, actor.user_id, now,
            screening.labels, request.labels, outcome, request.note,
        )  # fmt: skip
        uow.screening_reviews.add(review)
        reviewed = replace(
            screening,
            status=outcome,
            reviewed_labels=request.labels,
            reviewed_by=actor.user_id,
            reviewed_at=now,
        )
        uow.screenings.replace(reviewed)
        stored = uow.cases.update(replace(case, updated_at=now), case.version)
        event = CaseEvent(
            kit.new_id(),
            case.id,
            now,
            actor.user_id,
            "screening_review",
            case.status,
            case.status,
            request.note,
        )
        uow.events.add(event)
        detail = {"report_id": report.id, "outcome": outcome.value, "suggested": list(screening.labels),
                  "labels": list(request.labels), "version": stored.version}  # fmt: skip
        audit.record(uow, kit, actor.user_id, "case.screening_reviewed", "case", case.id, detail)
        uow.commit()
    return stored


def assessment_defaults(case: Case, report: Report, item: TriageItem | None) -> dict[str, Any]:
    """Prefill for ``AssessmentRequest`` from the reviewed (else suggested) labels and the
    report's facts; ``none`` is dropped. The officer completes and submits it."""
    labels = item.screening.current_labels if item is not None else ()
    data: dict[str, Any] = {
        "case_id": case.id,
        "version": case.version,
        "behaviours": tuple(label for label in labels if label != "none"),
        "election_id": report.election_id or case.election_id,
        "employee_type": report.employee_type,
    }
    if report.act_on or case.act_on:
        data["act_on"] = report.act_on or case.act_on
    if report.person_position:
        data["position"] = report.person_position
    return data


def _report_of(uow: UnitOfWork, case: Case, report_id: str | None) -> Report:
    reports = [r for r in uow.reports.find(case_id=case.id) if r.purged_at is None]
    found: Report | None
    if report_id is None:
        screened = [r for r in reports if uow.screenings.find(report_id=r.id)]
        found = next(iter(screened or reports), None)
    else:
        found = next((r for r in reports if r.id == report_id), None)
    if found is None:
        raise NotFoundError(
            "Laporan tidak ada pada kasus ini.",
            message_en="Report not in this case.",
            details={"field": "report_id", "case_id": case.id},
        )
    return found


def _screening_of(uow: UnitOfWork, kit: Kit, report: Report) -> Screening:
    found = uow.screenings.find(report_id=report.id)
    if found:
        return found[0]
    blank = Screening(kit.new_id(), report.id, kit.clock.now(), (), {})
    uow.screenings.add(blank)
    return blank
