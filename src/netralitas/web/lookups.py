"""Read-only reference lists the pages need and the case services do not offer (yet).

The routes call services for everything that acts on cases or accounts. Two plain reads have
no service: the account list (admin page) and the agency list (selects on the admin page and the
case file). They live here, in one place, each in its own
short unit of work, so that they can be swapped for services when the cases area adds them.
"""

from __future__ import annotations

from typing import Any

from netralitas.web.backend import Backend


def all_accounts(backend: Backend) -> list[Any]:
    """Every account, by username (the admin page; the caller has checked the role)."""
    uow = backend.make_uow()
    with uow.reading():  # no SQLite write lock
        return sorted(uow.users.find(), key=lambda u: u.username)


def all_agencies(backend: Backend) -> list[Any]:
    """Every agency, by region and name (reference data for selects; not case data)."""
    uow = backend.make_uow()
    with uow.reading():
        return sorted(uow.agencies.find(), key=lambda a: (a.region_code, a.name))
