"""What screening returns: labels with confidence and evidence spans into the original text,
candidate references, ASN cues and the rule engine's findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: Evidence text longer than this is cut (very long texts must not bloat the output).
MAX_EVIDENCE_CHARS = 200


class Span(NamedTuple):
    """A piece of evidence: ``original[start:end]``, its text cut at ``MAX_EVIDENCE_CHARS``.
    (An immutable named tuple rather than a frozen dataclass: screening builds several per
    text and a tuple is several times cheaper to create.)"""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, original: str, start: int, end: int) -> Span:
        snippet = original[start:end]
        if len(snippet) > MAX_EVIDENCE_CHARS:
            snippet = snippet[: MAX_EVIDENCE_CHARS - 1] + "…"
        return cls(start, end, snippet)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class BehaviourHit:
    label: str
    confidence: float
    evidence: tuple[Span, ...]
    source: str  # "lexical" | "model" | "lexical+model"

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "source": self.source,
            "evidence": [span.to_dict() for span in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class CandidateRef:
    id: str
    name: str | None
    election_id: str | None
    region: str | None
    ballot_number: int | None
    kind: str  # "pair" | "party" | "number" (a ballot number not tied to one pair)
    review_status: str
    evidence: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "election_id": self.election_id,
            "region": self.region,
            "ballot_number": self.ballot_number,
            "kind": self.kind,
            "review_status": self.review_status,
            "evidence": [span.to_dict() for span in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class AsnCue:
    cue: str
    category: str  # status | position | uniform | office | non_asn
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        return {"cue": self.cue, "category": self.category, **self.evidence.to_dict()}


@dataclass(frozen=True, slots=True)
class QualifierHint:
    """A rule-engine qualifier (e.g. ``active_support``) SUGGESTED by words of the text: only a
    suggestion for the officer, never a fact; it always carries its evidence."""

    qualifier: str
    evidence: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"qualifier": self.qualifier, "evidence": [span.to_dict() for span in self.evidence]}


@dataclass(frozen=True, slots=True)
class FindingRef:
    rule_id: str
    title: str
    track: str
    level: str | None
    review_status: str
    #: Suggested qualifiers without which the engine would not give this finding (then the
    #: finding is ``needs_review``).
    relies_on: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "title": self.title,
            "track": self.track,
            "level": self.level,
            "review_status": self.review_status,
        }
        if self.relies_on:
            data["relies_on_suggested_qualifiers"] = list(self.relies_on)
        return data


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The screening of one text. ``labels`` is ``("none",)`` when nothing was found."""

    labels: tuple[str, ...]
    behaviours: tuple[BehaviourHit, ...]
    candidates: tuple[CandidateRef, ...]
    asn_cues: tuple[AsnCue, ...]
    findings: tuple[FindingRef, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    #: Qualifiers suggested by the text (only when a behaviour was flagged).
    qualifiers: tuple[QualifierHint, ...] = ()
    #: "Perlu dibaca" (needs a human read): labels the learned layer finds likely on a text with
    #: a partisan cue where the detectors found no act. Not labels: an officer reads the text.
    review: tuple[BehaviourHit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSONL line of ``netralitas screen`` without the ``id`` (the caller adds it first)."""
        data: dict[str, Any] = {
            "labels": list(self.labels),
            "behaviours": [b.to_dict() for b in self.behaviours],
            "candidates": [c.to_dict() for c in self.candidates],
            "asn_cues": [a.to_dict() for a in self.asn_cues],
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.qualifiers:
            data["suggested_qualifiers"] = [q.to_dict() for q in self.qualifiers]
        if self.review:
            data["perlu_dibaca"] = [b.to_dict() for b in self.review]
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data
