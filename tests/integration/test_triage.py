"""Triage on SQLite and PostgreSQL: a submitted report is screened with the real screening
package, an officer confirms or corrects the labels, and only reviewed labels are exported."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from netralitas.cases.corrections import export_corrections
from netralitas.cases.decisions import assess_case
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import AssessmentRequest, ScreeningReviewRequest
from netralitas.cases.maintenance import purge_cases
from netralitas.cases.records import Case, ScreeningStatus
from netralitas.cases.reporting import SubmitResult, submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.cases.sensitive_reads import view_case
from netralitas.cases.triage import assessment_defaults, review_screening
from netralitas.cases.workflow import CaseStatus
from netralitas.clock import FixedClock
from netralitas.db.uow import SqlUnitOfWork
from netralitas.errors import ConflictError, PermissionDeniedError
from netralitas.screening import screen_text
from tests.factories import INTAKE, PPK, TASKFORCE, move, report, seed_agencies
from tests.integration.conftest import Raw

MakeUow = Callable[[], SqlUnitOfWork]
GESTURE = (
    "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram. Hubungi saya di 0812-3456-7890."
)
CHATTER = "Lurah mengajak warga datang ke TPS tanggal 27 November dan menggunakan hak pilih dengan bijak."


def _submit(make_uow: MakeUow, kit: Kit, description: str) -> SubmitResult:
    return submit_report(make_uow(), kit, report(description=description))


def _case(make_uow: MakeUow, kit: Kit, case_id: str) -> Case:
    return view_case(make_uow(), kit, TASKFORCE, case_id).case


def _review(make_uow: MakeUow, kit: Kit, who: Actor, case: Case, labels: tuple[str, ...], **kw: Any) -> Case:
    request = ScreeningReviewRequest(case_id=case.id, version=case.version, labels=labels, **kw)
    return review_screening(make_uow(), kit, who, request)


def test_a_submitted_report_is_screened_with_evidence_and_findings(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    sent = _submit(make_uow, kit, GESTURE)
    detail = view_case(make_uow(), kit, INTAKE, sent.case_id)
    (item,) = detail.triage
    assert item.report_id == sent.report_id and item.screening.status == ScreeningStatus.SUGGESTED
    assert "partisan_gesture" in item.screening.labels and item.reviews == ()
    gesture = next(b for b in item.behaviours if b.label == "partisan_gesture")
    assert 0 < gesture.confidence <= 1
    spans = [(e.start, e.end, e.text) for e in gesture.evidence]
    assert any(GESTURE[start:end] == words == "dua jari" for start, end, words in spans)
    assert any(cue.cue == "camat" for cue in item.asn_cues)
    # dated, Pilkada 2024, a PNS-cued position: the rule engine's findings come along
    assert item.findings and all(f.rule_id for f in item.findings)


def test_review_is_checked_kept_audited_and_feeds_the_assessment(
    make_uow: MakeUow, kit: Kit, raw: Raw
) -> None:
    seed_agencies(make_uow, kit)
    case = _case(make_uow, kit, _submit(make_uow, kit, GESTURE).case_id)
    with pytest.raises(PermissionDeniedError):
        _review(make_uow, kit, PPK, case, ("partisan_gesture",))
    outsider = Actor("u-exam-jkt", "exam.jkt", Role.EXAMINER, "31")
    with pytest.raises(PermissionDeniedError):
        _review(make_uow, kit, outsider, case, ("partisan_gesture",))
    denied = raw.scalar("SELECT count(*) FROM audit_entries WHERE action = 'access.denied'")
    assert denied == 2
    corrected = ("photo_with_candidate", "social_media_post")
    after = _review(make_uow, kit, INTAKE, case, corrected, note="Pose bukan dua jari, hanya foto bersama.")
    assert after.version == case.version + 1
    with pytest.raises(ConflictError) as stale:  # the form of someone who saw the old version
        _review(make_uow, kit, TASKFORCE, case, ("none",))
    assert stale.value.details["current_version"] == after.version
    (item,) = view_case(make_uow(), kit, TASKFORCE, case.id).triage
    (kept,) = item.reviews
    assert item.screening.status == ScreeningStatus.CORRECTED and item.screening.current_labels == corrected
    assert (kept.actor_id, kept.labels, kept.outcome) == (
        INTAKE.user_id,
        corrected,
        ScreeningStatus.CORRECTED,
    )
    assert "partisan_gesture" in kept.original_labels and kept.note and kept.at == kit.clock.now()
    detail = raw.scalar("SELECT detail FROM audit_entries WHERE action = 'case.screening_reviewed'")
    assert "photo_with_candidate" in str(detail)
    reports = view_case(make_uow(), kit, TASKFORCE, case.id).reports
    defaults = assessment_defaults(after, reports[0], item)
    assert defaults["behaviours"] == corrected and defaults["act_on"] == date(2024, 9, 28)
    moved = move(make_uow, kit, INTAKE, move(make_uow, kit, INTAKE, after, CaseStatus.ADMIN_CHECK),
                 CaseStatus.VERIFICATION)  # fmt: skip
    request = AssessmentRequest(**{**defaults, "version": moved.version})
    record = assess_case(make_uow(), kit, TASKFORCE, request)
    assert set(record.behaviours) == set(corrected)


def test_only_reviewed_labels_are_exported_with_contacts_masked(make_uow: MakeUow, kit: Kit) -> None:
    seed_agencies(make_uow, kit)
    corrected_case = _case(make_uow, kit, _submit(make_uow, kit, GESTURE).case_id)
    _submit(make_uow, kit, CHATTER)  # never reviewed: a machine suggestion is not a label
    confirmed_case = _case(make_uow, kit, _submit(make_uow, kit, GESTURE + " Lagi.").case_id)
    _review(make_uow, kit, INTAKE, corrected_case, ("none",), note="Hanya foto kegiatan dinas.")
    kit.clock.advance(hours=1)  # type: ignore[attr-defined]  # exports come oldest review first
    suggestion = view_case(make_uow(), kit, INTAKE, confirmed_case.id).triage[0].screening.labels
    _review(make_uow, kit, TASKFORCE, _case(make_uow, kit, confirmed_case.id), tuple(sorted(suggestion)))
    rows = export_corrections(make_uow(), kit)
    assert [r.labels for r in rows] == [("none",), tuple(sorted(suggestion))]
    hard, confirmed = rows
    assert hard.hard_negative and not confirmed.hard_negative and hard.kind == "complaint"
    assert "0812" not in hard.text and "[telepon]" in hard.text and hard.text.startswith("Camat mengunggah")
    assert hard.id.startswith("triage-") and corrected_case.id not in hard.id
    assert [r.labels for r in export_corrections(make_uow(), kit, only_corrected=True)] == [("none",)]
    assert export_corrections(make_uow(), kit, since=date(2024, 10, 2)) == []
    assert len(export_corrections(make_uow(), kit, since=date(2024, 10, 1))) == 2


def test_export_command_writes_the_training_format(
    make_uow: MakeUow,
    kit: Kit,
    cli: Callable[..., tuple[int, str]],
    tmp_path: Path,
    raw: Raw,
) -> None:
    seed_agencies(make_uow, kit)
    case = _case(make_uow, kit, _submit(make_uow, kit, GESTURE).case_id)
    _submit(make_uow, kit, CHATTER)
    _review(make_uow, kit, INTAKE, case, ("photo_with_candidate",))
    out = tmp_path / "corrections.jsonl"
    code, output = cli("screening", "export-corrections", "--out", str(out), "--since", "2024-10-01")
    assert code == 0, output
    (line,) = out.read_text(encoding="utf-8").splitlines()
    row = json.loads(line)
    assert set(row) == {"id", "text", "labels", "kind", "hard_negative"}
    assert row["labels"] == ["photo_with_candidate"] and row["hard_negative"] is False
    assert (
        raw.scalar("SELECT count(*) FROM audit_entries WHERE action = 'screening.corrections_exported'") == 1
    )
    code, output = cli("screening", "export-corrections", "--since", "kemarin")
    assert code != 0 and "YYYY-MM-DD" in output


def test_screening_failure_keeps_the_report_and_purge_scrubs_the_evidence(
    make_uow: MakeUow, kit: Kit, raw: Raw
) -> None:
    seed_agencies(make_uow, kit)

    def broken(*_args: object) -> object:
        raise RuntimeError("model file missing")

    sent = submit_report(make_uow(), replace(kit, screener=broken), report(description=GESTURE))
    case = _case(make_uow, kit, sent.case_id)
    assert view_case(make_uow(), kit, INTAKE, case.id).triage == ()
    case = _review(make_uow, kit, INTAKE, case, ("partisan_gesture",))  # an empty suggestion, corrected
    (item,) = view_case(make_uow(), kit, INTAKE, case.id).triage
    assert item.screening.labels == () and item.screening.status == ScreeningStatus.CORRECTED
    screened = _submit(make_uow, kit, GESTURE)
    closed = move(
        make_uow, kit, INTAKE, _case(make_uow, kit, screened.case_id), CaseStatus.DISMISSED, "Di luar masa."
    )
    later = replace(kit, clock=FixedClock(datetime(2025, 1, 1, 3, 0, tzinfo=UTC)))
    assert purge_cases(make_uow(), later, later.clock.today()).cases == 1
    with raw.engine.connect() as conn:
        kept = conn.execute(
            text("SELECT result, labels FROM screenings WHERE report_id = :r"), {"r": screened.report_id}
        )
        result, labels = kept.one()
    assert closed.status == CaseStatus.DISMISSED
    assert "dua jari" not in json.dumps(result) and "partisan_gesture" in json.dumps(labels)


def test_screening_runs_before_the_write_transaction(make_uow: MakeUow, kit: Kit, db_url: str) -> None:
    """On SQLite a transaction holds the database's single write lock: the screening (model
    loading, text analysis) must not run while it is held."""
    seed_agencies(make_uow, kit)
    seen: list[tuple[object, ...]] = []

    def probing(text: str, on: object, election_id: object, employee_type: object) -> object:
        if db_url.startswith("sqlite"):
            other = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # raises 'database is locked' inside a transaction
                other.execute("ROLLBACK")
            finally:
                other.close()
        seen.append((text, on, election_id, employee_type))
        return screen_text(text, on=on, election_id=election_id, employee_type=employee_type)  # type: ignore[arg-type]

    sent = submit_report(
        make_uow(), replace(kit, screener=probing), report(description=GESTURE, employee_type="pns")
    )
    assert seen == [(GESTURE, date(2024, 9, 28), "pilkada-2024", "pns")]
    (item,) = view_case(make_uow(), kit, INTAKE, sent.case_id).triage
    assert "partisan_gesture" in item.screening.labels
