"""Reasons that are reasons: one check for every free-text reason the system asks for (revealing
an identity, opening an original, moving a case, holding it, changing an account ...).

The text is normalised first (NFKC; invisible format characters such as zero-width spaces and
direction marks removed; control characters and every kind of space read as one space), then it
must still be long enough and be mostly letters or digits: twelve zero-width spaces, a row of
dots or "----------" are not reasons.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from netralitas.errors import ValidationError


def normalise_reason(text: str) -> str:
    """NFKC, invisible characters dropped, whitespace and controls collapsed to single spaces."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width space/joiner, BOM, direction marks
            continue
        kept.append(" " if char.isspace() or category in ("Cc", "Zs", "Zl", "Zp") else char)
    return " ".join("".join(kept).split())


def is_meaningful(text: str, min_chars: int) -> bool:
    """At least ``min_chars`` characters after normalising, half of them letters or digits, and
    at least one letter."""
    clean = normalise_reason(text)
    alnum = sum(1 for c in clean if c.isalnum())
    return len(clean) >= min_chars and alnum * 2 >= min_chars and any(c.isalpha() for c in clean)


def require_reason_text(text: str | None, min_chars: int, *, what_id: str, what_en: str) -> str:
    """The normalised reason, or ``ValidationError`` (field ``reason``) saying what is needed."""
    clean = normalise_reason(text or "")
    if not is_meaningful(clean, min_chars):
        raise ValidationError(
            f"Sebutkan alasan {what_id} dengan kata-kata (minimal {min_chars} huruf).",
            message_en=f"State the reason {what_en} in words (at least {min_chars} characters).",
            code="reason_required",
            details={"field": "reason", "min_chars": min_chars},
        )
    return clean


def pydantic_reason(min_chars: int) -> Callable[[str], str]:
    """A validator for payload fields (``Annotated[str, AfterValidator(pydantic_reason(5))]``):
    returns the normalised text or raises ``ValueError`` with the Indonesian message."""

    def check(value: str) -> str:
        clean = normalise_reason(value)
        if not is_meaningful(clean, min_chars):
            raise ValueError(f"alasan harus berupa kata-kata, minimal {min_chars} huruf")
        return clean

    return check
