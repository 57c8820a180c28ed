"""The screening suggestion kept with a report, read back typed.

A screening is stored as the JSON its screener produced (``ScreeningResult.to_dict()`` of
``netralitas.screening``, the shape of a ``netralitas screen`` line); the case core does not import
the screening package, so it reads that shape here once, into frozen records, and nothing else
reads the stored JSON by its keys. Unknown or malformed parts are skipped, never guessed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceSpan:
    """The words of the screened text that justify a suggestion (``text[start:end]``)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SuggestedBehaviour:
    label: str
    confidence: float
    source: str
    evidence: tuple[EvidenceSpan, ...]


@dataclass(frozen=True)
class SuggestedCandidate:
    name: str | None
    ballot_number: int | None
    kind: str
    evidence: tuple[EvidenceSpan, ...]


@dataclass(frozen=True)
class AsnCueHint:
    """A word pointing at a civil servant (status, position, uniform, office)."""

    cue: str
    category: str
    evidence: EvidenceSpan

    @property
    def text(self) -> str:
        return self.evidence.text


@dataclass(frozen=True)
class SuggestedFinding:
    """A rule the suggested facts would meet (advice; the officer's assessment decides)."""

    rule_id: str
    title: str
    track: str
    level: str | None
    review_status: str


@dataclass(frozen=True)
class Suggestion:
    behaviours: tuple[SuggestedBehaviour, ...] = ()
    #: Labels found possible but not given ("perlu dibaca": an officer should read the text).
    needs_reading: tuple[SuggestedBehaviour, ...] = ()
    candidates: tuple[SuggestedCandidate, ...] = ()
    asn_cues: tuple[AsnCueHint, ...] = ()
    findings: tuple[SuggestedFinding, ...] = ()
    warnings: tuple[str, ...] = ()


def read_suggestion(stored: Mapping[str, object]) -> Suggestion:
    """The typed suggestion of a stored screening result (empty parts when absent)."""
    return Suggestion(
        behaviours=tuple(_behaviour(b) for b in _records(stored.get("behaviours"))),
        needs_reading=tuple(_behaviour(b) for b in _records(stored.get("perlu_dibaca"))),
        candidates=tuple(_candidate(c) for c in _records(stored.get("candidates"))),
        asn_cues=tuple(_cue(a) for a in _records(stored.get("asn_cues"))),
        findings=tuple(_finding(f) for f in _records(stored.get("findings"))),
        warnings=tuple(str(w) for w in _list(stored.get("warnings"))),
    )


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _records(value: object) -> Iterable[Mapping[str, object]]:
    return (item for item in _list(value) if isinstance(item, Mapping))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _span(data: Mapping[str, object]) -> EvidenceSpan | None:
    """A span with whole-number offsets, or None (a malformed one points at no words)."""
    start, end = _int(data.get("start")), _int(data.get("end"))
    if start is None or end is None:
        return None
    return EvidenceSpan(start, end, _text(data.get("text")))


def _spans(value: object) -> tuple[EvidenceSpan, ...]:
    return tuple(span for span in map(_span, _records(value)) if span is not None)


def _behaviour(data: Mapping[str, object]) -> SuggestedBehaviour:
    confidence = data.get("confidence")
    score = float(confidence) if isinstance(confidence, int | float) else 0.0
    return SuggestedBehaviour(
        _text(data.get("label")), score, _text(data.get("source")), _spans(data.get("evidence"))
    )


def _candidate(data: Mapping[str, object]) -> SuggestedCandidate:
    name = data.get("name")
    return SuggestedCandidate(
        name if isinstance(name, str) else None,
        _int(data.get("ballot_number")),
        _text(data.get("kind")),
        _spans(data.get("evidence")),
    )


def _cue(data: Mapping[str, object]) -> AsnCueHint:
    words = _text(data.get("text"))
    return AsnCueHint(
        _text(data.get("cue")), _text(data.get("category")), _span(data) or EvidenceSpan(0, 0, words)
    )


def _finding(data: Mapping[str, object]) -> SuggestedFinding:
    level = data.get("level")
    return SuggestedFinding(
        _text(data.get("rule_id")),
        _text(data.get("title")),
        _text(data.get("track")),
        level if isinstance(level, str) else None,
        _text(data.get("review_status")),
    )
