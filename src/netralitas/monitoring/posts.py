"""Reading an upload of collected posts: CSV (comma or semicolon, a header row), JSON Lines
(one object per line) or an Excel workbook (XLSX: the first sheet, its first row the header).
Keys, in Indonesian or English: ``text``/``teks``/``isi`` (required), ``url``/``tautan``/``link``,
``posted_at``/``waktu``/``tanggal``, ``author``/``account``/``akun``,
``region``/``region_code``/``kode_wilayah``, ``kind``/``jenis`` (post, speech or complaint).

A malformed line is left out with its line number and a reason; the other lines are kept. Limits
(size, number of posts, length of a text) are refused with a clear Indonesian message. A workbook
is read in openpyxl's read-only mode with the values the spreadsheet saved: no formula is
evaluated, and its unpacked size is bounded before it is opened (a zip bomb is refused)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netralitas.errors import ValidationError
from netralitas.identifiers.links import is_web_link
from netralitas.monitoring.records import POST_KINDS, LineProblem, PostInput

#: Largest upload, in bytes (5 MiB: tens of thousands of typical posts).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Most posts in one batch.
MAX_POSTS = 5_000
#: Longest text of one post, in characters.
MAX_TEXT = 5_000
#: Problems kept with a batch (the rest are counted).
MAX_PROBLEMS = 200
#: Largest unpacked size of a workbook (all its parts), in bytes: XLSX is a zip, so 5 MiB on the
#: wire may unpack to far more; this bounds what openpyxl is given to read.
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
#: Rows of a workbook read at most (empty rows included), and columns of a row.
MAX_XLSX_ROWS = MAX_POSTS + 1_000
MAX_XLSX_COLUMNS = 40
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls format

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "teks", "isi", "konten", "content", "body", "caption", "message", "pesan"),
    "url": ("url", "tautan", "link", "permalink"),
    "posted_at": ("posted_at", "waktu", "tanggal", "date", "created_at", "diunggah", "timestamp"),
    "author": ("author", "account", "akun", "penulis", "user", "username", "pengunggah"),
    "region": ("region", "region_code", "kode_wilayah", "wilayah"),
    "kind": ("kind", "jenis", "tipe", "type"),
}
#: Values accepted in the kind column for each of ``POST_KINDS`` (case does not matter).
KIND_VALUES: dict[str, tuple[str, ...]] = {
    "post": ("post", "pos", "unggahan", "postingan"),
    "speech": ("speech", "pidato", "sambutan", "orasi"),
    "complaint": ("complaint", "pengaduan", "aduan", "keluhan"),
}
_KIND_OF = {value: kind for kind, values in KIND_VALUES.items() for value in values}
assert set(KIND_VALUES) == set(POST_KINDS)
_KEY_OF = {alias: key for key, aliases in ALIASES.items() for alias in aliases}
_DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T].*)?$")


@dataclass(frozen=True)
class Parsed:
    posts: list[PostInput]
    problems: list[LineProblem]
    lines: int

    @property
    def problem_count(self) -> int:
        return len(self.problems)


#: Checks a post's region code: the code to keep, or the reason (Indonesian, English) to refuse it.
RegionCheck = Callable[[str], str | tuple[str, str]]


def read_upload(data: bytes, filename: str, region_ok: RegionCheck | None = None) -> Parsed:
    """The posts of an upload and its line problems. ``region_ok(code)`` returns None when a
    region code may be used, else the reason (id, en). Refuses (``ValidationError``) a file that
    is too large, not UTF-8 text, or has too many posts."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise _file_error(
            f"Berkas terlalu besar: paling besar {MAX_UPLOAD_BYTES // 1024 // 1024} MiB. "
            "Bagi menjadi beberapa berkas.",
            f"File too large: at most {MAX_UPLOAD_BYTES // 1024 // 1024} MiB; split it.",
        )
    if not data.strip():
        raise _file_error("Berkas kosong.", "The file is empty.")
    rows: Iterable[tuple[int, Mapping[str, Any] | LineProblem]]
    if _is_workbook(data, filename):
        rows = _xlsx(data)
    else:
        text = _decode(data)
        rows = _jsonl(text) if _kind(filename, text) == "jsonl" else _csv(text)
    posts: list[PostInput] = []
    problems: list[LineProblem] = []
    lines = 0
    for line, raw in rows:
        lines += 1
        if isinstance(raw, LineProblem):
            problems.append(raw)
            continue
        found = _post(line, raw, region_ok)
        if isinstance(found, LineProblem):
            problems.append(found)
        else:
            posts.append(found)
        if len(posts) > MAX_POSTS:
            raise _file_error(
                f"Terlalu banyak pos: paling banyak {MAX_POSTS} per berkas. Bagi menjadi beberapa berkas.",
                f"Too many posts: at most {MAX_POSTS} per file; split it.",
            )
    if not posts:
        first = f" ({problems[0].message})" if problems else ""
        raise ValidationError(
            f"Tidak ada pos yang dapat disaring dalam berkas ini{first}.",
            message_en="No post in this file could be screened.",
            details={
                "fields": {"file": "Tidak ada baris yang sah."},
                "problems": [p.to_dict() for p in problems[:MAX_PROBLEMS]],
            },
        )
    return Parsed(posts, problems, lines)


def _file_error(message: str, message_en: str) -> ValidationError:
    return ValidationError(message, message_en=message_en, details={"fields": {"file": message}})


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _file_error(
            f"Berkas bukan teks UTF-8 (baris {line}). Simpan ulang sebagai CSV UTF-8 atau JSON Lines.",
            f"Not UTF-8 text (line {line}); save it again as UTF-8 CSV or JSON Lines.",
        ) from None


def _kind(filename: str, text: str) -> str:
    name = filename.lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def _is_workbook(data: bytes, filename: str) -> bool:
    """An XLSX workbook by its content (a zip), whatever its name; a file named .xlsx that is
    not a zip, and the old binary .xls format, are refused."""
    name = filename.lower()
    if data.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise _file_error(
            "Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau CSV UTF-8.",
            "The old Excel format (.xls) is not supported; save it again as .xlsx or UTF-8 CSV.",
        )
    if data.startswith(_ZIP_MAGIC):
        return True
    if name.endswith((".xlsx", ".xlsm")):
        raise _bad_workbook()
    return False


def _bad_workbook(why: str = "") -> ValidationError:
    detail = f" ({why})" if why else ""
    return _file_error(
        f"Berkas ini bukan buku kerja Excel (.xlsx) yang sah atau rusak{detail}. Buka dan simpan ulang "
        "di Excel/LibreOffice, atau simpan sebagai CSV UTF-8.",
        "This is not a valid Excel (.xlsx) workbook, or it is damaged; save it again, or as UTF-8 CSV.",
    )


def _xlsx(data: bytes) -> Iterator[tuple[int, Mapping[str, Any] | LineProblem]]:
    """The first sheet's rows (numbered as the spreadsheet numbers them), header first."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if "[Content_Types].xml" not in archive.namelist():
                raise _bad_workbook("bukan paket Office")
    except zipfile.BadZipFile:
        raise _bad_workbook("arsip zip rusak") from None
    if len(parts) > 1_000 or sum(p.file_size for p in parts) > MAX_XLSX_UNPACKED:
        raise _file_error(
            f"Isi buku kerja terlalu besar setelah dibuka (paling besar {MAX_XLSX_UNPACKED // 1024 // 1024} "
            "MiB). Bagi menjadi beberapa berkas atau simpan sebagai CSV.",
            "The workbook unpacks to too much data; split it or save it as CSV.",
        )
    from openpyxl import load_workbook  # only when a workbook comes (its import is not free)

    try:
        # read_only streams the sheet; data_only gives the values the spreadsheet saved (no formula is run)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken package
        raise _bad_workbook(type(exc).__name__) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise _bad_workbook("tidak ada lembar kerja")
        rows = sheet.iter_rows(max_col=MAX_XLSX_COLUMNS, values_only=True)
        names = [_cell_text(h).strip().lower() for h in next(rows, None) or ()]
        while names and not names[-1]:  # the sheet's width pads the header with empty cells
            names.pop()
        keys = [_KEY_OF.get(name, "") for name in names]
        if "text" not in keys:
            raise _no_text_column()
        for number, row in enumerate(rows, start=2):
            if number > MAX_XLSX_ROWS + 1:
                raise _file_error(
                    f"Lembar kerja terlalu panjang: paling banyak {MAX_XLSX_ROWS} baris. "
                    "Bagi menjadi beberapa berkas.",
                    f"The sheet is too long: at most {MAX_XLSX_ROWS} rows; split it.",
                )
            cells = [_cell_text(v) for v in row]
            if not any(c.strip() for c in cells):
                continue
            extra = [c for c in cells[len(keys) :] if c.strip()]
            if extra:
                yield number, _problem(
                    number, f"isi di luar kolom berjudul ({len(keys)} kolom berjudul)",
                    f"cells beyond the {len(keys)} named columns",
                )  # fmt: skip
                continue
            yield number, {k: v for k, v in zip(keys, cells, strict=False) if k}
    except ValidationError:
        raise
    except Exception as exc:  # a sheet that breaks while streamed
        raise _bad_workbook(type(exc).__name__) from None
    finally:
        book.close()


def _cell_text(value: object) -> str:
    """A cell as text: whole numbers without ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _no_text_column() -> ValidationError:
    return _file_error(
        "Kolom teks tidak ada: baris pertama harus berisi judul kolom, "
        "mis. text,url,posted_at,author,region,kind.",
        "No text column: the first row must name the columns, e.g. text,url,posted_at,author,region,kind.",
    )


def _jsonl(text: str) -> Iterator[tuple[int, Mapping[str, Any] | LineProblem]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, _problem(number, f"bukan JSON yang sah ({exc.msg})", f"not valid JSON ({exc.msg})")
            continue
        except ValueError:  # e.g. a number too long to read
            yield number, _problem(number, "bukan JSON yang sah", "not valid JSON")
            continue
        if not isinstance(value, dict):
            yield (
                number,
                _problem(
                    number, "setiap baris harus satu objek JSON {...}", "each line must be one JSON object"
                ),
            )
            continue
        yield number, value


def _csv(text: str) -> Iterator[tuple[int, Mapping[str, Any] | LineProblem]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise _file_error("Baris judul kolom tidak terbaca.", "The header row cannot be read.") from None
    keys = [_KEY_OF.get(h.strip().lower().lstrip("\ufeff"), "") for h in header]
    if "text" not in keys:
        raise _no_text_column()
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, _problem(start, f"baris CSV rusak ({exc})", f"malformed CSV line ({exc})")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(keys):
            yield line, _problem(
                line, f"{len(row)} kolom, judul hanya {len(keys)} (pisahkan teks berkoma dengan tanda kutip)",
                f"{len(row)} cells but {len(keys)} columns (quote texts with commas)",
            )  # fmt: skip
            continue
        yield line, {k: v for k, v in zip(keys, row, strict=False) if k}


def _problem(line: int, message: str, message_en: str) -> LineProblem:
    return LineProblem(line, f"baris {line}: {message}", f"line {line}: {message_en}")


def _field(raw: Mapping[str, Any], key: str) -> Any:
    for alias in ALIASES[key]:
        if alias in raw and raw[alias] not in (None, ""):
            return raw[alias]
    return None


def _post(line: int, raw: Mapping[str, Any], region_ok: RegionCheck | None) -> PostInput | LineProblem:
    text = _field(raw, "text")
    if not isinstance(text, str) or not text.strip():
        return _problem(line, "teks pos kosong", "the post text is empty")
    text = text.strip()
    if len(text) > MAX_TEXT:
        return _problem(
            line,
            f"teks {len(text)} karakter, paling panjang {MAX_TEXT}",
            f"text longer than {MAX_TEXT} characters",
        )
    url = _field(raw, "url")
    if url is not None:
        url = str(url).strip()
        if not is_web_link(url):
            return _problem(line, "tautan harus alamat web http/https", "the link must be an http(s) address")
    posted = _field(raw, "posted_at")
    posted_on = None
    if posted is not None:
        posted_on = _day(str(posted).strip())
        if posted_on is None:
            return _problem(
                line, f"waktu unggah {str(posted)[:40]!r} tidak terbaca (contoh: 2024-10-01 atau 01/10/2024)",
                "unreadable posting time (e.g. 2024-10-01 or 01/10/2024)",
            )  # fmt: skip
    author = _field(raw, "author")
    author = str(author).strip()[:200] if author is not None else None
    region = _field(raw, "region")
    code = str(region).strip() if region is not None else ""
    if code and region_ok is not None:
        checked = region_ok(code)
        if isinstance(checked, tuple):
            return _problem(line, checked[0], checked[1])
        code = checked
    kind = _field(raw, "kind")
    post_kind = None
    if kind is not None and str(kind).strip():
        post_kind = _KIND_OF.get(str(kind).strip().lower())
        if post_kind is None:
            return _problem(
                line, f"jenis {str(kind)[:30]!r} tidak dikenal (pakai post, speech atau complaint)",
                "unknown kind (use post, speech or complaint)",
            )  # fmt: skip
    return PostInput(line, text, url or None, posted_on, author or None, code, post_kind)


def _day(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    found = _DMY.match(value)
    if found:
        try:
            return date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            return None
    return None


def problems_of(items: Iterable[LineProblem]) -> list[dict[str, Any]]:
    return [p.to_dict() for p in list(items)[:MAX_PROBLEMS]]
