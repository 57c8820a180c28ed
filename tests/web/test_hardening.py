"""Regressions from the security review (issue 10): huge numbers, control characters in the
report form, reasons that are not reasons, non-image originals, HSTS, chunked oversize bodies,
the reporter's name length, unknown-user login cost, owner-only database files."""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, extract_parameters
from fastapi.testclient import TestClient
from pypdf import PdfWriter

from netralitas.cases.accounts import check_credentials, create_user
from netralitas.cases.inputs import UserCreate
from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Role
from netralitas.composition import build_kit
from netralitas.db.engine import create_db_engine
from netralitas.web.app import create_app
from tests.factories import PASSWORD, World, case_in_examination
from tests.memory import MemoryStore
from tests.web.helpers import csrf_from, login, make_settings, parse, text_of
from tests.web.test_report_flow import GOOD, submit

ZERO_WIDTH = "\u200b" * 12


def test_huge_numbers_are_a_clean_4xx_or_clamped(client: TestClient) -> None:
    login(client, "satgas", PASSWORD)
    assert client.get("/petugas?page=999999999999999999999999").status_code == 422
    assert client.get("/petugas?page=9223372036854775807").status_code == 200  # read as the last page allowed
    token = client.post("/api/v1/token", json={"username": "pengawas", "password": PASSWORD}).json()["token"]
    api = client.get("/api/v1/cases?offset=9223372036854775808", headers={"authorization": f"Bearer {token}"})
    assert api.status_code == 422 and api.json()["error"]["code"] == "input_not_allowed"
    big = client.get("/api/v1/cases?offset=9223372036854775807", headers={"authorization": f"Bearer {token}"})
    assert big.status_code == 422


def test_control_characters_in_the_report_form_are_marked_and_what_was_typed_is_kept(
    client: TestClient, world: World
) -> None:
    response = submit(client, dict(GOOD, place="Balai\x00 Desa", reporter_name="Sari\x1b"))
    assert response.status_code == 422
    doc = parse(response.text)
    assert doc.xpath("//*[@id='place-error']") and doc.xpath("//*[@id='reporter_name-error']")
    assert doc.xpath("//input[@name='place']/@value") == ["Balai Desa"]
    assert doc.xpath("//textarea[@name='description']")[0].text == GOOD["description"]
    with world.backend.make_uow() as uow:
        assert not list(uow.cases.ids())  # nothing stored


def test_a_long_reporter_name_is_marked_and_the_form_limits_it(client: TestClient) -> None:
    form = parse(client.get("/lapor").text)
    assert form.xpath("//input[@name='reporter_name']/@maxlength") == ["200"]
    response = submit(client, dict(GOOD, reporter_name="A" * 5000))
    assert response.status_code == 422
    assert "200" in text_of(parse(response.text), "//*[@id='reporter_name-error']")


def test_zero_width_reasons_are_not_reasons(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "satgas", PASSWORD)
    url = f"/petugas/kasus/{case['case_id']}"
    token = csrf_from(client.get(url).text)
    for reason in (ZERO_WIDTH, " . " * 6, "-" * 15, "\u3000" * 12):
        reveal = client.post(
            f"{url}/identitas", data={"csrf_token": token, "report_id": case["report_id"], "reason": reason}
        )
        assert reveal.status_code == 422, reason
        assert not parse(reveal.text).xpath("//*[@id='revealed-identity']")
        original = client.post(
            f"/petugas/bukti/{case['evidence_id']}/asli", data={"csrf_token": token, "reason": reason}
        )
        assert original.status_code == 422


@pytest.fixture
def pdf_case(world: World) -> Iterator[dict[str, str]]:
    writer = PdfWriter()
    writer.add_blank_page(200, 300)
    writer.add_metadata({"/Author": "Pelapor -7.7829 110.3671", "/Title": "rahasia"})
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = buffer.getvalue()
    submission = parse_report_submission({
        "description": "Surat edaran kepala dinas mengarahkan guru memilih pasangan calon nomor dua.",
        "act_on": "2024-10-01", "region_code": "34.04", "person_name": "Budi", "election_id": "pilkada-2024",
    })  # fmt: skip
    result = submit_report(world.backend.make_uow(), world.backend.kit, submission, files=[pdf])
    with world.backend.make_uow() as uow:
        evidence = uow.evidence.find(report_id=result.report_id)[0]
    yield {"case_id": result.case_id, "evidence_id": evidence.id, "pdf": pdf.decode("latin-1")}


def test_pdf_originals_are_served_only_with_a_reason(
    client: TestClient, world: World, pdf_case: dict[str, str]
) -> None:
    login(client, "satgas", PASSWORD)
    case_page = client.get(f"/petugas/kasus/{pdf_case['case_id']}")
    assert not parse(case_page.text).xpath(f"//a[@href='/petugas/bukti/{pdf_case['evidence_id']}']")
    direct = client.get(f"/petugas/bukti/{pdf_case['evidence_id']}")
    assert direct.status_code == 422 and b"/Author" not in direct.content
    token = csrf_from(case_page.text)
    original = client.post(
        f"/petugas/bukti/{pdf_case['evidence_id']}/asli",
        data={"csrf_token": token, "reason": "Memeriksa surat edaran asli untuk klarifikasi."},
    )
    # served rebuilt without its metadata; the stored original keeps its seal
    assert original.status_code == 200 and original.content.startswith(b"%PDF")
    assert b"/Author" not in original.content and b"7.7829" not in original.content
    with world.backend.make_uow() as uow:
        reads = [e for e in uow.audit.iter_all() if e.action == "evidence.original_read"]
        stored = uow.evidence.get(pdf_case["evidence_id"])
    assert reads and reads[-1].detail["reason"].startswith("Memeriksa surat edaran")
    assert reads[-1].detail["metadata_removed"] is True
    assert stored is not None and b"/Author" in world.backend.kit.files.read_original(stored.sha256)


def test_hsts_only_when_cookies_are_secure(tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path, secure_cookies=True))) as secure:
        assert secure.get("/healthz").headers["strict-transport-security"].startswith("max-age=")
    with TestClient(create_app(make_settings(tmp_path))) as plain:
        assert "strict-transport-security" not in plain.get("/healthz").headers


def test_a_chunked_oversize_json_body_gets_413(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, max_upload_bytes=1000))  # body bound: 5 x 1000 + 1 MiB

    def chunks() -> Iterator[bytes]:
        yield b'{"description": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(
            "/api/v1/reports", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"


def test_unknown_users_cost_what_stored_hashes_cost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Accounts keep the cost they were hashed with (a demo database served with other settings):
    the dummy verified for an unknown name must cost the same, or timing tells names apart."""
    store = MemoryStore()
    old = build_kit(
        make_settings(tmp_path, password_hash_time_cost=2, password_hash_memory_kib=2048), screening=False
    )
    payload = UserCreate(
        username="admin", display_name="Admin", role=Role.ADMIN, password=PASSWORD, region_code=""
    )
    create_user(store.unit_of_work(), old, None, payload)
    now = build_kit(
        make_settings(tmp_path, password_hash_time_cost=1, password_hash_memory_kib=1024), screening=False
    )
    verified: list[tuple[int, int]] = []
    real_verify = PasswordHasher.verify

    def record(self: PasswordHasher, stored: str, password: str) -> bool:
        params = extract_parameters(stored)
        verified.append((params.time_cost, params.memory_cost))
        return real_verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", record)
    assert check_credentials(store.unit_of_work(), now, "admin", "salah-sekali") is None
    assert check_credentials(store.unit_of_work(), now, "tidak-ada", "salah-sekali") is None
    assert verified == [(2, 2048), (2, 2048)]


def test_a_new_sqlite_database_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "baru" / "netralitas.db"
    engine = create_db_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
