"""Bad input to the engine: clear errors listing valid values; output shape is stable."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netralitas.errors import ValidationError
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import EmployeeType, Facts, assess
from netralitas.rules.facts import parse_employee_type

CAT = default_catalogue()


def _facts(**kw: object) -> Facts:
    base: dict[str, object] = {
        "behaviours": frozenset({"social_media_post"}),
        "act_on": date(2024, 10, 10),
        "election_id": "pilkada-2024",
        "employee_type": EmployeeType.PNS,
    }
    base.update(kw)
    return Facts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "field", "valid_example"),
    [
        ({"behaviours": frozenset({"hanging_banners"})}, "behaviours", "install_campaign_props"),
        ({"election_id": "pilkada-2099"}, "election_id", "pilkada-2024"),
        ({"qualifiers": frozenset({"is_tall"})}, "qualifiers", "on_cltn"),
        ({"candidate_stage": "winner"}, "candidate_stage", "calon"),
        ({"behaviours": frozenset()}, "behaviours", "none"),
    ],
)
def test_bad_input_lists_valid_values(kw: dict[str, object], field: str, valid_example: str) -> None:
    with pytest.raises(ValidationError) as info:
        assess(_facts(**kw), CAT)
    assert info.value.details["field"] == field
    assert valid_example in info.value.details["valid"]


def test_bad_employee_type() -> None:
    with pytest.raises(ValidationError) as info:
        parse_employee_type("honorer")
    assert info.value.details["valid"] == sorted(t.value for t in EmployeeType)


def test_to_dict_is_json_and_has_documented_keys() -> None:
    d = assess(_facts(), CAT).to_dict()
    json.dumps(d)
    assert set(d) == {
        "catalogue_version",
        "facts",
        "position",
        "election",
        "candidate_stage",
        "findings",
        "conditional_findings",
        "non_findings",
        "warnings",
        "overall",
        "trace",
    }
    finding = d["findings"][0]
    assert set(finding) == {
        "rule_id",
        "title",
        "title_en",
        "track",
        "level",
        "sanctions",
        "sanction_ladder",
        "penalty",
        "legal_basis",
        "authority",
        "supervision",
        "deadlines",
        "explanation",
        "review_status",
        "conditional",
        "condition",
        "review_notes",
        "criminal_range",
    }
    assert d["catalogue_version"] == CAT.version


def test_assess_is_pure_and_repeatable() -> None:
    assert assess(_facts(), CAT).to_dict() == assess(_facts(), CAT).to_dict()


def test_explanation_names_the_stage_choice() -> None:
    a = assess(_facts(), CAT)
    assert any("2024-09-22" in line for line in a.findings[0].explanation)
    assert a.stage.source == "date" and a.stage.review_status == "needs_review"
