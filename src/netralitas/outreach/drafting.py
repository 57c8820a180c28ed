"""Texts drafted from the catalogue: a circular template for an election's current phase, and
the parts briefs reuse. Every rule comes with its citation; rules the catalogue marks
``needs_review`` say so — they are never presented as settled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netralitas import formats
from netralitas.outreach.phases import change_at_next, phase_on, rules_on
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import AllowedConduct, Election, ReviewStatus, Violation

#: How many examples of each list a text carries (a circular is read on a phone).
MAX_RULES = 8
MAX_ALLOWED = 4


def day_id(day: date) -> str:
    """A date in a circular or brief: "27 November 2024" (``formats.long_day``)."""
    return formats.long_day(day, "id")


def _caveat(status: ReviewStatus) -> str:
    return "" if status == ReviewStatus.CONFIRMED else " [perlu ditinjau: belum dikonfirmasi petugas hukum]"


def cite(rule: Violation) -> str:
    return "; ".join(b.cite() for b in rule.legal_basis)


def rule_line(rule: Violation) -> str:
    example = f' Contoh: "{rule.examples.not_allowed[0]}".' if rule.examples.not_allowed else ""
    return f"- {rule.title_id} ({cite(rule)}){_caveat(rule.review_status)}.{example}"


def allowed_line(item: AllowedConduct) -> str:
    basis = "; ".join(b.cite() for b in item.legal_basis)
    example = f' Contoh: "{item.examples[0]}".' if item.examples else ""
    return f"- {item.title_id} ({basis}){_caveat(item.review_status)}.{example}"


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    election_id: str
    phase: str | None
    citations: tuple[str, ...]


def _citations(rules: Iterable[Violation], allowed: Iterable[AllowedConduct]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for rule in rules:
        seen.update(dict.fromkeys(b.cite() for b in rule.legal_basis))
    for item in allowed:
        seen.update(dict.fromkeys(b.cite() for b in item.legal_basis))
    return tuple(seen)


def draft_circular(catalogue: Catalogue, election: Election, day: date, agency_name: str) -> Draft:
    """A surat edaran for ``agency_name`` about ``election`` as it stands on ``day``."""
    phase = phase_on(election, day)
    rules = rules_on(catalogue, election, day)[:MAX_RULES]
    allowed = catalogue.allowed_conduct[:MAX_ALLOWED]
    stage = phase.label if phase is not None else "di luar jendela tahapan"
    lines = [
        f"Kepada seluruh ASN di lingkungan {agency_name}.",
        "",
        f"Pada {day_id(day)} {election.name} berada pada tahap: {stage}. Hari pemungutan suara: "
        f"{day_id(election.vote_on)}. ASN wajib netral: tetap berhak memilih, tetapi tidak boleh "
        "berpihak kepada peserta mana pun.",
        "",
        "Yang TIDAK BOLEH dilakukan pada tahap ini:",
        *(rule_line(r) for r in rules),
        "",
        "Yang BOLEH dilakukan:",
        *(allowed_line(a) for a in allowed),
    ]
    change = change_at_next(catalogue, election, day)
    if change is not None:
        lines += [
            "",
            *next_change_lines(change.next.label, change.next.start_on, change.starting, change.ending),
        ]
    lines += ["", "Ragu? Tanyakan di halaman Bolehkah? atau kepada Inspektorat sebelum bertindak."]
    title = f"Surat Edaran Netralitas ASN: {election.name} ({stage})"
    return Draft(
        title, "\n".join(lines), election.id, phase.id if phase else None, _citations(rules, allowed)
    )


def next_change_lines(
    label: str, start_on: date, starting: tuple[Violation, ...], ending: tuple[Violation, ...]
) -> list[str]:
    lines = [f"Mulai {day_id(start_on)} ({label}) berubah:"]
    lines += [f"- mulai berlaku: {r.title_id} ({cite(r)})" for r in starting[:MAX_RULES]]
    lines += [
        f"- tidak lagi berlaku (diganti aturan lain): {r.title_id} ({cite(r)})" for r in ending[:MAX_RULES]
    ]
    if not starting and not ending:
        lines.append("- daftar larangan tetap sama; perhatikan jadwal tahapan.")
    return lines
