"""Issue 13: the demo is dated relative to the caller's clock — its queue mixes on-time, due-soon
and overdue deadlines instead of a wall of "lewat 744 hari" — while the acts stay in the campaign
of the election the catalogue knows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import CaseQuery
from netralitas.clock import JAKARTA, FixedClock
from netralitas.db.uow import SqlUnitOfWork
from netralitas.demo.seeding import CAMPAIGN, seed_demo


def test_demo_deadlines_are_a_mix_around_today(make_uow: Callable[[], SqlUnitOfWork], kit: Kit,
                                               clock: FixedClock) -> None:  # fmt: skip
    clock.set(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    today = clock.today()
    seed_demo(make_uow, kit, rng_seed=5, per_status=3)
    with make_uow() as uow:
        cases = uow.cases.search(CaseQuery(limit=500))[0]
        reports = [r for c in cases for r in uow.reports.find(case_id=c.id)]
        open_deadlines = [d for c in cases for d in uow.deadlines.find(case_id=c.id) if d.stopped_on is None]
        latest_entry = max(e.at for e in uow.audit.iter_all())
    assert latest_entry <= clock.now()  # nothing is dated in the future
    assert all(c.opened_at.date() > today.replace(year=today.year - 1) for c in cases)
    kinds = Counter(
        "overdue" if d.due_on < today else "soon" if (d.due_on - today).days <= 3 else "later"
        for d in open_deadlines
    )
    assert kinds["overdue"] and kinds["soon"] + kinds["later"] >= len(open_deadlines) // 3, kinds
    assert max((today - d.due_on).days for d in open_deadlines) < 60
    assert all(CAMPAIGN[0] <= r.act_on <= CAMPAIGN[1] and r.election_id == "pilkada-2024" for r in reports)
    sent_on = {r.id: r.submitted_at.astimezone(JAKARTA).date() for r in reports}
    assert all(r.known_on is not None and r.known_on <= sent_on[r.id] for r in reports)
