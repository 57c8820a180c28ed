"""Roster files made in the test (CSV and XLSX) with valid NIPs."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = "nama;nip;unit;jabatan;jenis;email;telepon"


def nip(n: int, sex: int = 1) -> str:
    """A structurally valid NIP: born 1985-03-12, appointed 2010-01, sequence n."""
    return f"19850312201001{sex}{n:03d}"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def person(n: int, unit: str = "DISDIK", position: str = "Guru", name: str = "") -> str:
    return f"{name or f'Pegawai {n}'};{nip(n)};{unit};{position};PNS;p{n}@slemankab.go.id;0811000{n:04d}"


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nama", "NIP", "Unit Kerja", "Jabatan", "Jenis Pegawai"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
