"""The phases (tahapan) of an election, derived from the dates the catalogue gives, and which
neutrality rules apply in each: what a circular, a brief or a calendar entry tells ASN.

The catalogue dates decide; a phase is only a name for the span between two of them. Before
candidate determination the supported person is still a *bakal calon* (the ethics list of SKB
Lampiran II huruf A applies); from it on a *calon* (the disciplinary list, huruf B)."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import Election, Violation

#: Phase id -> (Indonesian label, English label).
PHASE_LABELS: dict[str, tuple[str, str]] = {
    "pra_penetapan": ("Sebelum penetapan calon (bakal calon)", "Before candidate determination"),
    "penetapan_calon": ("Penetapan calon sampai awal kampanye", "Candidates determined, before the campaign"),
    "kampanye": ("Masa kampanye", "Campaign period"),
    "masa_tenang": ("Masa tenang", "Quiet period"),
    "pemungutan_suara": ("Hari pemungutan suara", "Voting day"),
    "pasca_pemungutan": ("Sesudah pemungutan suara (rekapitulasi, sengketa)", "After the vote"),
}


@dataclass(frozen=True)
class PhaseSpan:
    election_id: str
    id: str
    start_on: date
    end_on: date

    @property
    def label(self) -> str:
        return PHASE_LABELS[self.id][0]

    def covers(self, day: date) -> bool:
        return self.start_on <= day <= self.end_on


def phases_of(election: Election) -> tuple[PhaseSpan, ...]:
    e, one = election, timedelta(days=1)
    spans = (
        ("pra_penetapan", e.window_start_on, e.candidate_determination_on - one),
        ("penetapan_calon", e.candidate_determination_on, e.campaign_start_on - one),
        ("kampanye", e.campaign_start_on, e.campaign_end_on),
        ("masa_tenang", e.quiet_start_on, e.quiet_end_on),
        ("pemungutan_suara", e.vote_on, e.vote_on),
        ("pasca_pemungutan", e.vote_on + one, e.window_end_on),
    )
    return tuple(PhaseSpan(e.id, pid, start, end) for pid, start, end in spans if start <= end)


def phase_on(election: Election, day: date) -> PhaseSpan | None:
    return next((p for p in phases_of(election) if p.covers(day)), None)


def next_phase(election: Election, day: date) -> PhaseSpan | None:
    return next((p for p in phases_of(election) if p.start_on > day), None)


def current_election(catalogue: Catalogue, day: date) -> Election | None:
    """The election whose window holds ``day`` (the one voting soonest if several), else the next one,
    else the most recent one (so a template can always be drafted)."""
    covering = sorted(catalogue.elections_covering(day), key=lambda e: e.vote_on)
    if covering:
        return covering[0]
    ahead = sorted(
        (e for e in catalogue.elections.values() if e.window_start_on > day), key=lambda e: e.vote_on
    )
    if ahead:
        return ahead[0]
    past = sorted(catalogue.elections.values(), key=lambda e: e.vote_on)
    return past[-1] if past else None


def _months_before(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


def applies_on(rule: Violation, election: Election, day: date) -> bool:
    """Whether the rule can be broken on ``day`` in this election (law in force, kind, stage, period)."""
    c = rule.conditions
    if rule.version_on(day) is None or (c.election_kinds and election.kind not in c.election_kinds):
        return False
    stage = "bakal_calon" if day < election.candidate_determination_on else "calon"
    if c.candidate_stage not in ("any", stage):
        return False
    if c.period == "campaign":
        return election.is_campaign_period(day)
    if c.period == "from_six_months_before_determination":
        return day >= _months_before(election.candidate_determination_on, 6)
    return True


def rules_on(catalogue: Catalogue, election: Election, day: date) -> tuple[Violation, ...]:
    """Rules that apply on ``day``, ethics and discipline first, then the others, by id."""
    order = {"ethics": 0, "discipline": 1}
    found = [v for v in catalogue.violations.values() if applies_on(v, election, day)]
    return tuple(sorted(found, key=lambda v: (order.get(v.track.value, 2), v.id)))


@dataclass(frozen=True)
class PhaseChange:
    """What changes when the next phase starts: rules that begin and stop applying."""

    election_id: str
    current: PhaseSpan | None
    next: PhaseSpan
    starting: tuple[Violation, ...]
    ending: tuple[Violation, ...]


def change_at_next(catalogue: Catalogue, election: Election, day: date) -> PhaseChange | None:
    upcoming = next_phase(election, day)
    if upcoming is None:
        return None
    now = {v.id: v for v in rules_on(catalogue, election, day)}
    then = {v.id: v for v in rules_on(catalogue, election, upcoming.start_on)}
    starting = tuple(v for k, v in then.items() if k not in now)
    ending = tuple(v for k, v in now.items() if k not in then)
    return PhaseChange(election.id, phase_on(election, day), upcoming, starting, ending)
