"""Plain factory functions for the integration tests."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from netralitas.cases.agencies import agencies_for, import_agencies
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import TransitionRequest
from netralitas.cases.officer_actions import transition_case
from netralitas.cases.public_report import ReportSubmission, parse_report_submission
from netralitas.cases.records import Case
from netralitas.cases.roles import Actor, Role
from netralitas.cases.workflow import CaseStatus
from netralitas.db.uow import SqlUnitOfWork

SLEMAN = "pemda-34.04"
INTAKE = Actor("u-intake", "intake", Role.INTAKE_OFFICER, "34")
TASKFORCE = Actor("u-satgas", "satgas", Role.TASKFORCE)
BAWASLU = Actor("u-bawaslu", "bawaslu", Role.BAWASLU, "34")
EXAMINER = Actor("u-exam", "exam", Role.EXAMINER, "34.04")
PPK = Actor("u-ppk", "ppk", Role.PPK, "34.04", SLEMAN)
SUPERVISOR = Actor("u-bkn", "bkn", Role.SUPERVISOR)


def seed_agencies(make_uow: Callable[[], SqlUnitOfWork], kit: Kit) -> None:
    import_agencies(make_uow(), kit, agencies_for(["34"]))


def report(**kw: object) -> ReportSubmission:
    base: dict[str, object] = {
        "region_code": "34.04",
        "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
        "act_on": date(2024, 9, 28),
        "place": "Kecamatan Depok",
        "person_name": "Budi Santoso",
        "agency_id": SLEMAN,
        "election_id": "pilkada-2024",
        "links": ("https://instagram.com/p/abc",),
    }
    base.update(kw)
    return parse_report_submission(base)


def move(
    make_uow: Callable[[], SqlUnitOfWork],
    kit: Kit,
    who: Actor,
    case: Case,
    target: CaseStatus,
    reason: str | None = None,
) -> Case:
    request = TransitionRequest(case_id=case.id, version=case.version, target=target, reason=reason)
    return transition_case(make_uow(), kit, who, request)


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (12, 9), "blue").save(buffer, format="PNG")
    return buffer.getvalue()
