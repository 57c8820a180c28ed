"""The election phases as an iCalendar feed people can subscribe to, and the messages an agency
may send when a phase changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from netralitas.outreach.drafting import Draft, draft_circular
from netralitas.outreach.phases import PhaseSpan, change_at_next, phases_of
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import Election, ReviewStatus

PRODID = "-//Netralitas//Tahapan Pemilihan//ID"


def _event(
    election: Election, uid: str, summary: str, start: date, end: date, note: str, stamp: datetime
) -> Event:
    event = Event()
    event.add("uid", f"{uid}@netralitas")
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))  # all-day events end the day after
    event.add("dtstamp", stamp)
    status = "" if election.review_status == ReviewStatus.CONFIRMED else " Tanggal perlu ditinjau."
    event.add("description", f"{note}{status}".strip())
    event.add("categories", [election.kind.upper()])
    return event


def _phase_note(catalogue: Catalogue, election: Election, phase: PhaseSpan) -> str:
    change = change_at_next(catalogue, election, phase.start_on - timedelta(days=1))
    if change is None or (not change.starting and not change.ending):
        return f"{election.name}: {phase.label}."
    starting = ", ".join(v.id for v in change.starting) or "-"
    ending = ", ".join(v.id for v in change.ending) or "-"
    return f"{election.name}: {phase.label}. Mulai berlaku: {starting}. Tidak lagi berlaku: {ending}."


def feed(catalogue: Catalogue, elections: Iterable[Election], stamp: datetime) -> bytes:
    """An RFC 5545 calendar of each election's phases and milestones (all-day events)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Tahapan Pemilu dan Pilkada (Netralitas ASN)")
    for election in elections:
        for phase in phases_of(election):
            note = _phase_note(catalogue, election, phase)
            uid = f"{election.id}-{phase.id}"
            cal.add_component(_event(election, uid, f"{phase.label} · {election.name}", phase.start_on,
                                     phase.end_on, note, stamp))  # fmt: skip
        for milestone in election.milestones:
            uid = f"{election.id}-{milestone.id}"
            day = milestone.on
            cal.add_component(_event(election, uid, milestone.label_id, day, day, election.name, stamp))
    return bytes(cal.to_ical())


@dataclass(frozen=True)
class Suggestion:
    election: Election
    phase: PhaseSpan
    draft: Draft


def suggestions(
    catalogue: Catalogue, today: date, agency_name: str, horizon_days: int = 14
) -> list[Suggestion]:
    """For each phase starting within ``horizon_days``, a circular drafted for its first day."""
    found: list[Suggestion] = []
    for election in sorted(catalogue.elections.values(), key=lambda e: e.vote_on):
        for phase in phases_of(election):
            if today < phase.start_on <= today + timedelta(days=horizon_days):
                draft = draft_circular(catalogue, election, phase.start_on, agency_name)
                found.append(Suggestion(election, phase, draft))
    return found
