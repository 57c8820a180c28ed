from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas.privacy.audit_chain import (
    GENESIS,
    GENESIS_HASH,
    ChainedEntry,
    ChainHead,
    append_entry,
    canonical_json,
    compute_entry_hash,
    verify_chain,
)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=20))
entry_data = st.fixed_dictionaries(
    {
        "action": st.sampled_from(["transition", "reveal_identity", "read_evidence"]),
        "actor": st.text(max_size=10),
    },
    optional={"details": st.dictionaries(st.text(max_size=5), json_scalars, max_size=3)},
)


def build(datas: list[dict[str, Any]]) -> list[ChainedEntry]:
    entries: list[ChainedEntry] = []
    head = GENESIS
    for data in datas:
        entry = append_entry(head, data)
        entries.append(entry)
        head = entry.head
    return entries


class Action(StrEnum):
    REVEAL = "reveal_identity"


def test_canonical_json_is_stable_and_typed() -> None:
    at = datetime(2024, 10, 10, 15, 0, tzinfo=timezone(timedelta(hours=7)))
    data = {"b": 1, "a": [Action.REVEAL, date(2024, 1, 2)], "at": at, "d": Decimal("1.50"), "s": {"y", "x"}}
    data["u"] = UUID(int=1)
    text = canonical_json(data).decode()
    assert text == (
        '{"a":["reveal_identity","2024-01-02"],"at":"2024-10-10T08:00:00Z","b":1,"d":"1.50",'
        '"s":["x","y"],"u":"00000000-0000-0000-0000-000000000001"}'
    )
    assert canonical_json({"nama": "Siti Ña"}) == '{"nama":"Siti Ña"}'.encode()


@pytest.mark.parametrize("bad", [{"at": datetime(2024, 1, 1)}, {"x": object()}, {"f": float("nan")}])
def test_canonical_json_refuses_ambiguous_values(bad: dict[str, Any]) -> None:
    with pytest.raises((TypeError, ValueError)):
        canonical_json(bad)


def test_first_entry_links_to_genesis_and_hash_formula() -> None:
    (entry,) = build([{"action": "x"}])
    assert entry.sequence == 1 and entry.prev_hash == GENESIS_HASH
    import hashlib

    expected = hashlib.sha256(GENESIS_HASH.encode() + b'{"data":{"action":"x"},"sequence":1}').hexdigest()
    assert entry.entry_hash == expected == compute_entry_hash(GENESIS_HASH, 1, {"action": "x"})


@given(st.lists(entry_data, max_size=15))
def test_untouched_chain_verifies(datas: list[dict[str, Any]]) -> None:
    entries = build(datas)
    result = verify_chain(entries)
    assert result.ok and result.checked == len(entries) and result.problem is None
    if entries:
        assert result.head == entries[-1].head
        assert verify_chain(entries, expected_head=entries[-1].head).ok


@given(st.lists(entry_data, min_size=1, max_size=12), st.data())
def test_any_data_change_is_pinpointed(datas: list[dict[str, Any]], data: st.DataObject) -> None:
    entries = build(datas)
    i = data.draw(st.integers(0, len(entries) - 1))
    new_data = data.draw(entry_data.filter(lambda d: canonical_json(d) != canonical_json(entries[i].data)))
    entries[i] = dataclasses.replace(entries[i], data=new_data)
    result = verify_chain(entries)
    assert not result.ok and result.problem == "changed" and result.sequence == i + 1
    assert result.checked == i


@given(st.lists(entry_data, min_size=2, max_size=12), st.data())
def test_change_with_rehash_is_pinpointed(datas: list[dict[str, Any]], data: st.DataObject) -> None:
    entries = build(datas)
    i = data.draw(st.integers(0, len(entries) - 2))
    old = entries[i]
    new_data = {**old.data, "actor": str(old.data["actor"]) + "!"}
    entries[i] = ChainedEntry(
        old.sequence, new_data, old.prev_hash, compute_entry_hash(old.prev_hash, old.sequence, new_data)
    )
    result = verify_chain(entries)
    assert (result.ok, result.problem, result.sequence) == (False, "changed", i + 1)


@given(st.lists(entry_data, min_size=2, max_size=12), st.data())
def test_any_deletion_is_detected(datas: list[dict[str, Any]], data: st.DataObject) -> None:
    entries = build(datas)
    i = data.draw(st.integers(0, len(entries) - 1))
    head = entries[-1].head
    del entries[i]
    result = verify_chain(entries, expected_head=head)
    assert not result.ok and result.sequence == i + 1
    assert result.problem == ("truncated" if i == len(entries) else "deleted")


@given(st.lists(entry_data, min_size=2, max_size=12), st.data())
def test_any_reordering_is_detected(datas: list[dict[str, Any]], data: st.DataObject) -> None:
    entries = build(datas)
    i = data.draw(st.integers(0, len(entries) - 2))
    j = data.draw(st.integers(i + 1, len(entries) - 1))
    entries[i], entries[j] = entries[j], entries[i]
    result = verify_chain(entries)
    assert not result.ok and result.sequence in (i + 1, j + 1)
    assert result.problem in {"deleted", "reordered"}


@given(st.lists(entry_data, min_size=2, max_size=12), st.data())
def test_swapped_contents_with_kept_sequences_detected(
    datas: list[dict[str, Any]], data: st.DataObject
) -> None:
    entries = build(datas)
    i = data.draw(st.integers(0, len(entries) - 2))
    a, b = entries[i], entries[i + 1]
    if canonical_json(a.data) == canonical_json(b.data):
        return
    entries[i] = dataclasses.replace(a, data=b.data)
    entries[i + 1] = dataclasses.replace(b, data=a.data)
    result = verify_chain(entries)
    assert (result.problem, result.sequence) == ("changed", i + 1)


def test_duplicate_sequence_is_reordering() -> None:
    entries = build([{"a": 1}, {"a": 2}])
    result = verify_chain([*entries, entries[1]])
    assert (result.problem, result.sequence) == ("reordered", 2)


def test_verify_from_checkpoint() -> None:
    entries = build([{"a": n} for n in range(6)])
    result = verify_chain(entries[3:], start=entries[2].head)
    assert result.ok and result.checked == 3
    wrong = verify_chain(entries[3:], start=ChainHead(3, "f" * 64))
    assert (wrong.problem, wrong.sequence) == ("changed", 4)


def test_expected_head_with_other_hash_is_a_change() -> None:
    entries = build([{"a": 1}, {"a": 2}])
    result = verify_chain(entries, expected_head=ChainHead(2, "e" * 64))
    assert (result.problem, result.sequence) == ("changed", 2)
    assert "diubah" in result.message and "#2" in result.message


def test_empty_chain_with_expected_head_is_truncated() -> None:
    result = verify_chain([], expected_head=ChainHead(1, "a" * 64))
    assert (result.problem, result.sequence) == ("truncated", 1)
    assert "dihapus" in result.message


def test_row_that_cannot_be_canonicalised_is_changed() -> None:
    entries = build([{"a": 1}, {"a": 2}])
    entries[1] = dataclasses.replace(entries[1], data={"a": float("nan")})
    assert (verify_chain(entries).problem, verify_chain(entries).sequence) == ("changed", 2)
    entries[1] = dataclasses.replace(entries[1], data={"a": 2}, prev_hash="é" * 64)
    assert verify_chain(entries).sequence == 2
