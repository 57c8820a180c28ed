"""The scenario set must exercise every violation in the catalogue."""

from __future__ import annotations

from pathlib import Path

from netralitas.rules.catalogue import default_catalogue
from tests.scenarios.plugin import load_scenarios

HERE = Path(__file__).parent


def _all_scenarios() -> list:  # type: ignore[type-arg]
    return [s for path in sorted(HERE.glob("*.yaml")) for s in load_scenarios(path)]


def test_at_least_80_scenarios() -> None:
    assert len(_all_scenarios()) >= 80


def test_every_violation_is_exercised() -> None:
    exercised: set[str] = set()
    for s in _all_scenarios():
        exercised.update(s.expect.findings)
        exercised.update(s.expect.non_findings_include)
    missing = set(default_catalogue().violations) - exercised
    assert not missing, f"violations without a scenario: {sorted(missing)}"


def test_every_violation_is_found_somewhere_except_covered_ones() -> None:
    found = {rid for s in _all_scenarios() for rid in s.expect.findings}
    cat = default_catalogue()
    expected = {v.id for v in cat.violations.values() if not v.covered_by}
    assert expected - found == set()


def test_checker_reports_wrong_expectations() -> None:
    from tests.scenarios.plugin import Scenario, check, run

    scenario = Scenario.model_validate(
        {
            "name": "deliberately-wrong",
            "facts": {
                "behaviours": ["social_media_post"],
                "act_on": "2024-10-10",
                "election": "pilkada-2024",
                "employee_type": "pns",
            },
            "expect": {"findings": ["skb-a2"], "levels": {"skb-b2": "moral"}, "stage": "bakal_calon"},
        }
    )
    problems = check(scenario, run(scenario))
    assert [p.split(":")[0] for p in problems] == ["findings", "level of skb-b2", "stage"]


def test_scenario_schema_rejects_misspelt_keys() -> None:
    import pydantic

    from tests.scenarios.plugin import Scenario

    bad = {"name": "x", "facts": {"behaviours": ["none"], "act_on": "2024-10-10"}, "expect": {"finding": []}}
    try:
        Scenario.model_validate(bad)
    except pydantic.ValidationError as exc:
        assert "finding" in str(exc)
    else:
        raise AssertionError("misspelt key accepted")
