"""Duplicate suggestions: is a new report about a person or incident already on a case?

Pure scoring. The cases service preselects candidate cases from the database with the keys of
``index_keys`` (NIP, agency, normalised links, name key) and passes their reports' features
here; ``suggest_duplicates`` scores, explains (Indonesian first) and ranks them. An officer
confirms a merge; nothing is merged automatically.

Signals and weights (combined as ``1 - Π(1 - weight)``, so agreeing signals add up):

=============================== ======================================================
same valid NIP                  0.95
same normalised link            0.90
similar name + same agency      0.75 × similarity (similarity ≥ 0.88)
near-identical description      0.70 × similarity (similarity ≥ 0.85, ≥ 6 words each)
similar name, agency unknown    0.35 × similarity (similarity ≥ 0.92)
=============================== ======================================================

Two different valid NIPs mean two different people: name signals are then ignored.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from netralitas.errors import ValidationError
from netralitas.identifiers.links import normalise_link
from netralitas.identifiers.names import normalise_person_name
from netralitas.identifiers.nip import format_nip, validate_nip

__all__ = [
    "DuplicateReason",
    "DuplicateSuggestion",
    "IndexKeys",
    "ReportFeatures",
    "index_keys",
    "suggest_duplicates",
    "text_similarity",
    "validate_nip",
]

C = TypeVar("C", bound=Hashable)

NIP_WEIGHT = 0.95
LINK_WEIGHT = 0.90
NAME_AGENCY_WEIGHT = 0.75
TEXT_WEIGHT = 0.70
NAME_ONLY_WEIGHT = 0.35
NAME_THRESHOLD = 0.88
NAME_ONLY_THRESHOLD = 0.92
TEXT_THRESHOLD = 0.85
MIN_TEXT_WORDS = 6

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class ReportFeatures:
    """What dedup looks at in one report. ``agency_id`` is the resolved agency, if known."""

    person_name: str | None = None
    nip: str | None = None
    agency_id: str | None = None
    links: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class IndexKeys:
    """Keys for the database to preselect candidates (store them beside the report)."""

    nip: str | None
    agency_id: str | None
    links: tuple[str, ...]
    name: str | None


@dataclass(frozen=True)
class DuplicateReason:
    code: str
    message: str
    message_en: str
    weight: float


@dataclass(frozen=True)
class DuplicateSuggestion(Generic[C]):
    case_id: C
    score: float
    reasons: tuple[DuplicateReason, ...]


def _valid_nip(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return validate_nip(text).nip
    except ValidationError:
        return None


def index_keys(features: ReportFeatures) -> IndexKeys:
    links = tuple(sorted({k for k in map(normalise_link, features.links) if k}))
    name = normalise_person_name(features.person_name or "") or None
    return IndexKeys(_valid_nip(features.nip), features.agency_id or None, links, name)


def _words(text: str) -> list[str]:
    return [w for w in _NON_WORD.sub(" ", _URL.sub(" ", text.lower())).split() if w]


def text_similarity(a: str, b: str) -> float:
    """0..1 similarity of two descriptions, word order ignored; 0 when either is too short.

    ``token_set_ratio`` alone calls a short text identical to any longer one containing its
    words, so it only counts when the texts have comparable lengths.
    """
    wa, wb = _words(a), _words(b)
    if min(len(wa), len(wb)) < MIN_TEXT_WORDS:
        return 0.0
    ja, jb = " ".join(wa), " ".join(wb)
    score = fuzz.token_sort_ratio(ja, jb)
    if min(len(wa), len(wb)) / max(len(wa), len(wb)) >= 0.6:
        score = max(score, fuzz.token_set_ratio(ja, jb))
    return score / 100.0


@dataclass(frozen=True)
class _Prepared:
    keys: IndexKeys
    description: str


def _prepare(features: ReportFeatures) -> _Prepared:
    return _Prepared(index_keys(features), features.description)


def _reason(code: str, message: str, message_en: str, weight: float) -> DuplicateReason:
    return DuplicateReason(code, message, message_en, round(weight, 4))


def _name_reason(new: IndexKeys, old: IndexKeys) -> DuplicateReason | None:
    if not new.name or not old.name or (new.nip and old.nip and new.nip != old.nip):
        return None
    similarity = fuzz.token_sort_ratio(new.name, old.name) / 100.0
    percent = round(similarity * 100)
    if new.agency_id and new.agency_id == old.agency_id and similarity >= NAME_THRESHOLD:
        return _reason(
            "similar_name_same_agency",
            f"Nama terlapor mirip ({percent}%: “{old.name}”) dan instansinya sama.",
            f"Similar reported name ({percent}%: “{old.name}”) in the same agency.",
            NAME_AGENCY_WEIGHT * similarity,
        )
    if (not new.agency_id or not old.agency_id) and similarity >= NAME_ONLY_THRESHOLD:
        return _reason(
            "similar_name",
            f"Nama terlapor mirip ({percent}%: “{old.name}”); instansi belum diketahui.",
            f"Similar reported name ({percent}%: “{old.name}”); agency unknown.",
            NAME_ONLY_WEIGHT * similarity,
        )
    return None


def _reasons(new: _Prepared, old: _Prepared) -> list[DuplicateReason]:
    reasons: list[DuplicateReason] = []
    if new.keys.nip and new.keys.nip == old.keys.nip:
        nip = format_nip(new.keys.nip)
        reasons.append(_reason("same_nip", f"NIP terlapor sama ({nip}).", f"Same NIP ({nip}).", NIP_WEIGHT))
    shared = sorted(set(new.keys.links) & set(old.keys.links))
    if shared:
        reasons.append(
            _reason("same_link", f"Tautan sama: {shared[0]}.", f"Same link: {shared[0]}.", LINK_WEIGHT)
        )
    name = _name_reason(new.keys, old.keys)
    if name is not None:
        reasons.append(name)
    similarity = text_similarity(new.description, old.description)
    if similarity >= TEXT_THRESHOLD:
        percent = round(similarity * 100)
        reasons.append(
            _reason(
                "similar_text",
                f"Uraian kejadian hampir sama ({percent}%).",
                f"Nearly identical description ({percent}%).",
                TEXT_WEIGHT * similarity,
            )
        )
    return reasons


def _combine(reasons: Iterable[DuplicateReason]) -> float:
    remaining = 1.0
    for reason in reasons:
        remaining *= 1.0 - reason.weight
    return round(1.0 - remaining, 4)


def suggest_duplicates(
    new: ReportFeatures,
    candidates: Iterable[tuple[C, ReportFeatures]],
    *,
    limit: int = 5,
    min_score: float = 0.5,
) -> list[DuplicateSuggestion[C]]:
    """Rank candidate cases; ``candidates`` holds ``(case_id, features)`` per report already on
    a case (several per case allowed: the strongest reason of each kind counts)."""
    prepared_new = _prepare(new)
    best: dict[C, dict[str, DuplicateReason]] = {}
    for case_id, features in candidates:
        per_case = best.setdefault(case_id, {})
        for reason in _reasons(prepared_new, _prepare(features)):
            if reason.code not in per_case or reason.weight > per_case[reason.code].weight:
                per_case[reason.code] = reason
    suggestions = [
        DuplicateSuggestion(case_id, _combine(by_code.values()), _ordered(by_code.values()))
        for case_id, by_code in best.items()
    ]
    ranked = sorted(
        (s for s in suggestions if s.reasons and s.score >= min_score),
        key=lambda s: (-s.score, str(s.case_id)),
    )
    return ranked[:limit]


def _ordered(reasons: Iterable[DuplicateReason]) -> tuple[DuplicateReason, ...]:
    return tuple(sorted(reasons, key=lambda r: (-r.weight, r.code)))
