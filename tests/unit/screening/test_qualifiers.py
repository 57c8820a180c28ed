"""Rule-engine qualifiers suggested from the words of a text (never without evidence)."""

from __future__ import annotations

from datetime import date

from netralitas.rules.catalogue import default_catalogue
from netralitas.screening import Screener, ScreenRequest
from netralitas.screening.cues import default_cue_book

ON = date(2024, 2, 1)


def _screen(lexical: Screener, text: str, employee_type: str | None = "pppk") -> dict[str, object]:
    return lexical.screen(ScreenRequest(text, ON, "pemilu-2024", employee_type)).to_dict()


def _suggested(data: dict[str, object]) -> dict[str, list[str]]:
    hints = data.get("suggested_qualifiers", [])
    assert isinstance(hints, list)
    return {h["qualifier"]: [e["text"] for e in h["evidence"]] for h in hints}


def test_every_suggestable_qualifier_exists_in_the_rules_catalogue() -> None:
    assert set(default_cue_book().qualifiers) <= set(default_catalogue().qualifiers)


def test_attending_with_an_oration_suggests_active_support_and_gives_the_finding(lexical: Screener) -> None:
    plain = _screen(lexical, "Seorang PPPK hadir di kampanye akbar paslon 02 di lapangan.")
    assert plain["labels"] == ["attend_campaign"]
    assert _suggested(plain) == {}
    plain_rules = {f["rule_id"] for f in plain["findings"]}  # type: ignore[attr-defined]

    text = "Seorang PPPK hadir di kampanye akbar paslon 02 di lapangan dan ikut berorasi di panggung."
    active = _screen(lexical, text)
    # an oration at the campaign is also speaking for the pair (the development set's convention)
    assert active["labels"] == ["attend_campaign", "campaign_speaker_or_organizer"]
    suggested = _suggested(active)
    assert list(suggested) == ["active_support"]
    assert any("berorasi" in words for words in suggested["active_support"])
    for hint in active["suggested_qualifiers"]:  # type: ignore[attr-defined]
        for span in hint["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
    new = [
        f
        for f in active["findings"]  # type: ignore[attr-defined]
        if f["rule_id"] not in plain_rules and f.get("relies_on_suggested_qualifiers")
    ]
    needs_active = {
        v.id for v in default_catalogue().violations_on(ON) if "active_support" in v.conditions.qualifiers_all
    }
    assert new and {f["rule_id"] for f in new} <= needs_active
    assert all(f["review_status"] == "needs_review" for f in new)
    assert all(f["relies_on_suggested_qualifiers"] == ["active_support"] for f in new)


def test_no_suggestion_without_evidence_negated_or_without_a_behaviour(lexical: Screener) -> None:
    negated = _screen(lexical, "PPPK itu hadir di kampanye paslon 02 tetapi tidak ikut bersorak.")
    assert "active_support" not in _suggested(negated)
    assert _suggested(_screen(lexical, "Para guru berorasi tentang pendidikan di sekolah.")) == {}
    appeal = _screen(lexical, "ASN dilarang mengajak warga memilih; netralitas wajib dijaga.")
    assert appeal["labels"] == ["none"]
    assert _suggested(appeal) == {}


def test_mobilising_and_spouse_and_cltn_cues_are_suggested_with_their_words(lexical: Screener) -> None:
    mobilise = _suggested(_screen(lexical, "Kepala dinas mengajak stafnya memilih paslon 03 saat apel pagi."))
    assert "mengajak" in " ".join(mobilise.get("active_support", []))
    # (the camat's own act is attending; the candidacy is the wife's, so no candidacy_without_resign)
    spouse_text = "Camat itu ikut kampanye istrinya yang mencalonkan diri sebagai bupati."
    spouse = _suggested(_screen(lexical, spouse_text))
    assert spouse.get("spouse_is_candidate")
    assert "candidacy_without_resign" not in lexical.screen(ScreenRequest(spouse_text)).labels
    cltn = _suggested(_screen(lexical, "PNS yang sedang CLTN ikut kampanye akbar paslon 01.", "pns"))
    assert cltn.get("on_cltn") == ["CLTN"]
