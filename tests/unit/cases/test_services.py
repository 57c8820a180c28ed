from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.factories import (
    BAWASLU,
    EXAMINER,
    INTAKE,
    PPK,
    SEMARANG,
    SLEMAN,
    SUPERVISOR,
    TASKFORCE,
    actor,
    make_kit,
    make_store,
    move,
)
from tests.memory import MemoryAudit, MemoryStore

from netralitas.cases import audit
from netralitas.cases.case_lists import list_cases, list_overdue, search_digest
from netralitas.cases.decisions import (
    assess_case,
    confirm_followup,
    escalate_case,
    record_ppk_decision,
    send_recommendation,
)
from netralitas.cases.inputs import (
    AssessmentRequest,
    CaseOpen,
    EscalationCreate,
    FollowUpCreate,
    MergeRequest,
    PersonInput,
    PpkDecisionCreate,
    RecommendationCreate,
)
from netralitas.cases.officer_actions import identify_person, merge_cases, open_case
from netralitas.cases.ports import CaseQuery
from netralitas.cases.records import Case
from netralitas.cases.roles import Role
from netralitas.cases.sensitive_reads import view_case
from netralitas.cases.workflow import CaseStatus
from netralitas.db.audit_group import AuditGroup
from netralitas.errors import ConflictError, PermissionDeniedError, TransitionNotAllowedError, ValidationError


def finding(**kw: object) -> CaseOpen:
    base: dict[str, object] = {
        "description": "Camat mengunggah foto dengan pose dua jari bersama calon bupati.",
        "act_on": date(2024, 9, 28),
        "place": "Kecamatan Depok",
        "person_name": "Budi Santoso",
        "agency_id": SLEMAN.id,
        "election_id": "pilkada-2024",
    }
    base.update(kw)
    return CaseOpen.model_validate(base)


def to_examination(store: MemoryStore, kit) -> Case:  # type: ignore[no-untyped-def]
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    case = move(store.unit_of_work, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    case = move(store.unit_of_work, kit, INTAKE, case, CaseStatus.VERIFICATION)
    case = move(store.unit_of_work, kit, TASKFORCE, case, CaseStatus.VALIDATION)
    return move(store.unit_of_work, kit, BAWASLU, case, CaseStatus.EXAMINATION)


def test_full_path_to_sanction_records_history_deadlines_and_audit() -> None:
    store, kit = make_store(), make_kit()
    case = to_examination(store, kit)
    uow = store.unit_of_work()
    assess_case(
        uow,
        kit,
        EXAMINER,
        AssessmentRequest(
            case_id=case.id, version=case.version, behaviours=("partisan_gesture",), act_on=date(2024, 9, 28)
        ),
    )
    case = store.unit_of_work().cases.get(case.id)
    assert case is not None
    case = send_recommendation(
        store.unit_of_work(),
        kit,
        EXAMINER,
        RecommendationCreate(
            case_id=case.id, version=case.version, level="heavy", text="Rekomendasi sanksi disiplin berat."
        ),
    )
    case = record_ppk_decision(
        store.unit_of_work(),
        kit,
        PPK,
        PpkDecisionCreate(
            case_id=case.id,
            version=case.version,
            level="heavy",
            form="Penurunan jabatan setingkat lebih rendah selama 12 bulan",
            decree_number="800/123/2024",
            decree_on=date(2024, 10, 20),
        ),
    )
    case = confirm_followup(
        store.unit_of_work(),
        kit,
        SUPERVISOR,
        FollowUpCreate(
            case_id=case.id, version=case.version, note="Tercatat di I'DIS", confirmed_on=date(2024, 10, 25)
        ),
    )
    case = move(store.unit_of_work, kit, SUPERVISOR, case, CaseStatus.SANCTIONED)
    detail = view_case(store.unit_of_work(), kit, SUPERVISOR, case.id)
    assert detail.case.status == CaseStatus.SANCTIONED and detail.case.closed_at is not None
    assert [e.to_status for e in detail.events if e.kind == "transition"] == [
        "admin_check",
        "verification",
        "validation",
        "examination",
        "recommendation_sent",
        "ppk_decided",
        "followup_confirmed",
        "sanctioned",
    ]
    assert {d.step_id for d in detail.deadlines} == {
        "taskforce_verification",
        "bawaslu_validation",
        "ppk_decision",
    }
    assert all(d.stopped_on is not None for d in detail.deadlines)
    assert detail.assessments[0].rule_ids == ("skb-b-partisan_gesture",)
    assert detail.assessments[0].catalogue_version == "0.1.0+fake"
    assert detail.recommendations[0].authority_id == "bkn"
    assert detail.decisions[0].decree_number == "800/123/2024"
    actions = [e.action for e in store.unit_of_work().audit.iter_all()]
    assert actions.count("case.transition") == 8 and actions[-1] == "case.viewed"
    assert audit.verify_trail(store.unit_of_work(), kit).ok


def test_deadlines_follow_the_catalogue_units() -> None:
    store, kit = make_store(), make_kit()  # clock: Tuesday 1 Oct 2024
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    case = move(store.unit_of_work, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    case = move(store.unit_of_work, kit, INTAKE, case, CaseStatus.VERIFICATION)
    (d,) = store.unit_of_work().deadlines.open_for_case(case.id)
    assert (d.step_id, d.due_on) == ("taskforce_verification", date(2024, 10, 8))
    kit.clock.advance(days=2)  # type: ignore[attr-defined]
    case = move(store.unit_of_work, kit, TASKFORCE, case, CaseStatus.VALIDATION)  # Thursday 3 Oct
    (d,) = store.unit_of_work().deadlines.open_for_case(case.id)
    assert (d.step_id, d.due_on) == ("bawaslu_validation", date(2024, 10, 8))  # Fri, Mon, Tue


def test_closing_without_reason_is_refused_and_nothing_changes() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    with pytest.raises(ValidationError) as err:
        move(store.unit_of_work, kit, INTAKE, case, CaseStatus.DISMISSED, reason=" ")
    assert err.value.details["field"] == "reason"
    assert store.unit_of_work().cases.get(case.id) == case
    closed = move(
        store.unit_of_work, kit, INTAKE, case, CaseStatus.DISMISSED, reason="Laporan tidak memuat peristiwa."
    )
    assert closed.close_reason == "Laporan tidak memuat peristiwa."


def test_stale_version_is_refused_and_the_first_write_survives() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    moved = move(store.unit_of_work, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    with pytest.raises(ConflictError) as err:
        move(store.unit_of_work, kit, INTAKE, case, CaseStatus.DISMISSED, reason="Alasan yang cukup panjang")
    assert err.value.details["current_version"] == moved.version
    assert store.unit_of_work().cases.get(case.id) == moved


def test_repository_refuses_a_concurrent_update_too() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    uow = store.unit_of_work()
    with uow:
        uow.cases.update(replace(case, title="satu"), case.version)
        with pytest.raises(ConflictError):
            uow.cases.update(replace(case, title="dua"), case.version)


def test_wrong_role_transition_names_allowed_targets() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    with pytest.raises(TransitionNotAllowedError) as err:
        move(store.unit_of_work, kit, TASKFORCE, case, CaseStatus.ADMIN_CHECK)
    assert "admin_check" not in err.value.details["allowed"]


def test_out_of_scope_access_is_refused_and_audited() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    semarang_officer = actor(Role.INTAKE_OFFICER, "33", name="smg")
    with pytest.raises(PermissionDeniedError):
        view_case(store.unit_of_work(), kit, semarang_officer, case.id)
    with pytest.raises(PermissionDeniedError):
        move(store.unit_of_work, kit, semarang_officer, case, CaseStatus.ADMIN_CHECK)
    denied = [e for e in store.unit_of_work().audit.iter_all() if e.action == "access.denied"]
    assert [(e.actor_id, e.detail["attempted"]) for e in denied] == [
        ("u-smg", "view_case"),
        ("u-smg", "transition"),
    ]
    assert store.unit_of_work().cases.get(case.id) == case


def test_ppk_of_another_agency_cannot_decide() -> None:
    store, kit = make_store(), make_kit()
    case = to_examination(store, kit)
    case = send_recommendation(
        store.unit_of_work(),
        kit,
        EXAMINER,
        RecommendationCreate(
            case_id=case.id, version=case.version, level="heavy", text="Rekomendasi sanksi disiplin berat."
        ),
    )
    other = actor(Role.PPK, "33.74", SEMARANG.id, name="ppk-smg")
    with pytest.raises(PermissionDeniedError):
        record_ppk_decision(
            store.unit_of_work(),
            kit,
            other,
            PpkDecisionCreate(
                case_id=case.id,
                version=case.version,
                level="heavy",
                form="Penurunan jabatan setingkat lebih rendah selama 12 bulan",
                decree_number="1/2024",
                decree_on=date(2024, 10, 20),
            ),
        )


def test_escalation_waits_for_the_ppk_deadline_then_shows_in_overdue() -> None:
    store, kit = make_store(), make_kit()
    case = to_examination(store, kit)
    case = send_recommendation(
        store.unit_of_work(),
        kit,
        EXAMINER,
        RecommendationCreate(
            case_id=case.id, version=case.version, level="heavy", text="Rekomendasi sanksi disiplin berat."
        ),
    )
    request = EscalationCreate(case_id=case.id, version=case.version, reason="PPK tidak menindaklanjuti")
    with pytest.raises(ConflictError) as err:
        escalate_case(store.unit_of_work(), kit, SUPERVISOR, request)
    assert err.value.code == "not_overdue"
    (ppk_deadline,) = store.unit_of_work().deadlines.open_for_case(case.id)
    assert list_overdue(store.unit_of_work(), kit, ppk_deadline.due_on) == []
    late = list_overdue(store.unit_of_work(), kit, date(2024, 11, 1))
    assert [(i.case_number, i.step_id, i.days_late) for i in late] == [
        (case.number, "ppk_decision", (date(2024, 11, 1) - ppk_deadline.due_on).days)
    ]
    kit.clock.advance(days=30)  # type: ignore[attr-defined]
    escalated = escalate_case(store.unit_of_work(), kit, SUPERVISOR, request)
    assert escalated.status == CaseStatus.ESCALATED
    assert len(list_overdue(store.unit_of_work(), kit, date(2024, 11, 5))) == 1  # the PPK deadline still runs
    decided = record_ppk_decision(
        store.unit_of_work(),
        kit,
        PPK,
        PpkDecisionCreate(
            case_id=case.id,
            version=escalated.version,
            level="none",
            form="Tidak terbukti",
            decree_number="2/2024",
            decree_on=date(2024, 11, 5),
            reason="Foto ternyata hasil rekayasa",
        ),
    )
    assert decided.status == CaseStatus.NOT_PROVEN
    assert list_overdue(store.unit_of_work(), kit, date(2024, 12, 1)) == []
    (esc,) = store.unit_of_work().escalations.find(case_id=case.id)
    assert esc.resolved_at is not None


def test_overdue_is_filtered_by_scope_when_an_actor_asks() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    case = move(store.unit_of_work, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    move(store.unit_of_work, kit, INTAKE, case, CaseStatus.VERIFICATION)
    on = date(2024, 10, 20)
    assert len(list_overdue(store.unit_of_work(), kit, on, actor(Role.SUPERVISOR, "34"))) == 1
    assert list_overdue(store.unit_of_work(), kit, on, actor(Role.SUPERVISOR, "33")) == []


def test_merge_moves_reports_and_closes_the_source() -> None:
    store, kit = make_store(), make_kit()
    first = open_case(store.unit_of_work(), kit, INTAKE, finding())
    second = open_case(
        store.unit_of_work(), kit, INTAKE, finding(description="Laporan kedua tentang foto yang sama.")
    )
    merged = merge_cases(
        store.unit_of_work(),
        kit,
        INTAKE,
        MergeRequest(
            source_case_id=second.id,
            source_version=second.version,
            target_case_id=first.id,
            reason="Peristiwa yang sama",
        ),
    )
    assert merged.status == CaseStatus.MERGED and merged.merged_into_id == first.id
    assert len(store.unit_of_work().reports.find(case_id=first.id)) == 2


def test_identify_person_checks_nip_and_moves_scope() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding(agency_id=None, region_code="34"))
    with pytest.raises(ValidationError):
        identify_person(
            store.unit_of_work(),
            kit,
            INTAKE,
            case.id,
            case.version,
            PersonInput(name="Budi Santoso", nip="12345"),
        )
    updated = identify_person(
        store.unit_of_work(),
        kit,
        INTAKE,
        case.id,
        case.version,
        PersonInput(name="Budi Santoso", nip="198001012005011002", agency_id=SLEMAN.id, position="Camat"),
    )
    assert (updated.region_code, updated.agency_id) == ("34.04", SLEMAN.id)
    person = store.unit_of_work().persons.get(updated.person_id or "")
    assert person is not None and person.nip == "198001012005011002"


def test_admin_cannot_read_case_files() -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())
    with pytest.raises(PermissionDeniedError):
        view_case(store.unit_of_work(), kit, actor(Role.ADMIN), case.id)


def test_a_list_that_cannot_be_audited_is_not_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    store, kit = make_store(), make_kit()
    case = open_case(store.unit_of_work(), kit, INTAKE, finding())

    def refuse(self: MemoryAudit, entry: object) -> None:
        raise RuntimeError("audit store unavailable")

    grouped = replace(kit, audit_group=AuditGroup())  # the group commit fails closed too
    with monkeypatch.context() as patch:
        patch.setattr(MemoryAudit, "append", refuse)
        for each in (kit, grouped):
            with pytest.raises(RuntimeError):
                list_cases(store.unit_of_work(), each, INTAKE, CaseQuery())
            with pytest.raises(RuntimeError):
                list_overdue(store.unit_of_work(), each, date(2025, 1, 1), INTAKE)
    assert list_cases(store.unit_of_work(), grouped, INTAKE, CaseQuery()).total == 1  # and recovers
    page = list_cases(store.unit_of_work(), kit, INTAKE, CaseQuery(text=f"  {case.number}  "))
    assert page.total == 1
    last = store.unit_of_work().audit.last()
    assert last is not None and last.action == "cases.listed" and last.actor_id == INTAKE.user_id
    digest = search_digest(kit, case.number)
    assert last.detail["filters"]["text"] == {"length": len(case.number), "digest": digest}
    assert digest == search_digest(kit, f" {case.number.lower()} ") != search_digest(kit, "budi")
