from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.config import Settings
from netralitas.errors import ValidationError
from netralitas.privacy.receipts import (
    ALPHABET,
    RECEIPT_BITS,
    TAG_CHARS,
    ReceiptCandidate,
    ReceiptHasher,
    format_receipt,
    generate_receipt,
    lookup_key_from_settings,
    normalise_receipt,
)

KEY = b"k" * 32


def make_hasher(key: bytes = KEY) -> ReceiptHasher:
    return ReceiptHasher(key, time_cost=1, memory_kib=8)


class CountingHasher:
    """Wraps the argon2 hasher to count verifications (the cost we promise to keep constant)."""

    def __init__(self, hasher: ReceiptHasher) -> None:
        self.calls = 0
        self._inner = hasher._hasher
        hasher._hasher = self  # type: ignore[assignment]

    def verify(self, stored: Any, password: Any) -> Any:
        self.calls += 1
        return self._inner.verify(stored, password)

    def hash(self, password: str) -> str:
        return self._inner.hash(password)


def test_receipt_has_at_least_80_bits_and_display_shape() -> None:
    assert RECEIPT_BITS >= 80
    assert math.log2(len(ALPHABET)) == 5
    receipt = generate_receipt()
    groups = receipt.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 4]
    assert set(receipt.replace("-", "")) <= set(ALPHABET)
    assert not set("ILOU") & set(receipt)


def test_receipts_are_not_repeated() -> None:
    assert len({generate_receipt() for _ in range(2000)}) == 2000


@given(st.text(alphabet=ALPHABET, min_size=20, max_size=20), st.sampled_from([" ", "-", "", "  -  "]))
def test_normalisation_accepts_case_spaces_and_dashes(raw: str, sep: str) -> None:
    typed = sep.join(raw[i : i + 4] for i in range(0, 20, 4)).lower()
    assert normalise_receipt(f"  {typed} ") == raw
    assert normalise_receipt(format_receipt(raw)) == raw


def test_normalisation_maps_ambiguous_letters() -> None:
    assert normalise_receipt("o0il-OOOO-1111-LLLL-iiii") == "0011" + "0000" + "1111" * 3


@pytest.mark.parametrize(
    "bad", ["", "ABCD", "ABCD-EFGH-JKMN-PQRS-TVWXY", "ABCD-EFGH-JKMN-PQRS-TVW!", "UUUU" * 5]
)
def test_malformed_receipt_gets_indonesian_error(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalise_receipt(bad)
    assert info.value.code == "receipt_malformed"
    assert "tanda terima" in info.value.message


def test_issue_and_verify_roundtrip() -> None:
    hasher = make_hasher()
    issued = hasher.issue()
    assert issued.receipt_hash.startswith("$argon2id$")
    assert issued.receipt not in repr(issued)
    assert len(issued.lookup_tag) == TAG_CHARS
    assert hasher.lookup_tag(issued.receipt.lower().replace("-", " ")) == issued.lookup_tag
    rows = [
        ReceiptCandidate("other", make_hasher().issue().receipt_hash),
        ReceiptCandidate(42, issued.receipt_hash),
    ]
    assert hasher.verify(issued.receipt, rows) == 42
    assert hasher.verify(generate_receipt(), rows) is None


def test_hash_is_salted() -> None:
    hasher = make_hasher()
    assert hasher._hasher.hash("X" * 20) != hasher._hasher.hash("X" * 20)


def test_tag_depends_on_key() -> None:
    receipt = generate_receipt()
    tags = {make_hasher(bytes([i]) * 32).lookup_tag(receipt) for i in range(40)}
    assert len(tags) > 30


def test_unknown_wrong_and_right_receipt_cost_one_verification_each() -> None:
    hasher = make_hasher()
    issued = hasher.issue()
    counter = CountingHasher(hasher)
    costs = []
    for receipt, rows in [
        (generate_receipt(), []),  # unknown: no row shares the tag
        (generate_receipt(), [ReceiptCandidate(1, issued.receipt_hash)]),  # wrong receipt, tag collision
        (issued.receipt, [ReceiptCandidate(1, issued.receipt_hash)]),  # right
    ]:
        before = counter.calls
        hasher.verify(receipt, rows)
        costs.append(counter.calls - before)
    assert costs == [1, 1, 1]


def test_dummy_hash_uses_the_same_cost_as_real_hashes() -> None:
    hasher = ReceiptHasher(KEY, time_cost=2, memory_kib=16)
    issued = hasher.issue()
    dummy = hasher._dummy()
    assert dummy.split("$")[3] == issued.receipt_hash.split("$")[3] == "m=16,t=2,p=1"


def test_all_candidates_checked_even_after_a_match() -> None:
    hasher = make_hasher()
    issued = hasher.issue()
    counter = CountingHasher(hasher)
    rows = [ReceiptCandidate(1, issued.receipt_hash), ReceiptCandidate(2, make_hasher().issue().receipt_hash)]
    assert hasher.verify(issued.receipt, rows) == 1
    assert counter.calls == 2


def test_corrupt_stored_hash_is_a_mismatch_not_a_crash() -> None:
    hasher = make_hasher()
    assert hasher.verify(generate_receipt(), [ReceiptCandidate(1, "not-a-hash")]) is None
    assert hasher.needs_rehash("not-a-hash")


def test_needs_rehash_when_cost_changes() -> None:
    old = make_hasher().issue().receipt_hash
    assert not make_hasher().needs_rehash(old)
    assert ReceiptHasher(KEY, time_cost=2, memory_kib=8).needs_rehash(old)


def test_from_settings_uses_cost_and_key() -> None:
    base = Settings(receipt_hash_time_cost=1, receipt_hash_memory_kib=8)
    hasher = ReceiptHasher.from_settings(base)
    assert "m=8,t=1" in hasher.issue().receipt_hash
    explicit = Settings(receipt_lookup_key="a-long-dedicated-lookup-key")  # type: ignore[arg-type]
    other_secret = Settings(secret_key="another-secret")  # type: ignore[arg-type]
    keys = {lookup_key_from_settings(s) for s in (base, explicit, other_secret)}
    assert len(keys) == 3
    assert lookup_key_from_settings(explicit) == lookup_key_from_settings(
        Settings(receipt_lookup_key="a-long-dedicated-lookup-key", secret_key="x")  # type: ignore[arg-type]
    )


def test_short_lookup_key_refused() -> None:
    with pytest.raises(ValueError):
        ReceiptHasher(b"short")


@settings(max_examples=50)
@given(st.text(alphabet=ALPHABET, min_size=20, max_size=20))
def test_tag_is_in_alphabet(raw: str) -> None:
    tag = make_hasher().lookup_tag(raw)
    assert len(tag) == TAG_CHARS and set(tag) <= set(ALPHABET)
