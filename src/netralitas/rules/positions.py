"""Positions (jabatan): facts the law attaches to an office, derived from ``Facts.position``.

``positions.yaml`` maps names of offices (with synonyms) to qualifiers (``holds_office`` for an
ASN official in the sense of UU 10/2016 Art. 71(1), ``village_head`` for a kepala desa) and,
where the office fixes it, the employee type (a kepala desa is not ASN). The engine explains
every derivation in its trace; an officer's own qualifiers and employee type always win.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netralitas.rules import schema as s
from netralitas.rules.checks import dangling, unique
from netralitas.rules.facts import Facts
from netralitas.rules.model import EMPLOYEE_TYPE_LABELS, EmployeeType, LegalBasis, ReviewStatus
from netralitas.rules.yamlfile import catalogue_error

if TYPE_CHECKING:
    from netralitas.rules.build import Refs

_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, single spaces: 'Pj. Wali-Kota' -> 'pj wali kota'."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


@dataclass(frozen=True)
class Position:
    id: str
    label_id: str
    label_en: str
    synonyms: tuple[str, ...]
    qualifiers: frozenset[str]
    employee_type: EmployeeType | None
    legal_basis: tuple[LegalBasis, ...]
    review_status: ReviewStatus
    note: str | None = None


@dataclass(frozen=True)
class PositionMatch:
    """How a position text was read, and which facts it added (already-given facts are not 'added')."""

    text: str
    position: Position
    synonym: str
    qualifiers_added: frozenset[str]
    employee_type_added: EmployeeType | None
    employee_type_conflict: EmployeeType | None = None

    def cite(self) -> str:
        return "; ".join(b.cite() for b in self.position.legal_basis)

    def to_dict(self) -> dict[str, object]:
        p = self.position
        return {
            "text": self.text,
            "position_id": p.id,
            "label": p.label_id,
            "synonym": self.synonym,
            "qualifiers": sorted(p.qualifiers),
            "employee_type": str(p.employee_type) if p.employee_type else None,
            "qualifiers_added": sorted(self.qualifiers_added),
            "employee_type_added": str(self.employee_type_added) if self.employee_type_added else None,
            "review_status": str(p.review_status),
            "legal_basis": [b.cite() for b in p.legal_basis],
        }


def build_positions(
    model: s.PositionsFile, file: str, refs: Refs, qualifier_ids: Iterable[str]
) -> dict[str, Position]:
    unique(file, [p.id for p in model.positions], "position")
    known = set(qualifier_ids)
    owner: dict[str, str] = {}
    out: dict[str, Position] = {}
    for p in model.positions:
        for q in p.qualifiers:
            if q not in known:
                raise dangling(file, "qualifier", q, known)
        synonyms = tuple(normalise(x) for x in p.synonyms)
        for syn in synonyms:
            if not syn:
                raise catalogue_error(file, f"{p.id}: sinonim kosong / empty synonym", "schema")
            if syn in owner:
                raise catalogue_error(
                    file, f"sinonim {syn!r} ganda ({owner[syn]}, {p.id}) / duplicate synonym", "duplicate_id"
                )
            owner[syn] = p.id
        out[p.id] = Position(
            p.id,
            p.label_id,
            p.label_en,
            synonyms,
            frozenset(p.qualifiers),
            EmployeeType(p.employee_type) if p.employee_type else None,
            refs.basis(p.legal_basis, file),
            ReviewStatus(p.review_status),
            p.note,
        )
    return out


def find_position(text: str, positions: Mapping[str, Position]) -> tuple[Position, str] | None:
    """The position whose longest synonym occurs as whole words in ``text`` (most specific wins)."""
    padded = f" {normalise(text)} "
    best: tuple[Position, str] | None = None
    for position in positions.values():
        for syn in position.synonyms:
            if f" {syn} " in padded and (best is None or len(syn) > len(best[1])):
                best = (position, syn)
    return best


def derive(
    facts: Facts, positions: Mapping[str, Position], trace: list[str], warnings: list[str]
) -> tuple[Facts, PositionMatch | None]:
    """Facts with what the position implies added; every step is written to ``trace``."""
    if not facts.position or not facts.position.strip():
        return facts, None
    found = find_position(facts.position, positions)
    if found is None:
        trace.append(
            f"Jabatan {facts.position!r} tidak ada dalam daftar jabatan (positions.yaml): tidak ada fakta "
            "yang diturunkan; isi kualifikasi holds_office/village_head sendiri bila perlu."
        )
        return facts, None
    position, synonym = found
    added_q = position.qualifiers - facts.qualifiers
    added_type, conflict = _employee_type(facts, position)
    match = PositionMatch(facts.position, position, synonym, added_q, added_type, conflict)
    _explain(match, facts, trace, warnings)
    effective = dataclasses.replace(
        facts,
        qualifiers=facts.qualifiers | position.qualifiers,
        employee_type=added_type or facts.employee_type,
    )
    return effective, match


def _employee_type(facts: Facts, position: Position) -> tuple[EmployeeType | None, EmployeeType | None]:
    implied = position.employee_type
    if implied is None or facts.employee_type is implied:
        return None, None
    if facts.employee_type is EmployeeType.UNKNOWN:
        return implied, None
    return None, implied


def _explain(match: PositionMatch, facts: Facts, trace: list[str], warnings: list[str]) -> None:
    p = match.position
    head = (
        f"Jabatan {match.text!r} dikenali sebagai {p.label_id} ({p.id}, sinonim {match.synonym!r}; "
        f"{match.cite()}) [{p.review_status}]"
    )
    parts = [f"kualifikasi {q}" for q in sorted(p.qualifiers)]
    if match.employee_type_added is not None:
        parts.append(f"jenis pegawai {EMPLOYEE_TYPE_LABELS[match.employee_type_added]}")
    given = sorted(p.qualifiers & facts.qualifiers)
    tail = f" ({', '.join(given)} sudah dinyatakan petugas)" if given else ""
    trace.append(f"{head} → {', '.join(parts) or 'tidak ada fakta turunan'}{tail}.")
    if match.employee_type_conflict is not None:
        warnings.append(
            f"Jabatan {match.text!r} ({p.label_id}) biasanya berarti "
            f"{EMPLOYEE_TYPE_LABELS[match.employee_type_conflict]}, tetapi jenis pegawai diisi "
            f"{EMPLOYEE_TYPE_LABELS[facts.employee_type]}; isian petugas yang dipakai. Periksa kembali."
        )
