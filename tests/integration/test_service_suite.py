"""The service suite: the report-to-decision scenario, with the real catalogue, engine and screener,
run over every unit of work the services are used with: the in-memory fakes of the unit tests,
SQLite and (when NETRALITAS_TEST_DATABASE_URL is set, always in CI) PostgreSQL. One scenario, so the
fakes cannot drift from the SQL adapter."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netralitas.cases import audit
from netralitas.cases.case_lists import list_overdue
from netralitas.cases.decisions import assess_case, escalate_case, record_ppk_decision, send_recommendation
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import (
    AssessmentRequest,
    EscalationCreate,
    PpkDecisionCreate,
    RecommendationCreate,
)
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.reporting import report_status, submit_report
from netralitas.cases.sensitive_reads import read_decree, read_evidence, reveal_identity, view_case
from netralitas.cases.workflow import CaseStatus
from netralitas.clock import FixedClock
from netralitas.composition import build_kit
from netralitas.config import Settings
from netralitas.db.engine import create_db_engine
from netralitas.db.migrate import upgrade
from netralitas.db.uow import uow_factory
from netralitas.privacy.reporter_identity import generate_identity_key
from tests.factories import (
    BAWASLU,
    EXAMINER,
    INTAKE,
    PPK,
    SUPERVISOR,
    TASKFORCE,
    current,
    move,
    png,
    report,
    seed_agencies,
)
from tests.integration.conftest import pg_schema_url, reset_pg_schema
from tests.memory import MemoryStore

MakeUow = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class Units:
    make_uow: MakeUow
    kit: Kit
    clock: FixedClock


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def units(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Units]:
    """A fresh unit-of-work factory of each kind, with the real kit."""
    clock = FixedClock(datetime(2024, 10, 1, 3, 0, tzinfo=UTC))
    settings = Settings(
        data_dir=tmp_path / "var",
        database_url=f"sqlite:///{tmp_path / 'suite.db'}",
        identity_key=generate_identity_key(),  # type: ignore[arg-type]
        receipt_hash_time_cost=1,
        receipt_hash_memory_kib=8,
        retention_days=30,
    )
    kit = build_kit(settings, clock=clock)
    if request.param == "memory":
        yield Units(MemoryStore().unit_of_work, kit, clock)
        return
    url, raw, schema = settings.database_url, "", f"suite_{os.getpid()}"
    if request.param == "postgres":
        raw = request.getfixturevalue("postgres_url")
        reset_pg_schema(raw, schema)
        url = pg_schema_url(raw, schema)
    upgrade(url)
    engine = create_db_engine(url)
    try:
        yield Units(uow_factory(engine), kit, clock)
    finally:
        engine.dispose()
        if raw:
            reset_pg_schema(raw, schema, create=False)


def test_report_to_ppk_decision_with_real_catalogue_and_engine(units: Units) -> None:
    make_uow, kit, clock = units.make_uow, units.kit, units.clock
    seed_agencies(make_uow, kit)
    sent = submit_report(
        make_uow(), kit, report(anonymous=False, reporter={"name": "Sri", "contact": "0812"}), files=[png()]
    )
    assert report_status(make_uow(), kit, sent.receipt).status == CaseStatus.RECEIVED
    case = current(make_uow, sent.case_id)
    case = move(make_uow, kit, INTAKE, case, CaseStatus.ADMIN_CHECK)
    case = move(make_uow, kit, INTAKE, case, CaseStatus.VERIFICATION)
    case = move(make_uow, kit, TASKFORCE, case, CaseStatus.VALIDATION)
    case = move(make_uow, kit, BAWASLU, case, CaseStatus.EXAMINATION)
    record = assess_case(
        make_uow(),
        kit,
        EXAMINER,
        AssessmentRequest(
            case_id=case.id,
            version=case.version,
            behaviours=("photo_with_candidate", "partisan_gesture"),  # a pose alone is evidence, not B7
            act_on=date(2024, 10, 10),
            election_id="pilkada-2024",
            employee_type="pns",
        ),
    )
    assert record.rule_ids and record.catalogue_version == kit.catalogue.version
    case = current(make_uow, case.id)
    case = send_recommendation(
        make_uow(),
        kit,
        EXAMINER,
        RecommendationCreate(
            case_id=case.id, version=case.version, level="heavy", text="Rekomendasi hukuman disiplin berat."
        ),
    )
    clock.advance(days=40)
    overdue = list_overdue(make_uow(), kit, clock.today())
    assert [(o.case_id, o.step_id) for o in overdue] == [(case.id, "ppk_decision")]
    case = escalate_case(
        make_uow(),
        kit,
        SUPERVISOR,
        EscalationCreate(
            case_id=case.id, version=case.version, reason="PPK tidak menindaklanjuti rekomendasi"
        ),
    )
    case = record_ppk_decision(
        make_uow(),
        kit,
        PPK,
        PpkDecisionCreate(
            case_id=case.id,
            version=case.version,
            level="heavy",
            form="Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
            decree_number="800/77/2024",
            decree_on=clock.today(),
        ),
        decree=png(),
    )
    detail = view_case(make_uow(), kit, SUPERVISOR, case.id)
    (decision,) = detail.decisions
    assert (decision.decree_media_type, decision.decree_size) == ("image/png", len(png()))
    assert read_decree(make_uow(), kit, PPK, decision.id)[1] == png()
    assert detail.case.status == CaseStatus.PPK_DECIDED and detail.escalations[0].resolved_at is not None
    assert detail.assessments[0].result["catalogue_version"] == kit.catalogue.version
    who = reveal_identity(make_uow(), kit, TASKFORCE, sent.report_id, "Klarifikasi kronologi kepada pelapor")
    assert who.name == "Sri"
    _, data = read_evidence(
        make_uow(), kit, TASKFORCE, detail.evidence[0].id, original=True, reason="Uji keaslian"
    )
    assert data == png()
    assert audit.verify_trail(make_uow(), kit).ok
