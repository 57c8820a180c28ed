"""Build the dashboard from a :class:`FactSource`: labelled breakdowns, the monthly series with
the catalogue's election phases, PPK statistics and the comparison with the previous election
of the same kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from netralitas.analytics.facts import UNKNOWN
from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import (
    Breakdown,
    Comparison,
    ComparisonRow,
    Dashboard,
    Dimension,
    FactSource,
    Phase,
    PpkRow,
    Row,
    Series,
)
from netralitas.cases.workflow import STATUS_LABELS, CaseStatus
from netralitas.rules.behaviours import BEHAVIOUR_LABELS, Behaviour
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import EMPLOYEE_TYPE_LABELS, Election, EmployeeType

#: Breakdowns on the dashboard, in page order: (id, dimension, title id, title en).
BREAKDOWNS: tuple[tuple[str, Dimension, str, str], ...] = (
    ("tahap", Dimension.STATUS, "Kasus menurut tahap penanganan", "Cases by workflow stage"),
    ("perilaku", Dimension.BEHAVIOUR, "Kasus menurut perilaku", "Cases by behaviour"),
    ("pelanggaran", Dimension.RULE, "Kasus menurut ketentuan yang dilanggar", "Cases by rule"),
    ("provinsi", Dimension.PROVINCE, "Kasus menurut provinsi", "Cases by province"),
    (
        "kabkota",
        Dimension.REGENCY,
        "Kasus menurut kabupaten/kota (20 terbanyak)",
        "Cases by regency (top 20)",
    ),
    ("instansi", Dimension.AGENCY, "Kasus menurut instansi (20 terbanyak)", "Cases by agency (top 20)"),
    ("jabatan", Dimension.POSITION, "Kasus menurut jabatan", "Cases by position"),
    ("jenis-pegawai", Dimension.EMPLOYEE_TYPE, "Kasus menurut jenis pegawai", "Cases by employee type"),
)
TOP = 20
_STATUSES = frozenset(s.value for s in CaseStatus)
_BEHAVIOURS = frozenset(b.value for b in Behaviour)
_EMPLOYEE_TYPES = frozenset(e.value for e in EmployeeType)


@dataclass(frozen=True)
class Names:
    """How codes become names: regions and agencies come from outside the pure core."""

    region: Callable[[str], str]
    agency: Callable[[str], str]


def label_of(catalogue: Catalogue, names: Names, dimension: Dimension, key: str) -> tuple[str, str]:
    """(Indonesian, English) label of a value of ``dimension``."""
    if key in ("", UNKNOWN):
        return ("Belum diketahui", "Not known yet")
    if dimension is Dimension.STATUS and key in _STATUSES:
        return STATUS_LABELS[CaseStatus(key)]
    if dimension is Dimension.BEHAVIOUR and key in _BEHAVIOURS:
        return BEHAVIOUR_LABELS[Behaviour(key)]
    if dimension is Dimension.RULE and key in catalogue.violations:
        v = catalogue.violations[key]
        return (f"{v.title_id} ({key})", f"{v.title_en} ({key})")
    if dimension is Dimension.POSITION:
        found = catalogue.positions.get(key)
        return (found.label_id, found.label_en) if found else ("Jabatan lain", "Other position")
    if dimension is Dimension.EMPLOYEE_TYPE and key in _EMPLOYEE_TYPES:
        text = EMPLOYEE_TYPE_LABELS.get(EmployeeType(key), key)
        return (text, text)
    if dimension in (Dimension.PROVINCE, Dimension.REGENCY):
        return (names.region(key), names.region(key))
    if dimension is Dimension.AGENCY:
        return (names.agency(key), names.agency(key))
    return (key, key)


def breakdown(
    catalogue: Catalogue, names: Names, spec: tuple[str, Dimension, str, str], counts: dict[str, int]
) -> Breakdown:
    bid, dimension, title, title_en = spec
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if dimension is Dimension.STATUS:
        order = {s.value: i for i, s in enumerate(CaseStatus)}
        ordered = sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))
    elif dimension in (Dimension.REGENCY, Dimension.AGENCY):
        ordered = [kv for kv in ordered if kv[0]][:TOP]
    rows = tuple(Row(k, *label_of(catalogue, names, dimension, k), n) for k, n in ordered)
    return Breakdown(bid, title, title_en, rows)


def build_dashboard(
    source: FactSource, catalogue: Catalogue, names: Names, where: FactFilter, today: date
) -> Dashboard:
    parts = tuple(breakdown(catalogue, names, spec, source.counts(spec[1], where)) for spec in BREAKDOWNS)
    return Dashboard(
        applied=where,
        total=source.total(where),
        breakdowns=parts,
        series=build_series(source.monthly(where), catalogue, where),
        ppk=ppk_rows(source, names, where, today),
        comparison=compare(source, catalogue, where),
    )


def ppk_rows(source: FactSource, names: Names, where: FactFilter, today: date) -> tuple[PpkRow, ...]:
    rows = []
    for c in source.ppk(where, today):
        mean = round(c.days_total / c.days_count, 1) if c.days_count else None
        label = names.agency(c.agency_id) if c.agency_id else "Instansi belum diketahui"
        rows.append(PpkRow(c.agency_id, label, c.sent, c.decided, c.overdue, c.followed_up, mean, c.max_days))
    return tuple(sorted(rows, key=lambda r: (-r.overdue, -r.sent, r.agency_id)))


def month_start(day: date) -> date:
    return day.replace(day=1)


def _months(first: date, last: date) -> Iterable[date]:
    current = month_start(first)
    while current <= last:
        yield current
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)


def build_series(monthly: dict[date, int], catalogue: Catalogue, where: FactFilter) -> Series:
    """Every month from the first to the last case (or the filter's period), zeros included, and
    the phases of the elections filtered on (or else those whose vote day falls in the span)."""
    if not monthly and not (where.opened_from and where.opened_to):
        return Series((), ())
    first = where.opened_from or min(monthly)
    last = where.opened_to or max(monthly)
    months = tuple((m, monthly.get(m, 0)) for m in _months(first, last))
    if where.election_ids:
        chosen = [catalogue.elections[e] for e in where.election_ids if e in catalogue.elections]
    else:
        chosen = [e for e in catalogue.elections.values() if month_start(first) <= e.vote_on <= last]
    return Series(months, tuple(p for e in chosen for p in election_phases(e)))


def election_phases(election: Election) -> tuple[Phase, ...]:
    e = election
    return (
        Phase(e.id, "candidate_determination", "Penetapan calon", "Candidates determined",
              e.candidate_determination_on, e.candidate_determination_on),
        Phase(e.id, "campaign", "Masa kampanye", "Campaign", e.campaign_start_on, e.campaign_end_on),
        Phase(e.id, "quiet", "Masa tenang", "Quiet period", e.quiet_start_on, e.quiet_end_on),
        Phase(e.id, "vote", "Pemungutan suara", "Vote", e.vote_on, e.vote_on),
    )  # fmt: skip


def previous_election(catalogue: Catalogue, election_id: str) -> Election | None:
    """The latest election of the same kind (pemilu/pilkada) voted before this one."""
    current = catalogue.elections.get(election_id)
    if current is None:
        return None
    earlier = [
        e for e in catalogue.elections.values() if e.kind == current.kind and e.vote_on < current.vote_on
    ]
    return max(earlier, key=lambda e: e.vote_on, default=None)


def compare(source: FactSource, catalogue: Catalogue, where: FactFilter) -> Comparison | None:
    """Cases by behaviour (and in total) in the filtered election beside the previous one of the
    same kind, with the same region, agency and behaviour filters (not the period)."""
    if len(where.election_ids) != 1:
        return None
    current_id = where.election_ids[0]
    before = previous_election(catalogue, current_id)
    if before is None:
        return Comparison(current_id, None, ())
    base = FactFilter(where.region, where.agency_id, (), None, None, where.behaviour)
    now = source.counts(Dimension.BEHAVIOUR, base.for_election(current_id))
    then = source.counts(Dimension.BEHAVIOUR, base.for_election(before.id))
    names = Names(region=str, agency=str)
    rows = [
        ComparisonRow(k, *label_of(catalogue, names, Dimension.BEHAVIOUR, k), now.get(k, 0), then.get(k, 0))
        for k in sorted(set(now) | set(then))
    ]
    total = ComparisonRow("total", "Jumlah", "Total", sum(now.values()), sum(then.values()))
    return Comparison(current_id, before.id, (*sorted(rows, key=lambda r: -r.current), total))
