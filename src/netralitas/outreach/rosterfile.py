"""Reading roster files (CSV or XLSX) as a stream of (line number, fields), one row at a time.

Headers may be Indonesian or English (``nama``/``name``, ``unit``/``unit_kerja``...). CSV may use
``,`` or ``;`` (spreadsheets in Indonesian locales write ``;``) and must be UTF-8."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from netralitas.errors import ValidationError

#: Accepted header -> field.
HEADERS: dict[str, str] = {
    "nama": "name", "name": "name", "nama_lengkap": "name",
    "nip": "nip", "nip_ni_pppk": "nip", "ni_pppk": "nip",
    "unit": "unit", "unit_kerja": "unit", "satuan_kerja": "unit", "opd": "unit",
    "jabatan": "position", "position": "position",
    "jenis": "employee_type", "jenis_pegawai": "employee_type", "employee_type": "employee_type",
    "status_kepegawaian": "employee_type",
    "email": "email", "surel": "email", "e_mail": "email",
    "telepon": "phone", "phone": "phone", "hp": "phone", "no_hp": "phone", "whatsapp": "phone",
}  # fmt: skip
REQUIRED = ("name", "nip", "unit")
XLSX_MAGIC = b"PK\x03\x04"

Row = tuple[int, dict[str, str]]


def _key(header: object) -> str:
    return "_".join(str(header or "").strip().lower().replace("/", " ").replace("-", " ").split())


def _columns(headers: list[object]) -> list[str | None]:
    cols = [HEADERS.get(_key(h)) for h in headers]
    missing = [f for f in REQUIRED if f not in cols]
    if missing:
        raise ValidationError(
            f"Baris 1 (judul kolom): kolom wajib tidak ada: {', '.join(missing)}. "
            "Kolom yang dikenal: nama, nip, unit, jabatan, jenis, email, telepon.",
            message_en=f"Line 1 (headers): missing required columns: {', '.join(missing)}",
            code="roster_headers",
            details={"field": "file", "missing": missing},
        )
    return cols


def _fields(cols: list[str | None], values: list[object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for col, value in zip(cols, values, strict=False):
        if col is None or value is None:
            continue
        if isinstance(value, float) and col == "nip":
            out["nip_numeric"] = "1"  # a spreadsheet number: digits past the 15th are lost
        out[col] = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    return out


def read_roster(stream: BinaryIO, filename: str = "") -> Iterator[Row]:
    """Rows of a CSV or XLSX roster (sniffed from the content, not the name)."""
    head = stream.read(4)
    stream.seek(0)
    if head == XLSX_MAGIC or filename.lower().endswith(".xlsx"):
        return _read_xlsx(stream)
    return _read_csv(stream)


def _read_csv(stream: BinaryIO) -> Iterator[Row]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        first = text.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        cols = _columns(next(csv.reader([first], delimiter=delimiter), []))  # type: ignore[arg-type]
        reader = csv.reader(text, delimiter=delimiter)
        for values in reader:
            if any(v.strip() for v in values):
                yield reader.line_num + 1, _fields(cols, values)  # type: ignore[arg-type]
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "Berkas CSV harus berkode UTF-8 (simpan ulang sebagai 'CSV UTF-8').",
            message_en="The CSV file must be UTF-8 encoded.",
            code="roster_encoding",
            details={"field": "file"},
        ) from exc
    finally:
        text.detach()


def _read_xlsx(stream: BinaryIO) -> Iterator[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            "Berkas XLSX tidak dapat dibaca.", message_en="The XLSX file cannot be read.",
            code="roster_unreadable", details={"field": "file"},
        ) from exc  # fmt: skip
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        cols = _columns(list(next(rows, ())))
        for line, values in enumerate(rows, start=2):
            if any(v is not None and str(v).strip() for v in values):
                yield line, _fields(cols, list(values))
    finally:
        book.close()
