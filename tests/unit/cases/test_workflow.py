from __future__ import annotations

from datetime import date

import pytest

from netralitas.cases.roles import Actor, Role, is_in_scope, region_contains
from netralitas.cases.workflow import CLOSED_STATUSES, STATUS_LABELS, CaseStatus, workflow_on
from netralitas.errors import TransitionNotAllowedError
from netralitas.rules.catalogue import default_catalogue

#: The workflow of the procedure in force since 22 September 2022 (SKB 2/2022).
SKB_2022 = workflow_on(default_catalogue(), date(2024, 10, 1))
TRANSITIONS = SKB_2022.transitions
transitions_from = SKB_2022.transitions_from
allowed_targets = SKB_2022.allowed_targets
find_transition = SKB_2022.find_transition


def test_every_open_status_has_a_way_out_and_closed_ones_none() -> None:
    for status in CaseStatus:
        exits = transitions_from(status)
        assert (not exits) == (status in CLOSED_STATUSES), status


def test_every_move_into_a_closed_status_stops_every_deadline() -> None:
    """The overdue list and its counts rely on it: an open deadline is always an open case's."""
    closing = [t for t in TRANSITIONS if t.target in CLOSED_STATUSES]
    assert closing and all(t.stops_all and t.starts is None for t in closing)


def test_every_status_is_reachable_from_received() -> None:
    seen, todo = {CaseStatus.RECEIVED}, [CaseStatus.RECEIVED]
    while todo:
        for t in transitions_from(todo.pop()):
            if t.target not in seen:
                seen.add(t.target)
                todo.append(t.target)
    assert seen == set(CaseStatus)


def test_labels_cover_every_status_in_two_languages() -> None:
    assert set(STATUS_LABELS) == set(CaseStatus)
    assert all(a and b and a != b for a, b in STATUS_LABELS.values())


def test_no_transition_is_listed_twice_for_a_role_and_service() -> None:
    keys = [(t.source, t.target, r, t.via_service) for t in TRANSITIONS for r in t.roles]
    assert len(keys) == len(set(keys))


def test_disallowed_transition_names_the_allowed_ones() -> None:
    with pytest.raises(TransitionNotAllowedError) as err:
        find_transition(CaseStatus.RECEIVED, CaseStatus.VALIDATION, Role.INTAKE_OFFICER, None)
    allowed = err.value.details["allowed"]
    assert "admin_check" in allowed and "dismissed" in allowed
    assert "admin_check" in err.value.message


def test_role_without_rights_gets_an_empty_allowed_list() -> None:
    assert allowed_targets(CaseStatus.RECEIVED, Role.PPK) == ()
    with pytest.raises(TransitionNotAllowedError) as err:
        find_transition(CaseStatus.RECEIVED, CaseStatus.ADMIN_CHECK, Role.PPK, None)
    assert err.value.details["allowed"] == []


def test_service_only_transitions_are_refused_through_the_generic_path() -> None:
    with pytest.raises(TransitionNotAllowedError):
        find_transition(CaseStatus.EXAMINATION, CaseStatus.RECOMMENDATION_SENT, Role.EXAMINER, None)
    t = find_transition(
        CaseStatus.EXAMINATION, CaseStatus.RECOMMENDATION_SENT, Role.EXAMINER, "send_recommendation"
    )
    assert t.starts == "ppk_decision"


@pytest.mark.parametrize(
    ("scope", "region", "inside"),
    [
        ("", "33.74", True),
        ("33", "33.74", True),
        ("33", "33", True),
        ("33", "34.04", False),
        ("33.7", "33.74", False),
        ("33.74", "33", False),
    ],
)
def test_region_prefix_respects_segments(scope: str, region: str, inside: bool) -> None:
    assert region_contains(scope, region) is inside


def test_agency_bound_actor_sees_only_their_agency() -> None:
    ppk = Actor("u", "ppk", Role.PPK, "34.04", "pemda-34.04")
    assert is_in_scope(ppk, "34.04", "pemda-34.04")
    assert not is_in_scope(ppk, "34.04", "ag-other")
    assert not is_in_scope(ppk, "34.04", None)


@pytest.mark.parametrize(
    "transition", [t for t in TRANSITIONS if t.via_service is None], ids=lambda t: f"{t.source}->{t.target}"
)
def test_every_plain_transition_works_through_the_service_for_each_allowed_role(transition: object) -> None:
    from dataclasses import replace

    from tests.factories import SLEMAN, actor, make_kit, make_store

    from netralitas.cases.inputs import CaseOpen, TransitionRequest
    from netralitas.cases.officer_actions import open_case, transition_case
    from netralitas.cases.workflow import Transition

    assert isinstance(transition, Transition)
    store, kit = make_store(), make_kit()
    opener = actor(Role.INTAKE_OFFICER)
    finding = CaseOpen(description="Temuan petugas tentang unggahan kampanye.", agency_id=SLEMAN.id)
    for role in sorted(transition.roles):
        case = open_case(store.unit_of_work(), kit, opener, finding)
        uow = store.unit_of_work()
        with uow:
            case = uow.cases.update(replace(case, status=transition.source), case.version)
            uow.commit()
        moved = transition_case(
            store.unit_of_work(),
            kit,
            actor(role),
            TransitionRequest(
                case_id=case.id,
                version=case.version,
                target=transition.target,
                reason="Alasan yang cukup jelas",
            ),
        )
        assert moved.status == transition.target
        deadlines = store.unit_of_work().deadlines.open_for_case(case.id)
        assert [d.step_id for d in deadlines] == ([transition.starts] if transition.starts else [])
