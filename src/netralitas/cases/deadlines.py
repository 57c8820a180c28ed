"""Legal deadlines of the procedure, computed from the catalogue in force.

The case area depends only on the small slice of the catalogue API described here
(``netralitas.rules.catalogue.Catalogue`` satisfies it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from netralitas.cases.records import CaseDeadline
from netralitas.errors import NotFoundError, ValidationError


class DeadlineRule(Protocol):
    @property
    def step_id(self) -> str: ...
    @property
    def amount(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def review_status(self) -> str: ...


class WorkingCalendar(Protocol):
    def due_date(self, start: date, deadline: DeadlineRule, /) -> date: ...

    def is_working_day(self, day: date, /) -> bool: ...


class ElectionKind(Protocol):
    """An election as the report windows need it: ``pemilu`` or ``pilkada``."""

    @property
    def kind(self) -> str: ...


class DeadlineCatalogue(Protocol):
    """What the workflow reads from the legal catalogue."""

    @property
    def version(self) -> str: ...

    @property
    def calendar(self) -> WorkingCalendar: ...

    @property
    def elections(self) -> Mapping[str, ElectionKind]: ...

    def deadline_on(self, step_id: str, on: date) -> DeadlineRule: ...


@dataclass(frozen=True)
class OverdueItem:
    """One breached deadline, as listed by ``cases overdue``."""

    case_id: str
    case_number: str
    status: str
    region_code: str
    agency_id: str | None
    step_id: str
    started_on: date
    due_on: date
    days_late: int
    review_status: str

    def to_dict(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "case_number": self.case_number,
            "status": self.status,
            "region_code": self.region_code,
            "agency_id": self.agency_id,
            "step_id": self.step_id,
            "started_on": self.started_on.isoformat(),
            "due_on": self.due_on.isoformat(),
            "days_late": self.days_late,
            "review_status": self.review_status,
        }


def start_deadline(
    catalogue: DeadlineCatalogue, step_id: str, case_id: str, on: date, new_id: Callable[[], str]
) -> CaseDeadline | None:
    """The deadline a step starts on ``on`` under the catalogue in force that day, or None when
    the catalogue sets none (a repealed or not yet configured deadline)."""
    try:
        rule = catalogue.deadline_on(step_id, on)
    except NotFoundError:
        return None
    due = catalogue.calendar.due_date(on, rule)
    return CaseDeadline(
        id=new_id(),
        case_id=case_id,
        step_id=step_id,
        started_on=on,
        due_on=due,
        amount=int(rule.amount),
        unit=str(rule.unit),
        review_status=str(rule.review_status),
    )


def is_breached(deadline: CaseDeadline, on: date) -> bool:
    """A deadline is breached the day after it falls due while still open."""
    return deadline.stopped_on is None and deadline.due_on < on


@dataclass(frozen=True)
class ReportWindow:
    """Whether a report came in within the election law's reporting window (admissibility is
    decided by the officer at the administrative check; this only computes the dates)."""

    report_id: str
    step_id: str
    counted_from: date
    due_on: date
    submitted_on: date
    review_status: str
    #: "known_on" when counted from the reporter's knowledge date, "act_on" when from the act.
    basis: str = "act_on"

    @property
    def is_within(self) -> bool:
        return self.submitted_on <= self.due_on


def report_window(
    catalogue: DeadlineCatalogue,
    report_id: str,
    election_id: str | None,
    act_on: date | None,
    submitted_on: date,
    known_on: date | None = None,
) -> ReportWindow | None:
    """The window of ``pemilu_report_window`` / ``pilkada_report_window`` counted from when the
    reporter learnt of the act (``known_on``) if they said, else from the act; None when it
    cannot be computed."""
    basis = "known_on" if known_on is not None else "act_on"
    act_on = known_on or act_on
    if election_id is None or act_on is None:
        return None
    election = catalogue.elections.get(election_id)
    if election is None:
        return None
    step = f"{election.kind}_report_window"
    try:
        rule = catalogue.deadline_on(step, act_on)
    except (NotFoundError, ValidationError):
        return None
    due = catalogue.calendar.due_date(act_on, rule)
    return ReportWindow(report_id, step, act_on, due, submitted_on, str(rule.review_status), basis)
