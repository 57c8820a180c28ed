"""Personal acknowledgement links: signed (HMAC), expiring, no account needed.

The token names the circular and the roster member and carries its expiry; the signature
makes any change to it detectable. Expiry is checked against the service's clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from netralitas.errors import DomainError

SALT = "netralitas.outreach.ack.v1"


class LinkError(DomainError):
    """An acknowledgement link that is tampered with (``link_invalid``) or too old (``link_expired``)."""

    code = "link_invalid"


@dataclass(frozen=True)
class LinkClaim:
    circular_id: str
    member_id: str
    expires_at: datetime


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=SALT)


def make_token(secret: str, circular_id: str, member_id: str, now: datetime, days: int) -> str:
    expires = int((now + timedelta(days=days)).timestamp())
    return str(_serializer(secret).dumps([circular_id, member_id, expires]))


def read_token(secret: str, token: str, now: datetime) -> LinkClaim:
    try:
        circular_id, member_id, expires = _serializer(secret).loads(token)
        claim = LinkClaim(
            str(circular_id), str(member_id), datetime.fromtimestamp(int(expires), tz=now.tzinfo)
        )
    except (BadSignature, ValueError, TypeError) as exc:
        raise LinkError(
            "Tautan ini tidak sah: mungkin terpotong atau diubah. Minta tautan baru kepada pengirimnya.",
            message_en="This link is not valid: it may be cut off or altered.",
        ) from exc
    if now > claim.expires_at:
        raise LinkError(
            "Tautan ini sudah kedaluwarsa. Minta tautan baru kepada pengirim surat edaran.",
            message_en="This link has expired. Ask the sender for a new one.",
            code="link_expired",
            details={"expired_at": claim.expires_at.isoformat()},
        )
    return claim
