"""Time as a dependency: services take a Clock so tests can fix and advance it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

#: Legal deadlines in Indonesia are counted on local calendar days; WIB is used as the reference.
JAKARTA = ZoneInfo("Asia/Jakarta")


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC now."""
        ...

    def today(self) -> date:
        """Today's date in Asia/Jakarta."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(JAKARTA).date()


@dataclass
class FixedClock:
    """A clock for tests: starts at ``at`` and moves only when told."""

    at: datetime = field(default_factory=lambda: datetime(2024, 10, 1, 3, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.astimezone(JAKARTA).date()

    def advance(self, **kwargs: float) -> None:
        self.at = self.at + timedelta(**kwargs)

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.at = at
