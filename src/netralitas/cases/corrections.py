"""Officer-reviewed screening labels written as training examples for the screening team
(``netralitas screening export-corrections``), in the corpus format of
``data/screening/train/README.md``: ``{"id", "text", "labels", "kind", "hard_negative"}``.

Only reviewed screenings are exported (an unreviewed machine suggestion is not a label).
The identity a reporter gave (stored apart, encrypted) is never read here. In the text itself,
e-mail addresses, phone numbers and NIK/NIP-like numbers are masked; names written in the text
remain, so the training team reviews each text before it enters the corpus. Every export writes
an audit entry."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from netralitas.cases import audit
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Screening, ScreeningStatus
from netralitas.clock import JAKARTA

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s.-]?8\d{1,2}(?:[\s.-]?\d){6,9}(?!\d)")
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{16}|\d{18}|\d{8}\s\d{6}\s\d\s\d{3})(?!\d)")


def mask_contacts(text: str) -> str:
    """Mask e-mail addresses, Indonesian phone numbers and NIK/NIP numbers in free text."""
    text = _EMAIL.sub("[surel]", text)
    text = _ID_NUMBER.sub("[NIK/NIP]", text)
    return _PHONE.sub("[telepon]", text)


@dataclass(frozen=True)
class TrainingExample:
    id: str
    text: str
    labels: tuple[str, ...]
    kind: str
    hard_negative: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "labels": list(self.labels),
            "kind": self.kind,
            "hard_negative": self.hard_negative,
        }


def export_corrections(
    uow: UnitOfWork,
    kit: Kit,
    *,
    since: date | None = None,
    only_corrected: bool = False,
    actor_id: str = audit.SYSTEM_ACTOR,
) -> list[TrainingExample]:
    """Reviewed screenings (reviewed on or after ``since``, a Jakarta calendar day) as training
    examples, oldest review first; the export itself is audited."""
    since_at = datetime.combine(since, time.min, tzinfo=JAKARTA) if since else None
    with uow:
        examples = []
        for screening in uow.screenings.reviewed_since(since_at):
            if only_corrected and screening.status != ScreeningStatus.CORRECTED:
                continue
            report = uow.reports.get(screening.report_id)
            if report is None or report.purged_at is not None:
                continue
            examples.append(_example(screening, report.description))
        detail = {"count": len(examples), "since": since.isoformat() if since else None,
                  "only_corrected": only_corrected}  # fmt: skip
        audit.record(uow, kit, actor_id, "screening.corrections_exported", "screening", "-", detail)
        uow.commit()
    return examples


def _example(screening: Screening, text: str) -> TrainingExample:
    labels = screening.current_labels
    flagged = any(label != "none" for label in screening.labels)
    # opaque, stable id: the same review exports under the same id, and it does not lead back
    # to the case without the database
    digest = hashlib.sha256(screening.id.encode()).hexdigest()[:16]
    return TrainingExample(
        id=f"triage-{digest}",
        text=mask_contacts(text),
        labels=labels,
        kind="complaint",
        hard_negative=labels == ("none",) and flagged,
    )
