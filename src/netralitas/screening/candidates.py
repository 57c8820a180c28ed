"""Turn gazetteer and ballot-number hits into candidate references.

A name, slogan or hashtag points to one candidate. A bare ballot number ("paslon 02") is
resolved to a pair only when it is unambiguous: within the requested election, or within the
election and region of a name found in the same text; otherwise it stays a number reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netralitas.screening.detectors import LexicalAnalysis, TokenRange
from netralitas.screening.gazetteer import Candidate, Gazetteer
from netralitas.screening.result import CandidateRef, Span


@dataclass(slots=True)
class _Acc:
    candidate: Candidate | None
    number: int | None
    confirmed: bool = False
    ranges: list[TokenRange] = field(default_factory=list)


def _number_target(
    number: int, gazetteer: Gazetteer, election_id: str | None, context: set[tuple[str, str]]
) -> Candidate | None:
    options = gazetteer.by_number(number, election_id)
    if context:
        options = [c for c in options if (c.election_id, c.region) in context]
    return options[0] if len(options) == 1 else None


def resolve_candidates(
    analysis: LexicalAnalysis, gazetteer: Gazetteer, election_id: str | None
) -> tuple[CandidateRef, ...]:
    if not analysis.entries and not analysis.numbers:
        return ()
    found: dict[str, _Acc] = {}
    for index, ranges in analysis.entries.items():
        entry = gazetteer.entries[index]
        candidate = gazetteer.candidates[entry.candidate_key]
        if election_id and candidate.kind == "pair" and candidate.election_id != election_id:
            continue
        acc = found.setdefault(candidate.key, _Acc(candidate, candidate.ballot_number))
        acc.confirmed = acc.confirmed or entry.review_status == "confirmed"
        acc.ranges.extend(ranges)
    context = {
        (a.candidate.election_id, a.candidate.region) for a in found.values() if a.candidate and a.number
    }
    for number, ranges in analysis.numbers.items():
        target = _number_target(number, gazetteer, election_id, context)
        key = target.key if target else f"nomor-urut:{number}"
        acc = found.setdefault(key, _Acc(target, number))
        acc.ranges.extend(ranges)
    norm = analysis.norm
    refs = []
    for key, acc in found.items():
        spans = tuple(
            Span.of(norm.original, *norm.original_span(a, b)) for a, b in sorted(set(acc.ranges))[:5]
        )
        c = acc.candidate
        refs.append(
            CandidateRef(
                id=key,
                name=c.name if c else None,
                election_id=c.election_id if c else election_id,
                region=c.region if c else None,
                ballot_number=acc.number,
                kind=c.kind if c else "number",
                review_status="confirmed" if acc.confirmed else "needs_review",
                evidence=spans,
            )
        )
    refs.sort(key=lambda r: (r.evidence[0].start if r.evidence else 0, r.id))
    return tuple(refs)
