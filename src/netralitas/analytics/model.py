"""The numbers the oversight pages show, as plain data (no HTML): breakdowns, the monthly series
with election phases, PPK recommendation statistics and the comparison with an earlier election."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from netralitas.analytics.filters import FactFilter


class Dimension(StrEnum):
    """Columns of the facts a breakdown groups by (stable ids: used in URLs and CSV names)."""

    STATUS = "status"
    BEHAVIOUR = "behaviour"
    RULE = "rule_id"
    POSITION = "position"
    EMPLOYEE_TYPE = "employee_type"
    AGENCY = "agency_id"
    PROVINCE = "province_code"
    REGENCY = "regency_code"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    label_en: str
    count: int
    #: Cases per denominator unit (e.g. per 10,000 ASN) where a denominator exists, else None.
    rate: float | None = None


@dataclass(frozen=True)
class Breakdown:
    id: str
    title: str
    title_en: str
    rows: tuple[Row, ...]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)


@dataclass(frozen=True)
class Phase:
    """A marked span (or day, when ``start_on == end_on``) of an election on the time axis."""

    election_id: str
    kind: str  # candidate_determination | campaign | quiet | vote
    label: str
    label_en: str
    start_on: date
    end_on: date


@dataclass(frozen=True)
class Series:
    months: tuple[tuple[date, int], ...]
    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class PpkRow:
    agency_id: str
    label: str
    sent: int
    decided: int
    overdue: int
    followed_up: int
    mean_days: float | None
    max_days: int | None


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    label: str
    label_en: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass(frozen=True)
class Comparison:
    election_id: str
    previous_id: str | None
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True)
class Dashboard:
    applied: FactFilter
    total: int
    breakdowns: tuple[Breakdown, ...]
    series: Series
    ppk: tuple[PpkRow, ...]
    comparison: Comparison | None

    def breakdown(self, breakdown_id: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.id == breakdown_id), None)


@dataclass(frozen=True)
class PpkCounts:
    """Raw per-agency PPK figures from the facts (labels are added by the dashboard)."""

    agency_id: str
    sent: int
    decided: int
    overdue: int
    followed_up: int
    days_total: int
    days_count: int
    max_days: int | None


class FactSource(Protocol):
    """Named read queries over the case facts (implemented by ``netralitas.db.analytics_queries``)."""

    def total(self, where: FactFilter) -> int: ...

    def counts(self, dimension: Dimension, where: FactFilter) -> dict[str, int]: ...

    def cross(self, first: Dimension, second: Dimension, where: FactFilter) -> dict[tuple[str, str], int]: ...

    def monthly(self, where: FactFilter) -> dict[date, int]: ...

    def ppk(self, where: FactFilter, today: date, by: str = "agency_id") -> list[PpkCounts]: ...
