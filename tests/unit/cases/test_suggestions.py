"""A stored screening is read back typed: what screening writes is what the case page reads."""

from __future__ import annotations

from netralitas.cases.suggestions import (
    AsnCueHint,
    EvidenceSpan,
    SuggestedBehaviour,
    SuggestedCandidate,
    SuggestedFinding,
    read_suggestion,
)
from netralitas.screening.result import (
    AsnCue,
    BehaviourHit,
    CandidateRef,
    FindingRef,
    ScreeningResult,
    Span,
)

TEXT = "Camat Depok berpose dua jari bersama paslon nomor 2."


def test_a_screening_result_round_trips_through_its_stored_json() -> None:
    two_fingers = Span(20, 28, "dua jari")
    result = ScreeningResult(
        labels=("partisan_gesture",),
        behaviours=(BehaviourHit("partisan_gesture", 0.91234, (two_fingers,), "lexical"),),
        candidates=(CandidateRef("p2", "Paslon 2", "pilkada-2024", "34.04", 2, "pair", "confirmed", ()),),
        asn_cues=(AsnCue("camat", "position", Span(0, 5, "Camat")),),
        findings=(FindingRef("skb-b7", "Pose jari", "discipline", "moderate", "confirmed"),),
        warnings=("tanggal perkiraan",),
    )
    read = read_suggestion(result.to_dict())
    assert read.behaviours == (
        SuggestedBehaviour("partisan_gesture", 0.912, "lexical", (EvidenceSpan(20, 28, "dua jari"),)),
    )
    assert read.candidates == (SuggestedCandidate("Paslon 2", 2, "pair", ()),)
    assert read.asn_cues == (AsnCueHint("camat", "position", EvidenceSpan(0, 5, "Camat")),)
    assert read.findings == (SuggestedFinding("skb-b7", "Pose jari", "discipline", "moderate", "confirmed"),)
    assert read.warnings == ("tanggal perkiraan",)


def test_malformed_parts_are_skipped_not_guessed() -> None:
    read = read_suggestion(
        {
            "behaviours": [{"label": "x", "confidence": "high", "evidence": [{"start": "0", "end": 5}]}, 7],
            "asn_cues": [{"cue": "camat", "category": "position", "start": None}],
            "findings": "not a list",
        }
    )
    assert read.behaviours == (SuggestedBehaviour("x", 0.0, "", ()),)
    assert read.asn_cues[0].evidence == EvidenceSpan(0, 0, "")  # marks no words
    assert read.findings == () and read_suggestion({}).behaviours == ()
