"""Turn validated YAML models into domain objects, checking every cross-reference.

Each check raises :class:`CatalogueError` naming the file (``details['file']``) and the kind of
problem (``details['kind']``), so a broken catalogue never half-loads.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date

from netralitas.rules import schema as s
from netralitas.rules.calendar import CalendarYear, WorkingDayCalendar
from netralitas.rules.checks import ascending, dangling, unique
from netralitas.rules.model import (
    AllowedConduct,
    Authority,
    Conditions,
    CriminalRange,
    Deadline,
    Election,
    EmployeeType,
    Examples,
    Gesture,
    Instrument,
    LadderVersion,
    LegalBasis,
    Milestone,
    Qualifier,
    Review,
    ReviewStatus,
    SanctionLadder,
    TrackInfo,
    Violation,
    ViolationVersion,
)
from netralitas.rules.yamlfile import catalogue_error


class Refs:
    """Ids known so far, for dangling-reference checks."""

    def __init__(self, instruments: dict[str, Instrument]) -> None:
        self.instruments = instruments

    def basis(self, items: Iterable[s.LegalBasisIn], file: str) -> tuple[LegalBasis, ...]:
        out = []
        for item in items:
            inst = self.instruments.get(item.instrument)
            if inst is None:
                raise dangling(file, "instrument", item.instrument, self.instruments)
            out.append(LegalBasis(item.instrument, inst.short, item.article, item.note))
        return tuple(out)


def instruments(model: s.InstrumentsFile, file: str) -> dict[str, Instrument]:
    unique(file, [i.id for i in model.instruments], "instrumen")
    out = {
        i.id: Instrument(
            i.id,
            i.short,
            i.name,
            i.summary,
            i.in_force_from,
            i.in_force_until,
            tuple(i.replaces),
            i.replaced_by,
            i.url,
            ReviewStatus(i.review_status),
            i.note,
        )
        for i in model.instruments
    }
    for inst in out.values():
        if inst.in_force_until is not None and inst.in_force_until < inst.in_force_from:
            raise catalogue_error(file, f"{inst.id}: in_force_until sebelum in_force_from", "bad_date")
        for ref in (*inst.replaces, *([inst.replaced_by] if inst.replaced_by else [])):
            if ref not in out:
                raise dangling(file, "instrument", ref, out)
    return out


def qualifiers(model: s.QualifiersFile, file: str) -> dict[str, Qualifier]:
    unique(file, [q.id for q in model.qualifiers], "qualifier")
    return {q.id: Qualifier(q.id, q.label_id, q.label_en, q.description) for q in model.qualifiers}


def authorities(
    model: s.AuthoritiesFile, file: str, refs: Refs
) -> tuple[dict[str, Authority], dict[str, tuple[tuple[date, Authority | None], ...]], dict[str, str]]:
    unique(file, [a.id for a in model.authorities], "authority")
    auths = {
        a.id: Authority(
            a.id,
            a.name,
            a.name_en,
            ReviewStatus(a.review_status),
            refs.basis(a.legal_basis, file),
            "",
            a.note,
        )
        for a in model.authorities
    }
    functions: dict[str, tuple[tuple[date, Authority | None], ...]] = {}
    for fid, fn in model.functions.items():
        ascending(file, [v.from_ for v in fn.versions], fid, [v.authority is None for v in fn.versions])
        versions: list[tuple[date, Authority | None]] = []
        for v in fn.versions:
            if v.authority is not None and v.authority not in auths:
                raise dangling(file, "authority", v.authority, auths)
            base = auths[v.authority] if v.authority is not None else None
            versions.append((v.from_, _authority_version(base, fid, v, refs, file)))
        functions[fid] = tuple(versions)
    labels = {fid: fn.label_id for fid, fn in model.functions.items()}
    return auths, functions, labels


def _authority_version(
    base: Authority | None, fid: str, v: s.AuthorityVersionIn, refs: Refs, file: str
) -> Authority | None:
    if base is None:
        return None
    worst = (
        ReviewStatus.NEEDS_REVIEW
        if ReviewStatus.NEEDS_REVIEW in (base.review_status, v.review_status)
        else ReviewStatus.CONFIRMED
    )
    return Authority(
        base.id,
        base.name,
        base.name_en,
        worst,
        base.legal_basis + refs.basis(v.legal_basis, file),
        fid,
        v.note or base.note,
    )


def deadlines(
    model: s.DeadlinesFile, file: str, refs: Refs, functions: Iterable[str]
) -> dict[str, tuple[tuple[date, Deadline | None], ...]]:
    known = set(functions)
    out: dict[str, tuple[tuple[date, Deadline | None], ...]] = {}
    for step, spec in model.steps.items():
        if spec.actor_function is not None and spec.actor_function not in known:
            raise dangling(file, "function", spec.actor_function, known)
        ascending(file, [v.from_ for v in spec.versions], step, [v.amount is None for v in spec.versions])
        versions: list[tuple[date, Deadline | None]] = []
        for v in spec.versions:
            if (v.amount is None) != (v.unit is None):
                raise catalogue_error(
                    file, f"{step}: amount dan unit harus sama-sama diisi atau null", "schema"
                )
            if v.amount is None or v.unit is None:
                versions.append((v.from_, None))
                continue
            dl = Deadline(
                step,
                v.amount,
                v.unit,
                ReviewStatus(v.review_status),
                refs.basis(v.legal_basis, file),
                v.configurable,
                spec.label_id,
                v.note,
                spec.starts_when,
                spec.actor_function,
            )
            versions.append((v.from_, dl))
        out[step] = tuple(versions)
    return out


def elections(model: s.ElectionsFile, file: str, refs: Refs) -> dict[str, Election]:
    unique(file, [e.id for e in model.elections], "election")
    out: dict[str, Election] = {}
    for e in model.elections:
        if e.statute not in refs.instruments:
            raise dangling(file, "instrument", e.statute, refs.instruments)
        order = [
            e.window_start_on,
            e.candidate_determination_on,
            e.campaign_start_on,
            e.campaign_end_on,
            e.quiet_start_on,
            e.quiet_end_on,
            e.vote_on,
            e.window_end_on,
        ]
        if any(a > b for a, b in itertools.pairwise(order)):
            raise catalogue_error(
                file, f"{e.id}: urutan tanggal tahapan tidak masuk akal / dates out of order", "bad_date"
            )
        milestones = tuple(Milestone(m.id, m.day, m.label_id) for m in e.milestones)
        out[e.id] = Election(
            e.id,
            e.name,
            e.kind,
            e.statute,
            e.window_start_on,
            e.window_end_on,
            e.candidate_determination_on,
            e.campaign_start_on,
            e.campaign_end_on,
            e.quiet_start_on,
            e.quiet_end_on,
            e.vote_on,
            milestones,
            ReviewStatus(e.review_status),
            e.note,
            tuple(e.ballot_numbers),
        )
    return out


def calendar(model: s.CalendarFile, file: str) -> WorkingDayCalendar:
    unique(file, [str(y.year) for y in model.years], "year")
    years: dict[int, CalendarYear] = {}
    for y in model.years:
        for day in (*y.extra_days_off, *y.extra_working_days):
            if day.day.year != y.year:
                raise catalogue_error(file, f"{day.day} bukan di tahun {y.year}", "bad_date")
        years[y.year] = CalendarYear(
            y.year,
            ReviewStatus(y.review_status),
            {d.day: d.name for d in y.extra_days_off},
            {d.day: d.name for d in y.extra_working_days},
            y.note,
        )
    return WorkingDayCalendar(years, tuple(model.categories), frozenset(model.weekend))


def ladders(model: s.SanctionsFile, file: str, refs: Refs) -> tuple[SanctionLadder, ...]:
    unique(file, [lad.id for lad in model.ladders], "ladder")
    out = []
    for lad in model.ladders:
        ascending(file, [v.from_ for v in lad.versions], lad.id, [v.levels is None for v in lad.versions])
        versions = tuple(
            LadderVersion(
                v.from_,
                refs.basis(v.legal_basis, file),
                ReviewStatus(v.review_status),
                {k: tuple(opts) for k, opts in v.levels.items()} if v.levels is not None else None,
                v.note,
            )
            for v in lad.versions
        )
        out.append(
            SanctionLadder(
                lad.id,
                lad.track,
                frozenset(EmployeeType(t) for t in lad.employee_types),
                lad.label_id,
                versions,
            )
        )
    return tuple(out)


def tracks(
    model: s.TracksFile, file: str, functions: Iterable[str], steps: Iterable[str]
) -> dict[str, TrackInfo]:
    known_fn, known_steps = set(functions), set(steps)
    unique(file, [t.id for t in model.tracks], "track")
    out: dict[str, TrackInfo] = {}
    for t in model.tracks:
        for fn in (t.authority_function, *t.supervision_functions):
            if fn not in known_fn:
                raise dangling(file, "function", fn, known_fn)
        for step in (step for group in t.deadlines.values() for step in group):
            if step not in known_steps:
                raise dangling(file, "deadline step", step, known_steps)
        out[t.id] = TrackInfo(
            t.id,
            t.label_id,
            t.label_en,
            t.authority_function,
            tuple(t.supervision_functions),
            {k: tuple(v) for k, v in t.deadlines.items()},
        )
    return out


def violation(model: s.ViolationIn, file: str, refs: Refs, qualifier_ids: Iterable[str]) -> Violation:
    known = set(qualifier_ids)
    c = model.conditions
    for q in (*c.qualifiers_all, *c.qualifiers_any, *c.qualifiers_none):
        if q not in known:
            raise dangling(file, "qualifier", q, known)
    ascending(file, [v.from_ for v in model.versions], model.id, [v.level is None for v in model.versions])
    conditions = Conditions(
        frozenset(b.value for b in c.behaviours_any),
        frozenset(EmployeeType(t) for t in c.employee_types),
        c.candidate_stage,
        frozenset(c.qualifiers_all),
        frozenset(c.qualifiers_any),
        frozenset(c.qualifiers_none),
        c.period,
        frozenset(c.election_kinds),
        frozenset(c.unsure_stages),
        frozenset(b.value for b in c.requires_any),
        frozenset(EmployeeType(t) for t in c.unsure_employee_types),
        c.unsure_outside_period,
    )
    versions = tuple(
        ViolationVersion(
            v.from_,
            v.level,
            refs.basis(v.legal_basis, file),
            ReviewStatus(v.review_status),
            v.note,
            review(v, f"{model.id} {v.from_}", file),
        )
        for v in model.versions
    )
    examples = Examples(tuple(model.examples.allowed), tuple(model.examples.not_allowed))
    criminal = None
    if model.track == "crime" and model.criminal_range is None:
        raise catalogue_error(
            file, "jalur pidana wajib punya criminal_range / crime needs criminal_range", "schema"
        )
    if model.criminal_range is not None:
        r = model.criminal_range
        if r.min_months is not None and r.min_months > r.max_months:
            raise catalogue_error(file, "criminal_range: min_months > max_months", "schema")
        criminal = CriminalRange(
            r.subject,
            r.confinement,
            r.min_months,
            r.max_months,
            r.fine_min_rp,
            r.fine_max_rp,
            r.combination,
            refs.basis(r.legal_basis, file),
            ReviewStatus(r.review_status),
            r.note,
            review(r, f"{model.id} criminal_range", file),
        )
    return Violation(
        model.id,
        model.group,
        model.title_id,
        model.title_en,
        model.description,
        model.track,
        conditions,
        versions,
        model.penalty,
        criminal,
        tuple(model.covered_by),
        examples,
        tuple(model.review_notes),
        tuple((EmployeeType(t), refs.basis(items, file)) for t, items in model.employee_type_basis.items()),
    )


def review(item: s.ReviewedIn, what: str, file: str) -> Review:
    """Check ``reviewed_by``/``reviewed_on``: both or neither, and only on a confirmed item."""
    if (item.reviewed_by is None) != (item.reviewed_on is None):
        raise catalogue_error(
            file, f"{what}: reviewed_by dan reviewed_on harus sama-sama diisi / both or neither", "schema"
        )
    if item.reviewed_by is not None and not item.reviewed_by.strip():
        raise catalogue_error(file, f"{what}: reviewed_by kosong / empty reviewer", "schema")
    if item.reviewed_by is not None and item.review_status != ReviewStatus.CONFIRMED:
        raise catalogue_error(
            file,
            f"{what}: reviewed_by hanya untuk butir yang sudah confirmed / a review confirms the item",
            "schema",
        )
    return Review(item.reviewed_by, item.reviewed_on, item.review_question)


def allowed(model: s.AllowedFile, file: str, refs: Refs) -> tuple[AllowedConduct, ...]:
    unique(file, [a.id for a in model.allowed_conduct], "allowed conduct")
    return tuple(
        AllowedConduct(
            a.id,
            a.title_id,
            a.title_en,
            a.description,
            refs.basis(a.legal_basis, file),
            ReviewStatus(a.review_status),
            tuple(a.examples),
            tuple(a.limits),
        )
        for a in model.allowed_conduct
    )


def gestures(model: s.GesturesFile, file: str) -> tuple[Gesture, ...]:
    unique(file, [g.id for g in model.gestures], "gesture")
    return tuple(
        Gesture(
            g.id, g.label_id, g.label_en, g.mimics_number, g.allowed, ReviewStatus(g.review_status), g.note
        )
        for g in model.gestures
    )
