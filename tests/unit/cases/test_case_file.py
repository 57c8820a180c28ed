"""The case file read model: one unit of work per view, the read audited once, and what an officer
may do decided in one place (from the role sets the services check and the case's workflow)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.factories import SEMARANG, SLEMAN, actor, make_kit, make_store

from netralitas.cases.case_file import open_case_file, permissions_for
from netralitas.cases.inputs import CaseOpen
from netralitas.cases.officer_actions import open_case
from netralitas.cases.roles import Role
from netralitas.cases.workflow import CaseStatus
from netralitas.errors import PermissionDeniedError


def _case(act_on: date = date(2024, 9, 30)):  # type: ignore[no-untyped-def]
    store, kit = make_store(), make_kit()
    finding = CaseOpen(
        description="Temuan: unggahan dukungan calon bupati.", act_on=act_on, agency_id=SLEMAN.id
    )
    return store, kit, open_case(store.unit_of_work(), kit, actor(Role.INTAKE_OFFICER), finding)


def test_the_file_is_read_in_one_unit_of_work_and_audited_once() -> None:
    store, kit, case = _case()
    opened = []

    def make_uow():  # type: ignore[no-untyped-def]
        opened.append(1)
        return store.unit_of_work()

    intake = actor(Role.INTAKE_OFFICER, "34")
    file = open_case_file(make_uow(), kit, intake, case.id)
    assert len(opened) == 1 and file.detail.case.id == case.id
    assert [a.id for a in file.agencies] == [SEMARANG.id, SLEMAN.id]  # by region: an identifier chooses
    viewed = [e for e in store.unit_of_work().audit.iter_all() if e.action == "case.viewed"]
    assert [(e.actor_id, e.subject_id) for e in viewed] == [(intake.user_id, case.id)]


def test_out_of_scope_is_refused_and_the_refusal_audited() -> None:
    store, kit, case = _case()
    with pytest.raises(PermissionDeniedError):
        open_case_file(store.unit_of_work(), kit, actor(Role.INTAKE_OFFICER, "33"), case.id)
    actions = [e.action for e in store.unit_of_work().audit.iter_all()]
    assert "access.denied" in actions and "case.viewed" not in actions


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.INTAKE_OFFICER, {"identify", "merge", "review"}),
        (Role.TASKFORCE, {"assess", "identify", "reveal", "merge", "review"}),
        (Role.SUPERVISOR, {"assess", "reveal", "hold", "review"}),
        (Role.PPK, set()),
    ],
)
def test_permissions_by_role(role: Role, expected: set[str]) -> None:
    _, kit, case = _case()
    can = permissions_for(kit, actor(role), case)
    flags = {"assess", "identify", "reveal", "merge", "hold", "review"}
    assert {name for name in flags if getattr(can, name)} == expected


def test_moves_follow_the_workflow_of_the_act_date() -> None:
    _, kit, new = _case(date(2024, 9, 30))
    _, _, old = _case(date(2020, 11, 5))
    intake = actor(Role.INTAKE_OFFICER)
    targets = {
        when: {
            t.target for t in permissions_for(kit, intake, replace(c, status=CaseStatus.ADMIN_CHECK)).moves
        }
        for when, c in (("2024", new), ("2020", old))
    }
    assert CaseStatus.VERIFICATION in targets["2024"] and CaseStatus.EXAMINATION not in targets["2024"]
    assert CaseStatus.EXAMINATION in targets["2020"] and CaseStatus.VERIFICATION not in targets["2020"]
    assert "merge_cases" in permissions_for(kit, intake, new).services
