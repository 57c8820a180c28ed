"""Pydantic models of the catalogue YAML files (the edge): unknown keys are errors.

Each ``*File`` model is one kind of file under ``rules/data``. They are converted into the
frozen domain objects of :mod:`netralitas.rules.model` by :mod:`netralitas.rules.build`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from netralitas.rules.behaviours import Behaviour
from netralitas.rules.model import EmployeeType, Level, ReviewStatus, Track

ElectionKind = Literal["pemilu", "pilkada"]
Stage = Literal["bakal_calon", "calon", "any"]
Period = Literal["any", "campaign", "from_six_months_before_determination"]
Unit = Literal["days", "working_days"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class LegalBasisIn(_Strict):
    instrument: str
    article: str
    note: str | None = None


class InstrumentIn(_Strict):
    id: str
    short: str
    name: str
    summary: str
    in_force_from: date
    in_force_until: date | None = None
    replaces: list[str] = []
    replaced_by: str | None = None
    url: str | None = None
    review_status: ReviewStatus
    note: str | None = None


class InstrumentsFile(_Strict):
    instruments: list[InstrumentIn]


class QualifierIn(_Strict):
    id: str
    label_id: str
    label_en: str
    description: str


class QualifiersFile(_Strict):
    qualifiers: list[QualifierIn]


class AuthorityIn(_Strict):
    id: str
    name: str
    name_en: str
    legal_basis: list[LegalBasisIn] = []
    review_status: ReviewStatus
    note: str | None = None


class AuthorityVersionIn(_Strict):
    from_: date = Field(alias="from")
    authority: str | None  # null repeals
    review_status: ReviewStatus
    legal_basis: list[LegalBasisIn] = []
    note: str | None = None


class FunctionIn(_Strict):
    label_id: str
    label_en: str
    versions: list[AuthorityVersionIn] = Field(min_length=1)


class AuthoritiesFile(_Strict):
    authorities: list[AuthorityIn]
    functions: dict[str, FunctionIn]


class DeadlineVersionIn(_Strict):
    from_: date = Field(alias="from")
    amount: int | None = Field(default=None, ge=1)  # null repeals
    unit: Unit | None = None
    review_status: ReviewStatus
    configurable: bool = False
    legal_basis: list[LegalBasisIn] = []
    note: str | None = None


class DeadlineStepIn(_Strict):
    label_id: str
    label_en: str
    starts_when: str
    actor_function: str | None = None
    versions: list[DeadlineVersionIn] = Field(min_length=1)


class DeadlinesFile(_Strict):
    steps: dict[str, DeadlineStepIn]


class MilestoneIn(_Strict):
    id: str
    day: date
    label_id: str


class ElectionIn(_Strict):
    id: str
    name: str
    kind: ElectionKind
    statute: str
    window_start_on: date
    window_end_on: date
    candidate_determination_on: date
    campaign_start_on: date
    campaign_end_on: date
    quiet_start_on: date
    quiet_end_on: date
    vote_on: date
    milestones: list[MilestoneIn] = []
    ballot_numbers: list[int] = []  # empty: numbers differ per region (Pilkada)
    review_status: ReviewStatus
    note: str | None = None


class ElectionsFile(_Strict):
    elections: list[ElectionIn]


class DayIn(_Strict):
    day: date
    name: str


class CalendarYearIn(_Strict):
    year: int = Field(ge=2000, le=2100)
    review_status: ReviewStatus
    extra_days_off: list[DayIn] = []
    extra_working_days: list[DayIn] = []
    note: str | None = None


class CalendarFile(_Strict):
    package: Literal["holidays"]
    country: Literal["ID"]
    categories: list[Literal["public", "government"]]
    weekend: list[int] = Field(default=[5, 6])
    years: list[CalendarYearIn]


class LadderVersionIn(_Strict):
    from_: date = Field(alias="from")
    legal_basis: list[LegalBasisIn] = []
    review_status: ReviewStatus
    levels: dict[Level, list[str]] | None  # null repeals
    note: str | None = None


class LadderIn(_Strict):
    id: str
    track: Track
    employee_types: list[EmployeeType]
    label_id: str
    versions: list[LadderVersionIn] = Field(min_length=1)


class SanctionsFile(_Strict):
    ladders: list[LadderIn]


class TrackIn(_Strict):
    id: Track
    label_id: str
    label_en: str
    authority_function: str
    supervision_functions: list[str] = []
    deadlines: dict[Literal["all", "pemilu", "pilkada"], list[str]] = {}


class TracksFile(_Strict):
    tracks: list[TrackIn]


class ConditionsIn(_Strict):
    behaviours_any: list[Behaviour]
    employee_types: list[EmployeeType]
    candidate_stage: Stage = "any"
    unsure_stages: list[Literal["bakal_calon", "calon"]] = []
    qualifiers_all: list[str] = []
    qualifiers_any: list[str] = []
    qualifiers_none: list[str] = []
    period: Period = "any"
    election_kinds: list[ElectionKind] = ["pemilu", "pilkada"]
    # The rule applies only when one of these behaviours is also present (the others are evidence).
    requires_any: list[Behaviour] = []
    # Employee types for which applying the rule is an unverified reading (finding -> needs_review).
    unsure_employee_types: list[EmployeeType] = []
    # The rule is applied at any time, but outside this period its application is disputed.
    unsure_outside_period: Literal["campaign"] | None = None


class ReviewedIn(_Strict):
    """Who confirmed an item against the official text, and when (both or neither)."""

    review_status: ReviewStatus
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    review_question: str | None = None  # what a legal officer must settle


class ViolationVersionIn(ReviewedIn):
    from_: date = Field(alias="from")
    level: Level | None  # null repeals
    legal_basis: list[LegalBasisIn] = []
    note: str | None = None


class ExamplesIn(_Strict):
    allowed: list[str] = []
    not_allowed: list[str]


class CriminalRangeIn(ReviewedIn):
    subject: str  # who is punished, in Indonesian (e.g. "calon", "ASN pelaku")
    confinement: Literal["penjara", "kurungan"]
    min_months: int | None = Field(default=None, ge=0)
    max_months: int = Field(ge=1)
    fine_min_rp: int | None = Field(default=None, ge=0)
    fine_max_rp: int | None = Field(default=None, ge=0)
    combination: Literal["and", "or", "and_or"]
    legal_basis: list[LegalBasisIn]
    note: str | None = None


class ViolationIn(_Strict):
    id: str
    group: str
    title_id: str
    title_en: str
    description: str
    track: Track
    conditions: ConditionsIn
    versions: list[ViolationVersionIn] = Field(min_length=1)
    penalty: str | None = None
    criminal_range: CriminalRangeIn | None = None
    covered_by: list[str] = []
    # Extra legal basis cited when the act is by this employee type (e.g. PP 49/2018 for PPPK).
    employee_type_basis: dict[EmployeeType, list[LegalBasisIn]] = {}
    examples: ExamplesIn
    review_notes: list[str] = []


class AllowedConductIn(_Strict):
    id: str
    title_id: str
    title_en: str
    description: str
    legal_basis: list[LegalBasisIn]
    review_status: ReviewStatus
    examples: list[str] = []
    limits: list[str] = []


class AllowedFile(_Strict):
    allowed_conduct: list[AllowedConductIn]


class GestureIn(_Strict):
    id: str
    label_id: str
    label_en: str
    mimics_number: int | None
    allowed: bool
    review_status: ReviewStatus
    note: str | None = None


class GesturesFile(_Strict):
    gestures: list[GestureIn]


class PositionIn(_Strict):
    id: str
    label_id: str
    label_en: str
    synonyms: list[str] = Field(min_length=1)
    qualifiers: list[str] = []
    employee_type: EmployeeType | None = None
    legal_basis: list[LegalBasisIn]
    review_status: ReviewStatus
    note: str | None = None


class PositionsFile(_Strict):
    positions: list[PositionIn]


class ProcedureStepIn(_Strict):
    id: str
    title_id: str
    title_en: str
    actor_function: str
    deadline: str | None = None  # a step id in deadlines.yaml
    #: The stages (``procedures.CASE_STAGES``) a case is in while the step is done, in order.
    case_statuses: list[str] = []
    note: str | None = None


class ProcedureVersionIn(_Strict):
    from_: date = Field(alias="from")
    review_status: ReviewStatus
    legal_basis: list[LegalBasisIn] = []
    steps: Annotated[list[ProcedureStepIn], Field(min_length=1)] | None  # null repeals
    note: str | None = None


class ProcedureIn(_Strict):
    label_id: str
    label_en: str
    versions: list[ProcedureVersionIn] = Field(min_length=1)


class ProceduresFile(_Strict):
    procedures: dict[str, ProcedureIn]
