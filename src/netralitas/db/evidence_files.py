"""Content-addressed storage of evidence files on disk.

Layout under the base directory (``Settings.evidence_dir``)::

    ab/cd/abcd…(64 hex)/original          the sealed original, written once
    ab/cd/abcd…(64 hex)/officer.jpg       derivatives beside it, one per name

Every write goes to a temporary file in the same directory, is fsynced, renamed into place and
the directory fsynced, so a crash leaves either the old state or the complete new file. The
same content uploaded twice is stored once. Files are created 0600, directories 0700.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from netralitas.errors import NotFoundError, ValidationError

ORIGINAL_NAME = "original"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DERIVATIVE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,40}\.[a-z0-9]{1,5}")


@dataclass(frozen=True)
class StoredOriginal:
    sha256: str
    path: Path
    size: int
    #: False when the same content was already stored.
    created: bool


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via temp file + fsync + rename + directory fsync."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


class EvidenceStore:
    def __init__(self, base_dir: Path) -> None:
        self.base_dir = Path(base_dir)

    def directory_for(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValidationError(
                "Segel SHA-256 tidak sah.", message_en="Invalid SHA-256 seal.", code="evidence_bad_seal"
            )
        return self.base_dir / sha256[:2] / sha256[2:4] / sha256

    def original_path(self, sha256: str) -> Path:
        return self.directory_for(sha256) / ORIGINAL_NAME

    def put_original(self, data: bytes) -> StoredOriginal:
        """Store the original once, keyed by its SHA-256."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.original_path(sha256)
        if path.exists() and self.verify_seal(sha256):
            return StoredOriginal(sha256, path, len(data), created=False)
        self._make_dirs(path.parent)
        write_atomically(path, data)
        return StoredOriginal(sha256, path, len(data), created=True)

    def put_derivative(self, sha256: str, name: str, data: bytes) -> Path:
        """Store a derivative (e.g. ``officer.jpg``) beside its original, replacing an older one."""
        if not _DERIVATIVE_NAME.fullmatch(name) or name == ORIGINAL_NAME:
            raise ValueError(f"bad derivative name: {name!r}")
        directory = self.directory_for(sha256)
        if not (directory / ORIGINAL_NAME).exists():
            raise self._missing(sha256)
        path = directory / name
        write_atomically(path, data)
        return path

    def read_original(self, sha256: str) -> bytes:
        path = self.original_path(sha256)
        if not path.exists():
            raise self._missing(sha256)
        return path.read_bytes()

    def read_derivative(self, sha256: str, name: str) -> bytes:
        path = self.directory_for(sha256) / name
        if not _DERIVATIVE_NAME.fullmatch(name) or not path.exists():
            raise self._missing(sha256)
        return path.read_bytes()

    def verify_seal(self, sha256: str) -> bool:
        """True when the stored original still hashes to its seal."""
        digest = hashlib.sha256()
        with self.original_path(sha256).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def delete(self, sha256: str) -> bool:
        """Remove an original and its derivatives (purge). Only call when no remaining report
        refers to this hash (see ``retention.evidence_to_delete``). Returns whether it existed."""
        directory = self.directory_for(sha256)
        if not directory.exists():
            return False
        shutil.rmtree(directory)
        _fsync_dir(directory.parent)
        return True

    def _make_dirs(self, directory: Path) -> None:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    @staticmethod
    def _missing(sha256: str) -> NotFoundError:
        return NotFoundError(
            f"Berkas bukti {sha256[:12]}… tidak ditemukan di penyimpanan.",
            message_en=f"Evidence file {sha256[:12]}… not found in storage.",
            code="evidence_not_found",
            details={"sha256": sha256},
        )
