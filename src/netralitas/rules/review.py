"""What still needs a legal officer: the effective review status of each rule, and the review list.

A rule is settled only when every version that can apply is confirmed and nothing in how the engine
applies it is an unverified reading (the list-A / list-B split, an unsure stage or employee type, a
disputed period, an unconfirmed penalty ladder or criminal range). :func:`rule_review` gives that
status with its reasons, in the engine's words; :func:`review_items` lists every ``needs_review``
item of the catalogue with its sources and the question to settle (``netralitas rules review``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import (
    EMPLOYEE_TYPE_LABELS,
    LEVEL_SHORT_LABELS,
    STAGE_LABELS,
    EmployeeType,
    LegalBasis,
    ReviewStatus,
    Violation,
    ViolationVersion,
)

NEEDS = ReviewStatus.NEEDS_REVIEW
OK = ReviewStatus.CONFIRMED
STAGE_READING = "pembacaan huruf A (bakal calon) / huruf B (calon) belum dikonfirmasi"
STAGE_DEPENDENT = (
    "penerapan bergantung pada tahap pencalonan yang ditentukan dari tanggal (belum dikonfirmasi)"
)


@dataclass(frozen=True)
class RuleReview:
    """The status a rule is shown with and why it is not settled (empty when confirmed); ``partial``:
    readings that make only some findings ``needs_review`` (one stage or employee type)."""

    status: ReviewStatus
    reasons: tuple[str, ...]
    partial: tuple[str, ...] = ()

    @property
    def settled(self) -> bool:
        return self.status is OK


@dataclass(frozen=True)
class ReviewItem:
    """One ``needs_review`` item: where it is, what it cites, and the question to settle."""

    kind: str
    item: str
    since: date | None
    file: str
    sources: tuple[str, ...]
    question: str
    notes: tuple[str, ...] = ()


def _short(t: EmployeeType) -> str:
    return EMPLOYEE_TYPE_LABELS[t].split(" (")[0]


def applicable_versions(v: Violation, on: date | None = None) -> tuple[ViolationVersion, ...]:
    """The versions that can apply: the one in force on ``on``, or every non-repealing version."""
    if on is not None:
        found = v.version_on(on)
        return (found,) if found is not None else ()
    return tuple(x for x in v.versions if x.level is not None)


def rule_review(v: Violation, cat: Catalogue, on: date | None = None) -> RuleReview:
    """Effective review status of ``v`` (on ``on``, or over all its versions)."""
    reasons = [
        f"versi sejak {x.from_on.isoformat()} perlu ditinjau"
        for x in applicable_versions(v, on)
        if x.review_status is NEEDS
    ]
    c = v.conditions
    if c.candidate_stage != "any":
        reasons.append(STAGE_READING if v.id.startswith("skb-") else STAGE_DEPENDENT)
    if c.unsure_outside_period:
        reasons.append("penerapan di luar masa kampanye diperdebatkan")
    if v.criminal_range is not None and v.criminal_range.review_status is NEEDS:
        reasons.append("rentang ancaman pidana perlu ditinjau")
    partial = []
    if c.unsure_stages:
        partial.append(f"penerapan pada tahap {', '.join(STAGE_LABELS[s] for s in sorted(c.unsure_stages))}")
    if c.unsure_employee_types:
        partial.append(f"penerapan pada {', '.join(_short(t) for t in sorted(c.unsure_employee_types))}")
    partial += _ladder_reasons(v, cat, on)
    return RuleReview(NEEDS if reasons else OK, tuple(dict.fromkeys(reasons)), tuple(dict.fromkeys(partial)))


def _ladder_reasons(v: Violation, cat: Catalogue, on: date | None) -> list[str]:
    out: list[str] = []
    for ladder in cat.ladders:
        types = ladder.employee_types & v.conditions.employee_types
        if ladder.track != v.track or not types:
            continue
        versions = (
            ladder.versions if on is None else tuple(x for x in ladder.versions if x.from_on <= on)[-1:]
        )
        if any(x.review_status is NEEDS and x.levels is not None for x in versions):
            out.append(f"tangga sanksi {', '.join(_short(t) for t in sorted(types))} perlu ditinjau")
    return out


def _cites(basis: Iterable[LegalBasis]) -> tuple[str, ...]:
    return tuple(b.cite() for b in basis)


def _version_items(v: Violation) -> list[ReviewItem]:
    file = f"violations/{v.id}.yaml"
    items: list[ReviewItem] = []
    for x in v.versions:
        if x.review_status is not NEEDS or x.level is None:
            continue
        level = LEVEL_SHORT_LABELS[x.level]
        question = x.review.question or (
            f"Apakah {'; '.join(_cites(x.legal_basis))} benar dasar '{v.title_id}' dengan tingkat {level}?"
        )
        notes = tuple(n for n in (x.note,) if n)
        items.append(
            ReviewItem("versi aturan", v.id, x.from_on, file, _cites(x.legal_basis), question, notes)
        )
    r = v.criminal_range
    if r is not None and r.review_status is NEEDS:
        question = r.review.question or f"Apakah rentang pidana '{r.describe()}' sesuai teks resmi?"
        notes = tuple(n for n in (r.note,) if n)
        items.append(ReviewItem("rentang pidana", v.id, None, file, _cites(r.legal_basis), question, notes))
    return items


def _reading_items(v: Violation) -> list[ReviewItem]:
    file = f"violations/{v.id}.yaml"
    c, out = v.conditions, []
    sources = _cites(v.current.legal_basis)
    if c.unsure_employee_types:
        types = ", ".join(_short(t) for t in sorted(c.unsure_employee_types))
        extra = tuple(b.cite() for t in c.unsure_employee_types for b in v.basis_for(t))
        question = f"Apakah {v.id} berlaku bagi {types} (dasar: {'; '.join(extra) or 'belum ada'})?"
        out.append(ReviewItem("penerapan", v.id, None, file, sources + extra, question))
    if c.unsure_stages:
        stages = ", ".join(STAGE_LABELS[x] for x in sorted(c.unsure_stages))
        question = f"Apakah {v.id} (dukungan kepada calon) berlaku juga pada tahap {stages}?"
        out.append(ReviewItem("penerapan", v.id, None, file, sources, question))
    if c.unsure_outside_period:
        question = f"Apakah {v.id} berlaku juga di luar masa kampanye?"
        out.append(ReviewItem("penerapan", v.id, None, file, sources, question, v.review_notes))
    return out


def review_items(cat: Catalogue) -> tuple[ReviewItem, ...]:
    """Every ``needs_review`` item of the catalogue, rules first."""
    items: list[ReviewItem] = []
    for v in cat.violations.values():
        items += _version_items(v) + _reading_items(v)
    staged = sorted(v.id for v in cat.violations.values() if v.conditions.candidate_stage != "any")
    if staged:
        question = (
            "Apakah huruf A SKB 2/2022 berlaku selama yang didukung masih bakal calon dan huruf B sejak "
            f"penetapan calon? (berlaku untuk {', '.join(staged)})"
        )
        items.append(ReviewItem("pembacaan", "skb-2-2022", None, "violations/skb-*.yaml", (), question))
    items += _other_items(cat) + _procedure_items(cat)
    return tuple(items)


def _other_items(cat: Catalogue) -> list[ReviewItem]:
    items: list[ReviewItem] = []
    for ladder in cat.ladders:
        for lv in ladder.versions:
            if lv.review_status is NEEDS:
                question = f"Apakah bentuk hukuman '{ladder.label_id}' sejak {lv.from_on} sesuai teks resmi?"
                notes = tuple(n for n in (lv.note,) if n)
                items.append(
                    ReviewItem(
                        "tangga sanksi", ladder.id, lv.from_on, "sanctions.yaml",
                        _cites(lv.legal_basis), question, notes,
                    )
                )  # fmt: skip
    for inst in cat.instruments.values():
        if inst.review_status is NEEDS:
            question = f"Apakah tanggal berlaku dan isi {inst.short} sesuai teks resmi?"
            notes = tuple(n for n in (inst.note,) if n)
            items.append(
                ReviewItem(
                    "instrumen",
                    inst.id,
                    inst.in_force_from,
                    "instruments.yaml",
                    (inst.name,),
                    question,
                    notes,
                )
            )
    for p in cat.positions.values():
        if p.review_status is NEEDS:
            question = (
                f"Apakah jabatan '{p.label_id}' benar menurunkan {', '.join(sorted(p.qualifiers)) or '-'}?"
            )
            notes = tuple(n for n in (p.note,) if n)
            items.append(
                ReviewItem("jabatan", p.id, None, "positions.yaml", _cites(p.legal_basis), question, notes)
            )
    for a in cat.allowed_conduct:
        if a.review_status is NEEDS:
            question = f"Apakah '{a.title_id}' memang dibolehkan?"
            items.append(
                ReviewItem(
                    "perilaku boleh", a.id, None, "allowed_conduct.yaml", _cites(a.legal_basis), question
                )
            )
    return items


def _procedure_items(cat: Catalogue) -> list[ReviewItem]:
    """Authorities by date, deadlines, procedures, elections, gestures and calendar years under review."""
    items: list[ReviewItem] = []
    for fid, versions in cat.functions.items():
        for since, auth in versions:
            if auth is not None and auth.review_status is NEEDS:
                question = (
                    f"Apakah {auth.name} berwenang untuk '{cat.function_labels.get(fid, fid)}' sejak {since}?"
                )
                notes = tuple(n for n in (auth.note,) if n)
                items.append(
                    ReviewItem(
                        "instansi", fid, since, "authorities.yaml", _cites(auth.legal_basis), question, notes
                    )
                )
    for step, dated in cat.deadlines.items():
        for since, dl in dated:
            if dl is not None and dl.review_status is NEEDS:
                question = f"Apakah tenggat '{dl.label_id}' {dl.describe()} sejak {since} sesuai aturan?"
                notes = tuple(n for n in (dl.note,) if n)
                items.append(
                    ReviewItem(
                        "tenggat", step, since, "deadlines.yaml", _cites(dl.legal_basis), question, notes
                    )
                )
    for proc in cat.procedures.values():
        for pv in proc.versions:
            if pv.review_status is NEEDS and pv.steps is not None:
                question = f"Apakah urutan langkah '{proc.label_id}' sejak {pv.from_on} sesuai aturan?"
                notes = tuple(n for n in (pv.note,) if n)
                items.append(
                    ReviewItem(
                        "prosedur",
                        proc.id,
                        pv.from_on,
                        "procedure.yaml",
                        _cites(pv.legal_basis),
                        question,
                        notes,
                    )
                )
    for e in cat.elections.values():
        if e.review_status is NEEDS:
            question = (
                f"Apakah tanggal tahapan {e.name} (penetapan calon {e.candidate_determination_on}) benar?"
            )
            items.append(ReviewItem("pemilihan", e.id, None, "elections.yaml", (e.statute,), question))
    for g in cat.gestures:
        if g.review_status is NEEDS:
            question = f"Apakah pose '{g.label_id}' {'dibolehkan' if g.allowed else 'bukti keberpihakan'}?"
            items.append(ReviewItem("pose", g.id, None, "gestures.yaml", (), question))
    for year in sorted(cat.calendar.years):
        if cat.calendar.review_status_for(year) is NEEDS:
            question = f"Apakah libur nasional dan cuti bersama {year} sesuai SKB tahun itu?"
            items.append(ReviewItem("kalender", str(year), None, "calendar.yaml", (), question))
    return items
