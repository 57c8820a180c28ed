"""The PPK (the reported person's superior) reads a case without the reporter channel: the core
enforces it (case_detail, permissions_for, the message and original-file services)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.factories import SLEMAN, actor, make_kit, make_store, png

from netralitas.cases.case_file import open_case_file
from netralitas.cases.officer_actions import post_officer_message
from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.reporting import post_reporter_message, submit_report
from netralitas.cases.roles import Role
from netralitas.cases.sensitive_reads import read_evidence, view_case
from netralitas.errors import PermissionDeniedError

PPK = actor(Role.PPK, "34.04", SLEMAN.id)
EXAMINER = actor(Role.EXAMINER, "34.04")


def _reported():  # type: ignore[no-untyped-def]
    store, kit = make_store(), make_kit()
    submission = parse_report_submission({
        "region_code": "34.04", "agency_id": SLEMAN.id, "act_on": date(2024, 10, 2),
        "known_on": date(2024, 10, 3), "description": "Lurah mengajak memilih pasangan nomor 2 di grup RT.",
        "anonymous": False, "reporter": {"name": "Sri Rahayu", "contact": "0812"},
        "election_id": "pilkada-2024", "person_position": "Lurah",
    })  # fmt: skip
    result = submit_report(store.unit_of_work(), kit, submission, files=[png()])
    post_reporter_message(store.unit_of_work(), kit, result.receipt, "Rumah saya dekat balai desa.")
    post_officer_message(
        store.unit_of_work(), kit, EXAMINER, result.case_id, result.report_id, "Terima kasih."
    )
    return store, kit, result


def test_the_ppk_detail_has_the_facts_but_no_reporter_channel() -> None:
    store, kit, result = _reported()
    full = view_case(store.unit_of_work(), kit, EXAMINER, result.case_id)
    assert len(full.messages) == 2 and full.reports_with_identity
    assert full.reports[0].receipt_hash and full.reports[0].known_on == date(2024, 10, 3)
    ppk = view_case(store.unit_of_work(), kit, PPK, result.case_id)
    assert ppk.reporter_channel is False
    assert ppk.messages == () and ppk.reports_with_identity == frozenset() and ppk.report_windows == ()
    (report,) = ppk.reports
    assert report.receipt_hash is None and report.receipt_tag is None and report.known_on is None
    assert report.description.startswith("Lurah mengajak") and len(ppk.evidence) == 1
    assert "Sri Rahayu" not in repr(ppk) and "balai desa" not in repr(ppk)


def test_permissions_and_services_refuse_the_ppk_the_reporter_channel() -> None:
    store, kit, result = _reported()
    file = open_case_file(store.unit_of_work(), kit, PPK, result.case_id)
    assert not file.can.message and not file.can.originals and not file.can.reveal
    assert file.captures == {}
    with pytest.raises(PermissionDeniedError):
        post_officer_message(store.unit_of_work(), kit, PPK, result.case_id, result.report_id, "Halo pelapor")
    evidence = file.detail.evidence[0]
    with pytest.raises(PermissionDeniedError):
        read_evidence(store.unit_of_work(), kit, PPK, evidence.id, original=True, reason="ingin melihat asli")
    copy, _ = read_evidence(store.unit_of_work(), kit, PPK, evidence.id)  # the metadata-free copy
    assert copy.id == evidence.id
    refusals = [e for e in store.unit_of_work().audit.iter_all() if e.action == "access.denied"]
    assert len(refusals) == 2
    examiner = open_case_file(store.unit_of_work(), kit, EXAMINER, result.case_id)
    assert examiner.can.message and examiner.can.originals
