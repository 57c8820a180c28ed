"""Reading an upload of collected posts: CSV (comma or semicolon, a header row) or JSON Lines
(one object per line). Keys, in Indonesian or English: ``text``/``teks``/``isi`` (required),
``url``/``tautan``/``link``, ``posted_at``/``waktu``/``tanggal``, ``author``/``account``/``akun``,
``region``/``region_code``/``kode_wilayah``.

A malformed line is left out with its line number and a reason; the other lines are kept. Limits
(size, number of posts, length of a text) are refused with a clear Indonesian message."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netralitas.errors import ValidationError
from netralitas.identifiers.links import is_web_link
from netralitas.monitoring.records import LineProblem, PostInput

#: Largest upload, in bytes (5 MiB: tens of thousands of typical posts).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Most posts in one batch.
MAX_POSTS = 5_000
#: Longest text of one post, in characters.
MAX_TEXT = 5_000
#: Problems kept with a batch (the rest are counted).
MAX_PROBLEMS = 200

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "teks", "isi", "konten", "content", "body", "caption", "message", "pesan"),
    "url": ("url", "tautan", "link", "permalink"),
    "posted_at": ("posted_at", "waktu", "tanggal", "date", "created_at", "diunggah", "timestamp"),
    "author": ("author", "account", "akun", "penulis", "user", "username", "pengunggah"),
    "region": ("region", "region_code", "kode_wilayah", "wilayah"),
}
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
    text = _decode(data)
    kind = _kind(filename, text)
    rows = _jsonl(text) if kind == "jsonl" else _csv(text)
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
        raise _file_error(
            "Kolom teks tidak ada: baris pertama harus berisi judul kolom, "
            "mis. text,url,posted_at,author,region.",
            "No text column: the first row must name the columns, e.g. text,url,posted_at,author,region.",
        )
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
    return PostInput(line, text, url or None, posted_on, author or None, code)


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
