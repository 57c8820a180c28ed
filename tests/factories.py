"""The one set of test factories: the agencies, people, reports and files the tests seed, and the
walk of a case through the workflow, for any unit of work (in memory, SQLite or PostgreSQL).

Used by the unit, web, integration, outreach, security and browser tests. The in-memory adapters and
the fakes of the rules (catalogue, assessor) are in ``tests/memory.py``.

- ``make_kit`` / ``make_store``: the unit tests' kit of fakes and an in-memory store with the two
  agencies; ``make_world``: a web app's backend (real kit, in-memory store) with ``PEOPLE`` as users.
- ``seed_agencies``: the real agency list of a province (what ``netralitas agencies`` imports).
- ``person(username)``: the actor of one of ``PEOPLE``; ``INTAKE`` ... ``SUPERVISOR`` are shorthands.
- ``report(**changes)``: a valid public report; ``move``: one workflow step; ``walk_to_examination``:
  a Sleman case from the report to the examination, with an identity, a photo and a person."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path
from typing import Any

from PIL import Image

from netralitas.cases.accounts import actor_of, create_user
from netralitas.cases.agencies import agencies_for, import_agencies, regional_agency
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import PersonInput, TransitionRequest, UserCreate
from netralitas.cases.officer_actions import identify_person, transition_case
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.public_report import ReportSubmission, parse_report_submission
from netralitas.cases.records import Agency, Case
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.cases.workflow import CaseStatus
from netralitas.clock import FixedClock
from netralitas.composition import Backend, build_kit
from netralitas.config import Settings
from netralitas.privacy.evidence_checks import EvidencePolicy
from netralitas.privacy.receipts import ReceiptHasher
from netralitas.privacy.reporter_identity import IdentityKeyring, generate_identity_key
from tests.memory import FakeCatalogue, MemoryFiles, MemoryStore, fake_assessor

MakeUow = Callable[[], UnitOfWork]

# --- agencies and people -------------------------------------------------------------------------

#: The regional governments the tests use (the same records ``netralitas agencies`` imports).
SLEMAN = regional_agency("34.04")
BANTUL = regional_agency("34.02")
SEMARANG = regional_agency("33.74")
PASSWORD = "kata-sandi-uji-123"

#: username -> (role, region, agency). "*_jateng" users are outside DIY (the out-of-region actors).
PEOPLE: dict[str, tuple[Role, str, str | None]] = {
    "admin": (Role.ADMIN, "", None),
    "intake": (Role.INTAKE_OFFICER, "34", None),
    "satgas": (Role.TASKFORCE, "34", None),
    "bawaslu": (Role.BAWASLU, "34", None),
    "pemeriksa": (Role.EXAMINER, "34.04", None),
    "pengawas": (Role.SUPERVISOR, "", None),
    "ppk_sleman": (Role.PPK, "34.04", SLEMAN.id),
    "intake_jateng": (Role.INTAKE_OFFICER, "33", None),
    "satgas_jateng": (Role.TASKFORCE, "33", None),
    "bawaslu_jateng": (Role.BAWASLU, "33", None),
    "pemeriksa_jateng": (Role.EXAMINER, "33.74", None),
    "ppk_semarang": (Role.PPK, "33.74", SEMARANG.id),
}


def actor(role: Role, region: str = "", agency: str | None = None, name: str | None = None) -> Actor:
    """Any actor (not necessarily a stored user): id ``u-<name or role>``."""
    return Actor(f"u-{name or role.value}", name or role.value, role, region, agency)


def person(username: str) -> Actor:
    """The actor of one of ``PEOPLE`` (id ``u-<username>``; stored users get ids of their own)."""
    role, region, agency = PEOPLE[username]
    return actor(role, region, agency, name=username)


ADMIN = person("admin")
INTAKE = person("intake")
TASKFORCE = person("satgas")
BAWASLU = person("bawaslu")
EXAMINER = person("pemeriksa")
PPK = person("ppk_sleman")
SUPERVISOR = person("pengawas")


# --- files ---------------------------------------------------------------------------------------


def png(size: tuple[int, int] = (12, 9), color: str = "blue") -> bytes:
    """A small real PNG image (evidence is sniffed, so test files must be genuine)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    """A small photo carrying EXIF GPS data (which the derivative must not keep)."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraPelapor"
    exif[0x8825] = {1: "S", 2: (7.0, 46.0, 0.0), 3: "E", 4: (110.0, 22.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def write_photo(tmp_path: Path) -> Path:
    path = tmp_path / "bukti.jpg"
    path.write_bytes(jpeg_with_gps())
    return path


# --- reports and the walk of a case --------------------------------------------------------------


def report(**changes: object) -> ReportSubmission:
    """A valid public report about a Sleman camat (``changes`` replace or add fields)."""
    base: dict[str, object] = {
        "region_code": "34.04",
        "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
        "act_on": date(2024, 9, 28),
        "place": "Kecamatan Depok",
        "person_name": "Budi Santoso",
        "agency_id": SLEMAN.id,
        "election_id": "pilkada-2024",
        "links": ("https://instagram.com/p/abc",),
    }
    base.update(changes)
    return parse_report_submission(base)


def current(make_uow: MakeUow, case_id: str) -> Case:
    """The case as committed now."""
    with make_uow() as uow:
        case = uow.cases.get(case_id)
    assert case is not None
    return case


def move(
    make_uow: MakeUow, kit: Kit, who: Actor, case: Case, target: CaseStatus, reason: str | None = None
) -> Case:
    """One workflow step from ``case`` as given (its version: a stale one is refused)."""
    request = TransitionRequest(case_id=case.id, version=case.version, target=target, reason=reason)
    return transition_case(make_uow(), kit, who, request)


@dataclass(frozen=True)
class WalkedCase:
    case_id: str
    report_id: str
    evidence_id: str
    number: str
    receipt: str


def walk_to_examination(
    make_uow: MakeUow, kit: Kit, as_: Callable[[str], Actor] = person, files: Iterable[bytes] = ()
) -> WalkedCase:
    """A Sleman case in examination: a named reporter, ``files`` (default one photo), the person
    identified with the agency, then intake -> task force -> Bawaslu (``as_`` gives each actor)."""
    submission = report(
        description="Camat Depok berfoto dengan pose dua jari bersama calon bupati.",
        act_on=date(2024, 10, 1),
        place=None,
        agency_id=None,
        links=(),
        employee_type="pns",
        anonymous=False,
        reporter={"name": "Warga Sleman", "contact": "0811"},
    )
    sent = submit_report(make_uow(), kit, submission, files=list(files) or [jpeg_with_gps()])
    case = move(make_uow, kit, as_("intake"), current(make_uow, sent.case_id), CaseStatus.ADMIN_CHECK)
    who = PersonInput(name="Budi Santoso", employee_type="pns", agency_id=SLEMAN.id)
    identify_person(make_uow(), kit, as_("intake"), case.id, case.version, who)
    for username, target in (
        ("intake", CaseStatus.VERIFICATION),
        ("satgas", CaseStatus.VALIDATION),
        ("bawaslu", CaseStatus.EXAMINATION),
    ):
        case = move(make_uow, kit, as_(username), current(make_uow, case.id), target)
    with make_uow() as uow:
        evidence = uow.evidence.find(report_id=sent.report_id)[0]
    return WalkedCase(sent.case_id, sent.report_id, evidence.id, sent.case_number, sent.receipt)


# --- stores, kits and worlds ---------------------------------------------------------------------


def seed_agencies(make_uow: MakeUow, kit: Kit, provinces: Iterable[str] = ("34",)) -> None:
    """The real agencies of ``provinces`` (audited as ``agencies.imported``, like the CLI)."""
    import_agencies(make_uow(), kit, agencies_for(provinces))


def add_agencies(make_uow: MakeUow, agencies: Iterable[Agency] = (SLEMAN, SEMARANG)) -> None:
    """Store ``agencies`` directly (no service, so no audit entry)."""
    with make_uow() as uow:
        for agency in agencies:
            uow.agencies.add(agency)
        uow.commit()


def make_store() -> MemoryStore:
    """An in-memory store holding Sleman and Semarang."""
    store = MemoryStore()
    add_agencies(store.unit_of_work)
    return store


KEY = generate_identity_key()


def make_kit(clock: FixedClock | None = None, **overrides: Any) -> Kit:
    """The unit tests' kit: fake catalogue and assessor, in-memory files, cheap hashes."""
    ids = count(1)
    args: dict[str, Any] = {
        "catalogue": FakeCatalogue(),
        "clock": clock or FixedClock(datetime(2024, 10, 1, 3, 0, tzinfo=UTC)),
        "receipts": ReceiptHasher(b"0123456789abcdef0123", time_cost=1, memory_kib=8),
        "keyring": IdentityKeyring.parse(KEY),
        "evidence_policy": EvidencePolicy(max_bytes=50_000),
        "files": MemoryFiles(),
        "assessor": fake_assessor,
        "audit_key": b"fake-audit-key-for-unit-tests-32b",
        "new_id": lambda: f"{next(ids):032x}",
        "password_time_cost": 1,
        "password_memory_kib": 8,
    }
    args.update(overrides)
    return Kit(**args)


def seed_people(make_uow: MakeUow, kit: Kit, usernames: Iterable[str] = PEOPLE) -> dict[str, str]:
    """``PEOPLE`` as stored users with ``PASSWORD``; returns username -> user id."""
    ids: dict[str, str] = {}
    for username in usernames:
        role, region, agency = PEOPLE[username]
        payload = UserCreate(
            username=username,
            display_name=username.replace("_", " ").title(),
            role=role,
            password=PASSWORD,
            region_code=region,
            agency_id=agency,
        )
        ids[username] = create_user(make_uow(), kit, None, payload).id
    return ids


@dataclass
class World:
    """The web tests' backend: the real kit on an in-memory store, with ``PEOPLE`` as users."""

    backend: Backend
    store: MemoryStore
    clock: FixedClock
    user_ids: dict[str, str] = field(default_factory=dict)

    def actor(self, username: str) -> Actor:
        """The stored user ``username`` as an actor (its own id)."""
        with self.backend.make_uow() as uow:
            user = uow.users.by_username(username)
        assert user is not None
        return actor_of(user)


def make_world(settings: Settings) -> World:
    clock = FixedClock(datetime(2024, 10, 7, 3, 0, tzinfo=UTC))
    store = make_store()
    world = World(Backend(store.unit_of_work, build_kit(settings, clock=clock)), store, clock)
    world.user_ids = seed_people(store.unit_of_work, world.backend.kit)
    return world


def case_in_examination(world: World) -> dict[str, str]:
    """``walk_to_examination`` in a web world, by its stored users."""
    walked = walk_to_examination(world.backend.make_uow, world.backend.kit, world.actor)
    return {"case_id": walked.case_id, "report_id": walked.report_id, "evidence_id": walked.evidence_id,
            "number": walked.number, "receipt": walked.receipt}  # fmt: skip


#: A heavy discipline form of PP 94/2021 Pasal 8 (a decision's form must be on the ladder in force).
HEAVY_FORM = "Penurunan jabatan setingkat lebih rendah selama 12 bulan"
