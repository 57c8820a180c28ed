"""Issue 13 (item 11): the reporter adds evidence from /status by receipt (same checks as /lapor,
CSRF, receipt rate limits) and reads what the status means and what comes next."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas.cases.workflow import CaseStatus
from netralitas.web.vocabulary import STATUS_EXPLANATIONS
from tests.factories import PASSWORD, World, case_in_examination, jpeg_with_gps
from tests.unit.privacy.evidence_factories import make_pdf
from tests.web.helpers import csrf_from, login, parse, text_of
from tests.web.test_consoles import act


def _status(client: TestClient, receipt: str):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/status").text)
    return client.post("/status", data={"receipt": receipt, "csrf_token": token})


def _send(client: TestClient, receipt: str, files: list[tuple[str, tuple[str, bytes, str]]]):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/status").text)
    return client.post("/status/bukti", data={"receipt": receipt, "csrf_token": token}, files=files)


def test_every_status_has_a_plain_explanation() -> None:
    assert set(STATUS_EXPLANATIONS) == set(CaseStatus)
    for text_id, text_en in STATUS_EXPLANATIONS.values():
        assert len(text_id) > 60 and len(text_en) > 60


def test_the_status_page_explains_the_status(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    page = parse(_status(client, case["receipt"]).text)
    assert text_of(page, "//*[@id='status-explanation']") == STATUS_EXPLANATIONS[CaseStatus.EXAMINATION][0]
    assert text_of(page, "//*[@id='evidence-count']") == "1 berkas"


def test_the_reporter_adds_evidence_after_an_officer_asks(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    url = f"/petugas/kasus/{case['case_id']}"
    asked = {"body": "Mohon kirim foto tambahan.", "report_id": case["report_id"]}
    assert act(client, url, "pesan", asked).status_code == 303
    client.cookies.clear()
    page = parse(_status(client, case["receipt"]).text)
    assert page.xpath("//form[@id='evidence-form']/@enctype") == ["multipart/form-data"]
    assert "image/jpeg" in page.xpath("//input[@id='more-files']/@accept")[0]
    files = [
        ("files", ("a.jpg", jpeg_with_gps(), "image/jpeg")),
        ("files", ("b.pdf", make_pdf(), "application/pdf")),
    ]
    sent = _send(client, case["receipt"], files)
    assert sent.status_code == 200, sent.text
    done = parse(sent.text)
    assert "2 berkas bukti diterima" in text_of(done, "//*[@id='evidence-added']")
    assert text_of(done, "//*[@id='evidence-count']") == "3 berkas"
    with world.backend.make_uow() as uow:
        stored = uow.evidence.find(report_id=case["report_id"])
        added = [
            e for e in uow.audit.for_subject("report", case["report_id"]) if e.action == "evidence.added"
        ]
    assert len(stored) == 3 and len(added) == 1
    login(client, "pemeriksa", PASSWORD)
    assert len(parse(client.get(url).text).xpath("//ul[@class='evidence']/li")) == 3


def test_a_refused_file_is_said_beside_the_input_and_nothing_is_stored(
    client: TestClient, world: World
) -> None:
    case = case_in_examination(world)
    disguised = [("files", ("foto.jpg", b"MZ\x90\x00 not a photo at all" * 20, "image/jpeg"))]
    refused = _send(client, case["receipt"], disguised)
    assert refused.status_code == 422
    page = parse(refused.text)
    assert page.xpath("//p[@id='files-error']") and page.xpath(
        "//input[@id='more-files'][@aria-invalid='true']"
    )
    nothing = _send(client, case["receipt"], [])
    assert nothing.status_code == 422 and "Pilih minimal satu berkas" in nothing.text
    with world.backend.make_uow() as uow:
        assert len(uow.evidence.find(report_id=case["report_id"])) == 1


def test_evidence_needs_the_csrf_token_and_a_real_receipt(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    files = [("files", ("a.jpg", jpeg_with_gps(), "image/jpeg"))]
    client.get("/status")
    no_token = client.post("/status/bukti", data={"receipt": case["receipt"]}, files=files)
    assert no_token.status_code == 403
    unknown = _send(client, "NTR-XXXX-XXXX-XXXX", files)
    assert unknown.status_code in (404, 429) and parse(unknown.text).xpath("//*[@id='status-error']")
    with world.backend.make_uow() as uow:
        assert len(uow.evidence.find(report_id=case["report_id"])) == 1


def test_wrong_receipts_are_rate_limited_on_the_evidence_route(client: TestClient, world: World) -> None:
    files = [("files", ("a.jpg", jpeg_with_gps(), "image/jpeg"))]
    codes = [_send(client, f"NTR-AAAA-BBBB-{n:04d}", files).status_code for n in range(40)]
    assert codes[0] == 404 and 429 in codes


def test_the_api_status_carries_the_same_explanation(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    answer = client.post("/api/v1/reports/status", json={"receipt": case["receipt"]})
    assert answer.status_code == 200
    data = answer.json()
    assert (data["explanation"], data["explanation_en"]) == STATUS_EXPLANATIONS[CaseStatus.EXAMINATION]
    assert data["evidence_count"] == 1
