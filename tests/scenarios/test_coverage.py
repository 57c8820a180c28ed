"""The scenario set must exercise every violation and both sides of every date boundary of issue 2.

Boundaries are read from the catalogue (so a changed date moves the requirement with it) and
pinned to the dates the issue names (so the catalogue cannot drift away from them silently).
Each check is also run on a doctored scenario set to prove it can fail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from netralitas.rules.catalogue import Catalogue, default_catalogue
from tests.scenarios.plugin import Scenario, load_scenarios

HERE = Path(__file__).parent
#: A scenario counts for a side of a boundary when its date is at most this far from it.
WINDOW = timedelta(days=7)


def _all_scenarios() -> list[Scenario]:
    return [s for path in sorted(HERE.glob("*.yaml")) for s in load_scenarios(path)]


@dataclass(frozen=True)
class Boundary:
    name: str
    day: date
    relevant: Callable[[Scenario], bool]
    when: Callable[[Scenario], date] = lambda s: s.facts.act_on


def _election_of(s: Scenario) -> str | None:
    return s.facts.election or s.expect.election


def _rules_changing_on(cat: Catalogue, day: date) -> frozenset[str]:
    return frozenset(v.id for v in cat.violations.values() if any(x.from_on == day for x in v.versions))


def _switch_day(cat: Catalogue, function: str, authority: str) -> date:
    return next(day for day, a in cat.functions[function] if a is not None and a.id == authority)


def boundaries(cat: Catalogue) -> list[Boundary]:
    out = []
    for instrument in ("pp-94-2021", "uu-20-2023"):
        day = cat.instruments[instrument].in_force_from
        changing = _rules_changing_on(cat, day)
        assert changing, f"no rule changes on {day}: the boundary would be vacuous"
        out.append(
            Boundary(
                instrument,
                day,
                lambda s, c=changing: bool((set(s.expect.findings) | set(s.expect.non_findings_include)) & c),
            )
        )
    switch = _switch_day(cat, "neutrality_supervision", "bkn")
    out.append(
        Boundary(
            "kasn-to-bkn",
            switch,
            lambda s: bool(s.expect.supervision_includes or s.expect.authority),
            lambda s: s.facts.handled_on or s.facts.act_on,
        )
    )
    for e in cat.elections.values():
        out.append(
            Boundary(
                f"determination-{e.id}",
                e.candidate_determination_on,
                lambda s, eid=e.id: _election_of(s) == eid and s.facts.candidate_stage is None,
            )
        )
    return out


def uncovered(bounds: list[Boundary], scenarios: list[Scenario]) -> list[str]:
    """'<name> before' / '<name> from' for each side of a boundary that no relevant scenario covers."""
    missing = []
    for b in bounds:
        near = [s for s in scenarios if b.relevant(s) and abs(b.when(s) - b.day) <= WINDOW]
        if not any(b.when(s) < b.day for s in near):
            missing.append(f"{b.name} before {b.day}")
        if not any(b.when(s) >= b.day for s in near):
            missing.append(f"{b.name} from {b.day}")
    return missing


def test_boundaries_are_the_ones_the_issue_names() -> None:
    cat = default_catalogue()
    days = {b.name: b.day for b in boundaries(cat)}
    assert days["pp-94-2021"] == date(2021, 8, 31)
    assert days["uu-20-2023"] == date(2023, 10, 31)
    assert days["kasn-to-bkn"] == date(2024, 9, 4)
    assert days["determination-pilkada-2024"] == date(2024, 9, 22)
    assert days["determination-pemilu-2024"] == date(2023, 11, 13)
    wanted = {"pilkada-2018", "pemilu-2019", "pilkada-2020", "pemilu-2024", "pilkada-2024"}
    assert {f"determination-{e}" for e in wanted} <= set(days)


def test_every_boundary_has_a_scenario_on_each_side() -> None:
    assert uncovered(boundaries(default_catalogue()), _all_scenarios()) == []


@pytest.mark.parametrize("name", ["pp-94-2021", "kasn-to-bkn", "determination-pemilu-2019"])
def test_boundary_check_fails_without_the_scenarios_near_it(name: str) -> None:
    bounds = [b for b in boundaries(default_catalogue()) if b.name == name]
    kept = [s for s in _all_scenarios() if abs(bounds[0].when(s) - bounds[0].day) > WINDOW]
    assert uncovered(bounds, kept) == [f"{name} before {bounds[0].day}", f"{name} from {bounds[0].day}"]


def test_at_least_80_scenarios() -> None:
    assert len(_all_scenarios()) >= 80


def _exercised(scenarios: list[Scenario]) -> set[str]:
    return {rid for s in scenarios for rid in (*s.expect.findings, *s.expect.non_findings_include)}


def test_every_violation_is_exercised() -> None:
    ids = set(default_catalogue().violations)
    assert len(ids) >= 37
    missing = ids - _exercised(_all_scenarios())
    assert not missing, f"violations without a scenario: {sorted(missing)}"


def test_violation_check_fails_when_a_rule_loses_its_scenarios() -> None:
    trimmed = [s for s in _all_scenarios() if "skb-b11" not in _exercised([s])]
    assert "skb-b11" in set(default_catalogue().violations) - _exercised(trimmed)


def test_scenarios_name_only_real_rule_ids() -> None:
    ids = set(default_catalogue().violations)
    for s in _all_scenarios():
        e = s.expect
        named = {*e.findings, *e.non_findings_include, *e.levels, *e.review_status, *e.authority}
        named |= {*e.supervision_includes, *e.sanction_ladder, *e.sanctions_include, *e.deadlines_include}
        assert named <= ids, f"{s.name}: unknown rule ids {sorted(named - ids)}"


def test_every_violation_is_found_somewhere_except_covered_ones() -> None:
    found = {rid for s in _all_scenarios() for rid in s.expect.findings}
    cat = default_catalogue()
    expected = {v.id for v in cat.violations.values() if not v.covered_by}
    assert expected - found == set()


def test_checker_reports_wrong_expectations() -> None:
    from tests.scenarios.plugin import check, run

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

    bad = {"name": "x", "facts": {"behaviours": ["none"], "act_on": "2024-10-10"}, "expect": {"finding": []}}
    with pytest.raises(pydantic.ValidationError, match="finding"):
        Scenario.model_validate(bad)
