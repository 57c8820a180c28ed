"""The cue book: phrase groups, label rules and ASN cues from ``data/cues.yaml``, and the
partisan gestures from ``data/gestures.csv``. Loaded strictly: an unknown label or group is an
error naming the file."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from netralitas.errors import ValidationError
from netralitas.rules.behaviours import Behaviour
from netralitas.screening.datafiles import data_lines, read_data_text
from netralitas.screening.morphology import expand_phrase

#: Groups filled from other data than the ``groups`` section.
VIRTUAL_GROUPS = frozenset({"named", "gesture", "asn", "name_guess"})
ASN_CATEGORIES = ("status", "position", "uniform", "office", "non_asn")

Requirement = tuple[str, ...]
Alternative = tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class Gesture:
    phrase: str
    ballot_number: int | None
    review_status: str


@dataclass(frozen=True, slots=True)
class CueBook:
    groups: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[Alternative, ...]]
    asn_cues: dict[str, tuple[str, ...]]
    gestures: tuple[Gesture, ...]
    text_scope: frozenset[str]
    short_text_tokens: int
    partisan_context: frozenset[str]
    windows: dict[str, int]
    #: Rule-engine qualifiers a text can suggest (``qualifiers.yaml`` of the rules), same syntax
    #: as labels, and the phrase groups only they use (not model features).
    qualifiers: dict[str, tuple[Alternative, ...]] = field(default_factory=dict)
    qualifier_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: What a caller may say a text is (``kind``): extra label alternatives that hold only for a
    #: text of that kind (a post: support for a side in it is the posting). Keys are the known kinds.
    kinds: dict[str, dict[str, tuple[Alternative, ...]]] = field(default_factory=dict)
    #: Per label: group → groups whose hit in a sentence makes that group's hits there not count
    #: for the label (``sentence_masks``: a support word in a sentence about liking or commenting
    #: describes the content reacted to, not a post of one's own).
    masks: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: Per label: group → groups whose hit following within ``after_window`` tokens (same
    #: sentence) makes that hit not count (``after_masks``: the agent of a passive upload).
    after_masks: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    after_window: int = 6


def _fail(origin: str, message: str, message_en: str) -> ValidationError:
    return ValidationError(
        f"{origin}: {message}",
        message_en=f"{origin}: {message_en}",
        code="cues_invalid",
        details={"file": origin},
    )


def _phrases(value: Any, origin: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise _fail(origin, f"{where} harus daftar frasa", f"{where} must be a list of phrases")
    expanded: dict[str, None] = {}
    for item in value:
        for phrase in expand_phrase(str(item)):  # "~unggah" → "unggah", "mengunggah", "diunggah"...
            expanded.setdefault(phrase, None)
    return tuple(expanded)


def _alternatives(label: str, value: Any, known: frozenset[str], origin: str) -> tuple[Alternative, ...]:
    alternatives: list[Alternative] = []
    for alternative in value:
        requirements: list[Requirement] = []
        for requirement in alternative:
            unknown = [g for g in requirement if g not in known]
            if unknown:
                raise _fail(
                    origin, f"label {label}: kelompok tidak dikenal {unknown}", f"unknown groups {unknown}"
                )
            requirements.append(tuple(requirement))
        alternatives.append(tuple(requirements))
    return tuple(alternatives)


def parse_cue_book(raw: Any, gestures: tuple[Gesture, ...], origin: str) -> CueBook:
    if not isinstance(raw, dict) or not {"groups", "labels", "asn_cues"} <= raw.keys():
        raise _fail(origin, "butuh kunci groups, labels, asn_cues", "needs keys groups, labels, asn_cues")
    groups = {name: _phrases(value, origin, f"groups.{name}") for name, value in raw["groups"].items()}
    asn = {name: _phrases(value, origin, f"asn_cues.{name}") for name, value in raw["asn_cues"].items()}
    if set(asn) != set(ASN_CATEGORIES):
        raise _fail(origin, f"asn_cues harus berisi {ASN_CATEGORIES}", f"asn_cues must have {ASN_CATEGORIES}")
    known = frozenset(groups) | VIRTUAL_GROUPS
    expected = {b.value for b in Behaviour if b is not Behaviour.NONE}
    if set(raw["labels"]) != expected:
        diff = sorted(set(raw["labels"]) ^ expected)
        raise _fail(
            origin, f"label tidak cocok dengan BEHAVIOURS: {diff}", f"labels differ from BEHAVIOURS: {diff}"
        )
    labels = {label: _alternatives(label, value, known, origin) for label, value in raw["labels"].items()}
    extra = {
        name: _phrases(value, origin, f"qualifier_groups.{name}")
        for name, value in (raw.get("qualifier_groups") or {}).items()
    }
    if set(extra) & known:
        raise _fail(
            origin, "qualifier_groups memakai nama kelompok lain", "qualifier_groups reuse a group name"
        )
    qualifiers = {
        qualifier: _alternatives(qualifier, value, known | frozenset(extra), origin)
        for qualifier, value in (raw.get("qualifiers") or {}).items()
    }
    return CueBook(
        groups=groups,
        labels=labels,
        asn_cues=asn,
        gestures=gestures,
        text_scope=frozenset(raw.get("text_scope", [])),
        short_text_tokens=int(raw.get("short_text_tokens", 80)),
        partisan_context=_known_groups(raw.get("partisan_context", []), known, origin),
        windows=_windows(raw.get("windows", {}), labels, origin),
        qualifiers=qualifiers,
        qualifier_groups=extra,
        kinds=_kinds(raw.get("kinds") or {}, labels, known, origin),
        masks=_masks(raw.get("sentence_masks") or {}, labels, known, origin, "sentence_masks"),
        after_masks=_masks(raw.get("after_masks") or {}, labels, known, origin, "after_masks"),
        after_window=int(raw.get("after_masks_window", 6)),
    )


def _masks(
    value: Any, labels: dict[str, tuple[Alternative, ...]], known: frozenset[str], origin: str, key: str
) -> dict[str, dict[str, tuple[str, ...]]]:
    if not isinstance(value, dict) or not set(value) <= set(labels):
        raise _fail(origin, f"{key}: label tidak dikenal", f"{key}: unknown labels")
    masks: dict[str, dict[str, tuple[str, ...]]] = {}
    for label, groups in value.items():
        if not isinstance(groups, dict) or not all(
            isinstance(masking, list) and {group, *masking} <= known for group, masking in groups.items()
        ):
            raise _fail(origin, f"{key}.{label}: kelompok tidak dikenal", f"{key}.{label}: unknown groups")
        masks[str(label)] = {str(group): tuple(masking) for group, masking in groups.items()}
    return masks


def _kinds(
    value: Any, labels: dict[str, tuple[Alternative, ...]], known: frozenset[str], origin: str
) -> dict[str, dict[str, tuple[Alternative, ...]]]:
    if not isinstance(value, dict):
        raise _fail(origin, "kinds harus pemetaan", "kinds must be a mapping")
    kinds: dict[str, dict[str, tuple[Alternative, ...]]] = {}
    for kind, rules in value.items():
        rules = rules or {}
        if not isinstance(rules, dict) or not set(rules) <= set(labels):
            raise _fail(origin, f"kinds.{kind}: label tidak dikenal", f"kinds.{kind}: unknown labels")
        kinds[str(kind)] = {
            label: _alternatives(label, alternatives, known, origin) for label, alternatives in rules.items()
        }
    return kinds


def _windows(value: Any, labels: dict[str, tuple[Alternative, ...]], origin: str) -> dict[str, int]:
    if not isinstance(value, dict) or not set(value) <= set(labels):
        raise _fail(origin, "windows: label tidak dikenal", "windows: unknown labels")
    return {label: int(size) for label, size in value.items()}


def _known_groups(value: Any, known: frozenset[str], origin: str) -> frozenset[str]:
    unknown = sorted(set(value) - known)
    if unknown:
        raise _fail(
            origin, f"partisan_context: kelompok tidak dikenal {unknown}", f"unknown groups {unknown}"
        )
    return frozenset(value)


def _load_gestures() -> tuple[Gesture, ...]:
    with data_lines("gestures.csv") as handle:
        return tuple(
            Gesture(
                row["phrase"],
                int(row["ballot_number"]) if row["ballot_number"] else None,
                row["review_status"],
            )
            for row in csv.DictReader(handle)
        )


@cache
def default_cue_book() -> CueBook:
    raw = yaml.safe_load(read_data_text("cues.yaml"))
    return parse_cue_book(raw, _load_gestures(), "netralitas/screening/data/cues.yaml")
