"""The officers' case list as CSV or XLSX, written row by row (constant memory at any size).

An export of nothing is still a valid file with its header row. The file holds what the queue
shows to the same officer (number, title, status, region, agency, dates) and the statistical
categories of each case; never the reporter's identity, contact or the report texts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook

from netralitas.cases.workflow import STATUS_LABELS, CaseStatus

FORMATS = ("csv", "xlsx")
HEADER = (
    "nomor", "judul", "status", "status_label", "wilayah", "instansi", "pemilihan", "tanggal_kejadian",
    "dibuka", "ditutup", "perilaku", "ketentuan", "jabatan", "jenis_pegawai", "rekomendasi_dikirim",
    "diputus_ppk",
)  # fmt: skip
_LABELS = {s.value: labels[0] for s, labels in STATUS_LABELS.items()}


@dataclass(frozen=True)
class ExportRow:
    number: str
    title: str
    status: str
    region_code: str
    agency_id: str | None
    election_id: str | None
    act_on: date | None
    opened_on: date
    closed_on: date | None
    behaviour: str | None
    rule_id: str | None
    position: str | None
    employee_type: str | None
    recommended_on: date | None
    decided_on: date | None

    def cells(self) -> tuple[str | date | None, ...]:
        return (
            self.number, self.title, self.status, _LABELS.get(self.status, self.status), self.region_code,
            self.agency_id, self.election_id, self.act_on, self.opened_on, self.closed_on, self.behaviour,
            self.rule_id, self.position, self.employee_type, self.recommended_on, self.decided_on,
        )  # fmt: skip


@dataclass(frozen=True)
class ExportQuery:
    statuses: frozenset[CaseStatus] = frozenset()
    region: str = ""
    agency_id: str | None = None
    election_id: str | None = None
    text: str = ""


def _text(value: str | date | None) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else value
    # a cell starting like a formula is read as text by spreadsheets (CSV injection)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_chunks(rows: Iterable[ExportRow], *, every: int = 500) -> Iterator[bytes]:
    """UTF-8 CSV (with a byte-order mark, so spreadsheet programs read the accents) in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(HEADER)
    for i, row in enumerate(rows, start=1):
        writer.writerow([_text(c) for c in row.cells()])
        if i % every == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_csv(rows: Iterable[ExportRow], out: BinaryIO) -> None:
    for chunk in csv_chunks(rows):
        out.write(chunk)


def write_xlsx(rows: Iterable[ExportRow], path: Path) -> int:
    """An XLSX in openpyxl's write-only mode (rows go to a temporary file, not memory)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("kasus")
    sheet.append(list(HEADER))
    count = 0
    for row in rows:
        sheet.append([_text(c) if isinstance(c, str) else c for c in row.cells()])
        count += 1
    book.save(path)
    return count
