from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from netralitas.db import evidence_files
from netralitas.db.evidence_files import EvidenceStore, write_atomically
from netralitas.errors import NotFoundError, ValidationError
from netralitas.privacy.evidence_checks import EvidencePolicy, accept_evidence

from .evidence_factories import make_photo


def test_layout_is_content_addressed(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    stored = store.put_original(b"bukti")
    sha = hashlib.sha256(b"bukti").hexdigest()
    assert stored.sha256 == sha and stored.created and stored.size == 5
    assert stored.path == tmp_path / sha[:2] / sha[2:4] / sha / "original"
    assert stored.path.read_bytes() == b"bukti"
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.path.parent.stat().st_mode) == 0o700


def test_same_content_stored_once(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    first = store.put_original(b"x" * 100)
    mtime = first.path.stat().st_mtime_ns
    second = store.put_original(b"x" * 100)
    assert not second.created and second.path == first.path
    assert first.path.stat().st_mtime_ns == mtime
    assert len(list(tmp_path.rglob("original"))) == 1


def test_damaged_original_is_rewritten_and_seal_checked(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    stored = store.put_original(b"asli")
    assert store.verify_seal(stored.sha256)
    stored.path.write_bytes(b"palsu")
    assert not store.verify_seal(stored.sha256)
    assert store.put_original(b"asli").created
    assert store.verify_seal(stored.sha256)


def test_derivatives_beside_original(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    sha = store.put_original(b"foto").sha256
    path = store.put_derivative(sha, "officer.jpg", b"jpeg")
    assert path.parent == store.original_path(sha).parent
    assert store.read_derivative(sha, "officer.jpg") == b"jpeg"
    store.put_derivative(sha, "officer.jpg", b"jpeg2")
    assert store.read_derivative(sha, "officer.jpg") == b"jpeg2"
    assert store.read_original(sha) == b"foto"


@pytest.mark.parametrize("name", ["original", "../x.jpg", "a/b.jpg", ".hidden.jpg", "noext", "X.JPG"])
def test_bad_derivative_names(tmp_path: Path, name: str) -> None:
    store = EvidenceStore(tmp_path)
    sha = store.put_original(b"foto").sha256
    with pytest.raises(ValueError):
        store.put_derivative(sha, name, b"x")


def test_derivative_needs_original(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        EvidenceStore(tmp_path).put_derivative("a" * 64, "officer.jpg", b"x")


@pytest.mark.parametrize("bad", ["../../etc/passwd", "A" * 64, "a" * 63, ""])
def test_seal_shape_checked_against_traversal(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        EvidenceStore(tmp_path).read_original(bad)
    assert info.value.code == "evidence_bad_seal"


def test_missing_is_not_found_in_indonesian(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        EvidenceStore(tmp_path).read_original("b" * 64)
    assert info.value.code == "evidence_not_found" and "tidak ditemukan" in info.value.message


def test_delete_removes_original_and_derivatives(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    sha = store.put_original(b"foto").sha256
    store.put_derivative(sha, "officer.jpg", b"x")
    assert store.delete(sha)
    assert not store.directory_for(sha).exists()
    assert not store.delete(sha)


def test_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(evidence_files.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(target, b"new content")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file"]


def test_accepted_photo_stored_with_its_derivative(tmp_path: Path) -> None:
    photo = make_photo()
    accepted = accept_evidence(photo, EvidencePolicy(max_dimension=32))
    assert accepted.derivative is not None
    store = EvidenceStore(tmp_path)
    stored = store.put_original(accepted.original)
    assert stored.sha256 == accepted.sha256
    store.put_derivative(accepted.sha256, "officer.jpg", accepted.derivative.data)
    assert store.read_original(accepted.sha256) == photo
    assert b"Exif" not in store.read_derivative(accepted.sha256, "officer.jpg")
    assert store.verify_seal(accepted.sha256)
