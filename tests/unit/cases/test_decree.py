"""The PPK's decree file: checked like evidence, sealed, stored, and read only in scope (audited)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from tests.factories import EXAMINER, PPK, SEMARANG, SUPERVISOR, actor, make_kit, make_store, png
from tests.memory import MemoryFiles, MemoryStore
from tests.unit.cases.test_services import to_examination
from tests.unit.privacy.evidence_factories import make_mp4, make_pdf

from netralitas.cases.decisions import record_ppk_decision, send_recommendation
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import PpkDecisionCreate, RecommendationCreate
from netralitas.cases.records import Case
from netralitas.cases.roles import Role
from netralitas.cases.sensitive_reads import read_decree
from netralitas.cases.workflow import CaseStatus
from netralitas.errors import NotFoundError, PermissionDeniedError, ValidationError


def _sent(store: MemoryStore, kit: Kit) -> Case:
    case = to_examination(store, kit)
    request = RecommendationCreate(
        case_id=case.id, version=case.version, level="heavy", text="Rekomendasi sanksi disiplin berat."
    )
    return send_recommendation(store.unit_of_work(), kit, EXAMINER, request)


def _decide(store: MemoryStore, kit: Kit, case: Case, decree: bytes | None) -> Case:
    request = PpkDecisionCreate(
        case_id=case.id,
        version=case.version,
        level="heavy",
        form="Penurunan jabatan setingkat lebih rendah selama 12 bulan",
        decree_number="800/123/2024",
        decree_on=date(2024, 10, 20),
    )
    return record_ppk_decision(store.unit_of_work(), kit, PPK, request, decree=decree)


@pytest.mark.parametrize("decree", [make_pdf(), png()], ids=["pdf", "png"])
def test_the_decree_is_sealed_stored_and_read_back_audited(decree: bytes) -> None:
    store, kit = make_store(), make_kit()
    case = _decide(store, kit, _sent(store, kit), decree)
    assert case.status == CaseStatus.PPK_DECIDED
    (decision,) = store.unit_of_work().decisions.find(case_id=case.id)
    seal = hashlib.sha256(decree).hexdigest()
    assert (decision.decree_sha256, decision.decree_size) == (seal, len(decree))
    assert decision.decree_media_type in ("application/pdf", "image/png")
    assert kit.files.read_original(seal) == decree
    for reader in (PPK, SUPERVISOR, EXAMINER):
        found, data = read_decree(store.unit_of_work(), kit, reader, decision.id)
        assert (found.id, data) == (decision.id, decree)
    trail = store.unit_of_work().audit.for_subject("decision", decision.id)
    assert [e.action for e in trail] == ["decree.stored"] + ["decree.read"] * 3
    assert trail[0].detail["sha256"] == seal


@pytest.mark.parametrize(
    ("decree", "code"),
    [
        (make_mp4(), "evidence_type_not_allowed"),  # allowed as evidence, not as a decree
        (b"<html><script>alert(1)</script></html>", "evidence_type_not_allowed"),
        (png() + b"PK\x03\x04hidden", "evidence_disguised"),  # a PNG hiding an archive
        (b"%PDF-1.4\n" + b"0" * 60_000, "evidence_too_large"),
    ],
    ids=["video", "html", "png-polyglot", "too-large"],
)
def test_a_refused_decree_changes_nothing(decree: bytes, code: str) -> None:
    store, kit = make_store(), make_kit()
    case = _sent(store, kit)
    with pytest.raises(ValidationError) as err:
        _decide(store, kit, case, decree)
    assert err.value.code == code
    stored = store.unit_of_work().cases.get(case.id)
    assert stored is not None and stored.status == CaseStatus.RECOMMENDATION_SENT
    assert store.unit_of_work().decisions.find(case_id=case.id) == []
    assert isinstance(kit.files, MemoryFiles) and kit.files.items == {}


def test_without_a_file_the_decision_has_no_decree_to_read() -> None:
    store, kit = make_store(), make_kit()
    case = _decide(store, kit, _sent(store, kit), None)
    (decision,) = store.unit_of_work().decisions.find(case_id=case.id)
    assert decision.decree_sha256 is None and decision.decree_media_type is None
    with pytest.raises(NotFoundError):
        read_decree(store.unit_of_work(), kit, SUPERVISOR, decision.id)


def test_an_out_of_scope_download_is_refused_and_audited() -> None:
    store, kit = make_store(), make_kit()
    case = _decide(store, kit, _sent(store, kit), make_pdf())
    (decision,) = store.unit_of_work().decisions.find(case_id=case.id)
    outsiders = (
        actor(Role.PPK, "33.74", SEMARANG.id, name="ppk-smg"),
        actor(Role.EXAMINER, "33.74", name="pemeriksa-smg"),
        actor(Role.ADMIN, name="admin"),
    )
    for outsider in outsiders:
        with pytest.raises(PermissionDeniedError):
            read_decree(store.unit_of_work(), kit, outsider, decision.id)
    denied = [
        e for e in store.unit_of_work().audit.for_subject("case", case.id) if e.action == "access.denied"
    ]
    assert [(e.actor_id, e.detail["attempted"]) for e in denied] == [
        (o.user_id, "read_decree") for o in outsiders
    ]
    reads = store.unit_of_work().audit.for_subject("decision", decision.id)
    assert [e.action for e in reads] == ["decree.stored"]
