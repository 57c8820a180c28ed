from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas.errors import ValidationError
from netralitas.privacy.retention import (
    ClosedCaseFacts,
    RetentionCandidate,
    StatisticalStub,
    coarsen_region,
    evidence_to_delete,
    is_due_for_purge,
    make_statistical_stub,
    retention_until,
    select_for_purge,
)


def test_open_cases_have_no_retention_date_and_are_never_purged() -> None:
    assert retention_until(None, 30) is None
    assert not is_due_for_purge(None, retention_days=0, today=date(2100, 1, 1))


def test_retention_date_and_boundary() -> None:
    closed = date(2024, 12, 31)
    assert retention_until(closed, 365) == date(2025, 12, 31)
    assert not is_due_for_purge(closed, retention_days=365, today=date(2025, 12, 31))
    assert is_due_for_purge(closed, retention_days=365, today=date(2026, 1, 1))
    assert not is_due_for_purge(closed, retention_days=365, today=date(2026, 1, 1), on_hold=True)


def test_negative_retention_refused() -> None:
    with pytest.raises(ValidationError) as info:
        retention_until(date(2024, 1, 1), -1)
    assert info.value.code == "retention_invalid"


@given(st.dates(), st.integers(0, 4000), st.dates())
def test_purge_exactly_after_retention(closed: date, days: int, today: date) -> None:
    try:
        until = closed + timedelta(days=days)
    except OverflowError:
        return
    assert is_due_for_purge(closed, retention_days=days, today=today) == (today > until)


def test_select_for_purge_skips_open_held_and_recent() -> None:
    today = date(2030, 1, 1)
    cases = [
        RetentionCandidate("recent", date(2029, 12, 1)),
        RetentionCandidate("old-b", date(2020, 5, 1)),
        RetentionCandidate("open", None),
        RetentionCandidate("held", date(2019, 1, 1), on_hold=True),
        RetentionCandidate("old-a", date(2020, 5, 1)),
        RetentionCandidate("older", date(2019, 2, 1)),
    ]
    assert select_for_purge(cases, retention_days=365, today=today) == ("older", "old-a", "old-b")


def test_shared_evidence_kept_while_referenced() -> None:
    assert evidence_to_delete({"a", "b", "c"}, {"b", "z"}) == frozenset({"a", "c"})


def test_region_coarsened_to_regency() -> None:
    assert coarsen_region("35.78.01.1001") == "35.78"
    assert coarsen_region("35") == "35"
    assert coarsen_region("") == ""


def test_stub_keeps_statistics_but_nothing_personal() -> None:
    facts = ClosedCaseFacts(
        case_id="c-1",
        received_on=date(2024, 10, 1),
        closed_on=date(2025, 2, 14),
        outcome="sanctioned",
        region_code="35.78.01.1001",
        election_id="pilkada-2024",
        employee_type="pns",
        behaviours=("social_media_post", "social_media_post", "campaign_attendance"),
        rule_ids=("skb-b2",),
        overall_level="moderate",
        sanction_level="moderate",
        report_count=2,
        evidence_count=3,
    )
    stub = make_statistical_stub(facts)
    assert stub.received_month == "2024-10" and stub.closed_month == "2025-02" and stub.days_open == 136
    assert stub.region_code == "35.78"
    assert stub.behaviours == ("campaign_attendance", "social_media_post")
    names = {f.name for f in dataclasses.fields(StatisticalStub)}
    personal = {
        "person_name",
        "nip",
        "person_nip",
        "description",
        "links",
        "place",
        "reporter",
        "received_on",
    }
    assert not names & personal
    assert all(not isinstance(getattr(stub, n), date) for n in names)
