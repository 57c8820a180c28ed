"""Link screened labels to the rule engine (``netralitas.rules.engine.assess``) when the date
of the act is known. The engine is pure; results are cached per distinct set of facts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from netralitas.errors import DomainError
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import EmployeeType, Facts, assess
from netralitas.screening.result import AsnCue, FindingRef

#: ASN status cue → employee type of the rule engine.
_STATUS_TYPES = {
    "pppk": "pppk",
    "p3k": "pppk",
    "cpns": "cpns",
    "calon pegawai negeri sipil": "cpns",
    "pns": "pns",
    "pegawai negeri sipil": "pns",
    "pegawai negeri": "pns",
}


def infer_employee_type(cues: Sequence[AsnCue]) -> str | None:
    """An employee type when the text names exactly one ASN status (or only non-ASN roles)."""
    return employee_type_of([(c.cue, c.category) for c in cues])


def employee_type_of(cues: Sequence[tuple[str, str]]) -> str | None:
    """``infer_employee_type`` over (cue, category) pairs."""
    types = {_STATUS_TYPES[cue] for cue, _ in cues if cue in _STATUS_TYPES}
    if len(types) == 1:
        return types.pop()
    if not types and cues and all(category == "non_asn" for _, category in cues):
        return "non_asn"
    return None


@lru_cache(maxsize=4096)
def _assess(
    labels: frozenset[str],
    on: date,
    election_id: str | None,
    employee_type: str | None,
    qualifiers: frozenset[str] = frozenset(),
) -> tuple[tuple[FindingRef, ...], tuple[str, ...]]:
    try:
        facts = Facts(
            behaviours=labels,
            act_on=on,
            election_id=election_id,
            employee_type=EmployeeType(employee_type or "unknown"),
            position=None,
            qualifiers=qualifiers,
            candidate_stage=None,
        )
        assessment = assess(facts, default_catalogue())
    except (DomainError, ValueError) as exc:
        return (), (f"temuan tidak dihitung: {exc}",)
    return tuple(_finding(f) for f in assessment.findings), ()


def _text(value: Any) -> str:
    return str(getattr(value, "value", value))


def _finding(finding: Any) -> FindingRef:
    level = getattr(finding, "level", None)
    return FindingRef(
        rule_id=_text(finding.rule_id),
        title=_text(getattr(finding, "title", "")),
        track=_text(finding.track),
        level=_text(level) if level is not None else None,
        review_status=_text(getattr(finding, "review_status", "needs_review")),
    )


def assess_findings(
    labels: Sequence[str],
    on: date | None,
    election_id: str | None,
    employee_type: str | None,
    suggested: frozenset[str] = frozenset(),
) -> tuple[tuple[FindingRef, ...], list[str]]:
    """Findings for the labels on the date of the act; nothing without a date or labels.

    ``suggested`` qualifiers (words of the text, not facts) are passed to the engine; a finding
    that exists only because of them is marked ``needs_review`` with ``relies_on``."""
    behaviours = frozenset(label for label in labels if label != "none")
    if on is None or not behaviours:
        return (), []
    findings, notes = _with_suggestions(behaviours, on, election_id, employee_type, suggested)
    return findings, list(notes)


@lru_cache(maxsize=4096)
def _with_suggestions(
    behaviours: frozenset[str],
    on: date,
    election_id: str | None,
    employee_type: str | None,
    suggested: frozenset[str],
) -> tuple[tuple[FindingRef, ...], tuple[str, ...]]:
    plain, notes = _assess(behaviours, on, election_id, employee_type)
    if not suggested:
        return plain, notes
    findings, notes = _assess(behaviours, on, election_id, employee_type, suggested)
    without = {f.rule_id for f in plain}
    relies = tuple(sorted(suggested))
    marked = tuple(
        f
        if f.rule_id in without
        else FindingRef(f.rule_id, f.title, f.track, f.level, "needs_review", relies)
        for f in findings
    )
    return marked, notes
