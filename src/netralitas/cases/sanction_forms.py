"""The concrete sanction forms a PPK picks from: those of the penalty ladders in force on the
act's date for the reported person's employee type (PP 94/2021 Pasal 8 for PNS, ...).

A decision names one of them by a stable code (``ladder/version-date/level/n``) or "lainnya"
(another form, with a reason), so decided forms can be counted and followed up; a case whose
ladder cannot be known (no act date matches a ladder) keeps a free-text form."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netralitas.cases.access_checks import load_case_in_scope
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Case
from netralitas.cases.roles import CASE_READERS, Actor
from netralitas.errors import ValidationError
from netralitas.rules.model import EmployeeType, Level, Track

#: The choice of a form that is not on the ladder (a reason is then required).
OTHER = "lainnya"
#: Decision level for "not proven" (no form to pick).
NOT_PROVEN = "none"
ASN_TRACKS = (Track.ETHICS, Track.DISCIPLINE, Track.DISMISSAL)
ASN_TYPES = (EmployeeType.PNS, EmployeeType.CPNS, EmployeeType.PPPK)
MIN_REASON = 10


@dataclass(frozen=True)
class SanctionForm:
    code: str
    level: str
    label: str
    #: The ladder's name (e.g. "Hukuman disiplin PNS") and its legal basis.
    ladder_label: str
    citation: str
    review_status: str


def forms_in_force(kit: Kit, employee_type: str, on: date) -> tuple[SanctionForm, ...]:
    """Every form of the ASN ladders in force on ``on`` for this employee type (for an unknown
    type, those of PNS and PPPK)."""
    types: Iterable[EmployeeType]
    try:
        known = EmployeeType(employee_type)
    except ValueError:
        known = EmployeeType.UNKNOWN
    types = (known,) if known in ASN_TYPES else (EmployeeType.PNS, EmployeeType.PPPK)
    out: dict[str, SanctionForm] = {}
    for etype in types:
        for track in ASN_TRACKS:
            found = kit.catalogue.ladder_on(track, etype, on)
            if found is None:
                continue
            ladder, version = found
            citation = "; ".join(b.cite() for b in version.legal_basis)
            for level, labels in (version.levels or {}).items():
                for n, label in enumerate(labels, start=1):
                    code = f"{ladder.id}/{version.from_on.isoformat()}/{Level(level).value}/{n}"
                    out.setdefault(
                        code,
                        SanctionForm(
                            code,
                            Level(level).value,
                            label,
                            ladder.label_id,
                            citation,
                            str(version.review_status),
                        ),
                    )
    return tuple(out.values())


def forms_for_case(uow: UnitOfWork, kit: Kit, case: Case) -> tuple[SanctionForm, ...]:
    """The forms for this case: the person's employee type, the act's date (else today)."""
    person = uow.persons.get(case.person_id) if case.person_id else None
    return forms_in_force(
        kit, person.employee_type if person else "unknown", case.act_on or kit.clock.today()
    )


@dataclass(frozen=True)
class ChosenForm:
    form: str
    code: str | None
    other_reason: str | None


def choose_form(
    forms: tuple[SanctionForm, ...], level: str, code: str | None, text: str | None, reason: str | None
) -> ChosenForm:
    """Check the PPK's choice against the ladder: a code of this level (the form is its label),
    "lainnya" with a typed form and a reason, or (no code) a typed form matching a label.
    A level without forms on the ladder (or "not proven") keeps the typed text."""
    text = (text or "").strip()
    reason = (reason or "").strip() or None
    of_level = [f for f in forms if f.level == level]
    if level == NOT_PROVEN or not of_level:
        if code and code != OTHER:
            raise _error(
                "form_code",
                "Tingkat ini tidak punya bentuk hukuman pada tangga sanksi yang berlaku; tulis bentuknya.",
                "This level has no sanction forms on the ladder in force; type the form.",
            )
        _need_text(text)
        return ChosenForm(text, None, reason)
    if code == OTHER:
        _need_text(text)
        if reason is None or len(reason) < MIN_REASON:
            raise _error(
                "form_other_reason",
                f"Bentuk hukuman di luar daftar: tuliskan alasannya (minimal {MIN_REASON} karakter).",
                f"A form outside the list: give the reason (at least {MIN_REASON} characters).",
            )
        return ChosenForm(text, OTHER, reason)
    if code:
        picked = next((f for f in forms if f.code == code), None)
        if picked is None:
            raise _error(
                "form_code",
                "Bentuk hukuman ini tidak ada pada tangga sanksi yang berlaku; pilih dari daftar.",
                "This form is not on the ladder in force; choose from the list.",
            )
        if picked.level != level:
            raise _error(
                "form_code",
                "Bentuk hukuman yang dipilih bukan dari tingkat hukuman yang dipilih.",
                "The chosen form does not belong to the chosen level.",
            )
        return ChosenForm(picked.label, picked.code, None)
    match = next((f for f in of_level if _norm(f.label) == _norm(text)), None) if text else None
    if match is None:
        raise _error(
            "form_code",
            "Pilih bentuk hukuman dari daftar tangga sanksi, atau 'lainnya' dengan alasan.",
            "Choose the form from the sanction ladder, or 'other' with a reason.",
        )
    return ChosenForm(match.label, match.code, None)


def _need_text(text: str) -> None:
    if len(text) < 2:
        raise _error("form", "Tuliskan bentuk hukuman.", "Type the form of the sanction.")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _error(field: str, message: str, message_en: str) -> ValidationError:
    return ValidationError(message, message_en=message_en, details={"field": field})


def case_sanction_forms(uow: UnitOfWork, kit: Kit, actor: Actor, case_id: str) -> tuple[SanctionForm, ...]:
    """The forms a decision on this case picks from (for readers of the case)."""
    with uow.reading():
        case = load_case_in_scope(uow, kit, actor, case_id, "sanction_forms", CASE_READERS)
        return forms_for_case(uow, kit, case)
