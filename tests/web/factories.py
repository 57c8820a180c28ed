"""A web app on the real case services with an in-memory store, and people to use it."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from PIL import Image

from netralitas.cases.accounts import actor_of, create_user
from netralitas.cases.inputs import PersonInput, TransitionRequest, UserCreate
from netralitas.cases.officer_actions import identify_person, transition_case
from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.records import Agency, AgencyKind
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Actor, Role
from netralitas.cases.workflow import CaseStatus
from netralitas.clock import FixedClock
from netralitas.composition import Backend, build_kit
from netralitas.config import Settings
from tests.memory import MemoryStore

SLEMAN = Agency("ag-sleman", "Pemerintah Kabupaten Sleman", AgencyKind.REGIONAL, "34.04", "Bupati Sleman")
SEMARANG = Agency("ag-smg", "Pemerintah Kota Semarang", AgencyKind.REGIONAL, "33.74", "Wali Kota Semarang")
PASSWORD = "kata-sandi-uji-123"

#: username → (role, region, agency). "*_jateng" users are outside DIY (the out-of-region actors).
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


@dataclass
class World:
    backend: Backend
    store: MemoryStore
    clock: FixedClock
    user_ids: dict[str, str] = field(default_factory=dict)


def make_world(settings: Settings) -> World:
    clock = FixedClock(datetime(2024, 10, 7, 3, 0, tzinfo=UTC))
    store = MemoryStore()
    uow = store.unit_of_work()
    with uow:
        uow.agencies.add(SLEMAN)
        uow.agencies.add(SEMARANG)
        uow.commit()
    world = World(Backend(store.unit_of_work, build_kit(settings, clock=clock)), store, clock)
    for username, (role, region, agency) in PEOPLE.items():
        payload = UserCreate(
            username=username,
            display_name=username.replace("_", " ").title(),
            role=role,
            password=PASSWORD,
            region_code=region,
            agency_id=agency,
        )
        world.user_ids[username] = create_user(store.unit_of_work(), world.backend.kit, None, payload).id
    return world


def jpeg_with_gps() -> bytes:
    """A small photo carrying EXIF GPS data (which the derivative must not keep)."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraPelapor"
    gps = {1: "S", 2: (7.0, 46.0, 0.0), 3: "E", 4: (110.0, 22.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def write_photo(tmp_path: Path) -> Path:
    path = tmp_path / "bukti.jpg"
    path.write_bytes(jpeg_with_gps())
    return path


def _actor(world: World, username: str) -> Actor:
    uow = world.backend.make_uow()
    with uow:
        user = uow.users.by_username(username)
    assert user is not None
    return actor_of(user)


def _move(world: World, who: str, case_id: str, target: CaseStatus) -> None:
    uow, kit = world.backend.make_uow(), world.backend.kit
    with world.backend.make_uow() as read:
        version = read.cases.get(case_id).version  # type: ignore[union-attr]
    transition_case(
        uow, kit, _actor(world, who), TransitionRequest(case_id=case_id, version=version, target=target)
    )


def case_in_examination(world: World) -> dict[str, str]:
    """A Sleman case in examination, with an identity, a photo and an identified person."""
    kit = world.backend.kit
    submission = parse_report_submission(
        {
            "description": "Camat Depok berfoto dengan pose dua jari bersama calon bupati.",
            "act_on": date(2024, 10, 1),
            "region_code": "34.04",
            "person_name": "Budi Santoso",
            "employee_type": "pns",
            "election_id": "pilkada-2024",
            "anonymous": False,
            "reporter": {"name": "Warga Sleman", "contact": "0811"},
        }
    )
    result = submit_report(world.backend.make_uow(), kit, submission, files=[jpeg_with_gps()])
    _move(world, "intake", result.case_id, CaseStatus.ADMIN_CHECK)
    person = PersonInput(name="Budi Santoso", employee_type="pns", agency_id=SLEMAN.id)
    identify_person(world.backend.make_uow(), kit, _actor(world, "intake"), result.case_id, 2, person)
    _move(world, "intake", result.case_id, CaseStatus.VERIFICATION)
    _move(world, "satgas", result.case_id, CaseStatus.VALIDATION)
    _move(world, "bawaslu", result.case_id, CaseStatus.EXAMINATION)
    with world.backend.make_uow() as uow:
        evidence = uow.evidence.find(report_id=result.report_id)[0]
    return {"case_id": result.case_id, "report_id": result.report_id, "evidence_id": evidence.id,
            "number": result.case_number, "receipt": result.receipt}  # fmt: skip


#: A heavy discipline form of PP 94/2021 Pasal 8 (a decision's form must be on the ladder in force).
HEAVY_FORM = "Penurunan jabatan setingkat lebih rendah selama 12 bulan"
