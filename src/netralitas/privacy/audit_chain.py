"""Hash chaining for audit entries (pure; the cases/db area stores the rows).

Each entry has a contiguous ``sequence`` (1, 2, 3, ...), its ``data`` (a JSON-ready mapping),
the ``prev_hash`` of the entry before it and its own ``entry_hash``::

    entry_hash = sha256(prev_hash + canonical_json({"sequence": n, "data": data})).hexdigest()

The first entry links to ``GENESIS_HASH``. ``verify_chain`` walks the rows in sequence order
and names the first entry that was changed, deleted or moved. Deleting the *last* entries
leaves a valid shorter chain: pass ``expected_head`` (the head recorded elsewhere, e.g. in the
latest backup or a printed report) to catch that too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

GENESIS_HASH = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError("audit datetimes must be timezone-aware (UTC)")
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"not JSON-serialisable in an audit entry: {type(value).__name__}")


def canonical_json(value: Mapping[str, Any]) -> bytes:
    """Deterministic UTF-8 JSON: sorted keys, no spaces, no NaN; datetimes as UTC ``...Z``.

    Store the data so that reading it back gives the same canonical bytes (e.g. store this
    text itself, or a JSON column written from it).
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_default
    ).encode()


def compute_entry_hash(prev_hash: str, sequence: int, data: Mapping[str, Any]) -> str:
    payload = canonical_json({"sequence": sequence, "data": data})
    return hashlib.sha256(prev_hash.encode("ascii") + payload).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """The last entry of a chain: what a new entry links to, and what an anchor records."""

    sequence: int
    entry_hash: str


GENESIS = ChainHead(sequence=0, entry_hash=GENESIS_HASH)


@dataclass(frozen=True)
class ChainedEntry:
    sequence: int
    data: Mapping[str, Any]
    prev_hash: str
    entry_hash: str

    @property
    def head(self) -> ChainHead:
        return ChainHead(self.sequence, self.entry_hash)


def append_entry(head: ChainHead, data: Mapping[str, Any]) -> ChainedEntry:
    """The entry following ``head`` (``GENESIS`` for the first). Writers must serialise
    appends (e.g. unique sequence + retry) or the chain forks."""
    sequence = head.sequence + 1
    return ChainedEntry(sequence, data, head.entry_hash, compute_entry_hash(head.entry_hash, sequence, data))


@dataclass(frozen=True)
class VerificationResult:
    """``ok`` or the first problem: its ``problem`` code, the sequence it concerns, and a message.

    Problem codes: ``changed`` (data, sequence or hash of that entry altered), ``deleted``
    (entries missing from that sequence on), ``reordered`` (a sequence out of order or repeated),
    ``truncated`` (the chain ends before the expected head).
    """

    ok: bool
    checked: int
    head: ChainHead
    problem: str | None = None
    sequence: int | None = None
    message: str = "Rantai audit utuh."
    message_en: str = "The audit chain is intact."


def _fail(checked: int, head: ChainHead, problem: str, sequence: int) -> VerificationResult:
    texts = {
        "changed": ("Entri audit #{n} telah diubah.", "Audit entry #{n} was changed."),
        "deleted": (
            "Entri audit mulai #{n} hilang (dihapus atau dipindah).",
            "Audit entries from #{n} are missing (deleted or moved).",
        ),
        "reordered": ("Urutan entri audit rusak di #{n}.", "Audit entries are out of order at #{n}."),
        "truncated": (
            "Rantai audit berakhir sebelum #{n}: entri terakhir dihapus.",
            "The audit chain ends before #{n}: the last entries were deleted.",
        ),
    }
    message, message_en = (t.format(n=sequence) for t in texts[problem])
    return VerificationResult(False, checked, head, problem, sequence, message, message_en)


def _check_one(entry: ChainedEntry, head: ChainHead, start_sequence: int) -> tuple[str, int] | None:
    expected = head.sequence + 1
    if entry.sequence > expected:
        return "deleted", expected
    if entry.sequence < expected:
        return "reordered", entry.sequence
    try:
        recomputed = compute_entry_hash(entry.prev_hash, entry.sequence, entry.data)
    except (TypeError, ValueError, UnicodeEncodeError):  # data or link no longer canonical
        return "changed", entry.sequence
    if recomputed != entry.entry_hash:
        return "changed", entry.sequence
    if entry.prev_hash != head.entry_hash:
        # This row is self-consistent but does not link to the row before: that row was
        # altered and re-hashed (or this row's link was edited and re-hashed).
        return "changed", head.sequence if head.sequence > start_sequence else entry.sequence
    return None


def verify_chain(
    entries: Iterable[ChainedEntry],
    *,
    start: ChainHead = GENESIS,
    expected_head: ChainHead | None = None,
) -> VerificationResult:
    """Check entries in the order stored (ascending sequence), starting after ``start``.

    Stops at the first problem. ``start`` lets a long chain be verified from a trusted
    checkpoint; ``expected_head`` detects deletion of the newest entries.
    """
    head = start
    checked = 0
    for entry in entries:
        failure = _check_one(entry, head, start.sequence)
        if failure is None and expected_head is not None and entry.sequence == expected_head.sequence:
            failure = None if entry.entry_hash == expected_head.entry_hash else ("changed", entry.sequence)
        if failure is not None:
            return _fail(checked, head, *failure)
        head = entry.head
        checked += 1
    if expected_head is not None and head.sequence < expected_head.sequence:
        return _fail(checked, head, "truncated", head.sequence + 1)
    return VerificationResult(True, checked, head)


#: First word of an anchor line; the version lets the format change later.
ANCHOR_PREFIX = "netralitas-audit-anchor/1"


@dataclass(frozen=True)
class Anchor:
    """The chain head recorded outside the database, signed so that it cannot be made up.

    The line names the key that signed it by ``kid`` (a fingerprint, not the key), so that
    after the installation's secrets are rotated an anchor signed before can still be checked
    with the earlier key (``Settings.anchor_previous_keys``, saved with ``netralitas audit
    anchor-key`` before the rotation). Lines without ``kid`` (written before it existed) are
    checked against every key given."""

    head: ChainHead
    at: str

    def line(self, key: bytes) -> str:
        body = f"{ANCHOR_PREFIX} seq={self.head.sequence} hash={self.head.entry_hash} at={self.at}"
        body += f" kid={key_id(key)}"
        return f"{body} mac={_anchor_mac(key, body)}"


def key_id(key: bytes) -> str:
    """A short public fingerprint of an anchor key (which key signed a line)."""
    return hashlib.sha256(b"netralitas anchor key id\x00" + key).hexdigest()[:12]


def _anchor_mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def _bad_anchor(why: str, why_en: str) -> ValueError:
    return AnchorError(f"Jangkar audit tidak sah: {why}.", f"Invalid audit anchor: {why_en}.")


class AnchorError(ValueError):
    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message, self.message_en = message, message_en


def parse_anchor(line: str, keys: bytes | Sequence[bytes]) -> Anchor:
    """An anchor line written by ``Anchor.line``; ``AnchorError`` if malformed or not signed
    with one of ``keys`` (the current key first, then earlier ones): changed, from another
    installation, or signed by a key retired without being kept."""
    candidates = [keys] if isinstance(keys, bytes) else list(keys)
    body, _, mac = line.strip().rpartition(" mac=")
    fields = dict(part.partition("=")[::2] for part in body.split(" ")[1:])
    if not body.startswith(ANCHOR_PREFIX + " ") or set(fields) - {"kid"} != {"seq", "hash", "at"}:
        raise _bad_anchor("bentuk baris tidak dikenali", "unrecognised line")
    kid = fields.get("kid")
    if kid is not None:
        candidates = [k for k in candidates if key_id(k) == kid]
        if not candidates:
            raise _bad_anchor(
                f"ditandatangani dengan kunci lain (kid={kid[:12]}); bila kunci sudah diganti, "
                "isi NETRALITAS_ANCHOR_PREVIOUS_KEYS dengan kunci lama",
                f"signed with another key (kid={kid[:12]}); if the keys were rotated, put the earlier "
                "key in NETRALITAS_ANCHOR_PREVIOUS_KEYS",
            )
    if not any(hmac.compare_digest(mac, _anchor_mac(k, body)) for k in candidates):
        raise _bad_anchor("tanda tangan tidak cocok", "the signature does not match")
    return Anchor(parse_head(f"{fields['seq']}:{fields['hash']}"), fields["at"])


def parse_head(text: str) -> ChainHead:
    """``SEQ:HASH`` (as printed by ``audit verify`` and ``audit anchor``)."""
    seq, _, digest = text.strip().partition(":")
    if (
        not seq.isdigit()
        or len(seq) > 18
        or len(digest) != 64
        or not all(c in "0123456789abcdef" for c in digest)
    ):
        raise _bad_anchor("kepala harus berbentuk NOMOR:HASH", "the head must look like SEQ:HASH")
    return ChainHead(int(seq), digest)


def newest_anchor(lines: Iterable[str], key: bytes | Sequence[bytes]) -> Anchor:
    """The anchor with the highest sequence among the non-empty lines (each must be valid)."""
    anchors = [parse_anchor(line, key) for line in lines if line.strip()]
    if not anchors:
        raise _bad_anchor("berkas tidak memuat jangkar", "no anchor in the file")
    return max(anchors, key=lambda a: a.head.sequence)
