"""Online backup and restore of the embedded SQLite database (and the evidence files).

A backup is a directory: ``netralitas.db`` (SQLite online-backup copy, consistent even while
the app writes), ``evidence/`` (copy of the content-addressed evidence store) and
``manifest.json`` (time, schema revision, audit-chain head). PostgreSQL is backed up with
``pg_dump`` (docs/operations.md)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from netralitas.db.engine import is_sqlite
from netralitas.errors import ConflictError, ValidationError

DB_NAME = "netralitas.db"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    audit_seq: int
    audit_hash: str
    revision: str | None
    integrity: str


def sqlite_path(url: str) -> Path:
    if not is_sqlite(url):
        raise ValidationError(
            "Perintah ini hanya untuk SQLite; untuk PostgreSQL gunakan pg_dump/pg_restore "
            "(lihat docs/operations.md).",
            message_en="SQLite only; use pg_dump/pg_restore for PostgreSQL (docs/operations.md).",
            code="not_sqlite",
        )
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValidationError("Basis data SQLite tidak berupa berkas.", message_en="No SQLite file.")
    return Path(database)


def _copy_db(source: Path, target: Path) -> None:
    """One backup step over all pages: a single read snapshot (WAL lets writers go on). Copying
    in chunks would restart from scratch after every write by the application, so a busy
    database might never finish."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=-1)
    finally:
        dst.close()
        src.close()


def _inspect(db: Path) -> tuple[int, str, str | None, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone() or (0, "")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return int(head[0]), str(head[1]), revision[0] if revision else None, str(integrity)


def backup_sqlite(url: str, evidence_dir: Path, target: Path) -> BackupInfo:
    """Copy the live database and the evidence files into the new directory ``target``."""
    source = sqlite_path(url)
    if target.exists() and any(target.iterdir()):
        raise ConflictError(f"Tujuan cadangan {target} sudah berisi berkas.", message_en="Target not empty.")
    if not source.exists():
        raise ValidationError(f"Basis data {source} tidak ada.", message_en=f"{source} does not exist.")
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        _copy_db(source, target / DB_NAME)
        if evidence_dir.exists():
            shutil.copytree(evidence_dir, target / "evidence")
        seq, digest, revision, integrity = _inspect(target / DB_NAME)
    except (sqlite3.Error, OSError) as exc:
        shutil.rmtree(target) if created else _empty(target)
        raise ValidationError(
            f"Cadangan gagal, tidak ada yang tertinggal: {exc}; sudah 'netralitas db upgrade'?",
            message_en=f"Backup failed and was removed: {exc}; is the database migrated?",
            code="backup_failed",
        ) from exc
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "audit_head": {"seq": seq, "hash": digest},
        "revision": revision,
        "integrity": integrity,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return BackupInfo(target, seq, digest, revision, integrity)


def _empty(folder: Path) -> None:
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


def restore_sqlite(url: str, evidence_dir: Path, source: Path, *, force: bool = False) -> BackupInfo:
    """Write a backup back into the database at ``url`` (page by page through SQLite, so WAL
    files stay consistent) and put its evidence files back. Stop the app first."""
    backup_db = source / DB_NAME
    if not backup_db.exists():
        raise ValidationError(f"{backup_db} tidak ada.", message_en=f"{backup_db} missing.")
    seq, digest, revision, integrity = _inspect(backup_db)
    if integrity != "ok":
        raise ValidationError(f"Cadangan rusak: {integrity}", message_en=f"Backup is corrupt: {integrity}")
    target = sqlite_path(url)
    if target.exists() and not force:
        raise ConflictError(
            f"Basis data {target} sudah ada; tambahkan --force untuk menimpanya.",
            message_en=f"{target} exists; pass --force to overwrite it.",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(f"file:{backup_db}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if (source / "evidence").exists():
        shutil.copytree(source / "evidence", evidence_dir, dirs_exist_ok=True)
    return BackupInfo(target, seq, digest, revision, integrity)
