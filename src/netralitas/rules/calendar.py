"""Working-day calendar: weekends, national holidays and cuti bersama, versioned per year.

National holidays and cuti bersama come from the maintained ``holidays`` package (country ID,
categories ``public`` and ``government``); ``calendar.yaml`` adds or removes days the package
does not know (each year marked ``confirmed`` or ``needs_review``). Years outside the data
fall back to the package alone and are reported by :meth:`WorkingDayCalendar.review_status_for`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol

import holidays

from netralitas.rules.model import ReviewStatus


class _DeadlineLike(Protocol):
    @property
    def amount(self) -> int: ...

    @property
    def unit(self) -> str: ...


@dataclass(frozen=True)
class CalendarYear:
    year: int
    review_status: ReviewStatus
    extra_days_off: dict[date, str]
    extra_working_days: dict[date, str]
    note: str | None = None


@lru_cache(maxsize=64)
def _package_days_off(year: int, categories: tuple[str, ...]) -> dict[date, str]:
    days = holidays.country_holidays("ID", years=[year], categories=categories, language="id")
    return {d: str(name) for d, name in days.items()}


@dataclass(frozen=True, eq=False)  # identity hash: safe as a cache key
class WorkingDayCalendar:
    years: dict[int, CalendarYear]
    categories: tuple[str, ...] = ("public", "government")
    weekend: frozenset[int] = field(default_factory=lambda: frozenset({5, 6}))
    _days_off: dict[int, dict[date, str]] = field(default_factory=dict, compare=False, repr=False)

    def days_off(self, year: int) -> dict[date, str]:
        """Every day off in ``year`` besides weekends, with its name (holiday or cuti bersama)."""
        cached = self._days_off.get(year)
        if cached is not None:
            return cached
        days = dict(_package_days_off(year, self.categories))
        data = self.years.get(year)
        if data is not None:
            days.update(data.extra_days_off)
            for d in data.extra_working_days:
                days.pop(d, None)
        self._days_off[year] = days  # a cache: the calendar's data never changes
        return days

    def holiday_name(self, d: date) -> str | None:
        return self.days_off(d.year).get(d)

    def is_working_day(self, d: date) -> bool:
        if d.weekday() in self.weekend:
            return False
        return d not in self.days_off(d.year)

    def review_status_for(self, year: int) -> ReviewStatus:
        data = self.years.get(year)
        return data.review_status if data is not None else ReviewStatus.NEEDS_REVIEW

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself is not counted)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current = start
        remaining = n
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def due_date(self, start: date, deadline: _DeadlineLike) -> date:
        """The last day on which a step started on ``start`` is still in time.

        Days are counted from the day after ``start``: calendar days for ``days``, working days
        (this calendar) for ``working_days``.
        """
        if deadline.unit == "working_days":
            return self.add_working_days(start, deadline.amount)
        if deadline.unit == "days":
            return start + timedelta(days=deadline.amount)
        raise ValueError(f"unknown deadline unit {deadline.unit!r}")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if ``end <= start``)."""
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count

    def covered_years(self) -> Iterable[int]:
        return sorted(self.years)
