from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from tests.factories import INTAKE, TASKFORCE, actor, make_kit, make_store, png, report

from netralitas.cases import audit
from netralitas.cases.case_lists import suggest_duplicates
from netralitas.cases.inputs import TransitionRequest
from netralitas.cases.maintenance import PURGED_TEXT, purge_cases, set_hold
from netralitas.cases.officer_actions import open_case, post_officer_message, transition_case
from netralitas.cases.reporting import (
    add_reporter_evidence,
    post_reporter_message,
    report_status,
    submit_report,
)
from netralitas.cases.roles import Role
from netralitas.cases.sensitive_reads import read_evidence, reveal_identity, view_case
from netralitas.cases.workflow import CaseStatus
from netralitas.errors import NotFoundError, PermissionDeniedError, ValidationError


def test_receipt_is_shown_once_stored_hashed_and_opens_status_and_messages() -> None:
    store, kit = make_store(), make_kit()
    result = submit_report(store.unit_of_work(), kit, report(anonymous=False, reporter={"name": "Sri"}))
    stored = store.unit_of_work().reports.get(result.report_id)
    assert stored is not None and stored.receipt_hash and result.receipt not in stored.receipt_hash
    assert result.receipt.replace("-", "") not in repr(stored)
    status = report_status(store.unit_of_work(), kit, result.receipt.lower())
    assert (status.case_number, status.status) == (result.case_number, CaseStatus.RECEIVED)
    post_reporter_message(store.unit_of_work(), kit, result.receipt, "Saya punya video tambahan.")
    post_officer_message(
        store.unit_of_work(), kit, INTAKE, result.case_id, result.report_id, "Silakan unggah."
    )
    status = report_status(store.unit_of_work(), kit, result.receipt)
    assert [m.sender.value for m in status.messages] == ["reporter", "officer"]


def test_unknown_and_malformed_receipts_are_refused() -> None:
    store, kit = make_store(), make_kit()
    submit_report(store.unit_of_work(), kit, report())
    with pytest.raises(NotFoundError) as err:
        report_status(store.unit_of_work(), kit, "0000-0000-0000-0000-0000")
    assert err.value.code == "receipt_unknown"
    with pytest.raises(NotFoundError) as bad:
        report_status(store.unit_of_work(), kit, "abc")
    assert (bad.value.code, bad.value.message) == (err.value.code, err.value.message)  # one answer


def test_identity_is_encrypted_apart_and_revealed_only_with_a_reason_on_record() -> None:
    store, kit = make_store(), make_kit()
    result = submit_report(
        store.unit_of_work(),
        kit,
        report(anonymous=False, reporter={"name": "Sri Lestari", "contact": "0812"}),
    )
    (row,) = store.unit_of_work().identities.find(report_id=result.report_id)
    assert "Sri" not in row.token
    detail = view_case(store.unit_of_work(), kit, TASKFORCE, result.case_id)
    assert detail.reports_with_identity == {result.report_id}
    with pytest.raises(ValidationError):
        reveal_identity(store.unit_of_work(), kit, TASKFORCE, result.report_id, "perlu")
    with pytest.raises(PermissionDeniedError):
        reveal_identity(store.unit_of_work(), kit, INTAKE, result.report_id, "Konfirmasi kronologi kejadian")
    who = reveal_identity(
        store.unit_of_work(), kit, TASKFORCE, result.report_id, "Konfirmasi kronologi kejadian"
    )
    assert (who.name, who.contact) == ("Sri Lestari", "0812")
    last = list(store.unit_of_work().audit.iter_all())[-1]
    assert (last.action, last.detail["reason"]) == ("identity.revealed", "Konfirmasi kronologi kejadian")


def test_evidence_is_sealed_and_originals_need_a_reason() -> None:
    store, kit = make_store(), make_kit()
    photo = png()
    result = submit_report(store.unit_of_work(), kit, report(), files=[photo])
    (ev,) = view_case(store.unit_of_work(), kit, TASKFORCE, result.case_id).evidence
    assert (ev.size, ev.media_type, ev.metadata_stripped) == (len(photo), "image/png", True)
    _, data = read_evidence(store.unit_of_work(), kit, TASKFORCE, ev.id)
    assert data.startswith(b"\xff\xd8")  # the officer copy is a re-encoded JPEG
    with pytest.raises(ValidationError):
        read_evidence(store.unit_of_work(), kit, TASKFORCE, ev.id, original=True)
    _, original = read_evidence(
        store.unit_of_work(), kit, TASKFORCE, ev.id, original=True, reason="Uji keaslian foto"
    )
    assert original == photo
    actions = [e.action for e in store.unit_of_work().audit.iter_all()][-2:]
    assert actions == ["evidence.derivative_read", "evidence.original_read"]


def test_bad_evidence_loses_nothing_because_nothing_is_written() -> None:
    store, kit = make_store(), make_kit()
    with pytest.raises(ValidationError):
        submit_report(store.unit_of_work(), kit, report(), files=[png(), b"MZ not an image"])
    assert store.unit_of_work().reports.find() == [] and list(store.unit_of_work().audit.iter_all()) == []


def test_unknown_agency_is_a_validation_error() -> None:
    store, kit = make_store(), make_kit()
    with pytest.raises(ValidationError) as err:
        submit_report(store.unit_of_work(), kit, report(agency_id="nope"))
    assert err.value.details["field"] == "agency_id"


def test_duplicates_suggest_cases_sharing_a_link_or_nip() -> None:
    store, kit = make_store(), make_kit()
    unnamed = {"person_name": None, "person_position": "Lurah"}  # the same link is the only tie
    first = submit_report(store.unit_of_work(), kit, report(**unnamed))
    again = "Unggahan yang sama dilaporkan lagi oleh warga."
    second = submit_report(store.unit_of_work(), kit, report(**unnamed, description=again))
    other = ("https://example.org/other",)
    unrelated = submit_report(store.unit_of_work(), kit, report(**unnamed, links=other))
    found = suggest_duplicates(store.unit_of_work(), kit, INTAKE, second.case_id)
    assert [(s.case_id, [r.code for r in s.reasons]) for s in found] == [(first.case_id, ["same_link"])]
    assert all(s.case_id != unrelated.case_id for s in found)


def test_purge_removes_personal_data_of_closed_cases_after_retention_only() -> None:
    store, kit = make_store(), make_kit(retention_days=30)
    closed = submit_report(
        store.unit_of_work(), kit, report(anonymous=False, reporter={"name": "A"}), files=[png()]
    )
    twin = submit_report(store.unit_of_work(), kit, report(), files=[png()])  # same file, case stays open
    case = store.unit_of_work().cases.get(closed.case_id)
    assert case is not None
    transition_case(
        store.unit_of_work(),
        kit,
        INTAKE,
        TransitionRequest(
            case_id=case.id, version=case.version, target=CaseStatus.DISMISSED, reason="Bukan pelanggaran"
        ),
    )
    today = kit.clock.today()
    assert purge_cases(store.unit_of_work(), kit, today + timedelta(days=30)).cases == 0
    assert purge_cases(store.unit_of_work(), kit, today + timedelta(days=31), dry_run=True).cases == 1
    result = purge_cases(store.unit_of_work(), kit, today + timedelta(days=31))
    assert (result.cases, result.reports, result.evidence_files) == (1, 1, 0)  # the file is shared
    uow = store.unit_of_work()
    gone, purged_case = uow.reports.get(closed.report_id), uow.cases.get(closed.case_id)
    assert gone is not None and gone.description == PURGED_TEXT and gone.person_name is None
    assert purged_case is not None and purged_case.purged_at and purged_case.close_reason is None
    assert purged_case.status == CaseStatus.DISMISSED  # statistics keep the outcome
    assert uow.identities.find() == [] and len(uow.evidence.find()) == 1
    assert all(e.reason is None for e in uow.events.find(case_id=closed.case_id))
    with pytest.raises(NotFoundError):
        report_status(store.unit_of_work(), kit, closed.receipt)
    assert report_status(store.unit_of_work(), kit, twin.receipt).status == CaseStatus.RECEIVED
    assert purge_cases(store.unit_of_work(), kit, today + timedelta(days=60)).cases == 0
    assert audit.verify_trail(store.unit_of_work(), kit).ok


def test_audit_verify_detects_edits_and_deleted_rows() -> None:
    store, kit = make_store(), make_kit()
    for _ in range(3):
        open_case(store.unit_of_work(), kit, INTAKE, report())
    assert audit.verify_trail(store.unit_of_work(), kit).ok
    rows = store.tables["audit"]
    original = rows["2"]
    rows["2"] = replace(original, actor_id="someone-else")
    assert audit.verify_trail(store.unit_of_work(), kit).broken_at == 2
    rows["2"] = original
    del rows["2"]
    assert (audit.verify_trail(store.unit_of_work(), kit).problem) == "deleted"
    rows["2"] = original
    del rows["3"]
    assert (audit.verify_trail(store.unit_of_work(), kit).problem) == "truncated"


def test_reporter_adds_evidence_later_by_receipt() -> None:
    store, kit = make_store(), make_kit()
    sent = submit_report(store.unit_of_work(), kit, report())
    with pytest.raises(ValidationError):
        add_reporter_evidence(store.unit_of_work(), kit, sent.receipt, [b"not a file"])
    assert add_reporter_evidence(store.unit_of_work(), kit, sent.receipt, [png(), png((3, 3))]) == 2
    assert len(view_case(store.unit_of_work(), kit, TASKFORCE, sent.case_id).evidence) == 2
    with pytest.raises(NotFoundError):
        add_reporter_evidence(store.unit_of_work(), kit, "0000-0000-0000-0000-0000", [png()])


def test_a_case_on_hold_is_not_purged_until_released() -> None:
    store, kit = make_store(), make_kit(retention_days=10)
    sent = submit_report(store.unit_of_work(), kit, report())
    case = store.unit_of_work().cases.get(sent.case_id)
    assert case is not None
    case = transition_case(
        store.unit_of_work(),
        kit,
        INTAKE,
        TransitionRequest(
            case_id=case.id, version=case.version, target=CaseStatus.DISMISSED, reason="Bukan pelanggaran"
        ),
    )
    supervisor = actor(Role.SUPERVISOR)
    with pytest.raises(PermissionDeniedError):
        set_hold(store.unit_of_work(), kit, INTAKE, case.id, case.version, "Banding di PTUN")
    with pytest.raises(ValidationError):
        set_hold(store.unit_of_work(), kit, supervisor, case.id, case.version, "banding")
    held = set_hold(
        store.unit_of_work(), kit, supervisor, case.id, case.version, "Banding di PTUN Yogyakarta"
    )
    later = kit.clock.today() + timedelta(days=100)
    assert purge_cases(store.unit_of_work(), kit, later).cases == 0
    set_hold(store.unit_of_work(), kit, supervisor, case.id, held.version, None)
    assert purge_cases(store.unit_of_work(), kit, later).cases == 1


def test_malformed_unknown_and_wrong_receipts_cost_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The privacy timing guard is in the core: every channel gets it."""
    store, kit = make_store(), make_kit()
    sent = submit_report(store.unit_of_work(), kit, report())
    wrong = ("Z" if sent.receipt[0] != "Z" else "Y") + sent.receipt[1:]
    real = type(kit.receipts).verify
    calls: list[int] = []

    def counting(self, receipt, candidates):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(self, receipt, candidates)

    monkeypatch.setattr(type(kit.receipts), "verify", counting)
    costs = []
    for receipt in ("abc", "0000-0000-0000-0000-0000", wrong):
        before = len(calls)
        with pytest.raises(NotFoundError) as refused:
            report_status(store.unit_of_work(), kit, receipt)
        assert refused.value.code == "receipt_unknown"
        costs.append(len(calls) - before)
    assert costs == [1, 1, 1]
