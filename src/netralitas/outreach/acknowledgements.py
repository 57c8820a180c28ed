"""What the holder of a personal link can do: read the circular, acknowledge it once
("saya telah membaca dan memahami"), sign the neutrality pledge once (name, NIP, time)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from netralitas.errors import ValidationError
from netralitas.identifiers.nip import normalise_nip
from netralitas.outreach.links import LinkClaim, LinkError, read_token
from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.outreach.quiz import Marked, Question, draw, mark, question_bank
from netralitas.outreach.records import Acknowledgement, Circular, Member, Pledge, QuizAttempt, new_id
from netralitas.rules.catalogue import default_catalogue

MakeUow = Callable[[], OutreachUnitOfWork]
ACK_STATEMENT = "Saya telah membaca dan memahami surat edaran ini."
PLEDGE_STATEMENT = (
    "Saya menyatakan akan menjaga netralitas sebagai ASN: tidak berpihak kepada peserta pemilihan mana pun, "
    "tidak terlibat kampanye, dan tidak menggunakan jabatan atau fasilitas negara untuk kepentingan politik."
)


@dataclass(frozen=True)
class LinkView:
    claim: LinkClaim
    circular: Circular
    member: Member
    acknowledgement: Acknowledgement | None
    pledge: Pledge | None


def _load(uow: OutreachUnitOfWork, claim: LinkClaim) -> LinkView:
    circular = uow.circulars.get(claim.circular_id)
    member = uow.rosters.member(claim.member_id)
    recipient = uow.circulars.recipient(claim.circular_id, claim.member_id)
    if circular is None or member is None or recipient is None:
        raise LinkError(
            "Tautan ini tidak lagi berlaku: surat edaran atau data kepegawaian Anda sudah tidak ada.",
            message_en="This link no longer applies.",
            code="link_gone",
        )
    return LinkView(
        claim, circular, member, uow.circulars.acknowledgement(claim.circular_id, claim.member_id),
        uow.circulars.pledge(claim.circular_id, claim.member_id),
    )  # fmt: skip


def open_link(make_uow: MakeUow, secret: str, now: datetime, token: str) -> LinkView:
    claim = read_token(secret, token, now)
    with make_uow() as uow:
        return _load(uow, claim)


def acknowledge(make_uow: MakeUow, secret: str, now: datetime, token: str) -> tuple[LinkView, bool]:
    """Record the acknowledgement; (view, False) when it was already recorded (nothing twice)."""
    claim = read_token(secret, token, now)
    with make_uow() as uow:
        _load(uow, claim)
        created = uow.circulars.add_acknowledgement(Acknowledgement(claim.circular_id, claim.member_id, now))
        uow.commit()
        return _load(uow, claim), created


def certificate_number(circular_id: str, member_id: str, now: datetime) -> str:
    digest = hashlib.sha256(f"{circular_id}:{member_id}".encode()).hexdigest()[:8].upper()
    return f"PN-{now:%Y%m%d}-{digest}"


def sign_pledge(
    make_uow: MakeUow, secret: str, now: datetime, token: str, name: str, nip: str
) -> tuple[LinkView, bool]:
    """Sign the pledge with the name and NIP typed by the link's holder (the NIP must be theirs);
    acknowledges too. (view, False) when already signed."""
    claim = read_token(secret, token, now)
    with make_uow() as uow:
        view = _load(uow, claim)
        fields: dict[str, str] = {}
        if not 3 <= len(name.strip()) <= 200:
            fields["name"] = "Tulis nama lengkap Anda (3-200 huruf)."
        if normalise_nip(nip) != view.member.nip:
            fields["nip"] = "NIP tidak sama dengan NIP pada data kepegawaian untuk tautan ini."
        if not view.circular.wants_pledge:
            fields["pledge"] = "Surat edaran ini tidak meminta pakta integritas."
        if fields and view.pledge is None:
            raise ValidationError("Periksa isian pakta integritas.", message_en="Check the pledge fields.",
                                  details={"fields": fields})  # fmt: skip
        number = certificate_number(claim.circular_id, claim.member_id, now)
        pledge = Pledge(
            claim.circular_id, claim.member_id, " ".join(name.split()), view.member.nip, now, number
        )
        created = view.pledge is None and uow.circulars.add_pledge(pledge)
        uow.circulars.add_acknowledgement(Acknowledgement(claim.circular_id, claim.member_id, now))
        uow.commit()
        return _load(uow, claim), created


def quiz_for(view: LinkView, day: date) -> tuple[Question, ...]:
    """The link's quiz: the same questions every time the same holder opens it."""
    return draw(question_bank(default_catalogue(), day), f"{view.circular.id}:{view.member.id}")


def take_quiz(
    make_uow: MakeUow, secret: str, now: datetime, token: str, answers: Mapping[str, str]
) -> tuple[tuple[Marked, ...], bool]:
    """Mark the answers; the score is filed under the holder's unit only, once per link."""
    claim = read_token(secret, token, now)
    with make_uow() as uow:
        view = _load(uow, claim)
        marked = mark(quiz_for(view, now.date()), answers)
        attempt = QuizAttempt(
            new_id(), view.circular.agency_id, view.member.unit_code, view.member.position_key,
            sum(m.correct for m in marked), len(marked), now.date(),
        )  # fmt: skip
        stored = uow.circulars.add_quiz_result(claim.circular_id, claim.member_id, attempt)
        uow.commit()
    return marked, stored
