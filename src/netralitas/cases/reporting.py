"""Use cases of the public reporter: submit a report, follow it and talk by receipt.

The reporter is anonymous by default; no IP address or user agent ever reaches these
functions. Every call is one transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netralitas.cases import audit
from netralitas.cases.dependencies import Kit, ScreeningOutcome
from netralitas.cases.inputs import CaseOpen
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.public_report import ReportSubmission
from netralitas.cases.records import (
    Case,
    Channel,
    Evidence,
    Message,
    Report,
    Sender,
)
from netralitas.cases.records import ReporterIdentity as StoredIdentity
from netralitas.cases.triage import screen_submission, store_screening
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.errors import NotFoundError, ValidationError
from netralitas.privacy.evidence_checks import AcceptedEvidence, accept_evidence
from netralitas.privacy.receipts import IssuedReceipt, ReceiptCandidate, generate_receipt
from netralitas.privacy.reporter_identity import encrypt_identity

#: File name of the officer-safe derivative stored beside each original image.
DERIVATIVE_NAME = "officer.jpg"


#: What a new report with its case is made from: a public report, or an officer's finding.
Submission = ReportSubmission | CaseOpen


@dataclass(frozen=True)
class SubmitResult:
    """``receipt`` is shown to the reporter once and never stored."""

    receipt: str
    report_id: str
    case_id: str
    case_number: str


@dataclass(frozen=True)
class ReportStatus:
    case_number: str
    status: CaseStatus
    label_id: str
    label_en: str
    submitted_on: date
    messages: tuple[Message, ...]
    #: Evidence files on this report (the reporter's own, counted; never the files themselves).
    evidence_count: int = 0


def submit_report(
    uow: UnitOfWork,
    kit: Kit,
    submission: ReportSubmission,
    *,
    files: Sequence[bytes] = (),
    channel: Channel = Channel.WEB,
) -> SubmitResult:
    """Store a public report (validated by ``parse_report_submission``) and open a case for it
    (status ``received``); its text is screened first (outside the transaction) and the suggestion
    stored with it (triage). ``channel`` is set by the adapter, never chosen by the reporter."""
    accepted = [accept_evidence(data, kit.evidence_policy) for data in files]
    created = _put_files(kit, accepted)
    issued = kit.receipts.issue()
    screened = screen_of(kit, submission)
    identity = submission.identity()
    committing = False
    try:
        with uow:
            report, case = new_report_and_case(
                uow, kit, submission, channel, submission.person_agency, issued
            )
            store_screening(uow, kit, report.id, screened)
            if identity is not None:
                token = encrypt_identity(identity, keyring=kit.keyring, bound_to=report.id)
                uow.identities.add(StoredIdentity(kit.new_id(), report.id, token, kit.clock.now()))
            for item in accepted:
                _store_evidence(uow, kit, report.id, item)
            audit.record(
                uow,
                kit,
                audit.PUBLIC_ACTOR,
                "report.submitted",
                "report",
                report.id,
                {
                    "case_id": case.id,
                    "evidence": len(accepted),
                    "identity": identity is not None,
                    "screened": screened is not None,
                },
            )
            committing = True
            uow.commit()
    except BaseException:
        if not committing:  # a failed commit may have committed: then the files must stay
            _forget_files(kit, created)  # nothing half-saved: no file whose report was never stored
        raise
    return SubmitResult(issued.receipt, report.id, case.id, case.number)


def screen_of(kit: Kit, sub: Submission) -> ScreeningOutcome | None:
    """The screening of a submission's text (None without a screener or on failure)."""
    return screen_submission(kit, sub.description, sub.act_on, sub.election_id, sub.employee_type)


def new_report_and_case(
    uow: UnitOfWork,
    kit: Kit,
    sub: Submission,
    channel: Channel,
    agency_name: str | None,
    issued: IssuedReceipt | None,
) -> tuple[Report, Case]:
    """Validate and add a report with its new case (shared with the officer's ``open_case``)."""
    region = _region_of(uow, sub)
    now = kit.clock.now()
    case_id = kit.new_id()
    case = Case(
        id=case_id,
        number=case_number(now.year, case_id),
        status=CaseStatus.RECEIVED,
        title=_title(sub),
        person_id=None,
        agency_id=sub.agency_id,
        region_code=region,
        election_id=sub.election_id,
        act_on=sub.act_on,
        opened_at=now,
        updated_at=now,
    )
    report = _report_record(kit, sub, case, channel, agency_name, issued)
    uow.cases.add(case)
    uow.reports.add(report)
    return report, case


def _report_record(
    kit: Kit,
    sub: Submission,
    case: Case,
    channel: Channel,
    agency_name: str | None,
    issued: IssuedReceipt | None,
) -> Report:
    return Report(
        id=kit.new_id(),
        case_id=case.id,
        receipt_tag=issued.lookup_tag if issued else None,
        receipt_hash=issued.receipt_hash if issued else None,
        channel=channel,
        description=sub.description,
        act_on=sub.act_on,
        place=sub.place,
        region_code=case.region_code,
        links=tuple(sub.links),
        person_name=sub.person_name,
        person_nip=sub.person_nip,
        person_position=sub.person_position,
        employee_type=sub.employee_type or "unknown",
        agency_id=sub.agency_id,
        agency_name=agency_name,
        election_id=sub.election_id,
        submitted_at=case.opened_at,
        retention_on=kit.clock.today() + timedelta(days=kit.retention_days),
        known_on=sub.known_on,
    )


def case_number(year: int, case_id: str) -> str:
    """Human case number from the random id: 48 bits, so collisions stay negligible at millions
    of cases (the column is unique regardless)."""
    digits = case_id[:12].upper()
    return f"NTR-{year}-{digits[:6]}-{digits[6:]}"


def _title(sub: Submission) -> str:
    who = sub.person_name or "ASN belum teridentifikasi"
    where = f" — {sub.place}" if sub.place else ""
    return f"{who}{where}"[:200]


def _region_of(uow: UnitOfWork, sub: Submission) -> str:
    """The agency's region wins over the reported place; unknown agency ids are refused."""
    if sub.agency_id is None:
        return sub.region_code
    agency = uow.agencies.get(sub.agency_id)
    if agency is None:
        raise ValidationError(
            f"Instansi '{sub.agency_id}' tidak dikenal.",
            message_en=f"Unknown agency '{sub.agency_id}'.",
            details={"field": "agency_id"},
        )
    return agency.region_code or sub.region_code


def _put_files(kit: Kit, accepted: Sequence[AcceptedEvidence]) -> list[str]:
    """Files go first, before any transaction (written atomically, content-addressed): a crash
    leaves at worst an unreferenced file, never a row without its file. Returns the SHA-256 of
    the files this call created (not those stored already by an earlier report)."""
    created = []
    for item in accepted:
        stored = kit.files.put_original(item.original)
        if stored.created:
            created.append(item.sha256)
        if item.derivative is not None:
            kit.files.put_derivative(item.sha256, DERIVATIVE_NAME, item.derivative.data)
    return created


def _forget_files(kit: Kit, created: Sequence[str]) -> None:
    """A report that failed to store (database unreachable) takes back the files it created.
    (An identical file sent by another report in the same instant could lose its copy; the
    window is one failed transaction and needs byte-identical uploads.)"""
    for sha256 in created:
        with contextlib.suppress(OSError):
            kit.files.delete(sha256)


def _store_evidence(uow: UnitOfWork, kit: Kit, report_id: str, item: AcceptedEvidence) -> Evidence:
    name = DERIVATIVE_NAME if item.derivative is not None else None
    evidence = Evidence(
        id=kit.new_id(),
        report_id=report_id,
        sha256=item.sha256,
        size=item.size,
        media_type=item.media_type,
        kind=str(item.kind),
        derivative_name=name,
        metadata_stripped=item.metadata_stripped,
        created_at=kit.clock.now(),
    )
    uow.evidence.add(evidence)
    return evidence


def unknown_receipt() -> NotFoundError:
    """The one answer to every receipt that opens nothing: unknown, mistyped or malformed."""
    return NotFoundError(
        "Nomor tanda terima tidak dikenal atau salah ketik. Periksa lagi lalu coba sekali lagi.",
        message_en="The receipt number is unknown or mistyped. Check it and try again.",
        code="receipt_unknown",
        details={"field": "receipt"},
    )


def _report_by_receipt(uow: UnitOfWork, kit: Kit, receipt: str) -> Report:
    """The report a receipt belongs to. The slow hash check runs outside any transaction (on
    SQLite a transaction holds the write lock); the caller then opens its own.

    Privacy: an unknown receipt is checked against a dummy hash, and a malformed one is charged the
    same dummy verification, so neither the answer (``unknown_receipt``) nor the time it takes tells
    an unknown, a mistyped and a malformed receipt apart."""
    try:
        tag = kit.receipts.lookup_tag(receipt)
    except ValidationError:
        kit.receipts.verify(generate_receipt(), [])
        raise unknown_receipt() from None
    with uow.reading():
        rows = [r for r in uow.reports.by_receipt_tag(tag) if r.receipt_hash and r.purged_at is None]
    found = kit.receipts.verify(receipt, [ReceiptCandidate(r.id, r.receipt_hash or "") for r in rows])
    report = next((r for r in rows if r.id == found), None)
    if report is None:
        raise unknown_receipt()
    return report


def _require_unpurged(uow: UnitOfWork, report_id: str) -> None:
    """Between the receipt check and this transaction the report may have been purged."""
    current = uow.reports.get(report_id)
    if current is None or current.purged_at is not None:
        raise unknown_receipt()


def report_status(uow: UnitOfWork, kit: Kit, receipt: str) -> ReportStatus:
    """What the reporter may see: the case number, its status and the messages."""
    report = _report_by_receipt(uow, kit, receipt)
    with uow.reading():
        case = uow.cases.get(report.case_id or "")
        if case is None:
            raise NotFoundError("Kasus tidak ditemukan.", message_en="Case not found.")
        if case.merged_into_id:
            case = uow.cases.get(case.merged_into_id) or case
        messages = tuple(uow.messages.find(report_id=report.id))
        files = len(uow.evidence.find(report_id=report.id))
    label_id, label_en = STATUS_LABELS[case.status]
    submitted_on = report.submitted_at.date()
    return ReportStatus(case.number, case.status, label_id, label_en, submitted_on, messages, files)


def post_reporter_message(uow: UnitOfWork, kit: Kit, receipt: str, body: str) -> Message:
    """A message from the reporter to the officers handling the report."""
    text = message_text(body)
    report = _report_by_receipt(uow, kit, receipt)
    with uow:
        _require_unpurged(uow, report.id)
        message = Message(kit.new_id(), report.id, Sender.REPORTER, None, text, kit.clock.now())
        uow.messages.add(message)
        audit.record(uow, kit, audit.PUBLIC_ACTOR, "message.reporter", "report", report.id, {})
        uow.commit()
    return message


def add_reporter_evidence(uow: UnitOfWork, kit: Kit, receipt: str, files: Sequence[bytes]) -> int:
    """More evidence from the reporter, by receipt (checked and sealed like at submission)."""
    accepted = [accept_evidence(data, kit.evidence_policy) for data in files]
    if not accepted:
        raise ValidationError(
            "Pilih minimal satu berkas.", message_en="Choose at least one file.", details={"field": "files"}
        )
    report = _report_by_receipt(uow, kit, receipt)
    _put_files(kit, accepted)
    with uow:
        _require_unpurged(uow, report.id)
        for item in accepted:
            _store_evidence(uow, kit, report.id, item)
        audit.record(
            uow, kit, audit.PUBLIC_ACTOR, "evidence.added", "report", report.id, {"files": len(accepted)}
        )
        uow.commit()
    return len(accepted)


def message_text(body: str) -> str:
    """A message between reporter and officers, either way: 1-4000 characters once trimmed."""
    text = body.strip()
    if not 1 <= len(text) <= 4000:
        raise ValidationError(
            "Pesan harus berisi 1–4000 karakter.",
            message_en="A message has 1–4000 characters.",
            details={"field": "body"},
        )
    return text
