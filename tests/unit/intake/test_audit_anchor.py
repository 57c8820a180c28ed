"""Signed anchors of the audit chain head."""

from __future__ import annotations

import pytest

from netralitas.intake.audit_chain import (
    Anchor,
    AnchorError,
    ChainHead,
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
    [lambda s: s.replace("seq=41", "seq=40"), lambda s: s.replace("ab", "ac", 1), lambda s: s[:-1] + "0"],
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
