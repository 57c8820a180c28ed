from __future__ import annotations

from datetime import date

from netralitas.screening import screen_text
from netralitas.screening.findings import infer_employee_type
from netralitas.screening.result import AsnCue, Span

POST = "Pak camat pasang status WA dukung paslon 02 #PrabowoGibran"


def test_no_findings_without_the_date_of_the_act() -> None:
    assert screen_text(POST).findings == ()


def test_findings_follow_the_date_of_the_act() -> None:
    before = screen_text(POST, on=date(2023, 10, 10), election_id="pemilu-2024")
    after = screen_text(POST, on=date(2024, 1, 10), election_id="pemilu-2024")
    assert before.findings and after.findings
    assert {f.track for f in before.findings} == {"ethics"}  # bakal calon: group A (moral sanction)
    assert "discipline" in {f.track for f in after.findings}  # determined candidate: group B
    assert after.to_dict()["findings"][0]["rule_id"] == after.findings[0].rule_id


def test_an_unknown_election_is_a_warning_not_a_crash() -> None:
    result = screen_text(POST, on=date(2024, 1, 10), election_id="pilkada-2099")
    assert result.findings == ()
    assert result.warnings and "pilkada-2099" in result.warnings[0]
    assert "warnings" in result.to_dict()


def test_employee_type_is_inferred_only_when_unambiguous() -> None:
    span = Span(0, 1, "x")
    assert infer_employee_type([AsnCue("pppk", "status", span), AsnCue("guru", "position", span)]) == "pppk"
    assert infer_employee_type([AsnCue("pppk", "status", span), AsnCue("pns", "status", span)]) is None
    assert infer_employee_type([AsnCue("kepala desa", "non_asn", span)]) == "non_asn"
    assert infer_employee_type([]) is None
