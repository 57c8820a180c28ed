"""The request-level guard: what no field may hold, found wherever it is sent."""

from __future__ import annotations

import pytest

from netralitas.web.input_guard import json_problems, strip_disallowed, text_problem


@pytest.mark.parametrize("value", ["a\x00b", "\x1b[2J", "\x7f", "\x85", "\ud800", "x\x0bx"])
def test_control_characters_and_surrogates_are_refused(value: str) -> None:
    problem = text_problem("description", value)
    assert problem is not None and "karakter kendali" in problem[1]


@pytest.mark.parametrize("value", ["baris\nbaru\r\n\tdengan tab", "NIP 198503122010011003", "Ω 😀 aksara ꦗꦮ"])
def test_ordinary_text_passes(value: str) -> None:
    assert text_problem("description", value) is None


def test_numbers_beyond_64_bits_are_refused_but_an_18_digit_nip_is_not() -> None:
    assert text_problem("page", "9" * 24) is not None
    assert text_problem("offset", "9223372036854775808") is not None
    assert text_problem("offset", "-9223372036854775809") is not None
    assert text_problem("offset", "9223372036854775807") is None
    assert text_problem("person_nip", "198503122010011003") is None


def test_json_is_checked_in_keys_values_and_nested_lists() -> None:
    found = json_problems({"a": [{"b": "x\x00"}], "n": 2**70, "ok": True, "k\x01": 1})
    assert {name for name, _, _ in found} == {"a[0].b", "n", "k\x01"}
    assert json_problems({"fine": ["teks", 12, None, 1.5]}) == []


def test_stripping_keeps_the_visible_text() -> None:
    assert strip_disallowed("Balai\x00 Desa\x1b") == "Balai Desa"
