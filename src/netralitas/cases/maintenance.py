"""Retention: ``purge_reports`` removes the content of reports whose retention date passed.

Only reports of closed cases (or detached reports) are purged. The report row stays as a
skeleton (dates, region, case) so statistics keep adding up; its text, person fields, links,
identity, evidence (files and rows) and messages are deleted. Each purge is audited."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from netralitas.cases import audit
from netralitas.cases.kit import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Report
from netralitas.cases.workflow import is_closed

PURGED_TEXT = "[dihapus sesuai masa retensi / purged after retention]"


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    evidence_files: int
    kept_open: int

    def to_dict(self) -> dict[str, int]:
        return {"purged": self.purged, "evidence_files": self.evidence_files, "kept_open": self.kept_open}


def purge_reports(
    uow: UnitOfWork, kit: Kit, on: date, *, batch: int = 200, dry_run: bool = False
) -> PurgeResult:
    """Purge every report due on ``on``, one transaction per batch."""
    purged = files = kept = 0
    seen: set[str] = set()
    while True:
        keys: list[str] = []
        with uow:
            due = [r for r in uow.reports.due_for_purge(on, batch + len(seen)) if r.id not in seen]
            if not due:
                break
            for report in due:
                seen.add(report.id)
                if not _closed(uow, report):
                    kept += 1
                    continue
                purged += 1
                if not dry_run:
                    keys.extend(_purge_one(uow, kit, report))
            if not dry_run:
                uow.commit()
        with uow:  # files go only once no row refers to them any more
            orphans = [sha for sha in set(keys) if not uow.evidence.find(sha256=sha)]
        for sha in orphans:
            kit.files.delete(sha)
        files += len(orphans)
    return PurgeResult(purged, files, kept)


def _closed(uow: UnitOfWork, report: Report) -> bool:
    case = uow.cases.get(report.case_id) if report.case_id else None
    return case is None or is_closed(case.status)


def _purge_one(uow: UnitOfWork, kit: Kit, report: Report) -> list[str]:
    keys: list[str] = []
    for evidence in uow.evidence.find(report_id=report.id):
        keys.append(evidence.sha256)
        uow.evidence.delete(evidence.id)
    for identity in uow.identities.find(report_id=report.id):
        uow.identities.delete(identity.id)
    for message in uow.messages.find(report_id=report.id):
        uow.messages.delete(message.id)
    skeleton = replace(
        report,
        description=PURGED_TEXT,
        links=(),
        place=None,
        person_name=None,
        person_nip=None,
        person_position=None,
        agency_name=None,
        receipt_tag=None,
        receipt_hash=None,
        purged_at=kit.clock.now(),
    )
    uow.reports.replace(skeleton)
    audit.record(uow, kit, audit.SYSTEM_ACTOR, "report.purged", "report", report.id, {"files": len(keys)})
    return keys
