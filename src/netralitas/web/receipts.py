"""Receipt look-ups as the public sees them: rate-limited per receipt and client.

The privacy guard itself is in the core (``cases.reporting``): every receipt that opens nothing,
unknown, mistyped or malformed, gets the same ``receipt_unknown`` answer at the same argon2 cost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from netralitas.errors import DomainError
from netralitas.web.context import WebContext

T = TypeVar("T")


def by_receipt(
    ctx: WebContext, client: str, receipt: str, call: Callable[[str], T], *, charge: bool = True
) -> T:
    """``call(receipt)`` after the rate limit (``charge=False`` when this request paid already);
    a receipt that opens nothing counts against ``client`` (one that opens something costs nothing)."""
    if not charge:
        try:
            return call(receipt)
        except DomainError as exc:
            if exc.code == "receipt_unknown":
                ctx.limits.receipt_failed(client, receipt)
            raise
    with ctx.limits.receipt_attempt(client, receipt) as attempt:  # checked and counted at once
        try:
            return call(receipt)
        except DomainError as exc:
            if exc.code == "receipt_unknown":
                attempt.failed()
            raise
