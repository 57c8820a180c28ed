"""Making a letter is a use case: read the case file (``view_case``: scope checked, audited), fill
the template, and only when no fact is missing take the next number of the issuing office for
that kind and year and audit ``letter.issued`` (kind, number, format; never the letter's text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netralitas.analytics.letter_facts import letter_facts, load_issuer
from netralitas.analytics.letter_render import to_docx, to_pdf
from netralitas.analytics.letters import compose, letter_number, load_template
from netralitas.cases import audit
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.roles import ROLE_LABELS, Actor
from netralitas.cases.sensitive_reads import view_case
from netralitas.errors import ValidationError
from netralitas.rules.catalogue import Catalogue

LETTER_FORMATS = ("docx", "pdf")
#: (agency key, kind, year) -> the next sequence number, committed.
NumberSource = Callable[[str, str, int], int]


@dataclass(frozen=True)
class IssuedLetter:
    number: str
    filename: str
    media_type: str
    content: bytes


def issue_letter(
    make_uow: Callable[[], UnitOfWork],
    kit: Kit,
    catalogue: Catalogue,
    actor: Actor,
    case_id: str,
    kind: str,
    fmt: str,
    next_number: NumberSource,
    region_name: Callable[[str], str],
    templates: Path | None = None,
) -> IssuedLetter:
    if fmt not in LETTER_FORMATS:
        raise ValidationError(
            f"Format '{fmt[:10]}' tidak dikenal; pilih docx atau pdf.",
            message_en=f"Unknown format '{fmt[:10]}'; choose docx or pdf.",
            details={"field": "format"},
        )
    template = load_template(kind, templates)
    detail = view_case(make_uow(), kit, actor, case_id)
    uow = make_uow()
    with uow:
        agency = uow.agencies.get(detail.case.agency_id) if detail.case.agency_id else None
        user = uow.users.get(actor.user_id)
    signer = (ROLE_LABELS[actor.role][0], user.display_name if user else "")
    today: date = kit.clock.today()
    issuer = load_issuer(templates)
    facts = letter_facts(detail, agency, catalogue, issuer, signer, today, region_name)
    compose(template, facts, "")  # refuses, naming what is missing, before a number is taken
    issuer_key = actor.agency_id or actor.region_code or "nasional"
    seq = next_number(issuer_key, kind, today.year)
    number = letter_number(template, seq, today.year, issuer.code)
    letter = compose(template, facts, number)
    content = to_docx(letter) if fmt == "docx" else to_pdf(letter)
    with uow:
        audit.record(uow, kit, actor.user_id, "letter.issued", "case", case_id,
                     {"kind": kind, "number": number, "format": fmt, "issuer": issuer_key})  # fmt: skip
        uow.commit()
    media = "application/pdf" if fmt == "pdf" else (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )  # fmt: skip
    return IssuedLetter(number, f"surat-{kind}-{detail.case.number}.{fmt}", media, content)
