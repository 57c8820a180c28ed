"""Checking one violation's conditions against the situation, with a reason for every outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from netralitas.rules.facts import Facts
from netralitas.rules.findings import NonFinding, StageChoice
from netralitas.rules.model import (
    ELECTION_KIND_LABELS,
    EMPLOYEE_TYPE_LABELS,
    STAGE_LABELS,
    Election,
    EmployeeType,
    ReviewStatus,
    Violation,
    ViolationVersion,
)
from netralitas.rules.positions import PositionMatch

KIND_LABELS = ELECTION_KIND_LABELS
ASN_TYPES = frozenset({EmployeeType.PNS, EmployeeType.CPNS, EmployeeType.PPPK})
NEEDS = ReviewStatus.NEEDS_REVIEW


@dataclass(frozen=True)
class Situation:
    """Everything about the act's context that rules are checked against."""

    facts: Facts
    election: Election | None
    stage: StageChoice
    in_campaign: bool | None
    from_six_months: bool | None
    position: PositionMatch | None = None
    qualifier_labels: Mapping[str, str] = field(default_factory=dict)
    #: Qualifiers that a position would add (their absence is a question when no position is known).
    position_qualifiers: frozenset[str] = frozenset()
    #: Qualifier -> labels of positions that add it (examples for the question to ask).
    position_examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The violation applies: which version, why, and what still needs review."""

    version: ViolationVersion
    explanation: tuple[str, ...]
    review: tuple[str, ...]
    #: The fact the finding still depends on, phrased as the question to ask (None: unconditional).
    condition: str | None = None


def judge(v: Violation, s: Situation) -> Verdict | NonFinding | None:
    """None when no behaviour of the rule is among the facts (the rule is simply not relevant)."""
    c = v.conditions
    matched = sorted(c.behaviours_any & s.facts.behaviours)
    if not matched:
        return None
    if c.requires_any and not c.requires_any & s.facts.behaviours:
        needed = " atau ".join(sorted(c.requires_any))
        return NonFinding(
            v.id,
            f"{v.id} memerlukan perbuatan {needed}; {', '.join(matched)} saja menjadi bukti, "
            "bukan pelanggaran ini.",
        )
    explanation = [f"Perilaku {', '.join(matched)} termasuk perbuatan yang diatur {v.id}."]
    review: list[str] = []
    version = v.version_on(s.facts.act_on)
    if version is None:
        return NonFinding(
            v.id,
            f"{v.id} tidak berlaku pada {s.facts.act_on.isoformat()} (belum berlaku atau sudah dicabut).",
        )
    cites = "; ".join(b.cite() for b in version.legal_basis)
    explanation.append(
        f"Versi yang berlaku pada tanggal perbuatan: sejak {version.from_on.isoformat()} ({cites})."
    )
    condition = _conditional(v, s, explanation, review)
    for check in (_kind, _employee, _qualifiers, _stage, _period):
        if check is _qualifiers and condition is not None:
            continue
        outcome = check(v, s, explanation, review)
        if outcome is not None:
            return outcome
    return Verdict(version, tuple(explanation), tuple(review), condition)


def _conditional(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> str | None:
    """When the position is unknown, a rule needing a position-derived qualifier becomes conditional."""
    c, have = v.conditions, s.facts.qualifiers
    if s.position is not None or not s.position_qualifiers:
        return None
    missing = set(c.qualifiers_all - have)
    if c.qualifiers_any and not c.qualifiers_any & have:
        missing |= c.qualifiers_any & s.position_qualifiers or c.qualifiers_any
    if not missing or not missing <= s.position_qualifiers or c.qualifiers_none & have:
        return None
    joiner = " dan " if c.qualifiers_all - have else " atau "
    wanted = joiner.join(
        f"{s.qualifier_labels.get(q, q).lower()}, mis. {', '.join(s.position_examples.get(q, ()))}"
        for q in sorted(missing)
    )
    given = f"jabatan {s.facts.position!r} tidak dikenali" if s.facts.position else "jabatan belum diketahui"
    condition = f"jika pelaku memegang jabatan: {wanted}"
    explanation.append(f"Temuan bersyarat ({given}): berlaku {condition}.")
    review.append(f"Bersyarat: {given}; tanyakan jabatan pelaku ({wanted}).")
    return condition


def _kind(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> NonFinding | None:
    kinds = v.conditions.election_kinds
    if kinds >= {"pemilu", "pilkada"}:
        return None
    label = " / ".join(KIND_LABELS[k] for k in sorted(kinds))
    if s.election is None:
        review.append(f"Jenis pemilihan tidak diketahui; aturan ini hanya untuk {label}.")
        explanation.append(f"Aturan ini hanya untuk {label}; pemilihannya belum diketahui.")
        return None
    if s.election.kind not in kinds:
        return NonFinding(
            v.id,
            f"{v.id} hanya berlaku untuk {label}, sedangkan {s.election.id} "
            f"adalah {KIND_LABELS[s.election.kind]}.",
        )
    explanation.append(f"{s.election.id} adalah {KIND_LABELS[s.election.kind]}.")
    return None


def _employee(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> NonFinding | None:
    etype = s.facts.employee_type
    allowed = v.conditions.employee_types
    derived = _derived_type_note(s)
    if etype in allowed:
        explanation.append(f"Jenis pegawai {EMPLOYEE_TYPE_LABELS[etype]} termasuk yang diatur{derived}.")
        if etype in v.conditions.unsure_employee_types:
            basis = "; ".join(b.cite() for b in v.basis_for(etype))
            review.append(
                f"Penerapan {v.id} pada {EMPLOYEE_TYPE_LABELS[etype].split(' (')[0]} belum dikonfirmasi"
                + (f" ({basis})." if basis else ".")
            )
        relied = derived and EmployeeType.UNKNOWN not in allowed
        if relied and s.position is not None and s.position.position.review_status is NEEDS:
            review.append(f"Jenis pegawai{derived}: pemetaan jabatan belum dikonfirmasi.")
        return None
    if etype is EmployeeType.UNKNOWN and allowed & ASN_TYPES:
        review.append("Jenis pegawai belum diketahui; aturan ini hanya untuk ASN tertentu.")
        explanation.append(
            "Jenis pegawai belum diketahui: temuan bersyarat, berlaku bila pelaku ASN yang diatur."
        )
        return None
    if etype is EmployeeType.NON_ASN:
        return NonFinding(
            v.id, f"{v.id} hanya untuk ASN; pelaku bukan ASN{derived} tidak dikenai sanksi ASN."
        )
    who = ", ".join(EMPLOYEE_TYPE_LABELS[t].split(" (")[0] for t in sorted(allowed))
    return NonFinding(v.id, f"{v.id} hanya untuk {who}; pelaku {EMPLOYEE_TYPE_LABELS[etype]}{derived}.")


def _derived_type_note(s: Situation) -> str:
    if s.position is None or s.position.employee_type_added is None:
        return ""
    return f" (diturunkan dari jabatan {s.position.text!r})"


def _qualifiers(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> NonFinding | None:
    c, have = v.conditions, s.facts.qualifiers
    missing = sorted(c.qualifiers_all - have)
    if missing:
        return NonFinding(
            v.id, f"{v.id} memerlukan kualifikasi {_named(s, missing)} yang tidak ada pada fakta."
        )
    if c.qualifiers_any and not (c.qualifiers_any & have):
        return NonFinding(
            v.id, f"{v.id} memerlukan salah satu kualifikasi: {_named(s, sorted(c.qualifiers_any))}."
        )
    present = sorted(c.qualifiers_none & have)
    if present:
        return NonFinding(v.id, f"{v.id} tidak berlaku karena {_named(s, present)}.")
    met = sorted(c.qualifiers_all | (c.qualifiers_any & have))
    if met:
        explanation.append(f"Kualifikasi terpenuhi: {', '.join(met)}.")
    _derived_qualifiers(v, s, explanation, review)
    if c.qualifiers_none:
        explanation.append(
            f"Tidak ada kualifikasi yang mengecualikan ({', '.join(sorted(c.qualifiers_none))})."
        )
    return None


def _stage(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> NonFinding | None:
    wanted = v.conditions.candidate_stage
    if wanted == "any":
        _unsure(v, s, explanation, review)
        return None
    stage = s.stage
    if stage.value is None:
        review.append("Tahap pencalonan tidak diketahui; temuan huruf A dan huruf B sama-sama ditampilkan.")
        explanation.append(f"Aturan ini untuk {STAGE_LABELS[wanted]}; tahapnya tidak dapat ditentukan.")
        return None
    if stage.value != wanted:
        return NonFinding(
            v.id,
            f"{v.id} untuk {STAGE_LABELS[wanted]}, sedangkan tahapnya "
            f"{STAGE_LABELS[stage.value]} ({stage.reason})",
        )
    explanation.append(f"Tahap: {STAGE_LABELS[wanted]}. {stage.reason}")
    if not v.review_notes:
        review.append("Pembacaan huruf A (bakal calon) / huruf B (calon) belum dikonfirmasi.")
    else:
        review.append(v.review_notes[0])
    return None


def _period(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> NonFinding | None:
    period = v.conditions.period
    if period == "any":
        _unsure_period(v, s, explanation, review)
        return None
    known = s.in_campaign if period == "campaign" else s.from_six_months
    label = "masa kampanye" if period == "campaign" else "sejak 6 bulan sebelum penetapan pasangan calon"
    if known is None:
        review.append(f"Syarat waktu ({label}) tidak dapat dinilai tanpa pemilihan.")
        explanation.append(f"Aturan ini hanya berlaku {label}; tidak dapat dinilai.")
        return None
    if not known:
        return NonFinding(v.id, f"{v.id} hanya berlaku {label}; tanggal perbuatan di luarnya.")
    explanation.append(f"Tanggal perbuatan berada {label}.")
    return None


def _unsure_period(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> None:
    if v.conditions.unsure_outside_period != "campaign" or s.in_campaign:
        return
    where = "di luar masa kampanye" if s.in_campaign is False else "tanpa pemilihan yang diketahui"
    review.append(f"Perbuatan {where}: apakah {v.id} berlaku di luar masa kampanye diperdebatkan sumber.")
    explanation.append(f"Perbuatan {where}; penerapan di luar masa kampanye perlu ditinjau.")


def _unsure(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> None:
    unsure = v.conditions.unsure_stages
    if not unsure:
        return
    stage = s.stage.value
    if stage is None or stage in unsure:
        label = STAGE_LABELS[stage] if stage is not None else "tidak diketahui"
        review.append(f"Penerapan {v.id} pada tahap {label} belum dikonfirmasi.")
        explanation.append(f"Tahap {label}: penerapan aturan ini pada tahap tersebut perlu ditinjau.")


def _derived_qualifiers(v: Violation, s: Situation, explanation: list[str], review: list[str]) -> None:
    """Say which met qualifiers came from the position, and whether the rule relies on them."""
    if s.position is None or not s.position.qualifiers_added:
        return
    c, derived = v.conditions, s.position.qualifiers_added
    given = s.facts.qualifiers - derived
    used = sorted(c.qualifiers_all & derived)
    if c.qualifiers_any and not c.qualifiers_any & given:
        used = sorted({*used, *(c.qualifiers_any & derived)})
    if not used:
        return
    p = s.position.position
    explanation.append(
        f"Kualifikasi {', '.join(used)} diturunkan dari jabatan {s.position.text!r} "
        f"({p.label_id}; {s.position.cite()})."
    )
    if p.review_status is NEEDS:
        review.append(
            f"Kualifikasi {', '.join(used)} berasal dari pemetaan jabatan {p.id} yang belum dikonfirmasi."
        )


def _named(s: Situation, ids: list[str]) -> str:
    """'on_cltn (Sedang cuti di luar tanggungan negara (CLTN))': the id and its Indonesian label."""
    return ", ".join(f"{q} ({s.qualifier_labels[q]})" if q in s.qualifier_labels else q for q in ids)
