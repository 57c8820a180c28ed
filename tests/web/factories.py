"""A web app on the real case services with an in-memory store, and people to use it."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from netralitas.cases.accounts import create_user
from netralitas.cases.memory import MemoryStore
from netralitas.cases.payloads import UserCreate
from netralitas.cases.records import Agency, AgencyKind
from netralitas.cases.roles import Role
from netralitas.cases.wiring import build_kit
from netralitas.clock import FixedClock
from netralitas.config import Settings
from netralitas.web.backend import Backend

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
