"""``cases.audit.append_entry`` builds each entry once (no draft and a copy): the chain it writes
is byte for byte the chain written before (hashes pinned from the earlier code), and every entry
verifies against ``entry_data``."""

from __future__ import annotations

from datetime import UTC, datetime

from netralitas.cases.audit import _chained, append_entry
from netralitas.cases.records import AuditEntry
from netralitas.privacy.audit_chain import GENESIS_HASH, compute_entry_hash, verify_chain

AT = datetime(2026, 12, 4, 19, 30, 1, 234567, tzinfo=UTC)
#: written by the code before this change (the same entries)
PINNED = [
    "addd8c203f536a1023b6576b336be53f1bffb4923dfd7bbc26317c4d620c2bc7",
    "c719f1c47e78e756961f2bdab6de2985398e5778be19a3827319a232c7441783",
    "62e2ff0b550c5f1e2550ebfdae02ea034bc48392c645f355dc8bb7a71013b512",
]


class Trail:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def lock_head(self) -> None:
        pass

    def head(self) -> tuple[int, str] | None:
        return (self.entries[-1].seq, self.entries[-1].hash) if self.entries else None

    def append(self, entry: AuditEntry) -> None:
        self.entries.append(entry)


def test_the_chain_is_the_one_written_before() -> None:
    trail = Trail()
    detail = {"purpose": "queue", "scope": {"region": "34", "agency": None}, "nama": "Ñusa"}
    for i in range(3):
        made = append_entry(trail, AT, "user-1", "cases.listed", "case", "*", detail | {"rows": i})  # type: ignore[arg-type]
        assert made is trail.entries[-1]
    assert [e.hash for e in trail.entries] == PINNED
    first = trail.entries[0]
    assert (first.seq, first.prev_hash, first.at, first.detail["rows"]) == (1, GENESIS_HASH, AT, 0)
    assert [e.prev_hash for e in trail.entries[1:]] == PINNED[:2]
    assert verify_chain(_chained(trail.entries)).ok
    assert first.hash == compute_entry_hash(GENESIS_HASH, 1, {
        "at": AT, "actor_id": "user-1", "action": "cases.listed", "subject_type": "case",
        "subject_id": "*", "detail": detail | {"rows": 0}})  # fmt: skip


def test_the_entry_keeps_a_copy_of_the_detail() -> None:
    trail, detail = Trail(), {"rows": 1}
    entry = append_entry(trail, AT, "a", "x", "case", "*", detail)  # type: ignore[arg-type]
    detail["rows"] = 2
    assert entry.detail == {"rows": 1}
    assert append_entry(trail, AT, "a", "x", "case", "*").detail == {}  # type: ignore[arg-type]
