"""Reading uploads of collected posts: CSV and JSON Lines, line-numbered problems, limits."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netralitas.errors import ValidationError
from netralitas.monitoring import posts
from netralitas.monitoring.posts import read_upload


def test_csv_with_indonesian_headers_semicolons_and_a_quoted_multiline_text() -> None:
    data = (
        b"teks;tautan;waktu;akun;kode_wilayah\n"
        b"Camat ikut kampanye paslon 2;https://fb.com/p/1;2024-10-01;@warga;34.04\n"
        b'"Status WA ""dukung nomor 1""\nbaris kedua";;01/10/2024;;\n'
        b"Tanpa tanggal;;kemarin;;\n"
    )
    parsed = read_upload(data, "pantau.csv")
    assert [p.line for p in parsed.posts] == [2, 3]
    first, second = parsed.posts
    assert (
        first.url == "https://fb.com/p/1"
        and first.posted_on == date(2024, 10, 1)
        and first.author == "@warga"
    )
    assert first.region_code == "34.04"
    assert second.text == 'Status WA "dukung nomor 1"\nbaris kedua' and second.posted_on == date(2024, 10, 1)
    assert [p.line for p in parsed.problems] == [5]
    assert parsed.problems[0].message.startswith("baris 5: waktu unggah")


def test_jsonl_keeps_good_lines_and_numbers_the_bad_ones() -> None:
    lines = [
        json.dumps({"text": "ASN pasang spanduk caleg", "url": "https://x.com/a/status/1", "author": "a"}),
        "{rusak",
        json.dumps(["bukan", "objek"]),
        json.dumps({"text": "   "}),
        "",
        json.dumps({"text": "ok", "url": "javascript:alert(1)"}),
        json.dumps({"content": "pakai kunci content", "posted_at": "2024-10-02T08:00:00+07:00"}),
    ]
    parsed = read_upload("\n".join(lines).encode(), "pos.jsonl")
    assert [p.line for p in parsed.posts] == [1, 7]
    assert parsed.posts[1].posted_on == date(2024, 10, 2)
    assert [p.line for p in parsed.problems] == [2, 3, 4, 6]
    assert "bukan JSON" in parsed.problems[0].message and "http" in parsed.problems[3].message


def test_region_codes_are_checked_by_the_caller() -> None:
    data = b"text,region\nsatu,34.04\ndua,33.74\n"
    parsed = read_upload(
        data, "a.csv", lambda code: code if code.startswith("34") else ("di luar", "outside")
    )
    assert [p.line for p in parsed.posts] == [2]
    assert parsed.problems[0].line == 3 and parsed.problems[0].message == "baris 3: di luar"


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "a.csv", "kosong"),
        (b"url,author\nhttps://a.b,x\n", "a.csv", "Kolom teks tidak ada"),
        (b"text\n\xff\xfe rusak\n", "a.csv", "bukan teks UTF-8 (baris 2)"),
        (b'{"text": ""}\n', "a.jsonl", "Tidak ada pos yang dapat disaring"),
    ],
)
def test_whole_file_refusals_are_clear_indonesian(data: bytes, name: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_upload(data, name)
    assert words in caught.value.message


def test_size_and_count_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(posts, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError, match="Berkas terlalu besar"):
        read_upload(b"text\n" + b"x" * 200, "a.csv")
    monkeypatch.setattr(posts, "MAX_UPLOAD_BYTES", 10_000)
    monkeypatch.setattr(posts, "MAX_POSTS", 3)
    with pytest.raises(ValidationError, match="Terlalu banyak pos: paling banyak 3"):
        read_upload(b"text\n" + b"pos\n" * 5, "a.csv")
    monkeypatch.setattr(posts, "MAX_TEXT", 6)
    parsed = read_upload(b"text\npanjang sekali\npendek\n", "a.csv")
    assert [p.line for p in parsed.posts] == [3] and "karakter" in parsed.problems[0].message


def workbook(*rows: tuple[object, ...]) -> bytes:
    """An XLSX workbook (first sheet) with these rows, as openpyxl writes it."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_first_row_is_the_header_and_a_bad_row_is_reported_by_its_row_number() -> None:
    from datetime import datetime

    data = workbook(
        ("Teks", "Tautan", "Waktu", "Akun", "Jenis"),
        ("Camat pasang spanduk caleg", "https://fb.com/p/1", datetime(2024, 10, 1, 8, 30), "@warga", "post"),
        ("Tautan rusak", "javascript:alert(1)", None, None, None),
        (None, None, None, None, None),  # an empty row is skipped, not reported
        ("Sambutan kepala dinas", None, "02/10/2024", 12345, "Pidato"),
        ("Isi di luar judul", None, None, None, None, "lebih"),
    )
    parsed = read_upload(data, "pantauan.xlsx")
    assert [(p.line, p.kind) for p in parsed.posts] == [(2, "post"), (5, "speech")]
    assert parsed.posts[0].posted_on == date(2024, 10, 1) and parsed.posts[0].author == "@warga"
    assert parsed.posts[1].author == "12345" and parsed.posts[1].posted_on == date(2024, 10, 2)
    assert [p.line for p in parsed.problems] == [3, 6]
    assert parsed.problems[0].message.startswith("baris 3: tautan")


def test_xlsx_formulas_are_not_evaluated() -> None:
    data = workbook(
        ("text", "author", "url"),
        ('=CONCATENATE("spanduk ","caleg")', "@akun", None),
        ("Teks biasa", "=1+1", '=HYPERLINK("https://contoh.id")'),
    )
    parsed = read_upload(data, "rumus.xlsx")
    # no value was saved for the formulas: the text cell is empty (reported), nothing is computed
    assert [p.line for p in parsed.problems] == [2] and "kosong" in parsed.problems[0].message
    assert [(p.text, p.author, p.url) for p in parsed.posts] == [("Teks biasa", None, None)]


def test_an_xlsx_is_recognised_by_its_content_whatever_its_name() -> None:
    data = workbook(("text",), ("Lurah bagi sembako",))
    assert [p.text for p in read_upload(data, "unduhan.csv").posts] == ["Lurah bagi sembako"]
    assert [p.text for p in read_upload(data, "tanpa-nama").posts] == ["Lurah bagi sembako"]


def _zip(**parts: bytes) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/"), content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"text\nini sebenarnya CSV\n", "menyamar.xlsx", "bukan buku kerja Excel"),
        (b"PK\x03\x04" + b"\x00" * 200, "rusak.xlsx", "arsip zip rusak"),
        (_zip(readme_txt=b"halo"), "arsip.xlsx", "bukan paket Office"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "lama.xls", "Format Excel lama"),
        (b"text\nhalo\n", "lama.xls", "Format Excel lama"),
    ],
)
def test_a_disguised_or_broken_workbook_gets_a_clear_indonesian_error(
    data: bytes, name: str, expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        read_upload(data, name)
    assert expected in caught.value.message and "file" in caught.value.details["fields"]


def test_a_truncated_workbook_is_refused() -> None:
    data = workbook(("text",), *[(f"pos nomor {i} " * 5,) for i in range(200)])
    with pytest.raises(ValidationError) as caught:
        read_upload(data[: len(data) // 2], "terpotong.xlsx")
    assert "bukan buku kerja Excel (.xlsx) yang sah atau rusak" in caught.value.message


def test_a_workbook_that_unpacks_too_large_or_runs_too_long_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(posts, "MAX_XLSX_UNPACKED", 1024 * 1024)
    bomb = _zip(
        **{"[Content_Types].xml": b"<Types/>", "xl__worksheets__sheet1.xml": b"\x00" * (2 * 1024 * 1024)}
    )
    assert len(bomb) < 20_000
    with pytest.raises(ValidationError) as caught:
        read_upload(bomb, "bom.xlsx")
    assert "terlalu besar setelah dibuka" in caught.value.message
    monkeypatch.setattr(posts, "MAX_XLSX_ROWS", 5)
    with pytest.raises(ValidationError) as caught:
        read_upload(workbook(("text",), *[(f"pos {i}",) for i in range(8)]), "panjang.xlsx")
    assert "paling banyak 5 baris" in caught.value.message


def test_the_kind_column_is_optional_and_an_unknown_kind_is_a_line_error() -> None:
    data = b"text,jenis\nSatu,post\nDua,PENGADUAN\nTiga,\nEmpat,berita\nLima, Pidato \n"
    parsed = read_upload(data, "jenis.csv")
    assert [(p.line, p.kind) for p in parsed.posts] == [
        (2, "post"),
        (3, "complaint"),
        (4, None),
        (6, "speech"),
    ]
    assert [p.line for p in parsed.problems] == [5]
    assert "jenis 'berita' tidak dikenal" in parsed.problems[0].message
    lines = [json.dumps({"text": "a", "kind": "speech"}), json.dumps({"text": "b", "kind": 7})]
    parsed = read_upload("\n".join(lines).encode(), "x.jsonl")
    assert [p.kind for p in parsed.posts] == ["speech"] and [p.line for p in parsed.problems] == [2]
    assert read_upload(b"text\nTanpa jenis\n", "x.csv").posts[0].kind is None
