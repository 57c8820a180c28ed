"""The case workflow is built from the procedure version in force on the act's date.

Since 22 September 2022 (SKB 2/2022) a case goes through task-force verification and Bawaslu
validation, and a PPK who does not act can be escalated (personnel blocking); before it, the
KASN-era procedure went from the report straight to examination and a recommendation to the PPK."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.factories import SLEMAN, actor, make_kit, make_store

from netralitas.cases.inputs import CaseOpen, TransitionRequest
from netralitas.cases.officer_actions import open_case, transition_case
from netralitas.cases.roles import Role
from netralitas.cases.workflow import (
    CLOSED_STATUSES,
    CaseStatus,
    Transition,
    build_transitions,
    stages_of,
    workflow_on,
)
from netralitas.errors import TransitionNotAllowedError
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.procedures import CASE_STAGES

S = CaseStatus
CATALOGUE = default_catalogue()

#: The table the workflow hard-coded before it was built from procedure.yaml (the 2022 version):
#: (source, target, roles, needs_reason, starts, stops, via_service).
HARD_CODED_2022 = [
    ("received", "admin_check", ("intake_officer",), False, None, ("*",), None),
    ("received", "dismissed", ("intake_officer",), True, None, ("*",), None),
    ("received", "out_of_scope", ("intake_officer",), True, None, ("*",), None),
    (
        "received",
        "forwarded",
        ("bawaslu", "intake_officer", "supervisor", "taskforce"),
        True,
        None,
        ("*",),
        None,
    ),
    ("received", "merged", ("intake_officer", "taskforce"), True, None, ("*",), "merge_cases"),
    ("admin_check", "verification", ("intake_officer",), False, "taskforce_verification", ("*",), None),
    ("admin_check", "dismissed", ("intake_officer",), True, None, ("*",), None),
    ("admin_check", "out_of_scope", ("intake_officer",), True, None, ("*",), None),
    (
        "admin_check",
        "forwarded",
        ("bawaslu", "intake_officer", "supervisor", "taskforce"),
        True,
        None,
        ("*",),
        None,
    ),
    ("admin_check", "merged", ("intake_officer", "taskforce"), True, None, ("*",), "merge_cases"),
    ("verification", "validation", ("taskforce",), False, "bawaslu_validation", ("*",), None),
    ("verification", "not_proven", ("taskforce",), True, None, ("*",), None),
    ("verification", "dismissed", ("taskforce",), True, None, ("*",), None),
    ("verification", "out_of_scope", ("taskforce",), True, None, ("*",), None),
    ("verification", "forwarded", ("bawaslu", "supervisor", "taskforce"), True, None, ("*",), None),
    ("verification", "merged", ("taskforce",), True, None, ("*",), "merge_cases"),
    ("validation", "examination", ("bawaslu",), False, None, ("*",), None),
    ("validation", "not_proven", ("bawaslu",), True, None, ("*",), None),
    ("validation", "forwarded", ("bawaslu", "supervisor", "taskforce"), True, None, ("*",), None),
    (
        "examination",
        "recommendation_sent",
        ("examiner",),
        False,
        "ppk_decision",
        ("*",),
        "send_recommendation",
    ),
    ("examination", "not_proven", ("examiner",), True, None, ("*",), None),
    (
        "examination",
        "forwarded",
        ("bawaslu", "examiner", "supervisor", "taskforce"),
        True,
        None,
        ("*",),
        None,
    ),
    ("recommendation_sent", "ppk_decided", ("ppk",), False, None, ("*",), "record_ppk_decision"),
    ("recommendation_sent", "not_proven", ("ppk",), True, None, ("*",), "record_ppk_decision"),
    ("recommendation_sent", "escalated", ("supervisor",), True, None, (), "escalate_case"),
    ("escalated", "ppk_decided", ("ppk",), False, None, ("*",), "record_ppk_decision"),
    ("escalated", "not_proven", ("ppk",), True, None, ("*",), "record_ppk_decision"),
    (
        "ppk_decided",
        "followup_confirmed",
        ("examiner", "supervisor"),
        False,
        None,
        ("*",),
        "confirm_followup",
    ),
    ("followup_confirmed", "sanctioned", ("examiner", "supervisor"), False, None, ("*",), None),
]


def _rows(transitions: tuple[Transition, ...]) -> list[tuple[object, ...]]:
    return [
        (t.source.value, t.target.value, tuple(sorted(r.value for r in t.roles)), t.needs_reason, t.starts,
         t.stops, t.via_service)
        for t in transitions
    ]  # fmt: skip


def test_the_2022_procedure_gives_the_workflow_users_know() -> None:
    built = workflow_on(CATALOGUE, date(2024, 10, 1))
    assert sorted(_rows(built.transitions), key=repr) == sorted(HARD_CODED_2022, key=repr)
    assert built.steps[:3] == ("report_received", "taskforce_verification", "bawaslu_validation")


def _main_line(act_on: date) -> list[CaseStatus]:
    workflow, status, line = workflow_on(CATALOGUE, act_on), S.RECEIVED, [S.RECEIVED]
    while status != S.SANCTIONED:
        status = next(t.target for t in workflow.transitions_from(status) if not t.needs_reason)
        line.append(status)
    return line


def test_a_2020_case_follows_the_kasn_era_steps() -> None:
    assert _main_line(date(2020, 11, 5)) == [
        S.RECEIVED, S.ADMIN_CHECK, S.EXAMINATION, S.RECOMMENDATION_SENT, S.PPK_DECIDED, S.SANCTIONED
    ]  # fmt: skip
    old = workflow_on(CATALOGUE, date(2020, 11, 5))
    assert old.steps == ("report_received", "examination", "ppk_decision", "ppk_sanction")
    assert S.ESCALATED not in {t.target for t in old.transitions}  # blocking came with SKB 2/2022
    assert not any(t.source in (S.VERIFICATION, S.VALIDATION) for t in old.transitions)


def test_a_2024_case_follows_the_skb_2022_steps() -> None:
    assert _main_line(date(2024, 10, 1)) == [
        S.RECEIVED, S.ADMIN_CHECK, S.VERIFICATION, S.VALIDATION, S.EXAMINATION, S.RECOMMENDATION_SENT,
        S.PPK_DECIDED, S.FOLLOWUP_CONFIRMED, S.SANCTIONED,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("act_on", "handled_on", "skb_2022"),
    [(date(2022, 9, 21), None, False), (date(2022, 9, 22), None, True),
     (date(2014, 1, 15), date(2024, 10, 1), False), (date(2021, 5, 1), date(2024, 10, 1), False)],
)  # fmt: skip
def test_the_version_in_force_on_the_act_date_is_used(act_on: date, handled_on: date, skb_2022: bool) -> None:
    steps = workflow_on(CATALOGUE, act_on, handled_on).steps
    assert ("taskforce_verification" in steps) is skb_2022


@pytest.mark.parametrize(("handled_on", "skb_2022"), [(date(2024, 10, 1), True), (date(2020, 3, 1), False)])
def test_an_act_before_the_first_procedure_is_handled_by_the_one_in_force_when_handled(
    handled_on: date, skb_2022: bool
) -> None:
    """Before UU 5/2014 there was no neutrality procedure (no KASN): the bodies of the handling
    day handle the case, by their procedure."""
    assert CATALOGUE.procedure_on(date(2013, 6, 1)) == ()
    steps = workflow_on(CATALOGUE, date(2013, 6, 1), handled_on).steps
    assert ("taskforce_verification" in steps) is skb_2022
    assert workflow_on(CATALOGUE, date(2013, 6, 1)).transitions == ()  # no handling day: no moves


def test_the_case_stages_of_the_data_are_the_workflows_main_line() -> None:
    main_line = [s.value for s in CaseStatus if s not in CLOSED_STATUSES and s is not S.ESCALATED]
    assert list(CASE_STAGES) == main_line


@pytest.mark.parametrize("on", [date(2014, 1, 15), date(2022, 9, 22)], ids=["kasn-era", "skb-2022"])
def test_each_version_of_the_data_names_its_stages(on: date) -> None:
    """The step -> case status mapping is data (``case_statuses`` in procedure.yaml), per version."""
    stages = {step: statuses for step, _, statuses in stages_of(CATALOGUE.procedure_on(on))}
    assert stages["report_received"] == ("received", "admin_check")
    assert stages["ppk_decision"] == ("recommendation_sent", "ppk_decided")
    assert stages["ppk_sanction"] == ()  # a sanction on the PPK is not a stage of the case


def test_a_line_that_does_not_start_at_received_is_refused() -> None:
    with pytest.raises(ValueError, match="received"):
        build_transitions([("examination", None, ("examination",))])


def test_each_version_starts_the_deadlines_its_steps_carry() -> None:
    for on in (date(2020, 1, 1), date(2024, 1, 1)):
        steps = CATALOGUE.procedure_on(on)
        carried = {s.deadline.step_id for s in steps if s.deadline is not None}
        table = build_transitions(stages_of(steps))
        started = {t.starts for t in table if t.starts}
        assert started == carried, on


def test_the_service_moves_a_2020_case_by_the_old_steps() -> None:
    store, kit = make_store(), make_kit()
    finding = CaseOpen(
        description="Temuan petugas: unggahan dukungan calon bupati tahun 2020.",
        act_on=date(2020, 11, 5),
        agency_id=SLEMAN.id,
    )
    intake = actor(Role.INTAKE_OFFICER)
    case = open_case(store.unit_of_work(), kit, intake, finding)

    def to(target: CaseStatus) -> None:
        nonlocal case
        request = TransitionRequest(case_id=case.id, version=case.version, target=target)
        case = transition_case(store.unit_of_work(), kit, intake, request)

    to(S.ADMIN_CHECK)
    with pytest.raises(TransitionNotAllowedError) as refused:
        to(S.VERIFICATION)
    assert "examination" in refused.value.details["allowed"]
    to(S.EXAMINATION)
    assert case.status is S.EXAMINATION
    assert store.unit_of_work().deadlines.open_for_case(case.id) == []


def test_a_case_without_an_act_date_follows_the_procedure_of_its_opening_day() -> None:
    store, kit = make_store(), make_kit()
    intake = actor(Role.INTAKE_OFFICER)
    case = open_case(store.unit_of_work(), kit, intake, CaseOpen(description="Temuan tanpa tanggal kejadian.",
                                                                  agency_id=SLEMAN.id))  # fmt: skip
    uow = store.unit_of_work()
    with uow:
        case = uow.cases.update(replace(case, status=S.ADMIN_CHECK), case.version)
        uow.commit()
    request = TransitionRequest(case_id=case.id, version=case.version, target=S.VERIFICATION)
    moved = transition_case(store.unit_of_work(), kit, intake, request)
    assert moved.status is S.VERIFICATION
