"""What the engine returns: findings per track, non-findings, the overall recommendation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netralitas.rules.facts import Facts
from netralitas.rules.model import (
    Authority,
    CriminalRange,
    Deadline,
    Election,
    LegalBasis,
    Level,
    ReviewStatus,
    Track,
)
from netralitas.rules.positions import PositionMatch


@dataclass(frozen=True)
class StageChoice:
    """Bakal calon or calon, and why. ``source``: date, officer, unknown or not_needed."""

    value: str | None
    source: str
    reason: str
    review_status: ReviewStatus


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    title_en: str
    track: Track
    level: Level
    sanctions: tuple[str, ...]
    sanction_ladder: str | None
    legal_basis: tuple[LegalBasis, ...]
    authority: Authority | None
    supervision: tuple[Authority, ...]
    deadlines: tuple[Deadline, ...]
    explanation: tuple[str, ...]
    review_status: ReviewStatus
    review_notes: tuple[str, ...] = ()
    penalty: str | None = None
    criminal_range: CriminalRange | None = None
    #: Set when the finding depends on a fact not given (e.g. the position): the question to ask.
    condition: str | None = None

    @property
    def conditional(self) -> bool:
        """True when the rule applies only if ``condition`` holds (shown as "jika ...")."""
        return self.condition is not None


@dataclass(frozen=True)
class NonFinding:
    """A rule that was considered (its behaviour matched, or the facts were 'none') but does not apply."""

    rule_id: str | None
    reason: str


@dataclass(frozen=True)
class Assessment:
    facts: Facts
    election: Election | None
    stage: StageChoice
    findings: tuple[Finding, ...]
    non_findings: tuple[NonFinding, ...]
    warnings: tuple[str, ...]
    overall_level: Level | None
    overall_review_status: ReviewStatus
    overall_explanation: str
    catalogue_version: str
    trace: tuple[str, ...]
    #: How ``facts.position`` was read and which facts it added (None: no position or not in the list).
    position: PositionMatch | None = None
    #: Rules that apply only if a fact not given holds (e.g. "jika ASN memegang jabatan ..."); each has
    #: ``condition`` set. Not counted in ``findings`` nor in the overall level.
    conditional_findings: tuple[Finding, ...] = ()

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(f.rule_id for f in self.findings)

    def findings_on(self, track: Track) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.track == track)

    def to_dict(self) -> dict[str, Any]:
        """Stable, JSON-ready shape (documented in docs/rules-format.md)."""
        return {
            "catalogue_version": self.catalogue_version,
            "facts": self.facts.to_dict(),
            "election": _election(self.election),
            "candidate_stage": {
                "value": self.stage.value,
                "source": self.stage.source,
                "reason": self.stage.reason,
                "review_status": str(self.stage.review_status),
            },
            "findings": [_finding(f) for f in self.findings],
            "conditional_findings": [_finding(f) for f in self.conditional_findings],
            "non_findings": [{"rule_id": n.rule_id, "reason": n.reason} for n in self.non_findings],
            "warnings": list(self.warnings),
            "overall": {
                "level": str(self.overall_level) if self.overall_level is not None else None,
                "review_status": str(self.overall_review_status),
                "explanation": self.overall_explanation,
            },
            "position": self.position.to_dict() if self.position is not None else None,
            "trace": list(self.trace),
        }


def _election(e: Election | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "candidate_determination_on": e.candidate_determination_on.isoformat(),
        "campaign_start_on": e.campaign_start_on.isoformat(),
        "campaign_end_on": e.campaign_end_on.isoformat(),
        "vote_on": e.vote_on.isoformat(),
        "review_status": str(e.review_status),
    }


def basis_dict(b: LegalBasis) -> dict[str, Any]:
    return {"instrument": b.instrument, "citation": b.cite(), "article": b.article, "note": b.note}


def authority_dict(a: Authority | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "id": a.id,
        "name": a.name,
        "function": a.function,
        "review_status": str(a.review_status),
        "note": a.note,
    }


def deadline_dict(d: Deadline) -> dict[str, Any]:
    return {
        "step_id": d.step_id,
        "label": d.label_id,
        "amount": d.amount,
        "unit": d.unit,
        "review_status": str(d.review_status),
        "configurable": d.configurable,
        "starts_when": d.starts_when,
        "actor_function": d.actor_function,
        "legal_basis": [basis_dict(b) for b in d.legal_basis],
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "title": f.title,
        "title_en": f.title_en,
        "track": str(f.track),
        "level": str(f.level),
        "sanctions": list(f.sanctions),
        "sanction_ladder": f.sanction_ladder,
        "penalty": f.penalty,
        "legal_basis": [basis_dict(b) for b in f.legal_basis],
        "authority": authority_dict(f.authority),
        "supervision": [authority_dict(a) for a in f.supervision],
        "deadlines": [deadline_dict(d) for d in f.deadlines],
        "explanation": list(f.explanation),
        "review_status": str(f.review_status),
        "review_notes": list(f.review_notes),
        "criminal_range": _criminal(f.criminal_range),
        "conditional": f.conditional,
        "condition": f.condition,
    }


def _criminal(r: CriminalRange | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "subject": r.subject,
        "confinement": r.confinement,
        "min_months": r.min_months,
        "max_months": r.max_months,
        "fine_min_rp": r.fine_min_rp,
        "fine_max_rp": r.fine_max_rp,
        "combination": r.combination,
        "text": r.describe(),
        "legal_basis": [basis_dict(b) for b in r.legal_basis],
        "review_status": str(r.review_status),
    }
