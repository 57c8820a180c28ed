"""Turn gazetteer and ballot-number hits into candidate references.

A name, slogan or hashtag points to one candidate. A bare ballot number ("paslon 02") is
resolved to a pair only when it is unambiguous: within the requested election, or within the
election and region of a name found in the same text; otherwise it stays a number reference.
"""

from __future__ import annotations

from netralitas.screening.detectors import LexicalAnalysis, TokenRange
from netralitas.screening.gazetteer import Candidate, Gazetteer
from netralitas.screening.result import CandidateRef, Span


def _number_target(
    number: int, gazetteer: Gazetteer, election_id: str | None, context: set[tuple[str, str]]
) -> Candidate | None:
    if not context:
        # No name in the text says which region: a bare number ("paslon 02", "salam 3 jari")
        # becomes a pair only in an election held in one region (a national one), never a pair
        # of some other region's election.
        if election_id is None or len(gazetteer.regions_of(election_id)) != 1:
            return None
        options = gazetteer.number_index.get((number, election_id), ())
        return options[0] if len(options) == 1 else None
    # Only the regions named in the text.
    regional = gazetteer.region_index
    found = [
        candidate
        for e, r in context
        if election_id is None or e == election_id
        for candidate in regional.get((number, e, r), ())
    ]
    return found[0] if len(found) == 1 else None


#: key -> (candidate or None, ballot number, confirmed, token ranges)
Found = dict[str, tuple[Candidate | None, int | None, bool, list[TokenRange]]]
#: Per gazetteer entry: (candidate key, candidate, ballot number, entry confirmed, the election
#: of a pair or None for a party).
EntryInfo = tuple[str, Candidate, int | None, bool, str | None]


def entry_table(gazetteer: Gazetteer) -> list[EntryInfo]:
    """What ``group_candidates`` needs of each gazetteer entry, looked up once."""
    table: list[EntryInfo] = []
    for entry in gazetteer.entries:
        candidate = gazetteer.candidates[entry.candidate_key]
        table.append(
            (
                candidate.key,
                candidate,
                candidate.ballot_number,
                entry.review_status == "confirmed",
                candidate.election_id if candidate.kind == "pair" else None,
            )
        )
    return table


def resolve_candidates(
    analysis: LexicalAnalysis,
    gazetteer: Gazetteer,
    election_id: str | None,
    table: list[EntryInfo] | None = None,
) -> tuple[CandidateRef, ...]:
    if not analysis.entries and not analysis.numbers:
        return ()
    found = group_candidates(analysis, gazetteer, election_id, table)
    refs = [_reference(key, value, analysis, election_id) for key, value in found.items()]
    refs.sort(key=lambda r: (r.evidence[0].start if r.evidence else 0, r.id))
    return tuple(refs)


def group_candidates(
    analysis: LexicalAnalysis,
    gazetteer: Gazetteer,
    election_id: str | None,
    table: list[EntryInfo] | None = None,
) -> Found:
    """The candidates (or bare numbers) referred to, with the token ranges referring to them
    (``table``: ``entry_table(gazetteer)``, kept by the caller for many texts)."""
    found: Found = {}
    entry_info = entry_table(gazetteer) if table is None else table
    for index, ranges in analysis.entries.items():
        key, candidate, ballot_number, confirmed, pair_election = entry_info[index]
        if election_id and pair_election is not None and pair_election != election_id:
            continue
        known = found.get(key)
        if known is None:
            found[key] = (candidate, ballot_number, confirmed, list(ranges))
        else:
            known[3].extend(ranges)
            if confirmed and not known[2]:
                found[key] = (known[0], known[1], True, known[3])
    if not analysis.numbers:
        return found
    context = {(c.election_id, c.region) for c, number, _, _ in found.values() if c is not None and number}
    for number, ranges in analysis.numbers.items():
        target = _number_target(number, gazetteer, election_id, context)
        key = target.key if target else f"nomor-urut:{number}"
        found.setdefault(key, (target, number, False, []))[3].extend(ranges)
    return found


def _reference(
    key: str,
    value: tuple[Candidate | None, int | None, bool, list[TokenRange]],
    analysis: LexicalAnalysis,
    election_id: str | None,
) -> CandidateRef:
    candidate, number, confirmed, ranges = value
    norm = analysis.norm
    spans = tuple(Span.of(norm.original, *norm.original_span(a, b)) for a, b in sorted(set(ranges))[:5])
    return CandidateRef(
        id=key,
        name=candidate.name if candidate else None,
        election_id=candidate.election_id if candidate else election_id,
        region=candidate.region if candidate else None,
        ballot_number=number,
        kind=candidate.kind if candidate else "number",
        review_status="confirmed" if confirmed else "needs_review",
        evidence=spans,
    )
