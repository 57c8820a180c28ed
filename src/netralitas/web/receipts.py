"""Receipt look-ups as the public sees them: one answer and one cost for every receipt that opens nothing.

The services already check an unknown receipt against a dummy argon2 hash, so an unknown and a
mistyped (wrong) receipt cost the same. A malformed one fails before any hashing; here it is
charged one dummy verification too, and all three get the same ``receipt_unknown`` answer, so
neither the wording nor the response time tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from netralitas.errors import DomainError, NotFoundError
from netralitas.intake.receipts import generate_receipt
from netralitas.web.context import WebContext

T = TypeVar("T")

RECEIPT_CODES = frozenset({"receipt_unknown", "receipt_malformed"})


def unknown_receipt() -> NotFoundError:
    return NotFoundError(
        "Nomor tanda terima tidak dikenal atau salah ketik. Periksa lagi lalu coba sekali lagi.",
        message_en="The receipt number is unknown or mistyped. Check it and try again.",
        code="receipt_unknown",
        details={"field": "receipt"},
    )


def by_receipt(
    ctx: WebContext, client: str, receipt: str, call: Callable[[str], T], *, charge: bool = True
) -> T:
    """``call(receipt)`` after the rate limit; any receipt failure becomes :func:`unknown_receipt`
    and counts against ``client`` (a receipt that opens something costs nothing)."""
    if charge:
        ctx.limits.check_receipt(client, receipt)
    try:
        return call(receipt)
    except DomainError as exc:
        if exc.code not in RECEIPT_CODES:
            raise
        ctx.limits.receipt_failed(client, receipt)
        if exc.code == "receipt_malformed":
            # The same argon2 work an unknown receipt costs (checked against no stored rows).
            ctx.backend.kit.receipts.verify(generate_receipt(), [])
        raise unknown_receipt() from None
