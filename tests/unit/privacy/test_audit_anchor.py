"""Signed anchors of the audit chain head."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from netralitas.privacy.audit_chain import (
    Anchor,
    AnchorError,
    ChainHead,
    key_id,
    newest_anchor,
    parse_anchor,
    parse_head,
)

KEY = b"k" * 32
HEAD = ChainHead(41, "ab" * 32)


def test_anchor_round_trip_and_newest() -> None:
    line = Anchor(HEAD, "2024-10-07T03:00:00Z").line(KEY)
    assert parse_anchor(line, KEY).head == HEAD
    older = Anchor(ChainHead(3, "cd" * 32), "2024-10-01T03:00:00Z").line(KEY)
    assert newest_anchor(["", older, line, ""], KEY).head == HEAD


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.replace("seq=41", "seq=40"),
        lambda s: s.replace("ab", "ac", 1),
        lambda s: s[:-1] + ("1" if s.endswith("0") else "0"),
    ],
)
def test_changed_anchor_is_refused(change: object) -> None:
    line = Anchor(HEAD, "2024-10-07T03:00:00Z").line(KEY)
    with pytest.raises(AnchorError):
        parse_anchor(change(line), KEY)  # type: ignore[operator]


def test_other_key_or_garbage_is_refused() -> None:
    line = Anchor(HEAD, "2024-10-07T03:00:00Z").line(KEY)
    for bad, key in ((line, b"x" * 32), ("hello", KEY), ("", KEY)):
        with pytest.raises(AnchorError):
            parse_anchor(bad, key)
    with pytest.raises(AnchorError):
        newest_anchor([], KEY)
    assert parse_head(f"7:{'0' * 64}") == ChainHead(7, "0" * 64)
    with pytest.raises(AnchorError):
        parse_head("7:xyz")


def test_an_anchor_names_its_key_and_verifies_with_it_after_a_rotation() -> None:
    """Rotating the secrets changes the anchor key: the line says which key signed it (a
    fingerprint), and the earlier key, kept, still checks it; without it the message says so."""
    old_key, new_key = b"o" * 32, b"n" * 32
    line = Anchor(HEAD, "2024-10-07T03:00:00Z").line(old_key)
    assert f"kid={key_id(old_key)}" in line and old_key.hex() not in line
    assert parse_anchor(line, [new_key, old_key]).head == HEAD
    with pytest.raises(AnchorError) as caught:
        parse_anchor(line, [new_key])
    assert (
        "NETRALITAS_ANCHOR_PREVIOUS_KEYS" in caught.value.message and key_id(old_key) in caught.value.message
    )
    forged = line.replace(f"kid={key_id(old_key)}", f"kid={key_id(new_key)}")
    with pytest.raises(AnchorError):
        parse_anchor(forged, [new_key, old_key])


def test_anchor_lines_from_before_key_ids_still_verify() -> None:
    body = f"netralitas-audit-anchor/1 seq={HEAD.sequence} hash={HEAD.entry_hash} at=2024-10-07T03:00:00Z"
    legacy = f"{body} mac={hmac.new(KEY, body.encode(), hashlib.sha256).hexdigest()}"
    assert parse_anchor(legacy, [b"n" * 32, KEY]).head == HEAD
