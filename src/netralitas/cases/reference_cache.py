"""Reference data kept per process: the agency list.

The officer queue shows every agency in the viewer's reach in its agency filter and checks the
``instansi`` of the address against them on every view; reading ~550 rows per view grew with the
country. Agencies change rarely and only through ``cases.agency_admin`` and
``cases.agencies.import_agencies``, which call ``AgencyCache.forget`` after their commit, so a
change made in this process is seen by the next view. A change made by another process (another
``serve`` worker, the CLI) is seen when the copy expires: at most ``AGENCY_TTL_SECONDS`` later."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Agency

#: How long a copy of the agency list is used before it is read again (changes made by other
#: processes are seen within this time; this process's own changes at once).
AGENCY_TTL_SECONDS = 30.0


class AgencyCache:
    """Every agency, by region and name, read at most once per ``ttl`` seconds (one per kit, so
    one per database)."""

    def __init__(self, ttl: float = AGENCY_TTL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._items: tuple[Agency, ...] | None = None
        self._until = 0.0
        #: Raised by ``forget``: a copy read while a change was committed is not kept.
        self._generation = 0
        #: ``chosen`` lists, for the copy they were chosen from.
        self._chosen: dict[Hashable, tuple[Agency, ...]] = {}
        self._chosen_from: tuple[Agency, ...] | None = None

    def agencies(self, uow: UnitOfWork) -> tuple[Agency, ...]:
        now = self._clock()
        with self._lock:
            if self._items is not None and now < self._until:
                return self._items
            generation = self._generation
        with uow.reading():
            items = tuple(sorted(uow.agencies.find(), key=lambda a: (a.region_code, a.name)))
        with self._lock:
            if generation == self._generation:
                self._items, self._until = items, now + self.ttl
        return items

    def chosen(self, uow: UnitOfWork, key: Hashable, keep: Callable[[Agency], bool]) -> tuple[Agency, ...]:
        """The agencies ``keep`` accepts, kept under ``key`` (e.g. a viewer's scope) for as long
        as the copy they were chosen from."""
        items = self.agencies(uow)
        with self._lock:
            if self._chosen_from is not items:
                self._chosen, self._chosen_from = {}, items
            found = self._chosen.get(key)
        if found is None:
            found = tuple(a for a in items if keep(a))
            with self._lock:
                if self._chosen_from is items:
                    self._chosen[key] = found
        return found

    def forget(self) -> None:
        """Drop the copy (after an agency was added or changed)."""
        with self._lock:
            self._items = None
            self._generation += 1
