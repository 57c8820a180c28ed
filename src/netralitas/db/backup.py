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
from netralitas.privacy.audit_chain import GENESIS_HASH, Anchor, ChainHead

DB_NAME = "netralitas.db"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    audit_seq: int
    audit_hash: str
    revision: str | None
    integrity: str
    #: The signed anchor line of the head (``netralitas audit anchor``), when a key was given.
    anchor: str = ""


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


def _private_tree(root: Path) -> None:
    """Backups hold what the database and the evidence hold: owner-only, like the originals."""
    for path in (root, *root.rglob("*")):
        path.chmod(0o700 if path.is_dir() else 0o600)


def backup_sqlite(
    url: str, evidence_dir: Path, target: Path, *, anchor_key: bytes | None = None
) -> BackupInfo:
    """Copy the live database and the evidence files into the new directory ``target``; the
    manifest records the chain head, signed with ``anchor_key`` when given."""
    source = sqlite_path(url)
    if target.exists() and any(target.iterdir()):
        raise ConflictError(f"Tujuan cadangan {target} sudah berisi berkas.", message_en="Target not empty.")
    if not source.exists():
        raise ValidationError(f"Basis data {source} tidak ada.", message_en=f"{source} does not exist.")
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.chmod(0o700)
    try:
        (target / DB_NAME).touch(mode=0o600)
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
    now = datetime.now(UTC)
    anchor = ""
    if anchor_key is not None:
        at = now.isoformat().replace("+00:00", "Z")
        anchor = Anchor(ChainHead(seq, digest or GENESIS_HASH), at).line(anchor_key)
    manifest = {
        "created_at": now.isoformat(),
        "audit_head": {"seq": seq, "hash": digest},
        "audit_anchor": anchor,
        "revision": revision,
        "integrity": integrity,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    _private_tree(target)
    return BackupInfo(target, seq, digest, revision, integrity, anchor)


def _chain_end(db: Path) -> tuple[int, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        last = conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
        count = conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0]
    finally:
        conn.close()
    if last is None:
        return 0, ""
    return (int(last[0]), str(last[1])) if int(count) == int(last[0]) else (-1, "")


def _same(a: tuple[int, str], b: tuple[int, str]) -> bool:
    """Equal heads (an empty chain's hash is not compared: genesis or nothing)."""
    return a[0] == b[0] and (a[0] == 0 or a[1] == b[1])


def check_chain_against_manifest(source: Path, seq: int, digest: str) -> None:
    """Refuse a backup whose audit chain (or head row) ends before the head its manifest records,
    or has a gap: someone cut the chain after the backup was made."""
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise ValidationError(
            f"{manifest_path} tidak ada: kepala rantai audit cadangan tidak dapat diperiksa.",
            message_en=f"{manifest_path} missing: the backup's audit chain head cannot be checked.",
            code="backup_manifest_missing",
        )
    recorded = json.loads(manifest_path.read_text()).get("audit_head", {})
    expected = (int(recorded.get("seq", 0)), str(recorded.get("hash", "")))
    end, head = _chain_end(source / DB_NAME), (seq, digest)
    if not _same(end, expected) or not _same(head, expected):
        raise ValidationError(
            f"Cadangan ditolak: rantai audit berakhir di #{max(end[0], 0)} (kepala #{seq}), padahal "
            f"manifesnya mencatat #{expected[0]}. Entri audit telah dipotong atau diubah.",
            message_en=f"Backup refused: its audit chain ends at #{max(end[0], 0)} (head #{seq}) but its "
            f"manifest records #{expected[0]}. Audit entries were cut or changed.",
            code="backup_chain_cut",
            details={"chain_seq": end[0], "head_seq": seq, "manifest_seq": expected[0]},
        )


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
    check_chain_against_manifest(source, seq, digest)
    target = sqlite_path(url)
    if target.exists() and not force:
        raise ConflictError(
            f"Basis data {target} sudah ada; tambahkan --force untuk menimpanya.",
            message_en=f"{target} exists; pass --force to overwrite it.",
        )
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.touch(mode=0o600, exist_ok=True)
    src, dst = sqlite3.connect(f"file:{backup_db}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    if (source / "evidence").exists():
        shutil.copytree(source / "evidence", evidence_dir, dirs_exist_ok=True)
    return BackupInfo(target, seq, digest, revision, integrity)
