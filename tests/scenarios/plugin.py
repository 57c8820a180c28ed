"""Legal scenarios as YAML: each file is a list of ``{name, facts, expect}`` items.

A legal officer adds a scenario by copying one and editing dates and labels; no Python needed.
The schema is strict so a misspelt key fails loudly instead of silently testing nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import Assessment, Facts, Finding, assess
from netralitas.rules.facts import parse_employee_type


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioFacts(_Strict):
    behaviours: list[str]
    act_on: date
    election: str | None = None
    employee_type: str = "unknown"
    qualifiers: list[str] = []
    position: str | None = None
    candidate_stage: Literal["bakal_calon", "calon"] | None = None
    candidate_stage_reason: str | None = None
    handled_on: date | None = None


class Expect(_Strict):
    findings: list[str]
    conditional: list[str] = []
    conditions_contain: dict[str, str] = {}
    levels: dict[str, str] = {}
    review_status: dict[str, Literal["confirmed", "needs_review"]] = {}
    authority: dict[str, str | None] = {}
    supervision_includes: dict[str, list[str]] = {}
    sanction_ladder: dict[str, str | None] = {}
    sanctions_include: dict[str, list[str]] = {}
    deadlines_include: dict[str, list[str]] = {}
    criminal_max_months: dict[str, int] = {}
    basis_contains: dict[str, list[str]] = {}
    basis_excludes: dict[str, list[str]] = {}
    review_notes_contain: dict[str, list[str]] = {}
    non_findings_include: list[str] = []
    overall_level: str | None = None
    overall_review_status: Literal["confirmed", "needs_review"] | None = None
    stage: Literal["bakal_calon", "calon"] | None = None
    stage_source: Literal["date", "officer", "unknown"] | None = None
    election: str | None = None
    warnings_contain: list[str] = []
    no_warnings: bool = False


class Scenario(_Strict):
    name: str
    note: str | None = None
    facts: ScenarioFacts
    expect: Expect


def load_scenarios(path: Path) -> list[Scenario]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Scenario.model_validate(item) for item in raw]


def run(scenario: Scenario) -> Assessment:
    f = scenario.facts
    facts = Facts(
        frozenset(f.behaviours),
        f.act_on,
        f.election,
        parse_employee_type(f.employee_type),
        f.position,
        frozenset(f.qualifiers),
        f.candidate_stage,
        f.candidate_stage_reason,
        f.handled_on,
    )
    return assess(facts, default_catalogue())


def check(scenario: Scenario, a: Assessment) -> list[str]:
    """Every mismatch between the expectation and the assessment, as readable lines."""
    e = scenario.expect
    problems: list[str] = []
    by_id = {f.rule_id: f for f in a.findings}

    def same(what: str, got: Any, want: Any) -> None:
        if got != want:
            problems.append(f"{what}: expected {want!r}, got {got!r}")

    same("findings", sorted(by_id), sorted(e.findings))
    cond = {f.rule_id: f for f in a.conditional_findings}
    same("conditional findings", sorted(cond), sorted(e.conditional))
    for rid, text in e.conditions_contain.items():
        got_condition = cond[rid].condition if rid in cond else None
        if got_condition is None or text not in got_condition:
            problems.append(f"condition of {rid}: {text!r} not in {got_condition!r}")
    by_id.update({rid: f for rid, f in cond.items() if rid not in by_id})
    for rid, level in e.levels.items():
        same(f"level of {rid}", str(by_id[rid].level) if rid in by_id else None, level)
    for rid, status in e.review_status.items():
        same(f"review_status of {rid}", str(by_id[rid].review_status) if rid in by_id else None, status)
    for rid, auth in e.authority.items():
        got = by_id[rid].authority if rid in by_id else None
        same(f"authority of {rid}", got.id if got else None, auth)
    for rid, wanted in e.supervision_includes.items():
        got_ids = [s.id for s in by_id[rid].supervision] if rid in by_id else []
        for w in wanted:
            if w not in got_ids:
                problems.append(f"supervision of {rid}: {w!r} not in {got_ids!r}")
    for rid, ladder in e.sanction_ladder.items():
        same(
            f"sanction_ladder of {rid}",
            by_id[rid].sanction_ladder if rid in by_id else "<no finding>",
            ladder,
        )
    for rid, texts in e.sanctions_include.items():
        got_text = " | ".join(by_id[rid].sanctions) if rid in by_id else ""
        for t in texts:
            if t not in got_text:
                problems.append(f"sanctions of {rid}: {t!r} not in {got_text!r}")
    for rid, steps in e.deadlines_include.items():
        got_steps = [d.step_id for d in by_id[rid].deadlines] if rid in by_id else []
        for step in steps:
            if step not in got_steps:
                problems.append(f"deadlines of {rid}: {step!r} not in {got_steps!r}")
    for rid, months in e.criminal_max_months.items():
        rng = by_id[rid].criminal_range if rid in by_id else None
        same(f"criminal max months of {rid}", rng.max_months if rng else None, months)
    _check_texts(e, by_id, problems)
    non_ids = {n.rule_id for n in a.non_findings}
    for rid in e.non_findings_include:
        if rid not in non_ids:
            problems.append(f"non_findings: {rid!r} not explained (have {sorted(str(i) for i in non_ids)})")
    if "overall_level" in e.model_fields_set:
        same("overall_level", str(a.overall_level) if a.overall_level else None, e.overall_level)
    if e.overall_review_status is not None:
        same("overall_review_status", str(a.overall_review_status), e.overall_review_status)
    if e.stage is not None:
        same("stage", a.stage.value, e.stage)
    if e.stage_source is not None:
        same("stage_source", a.stage.source, e.stage_source)
    if "election" in e.model_fields_set:
        same("election", a.election.id if a.election else None, e.election)
    joined = " | ".join(a.warnings)
    for w in e.warnings_contain:
        if w not in joined:
            problems.append(f"warnings: {w!r} not in {joined!r}")
    if e.no_warnings and a.warnings:
        problems.append(f"warnings: expected none, got {list(a.warnings)!r}")
    return problems


class ScenarioFile(pytest.File):
    def collect(self) -> Any:
        for index, scenario in enumerate(load_scenarios(self.path)):
            yield ScenarioItem.from_parent(self, name=f"{index:03d}-{scenario.name}", scenario=scenario)


class ScenarioItem(pytest.Item):
    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        problems = check(self.scenario, run(self.scenario))
        if problems:
            raise ScenarioFailure(problems)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return f"scenario {self.scenario.name!r} failed:\n  " + "\n  ".join(excinfo.value.problems)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.scenario.name}"


class ScenarioFailure(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _check_texts(e: Expect, by_id: dict[str, Finding], problems: list[str]) -> None:
    """Citations a finding must (not) contain, and review notes it must carry."""
    for rid, texts in e.basis_contains.items():
        cites = " | ".join(b.cite() for b in by_id[rid].legal_basis) if rid in by_id else ""
        problems += [f"legal basis of {rid}: {t!r} not in {cites!r}" for t in texts if t not in cites]
    for rid, texts in e.basis_excludes.items():
        cites = " | ".join(b.cite() for b in by_id[rid].legal_basis) if rid in by_id else ""
        problems += [f"legal basis of {rid}: {t!r} must not be in {cites!r}" for t in texts if t in cites]
    for rid, texts in e.review_notes_contain.items():
        notes = " | ".join(by_id[rid].review_notes) if rid in by_id else ""
        problems += [f"review notes of {rid}: {t!r} not in {notes!r}" for t in texts if t not in notes]
