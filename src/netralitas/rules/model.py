"""Domain objects of the legal catalogue: frozen dataclasses built from the YAML data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, Protocol, TypeVar

from netralitas.formats import rupiah


class ReviewStatus(StrEnum):
    CONFIRMED = "confirmed"
    NEEDS_REVIEW = "needs_review"


class EmployeeType(StrEnum):
    PNS = "pns"
    CPNS = "cpns"
    PPPK = "pppk"
    NON_ASN = "non_asn"
    UNKNOWN = "unknown"


EMPLOYEE_TYPE_LABELS: dict[EmployeeType, str] = {
    EmployeeType.PNS: "PNS (Pegawai Negeri Sipil)",
    EmployeeType.CPNS: "CPNS (calon PNS)",
    EmployeeType.PPPK: "PPPK (pegawai pemerintah dengan perjanjian kerja)",
    EmployeeType.NON_ASN: "Bukan ASN (kepala desa, perangkat desa, honorer, TNI/Polri)",
    EmployeeType.UNKNOWN: "Belum diketahui",
}


class Track(StrEnum):
    ETHICS = "ethics"
    DISCIPLINE = "discipline"
    DISMISSAL = "dismissal"
    CRIME = "crime"
    CANDIDATE_CONSEQUENCE = "candidate_consequence"


class Level(StrEnum):
    MORAL = "moral"
    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"
    PTDH = "ptdh"
    CASE_BY_CASE = "case_by_case"
    CRIMINAL = "criminal"
    CANDIDATE = "candidate"


#: Order of the ASN-sanction levels, lightest first (used for the overall recommendation).
LEVEL_ORDER: tuple[Level, ...] = (Level.MORAL, Level.LIGHT, Level.MODERATE, Level.HEAVY, Level.PTDH)

LEVEL_LABELS: dict[Level, str] = {
    Level.MORAL: "sanksi moral (pernyataan tertutup/terbuka)",
    Level.LIGHT: "hukuman disiplin ringan",
    Level.MODERATE: "hukuman disiplin sedang",
    Level.HEAVY: "hukuman disiplin berat",
    Level.PTDH: "pemberhentian tidak dengan hormat (PTDH)",
    Level.CASE_BY_CASE: "diputus kasus per kasus",
    Level.CRIMINAL: "pidana pemilihan",
    Level.CANDIDATE: "akibat bagi calon/peserta",
}

TRACK_LABELS: dict[Track, str] = {
    Track.ETHICS: "kode etik",
    Track.DISCIPLINE: "disiplin",
    Track.DISMISSAL: "pemberhentian",
    Track.CRIME: "pidana",
    Track.CANDIDATE_CONSEQUENCE: "akibat bagi calon",
}


REVIEW_STATUS_LABELS: dict[ReviewStatus, str] = {
    ReviewStatus.CONFIRMED: "terkonfirmasi",
    ReviewStatus.NEEDS_REVIEW: "perlu ditinjau",
}

#: Short level names for tables (LEVEL_LABELS has the full wording).
LEVEL_SHORT_LABELS: dict[Level, str] = {
    Level.MORAL: "moral",
    Level.LIGHT: "ringan",
    Level.MODERATE: "sedang",
    Level.HEAVY: "berat",
    Level.PTDH: "PTDH",
    Level.CASE_BY_CASE: "kasus per kasus",
    Level.CRIMINAL: "pidana",
    Level.CANDIDATE: "akibat calon",
}

#: Deadline units: Indonesian, English.
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "days": ("hari", "days"),
    "working_days": ("hari kerja", "working days"),
}

ELECTION_KIND_LABELS: dict[str, str] = {"pemilu": "Pemilu", "pilkada": "Pilkada"}

STAGE_LABELS: dict[str, str] = {
    "bakal_calon": "bakal calon",
    "calon": "calon (sudah ditetapkan)",
    "any": "bakal calon maupun calon",
}

STAGE_SOURCE_LABELS: dict[str, str] = {
    "date": "dari tanggal penetapan calon",
    "officer": "ditetapkan petugas",
    "unknown": "tidak dapat ditentukan",
}

PERIOD_LABELS: dict[str, str] = {
    "any": "kapan saja",
    "campaign": "hanya masa kampanye",
    "from_six_months_before_determination": "sejak 6 bulan sebelum penetapan pasangan calon",
}


def review_label(status: ReviewStatus | str) -> str:
    """'perlu ditinjau · needs_review': Indonesian first, the stable value second."""
    return f"{REVIEW_STATUS_LABELS[ReviewStatus(status)]} · {status}"


def describe_amount(amount: int, unit: str) -> str:
    """'7 hari', '3 hari kerja'."""
    return f"{amount} {UNIT_LABELS[unit][0]}"


@dataclass(frozen=True)
class LegalBasis:
    instrument: str
    instrument_short: str
    article: str
    note: str | None = None

    def cite(self) -> str:
        return f"{self.instrument_short} {self.article}".strip()


@dataclass(frozen=True)
class Instrument:
    id: str
    short: str
    name: str
    summary: str
    in_force_from: date
    in_force_until: date | None
    replaces: tuple[str, ...]
    replaced_by: str | None
    url: str | None
    review_status: ReviewStatus
    note: str | None

    def is_in_force(self, on: date) -> bool:
        return self.in_force_from <= on and (self.in_force_until is None or on <= self.in_force_until)


@dataclass(frozen=True)
class Qualifier:
    id: str
    label_id: str
    label_en: str
    description: str


@dataclass(frozen=True)
class Authority:
    id: str
    name: str
    name_en: str
    review_status: ReviewStatus
    legal_basis: tuple[LegalBasis, ...]
    function: str = ""
    note: str | None = None


@dataclass(frozen=True)
class Deadline:
    step_id: str
    amount: int
    unit: Literal["days", "working_days"]
    review_status: ReviewStatus
    legal_basis: tuple[LegalBasis, ...]
    configurable: bool
    label_id: str = ""
    note: str | None = None
    starts_when: str = ""
    actor_function: str | None = None

    def describe(self) -> str:
        """The amount in Indonesian: '7 hari', '3 hari kerja'."""
        return describe_amount(self.amount, self.unit)


@dataclass(frozen=True)
class Milestone:
    id: str
    on: date
    label_id: str


@dataclass(frozen=True)
class Election:
    id: str
    name: str
    kind: Literal["pemilu", "pilkada"]
    statute: str
    window_start_on: date
    window_end_on: date
    candidate_determination_on: date
    campaign_start_on: date
    campaign_end_on: date
    quiet_start_on: date
    quiet_end_on: date
    vote_on: date
    milestones: tuple[Milestone, ...]
    review_status: ReviewStatus
    note: str | None
    ballot_numbers: tuple[int, ...] = ()

    def covers(self, on: date) -> bool:
        return self.window_start_on <= on <= self.window_end_on

    def is_campaign_period(self, on: date) -> bool:
        return self.campaign_start_on <= on <= self.campaign_end_on


@dataclass(frozen=True)
class LadderVersion:
    from_on: date
    legal_basis: tuple[LegalBasis, ...]
    review_status: ReviewStatus
    levels: dict[Level, tuple[str, ...]] | None
    note: str | None


@dataclass(frozen=True)
class SanctionLadder:
    id: str
    track: Track
    employee_types: frozenset[EmployeeType]
    label_id: str
    versions: tuple[LadderVersion, ...]


@dataclass(frozen=True)
class TrackInfo:
    id: Track
    label_id: str
    label_en: str
    authority_function: str
    supervision_functions: tuple[str, ...]
    deadlines: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Conditions:
    behaviours_any: frozenset[str]
    employee_types: frozenset[EmployeeType]
    candidate_stage: Literal["bakal_calon", "calon", "any"]
    qualifiers_all: frozenset[str]
    qualifiers_any: frozenset[str]
    qualifiers_none: frozenset[str]
    period: Literal["any", "campaign", "from_six_months_before_determination"]
    election_kinds: frozenset[str]
    #: Stages in which applying the rule is itself unverified (the finding is then needs_review).
    unsure_stages: frozenset[str] = frozenset()
    #: The rule applies only if one of these behaviours is also among the facts.
    requires_any: frozenset[str] = frozenset()
    #: Employee types for which applying the rule is an unverified reading.
    unsure_employee_types: frozenset[EmployeeType] = frozenset()
    #: Applied at any time, but disputed outside this period ("campaign").
    unsure_outside_period: str | None = None


@dataclass(frozen=True)
class Review:
    """Who confirmed an item against the official text and when; the question still open."""

    reviewed_by: str | None = None
    reviewed_on: date | None = None
    question: str | None = None


@dataclass(frozen=True)
class ViolationVersion:
    from_on: date
    level: Level | None
    legal_basis: tuple[LegalBasis, ...]
    review_status: ReviewStatus
    note: str | None
    review: Review = Review()


@dataclass(frozen=True)
class Examples:
    allowed: tuple[str, ...]
    not_allowed: tuple[str, ...]


@dataclass(frozen=True)
class CriminalRange:
    """The statutory range of a criminal penalty (months of confinement, fines in rupiah)."""

    subject: str
    confinement: Literal["penjara", "kurungan"]
    min_months: int | None
    max_months: int
    fine_min_rp: int | None
    fine_max_rp: int | None
    combination: Literal["and", "or", "and_or"]
    legal_basis: tuple[LegalBasis, ...]
    review_status: ReviewStatus
    note: str | None = None
    review: Review = Review()

    def describe(self) -> str:
        months = (
            f"{self.min_months}-{self.max_months}" if self.min_months else f"paling lama {self.max_months}"
        )
        joiner = {"and": "dan", "or": "atau", "and_or": "dan/atau"}[self.combination]
        text = f"{self.subject}: pidana {self.confinement} {months} bulan"
        if self.fine_max_rp is not None:
            low = f"{rupiah(self.fine_min_rp)}-" if self.fine_min_rp else "paling banyak "
            text += f" {joiner} denda {low}{rupiah(self.fine_max_rp)}"
        return text


@dataclass(frozen=True)
class Violation:
    id: str
    group: str
    title_id: str
    title_en: str
    description: str
    track: Track
    conditions: Conditions
    versions: tuple[ViolationVersion, ...]
    penalty: str | None
    criminal_range: CriminalRange | None
    covered_by: tuple[str, ...]
    examples: Examples
    review_notes: tuple[str, ...]
    #: Extra legal basis cited for acts by one employee type (e.g. PP 49/2018 for PPPK).
    employee_type_basis: tuple[tuple[EmployeeType, tuple[LegalBasis, ...]], ...] = ()

    def basis_for(self, employee_type: EmployeeType) -> tuple[LegalBasis, ...]:
        return next((basis for t, basis in self.employee_type_basis if t is employee_type), ())

    def version_on(self, on: date) -> ViolationVersion | None:
        """The version in force on ``on`` (None if not yet in force or repealed)."""
        found = latest_on(self.versions, on)
        return found if found is not None and found.level is not None else None

    @property
    def current(self) -> ViolationVersion:
        return self.versions[-1]

    # Convenience accessors of the newest version (what the catalogue says today).
    @property
    def level(self) -> Level | None:
        return self.current.level

    @property
    def legal_basis(self) -> tuple[LegalBasis, ...]:
        return self.current.legal_basis

    @property
    def review_status(self) -> ReviewStatus:
        return self.current.review_status


@dataclass(frozen=True)
class AllowedConduct:
    id: str
    title_id: str
    title_en: str
    description: str
    legal_basis: tuple[LegalBasis, ...]
    review_status: ReviewStatus
    examples: tuple[str, ...]
    limits: tuple[str, ...]


@dataclass(frozen=True)
class Gesture:
    """A pose in a photo: evidence for skb-a5/skb-b7 when it mimics a ballot number or a party sign."""

    id: str
    label_id: str
    label_en: str
    mimics_number: int | None
    allowed: bool
    review_status: ReviewStatus
    note: str | None


class _Dated(Protocol):
    @property
    def from_on(self) -> date: ...


D = TypeVar("D", bound=_Dated)


def latest_on(versions: Sequence[D], on: date) -> D | None:
    """The newest version whose date of effect is not after ``on`` (versions sorted by date)."""
    found: D | None = None
    for version in versions:
        if version.from_on <= on:
            found = version
        else:
            break
    return found
