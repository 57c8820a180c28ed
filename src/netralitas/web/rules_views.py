"""The rules engine and catalogue as the officer pages and the API show them: facts read from a
form or JSON, the engine's answer, and the catalogue's rules with their dated versions.

An answer is "settled" only when its overall result and every finding rest on confirmed rules;
otherwise pages and the API say it must be reviewed before anyone relies on it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from netralitas.errors import NotFoundError, ValidationError
from netralitas.rules.engine import Facts, assess
from netralitas.rules.model import LEVEL_LABELS, TRACK_LABELS, EmployeeType, Violation
from netralitas.web.i18n import N_

CONFIRMED = "confirmed"


def facts_from(data: Mapping[str, Any]) -> Facts:
    """Facts from form fields or JSON (strings, lists of strings); bad values are ``ValidationError``
    naming the field."""
    raw_on = str(data.get("act_on") or "").strip()
    try:
        act_on = date.fromisoformat(raw_on)
    except ValueError:
        raise ValidationError(
            "Isi tanggal perbuatan (tahun-bulan-tanggal)."
            if not raw_on
            else f"Tanggal perbuatan «{raw_on}» tidak dikenal.",
            message_en="Give the date of the act (year-month-day).",
            details={"field": "act_on"},
        ) from None
    behaviours = _strings(data.get("behaviours"))
    if not behaviours:
        raise ValidationError(
            "Pilih minimal satu perbuatan.",
            message_en="Choose at least one act.",
            details={"field": "behaviours"},
        )
    etype = str(data.get("employee_type") or "unknown")
    if etype not in {e.value for e in EmployeeType}:
        raise ValidationError(
            f"Status kepegawaian «{etype}» tidak dikenal.",
            message_en="Unknown employee type.",
            details={"field": "employee_type"},
        )
    return Facts(
        behaviours=frozenset(behaviours),
        act_on=act_on,
        election_id=str(data.get("election_id") or "").strip() or None,
        employee_type=EmployeeType(etype),
        position=str(data.get("position") or "").strip()[:200] or None,
        qualifiers=frozenset(_strings(data.get("qualifiers"))),
    )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Sequence):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def run(catalogue: Any, facts: Facts) -> dict[str, Any]:
    """The engine's answer as JSON-ready data, plus ``settled``: True only when the overall result
    and every finding rest on confirmed rules."""
    result = assess(facts, catalogue).to_dict()
    statuses = [result["overall"]["review_status"]]
    statuses += [f["review_status"] for f in result["findings"]]
    result["settled"] = bool(result["findings"]) and all(s == CONFIRMED for s in statuses)
    return result


def rule_summary(v: Violation) -> dict[str, Any]:
    current = v.current
    return {
        "id": v.id,
        "group": v.group,
        "title": v.title_id,
        "title_en": v.title_en,
        "track": str(v.track),
        "track_label": TRACK_LABELS.get(v.track, str(v.track)),
        "level": str(current.level) if current.level is not None else None,
        "level_label": LEVEL_LABELS.get(current.level, "") if current.level is not None else N_("dicabut"),
        "from_on": current.from_on.isoformat(),
        "review_status": str(current.review_status),
        "citation": "; ".join(b.cite() for b in current.legal_basis),
        "behaviours": sorted(v.conditions.behaviours_any),
    }


def rule_detail(catalogue: Any, rule_id: str) -> dict[str, Any]:
    found: Violation | None = catalogue.violations.get(rule_id)
    if found is None:
        raise NotFoundError(
            f"Aturan «{rule_id}» tidak ada di katalog.", message_en="No such rule in the catalogue."
        )
    return rule_summary(found) | {
        "description": found.description,
        "penalty": found.penalty,
        "employee_types": sorted(str(e) for e in found.conditions.employee_types),
        "candidate_stage": found.conditions.candidate_stage,
        "review_notes": list(found.review_notes),
        "examples": {
            "allowed": list(found.examples.allowed),
            "not_allowed": list(found.examples.not_allowed),
        },
        "versions": [
            {
                "from_on": ver.from_on.isoformat(),
                "level": str(ver.level) if ver.level is not None else None,
                "level_label": LEVEL_LABELS.get(ver.level, "") if ver.level is not None else N_("dicabut"),
                "review_status": str(ver.review_status),
                "legal_basis": [b.cite() for b in ver.legal_basis],
                "note": ver.note,
            }
            for ver in found.versions
        ],
    }


def rules_list(catalogue: Any) -> list[dict[str, Any]]:
    return [rule_summary(v) for v in sorted(catalogue.violations.values(), key=lambda v: (v.group, v.id))]
