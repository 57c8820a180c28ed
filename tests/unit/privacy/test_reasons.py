"""Reasons that are reasons (one check for every reason field)."""

from __future__ import annotations

import pytest

from netralitas.errors import ValidationError
from netralitas.privacy.access_reasons import is_meaningful, normalise_reason, require_reason_text
from netralitas.privacy.reporter_identity import (
    IdentityKeyring,
    ReporterIdentity,
    encrypt_identity,
    generate_identity_key,
    reveal_identity,
)

NOT_REASONS = ["\u200b" * 12, "\u200b \u200c\u200d\ufeff" * 4, "." * 12, "- - - - - - -", "\u3000" * 12,
               "\x00\x01" * 8, "\u202e\u202d" * 6, "1234567890!"]  # fmt: skip


@pytest.mark.parametrize("text", NOT_REASONS)
def test_not_reasons_are_refused(text: str) -> None:
    assert not is_meaningful(text, 10)
    with pytest.raises(ValidationError) as info:
        require_reason_text(text, 10, what_id="x", what_en="x")
    assert info.value.code == "reason_required" and info.value.details["field"] == "reason"


def test_real_reasons_pass_normalised() -> None:
    assert require_reason_text(
        "  Klarifikasi\u200b saksi\n\tdi   lapangan ", 10, what_id="x", what_en="x"
    ) == ("Klarifikasi saksi di lapangan")
    assert normalise_reason("ｆｕｌｌ　ｗｉｄｔｈ") == "full width"
    assert is_meaningful("verifikasi", 10)


def test_identity_reveal_refuses_twelve_zero_width_spaces() -> None:
    keyring = IdentityKeyring.parse(generate_identity_key())
    token = encrypt_identity(ReporterIdentity(name="Sari", contact=None), keyring=keyring, bound_to="r1")
    with pytest.raises(ValidationError) as info:
        reveal_identity(token, keyring=keyring, bound_to="r1", reason="\u200b" * 12)
    assert info.value.code == "identity_reveal_reason_required"
    assert reveal_identity(token, keyring=keyring, bound_to="r1", reason="klarifikasi saksi").name == "Sari"
