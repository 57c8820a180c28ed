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
