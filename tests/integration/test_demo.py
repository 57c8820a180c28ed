from __future__ import annotations

from collections.abc import Callable

from netralitas.cases import audit
from netralitas.cases.accounts import authenticate
from netralitas.cases.case_lists import list_cases
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery
from netralitas.cases.workflow import CaseStatus
from netralitas.db.uow import SqlUnitOfWork
from netralitas.demo.seeding import PATHS, seed_demo


def test_demo_covers_every_status_and_its_credentials_log_in(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit
) -> None:
    result = seed_demo(make_uow, kit, rng_seed=3, per_status=1)
    assert set(result.by_status) == {s.value for s in CaseStatus}
    assert all(n == 1 for n in result.by_status.values())
    assert result.agencies > 100 and len({c[2] for c in result.credentials}) == 7
    for username, password, role, _scope in result.credentials:
        actor = authenticate(make_uow(), kit, username, password)
        assert actor is not None and actor.role.value == role
    ppk = authenticate(
        make_uow(), kit, "ppk.semarang", dict((c[0], c[1]) for c in result.credentials)["ppk.semarang"]
    )
    assert ppk is not None
    mine = list_cases(make_uow(), kit, ppk, CaseQuery(limit=500))
    assert mine.total > 0 and all(c.agency_id == "pemda-33.74" for c in mine.items)
    assert audit.verify_trail(make_uow(), kit).ok
    with make_uow() as uow:  # every case past the administrative check had its screening reviewed
        reviewed = uow.screenings.reviewed_since(None)
        reports = [
            r for c in uow.cases.search(CaseQuery(limit=500))[0] for r in uow.reports.find(case_id=c.id)
        ]
        screened = [s for r in reports for s in uow.screenings.find(report_id=r.id)]
    assert len(screened) == len(reports) == result.cases
    assert len(reviewed) == sum(CaseStatus.VERIFICATION in path for path in PATHS.values())


def test_demo_is_deterministic(make_uow: Callable[[], SqlUnitOfWork], kit: Kit) -> None:
    first = seed_demo(make_uow, kit, rng_seed=11, per_status=1)
    with make_uow() as uow:
        numbers = sorted(c.number for c in uow.cases.search(CaseQuery(limit=500))[0])
    from tests.memory import MemoryStore

    store = MemoryStore()
    second = seed_demo(store.unit_of_work, kit, rng_seed=11, per_status=1)
    again = sorted(c.number for c in store.unit_of_work().cases.search(CaseQuery(limit=500))[0])
    assert (
        numbers == again and first.credentials == second.credentials and first.by_status == second.by_status
    )
