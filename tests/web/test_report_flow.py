"""The public report: form, field errors with input kept, uploads, receipt, status by receipt."""

from __future__ import annotations

import io
import random

from fastapi.testclient import TestClient
from PIL import Image

from tests.factories import PASSWORD, World, jpeg_with_gps
from tests.web.helpers import csrf_from, login, parse, text_of

GOOD = {
    "person_name": "Budi Santoso",
    "person_position": "Camat Depok",
    "agency_name": "Kecamatan Depok",
    "employee_type": "pns",
    "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
    "act_on": "2024-10-01",
    "region_code": "34.04",
    "place": "Instagram",
    "election_id": "pilkada-2024",
    "links": "https://instagram.com/p/abc123",
}


def submit(
    client: TestClient, data: dict[str, str], files: list[tuple[str, tuple[str, bytes, str]]] | None = None
):  # type: ignore[no-untyped-def]
    page = parse(client.get("/lapor").text)
    hidden = {"csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0],
              "form_nonce": page.xpath("//input[@name='form_nonce']/@value")[0]}  # fmt: skip
    return client.post("/lapor", data={**data, **hidden}, files=files or [])


def test_report_with_photo_gives_a_receipt_once(client: TestClient, world: World) -> None:
    response = submit(client, GOOD, [("files", ("bukti.jpg", jpeg_with_gps(), "image/jpeg"))])
    assert response.status_code == 201
    doc = parse(response.text)
    receipt = text_of(doc, "//*[@id='receipt']")
    assert len(receipt.replace("-", "")) >= 20
    assert response.headers["cache-control"] == "no-store"
    uow = world.store.unit_of_work()
    with uow:
        reports = uow.reports.find()
        evidence = uow.evidence.find()
    assert len(reports) == 1 and reports[0].region_code == "34.04"
    assert len(evidence) == 1 and evidence[0].derivative_name is not None
    assert receipt not in str(reports[0])  # only a hash is stored
    status = client.post(
        "/status", data={"receipt": receipt, "csrf_token": csrf_from(client.get("/status").text)}
    )
    assert text_of(parse(status.text), "//*[@id='status-label']") == "Diterima"


def test_missing_fields_are_named_beside_the_field_and_input_is_kept(client: TestClient) -> None:
    data = dict(
        GOOD, description="pendek", region_code="", person_name="Siti <b>Aminah</b>", person_position=""
    )
    response = submit(client, data)
    assert response.status_code == 422
    doc = parse(response.text)
    assert text_of(doc, "//*[@id='description-error']") == "Ceritakan kejadiannya minimal 20 huruf."
    assert "wilayah" in text_of(doc, "//*[@id='region_code-error']") or text_of(
        doc, "//*[@id='region_code-error']"
    )
    assert doc.xpath("//textarea[@id='description']")[0].text == "pendek"
    assert doc.xpath("//input[@id='person_name']/@value") == ["Siti <b>Aminah</b>"]
    assert doc.xpath("//input[@id='place']/@value") == ["Instagram"]
    assert doc.xpath("//select[@id='election_id']/option[@selected]/@value") == ["pilkada-2024"]
    assert doc.xpath("//main//b") == []
    assert not doc.xpath("//*[@id='receipt']")


def test_future_date_and_bad_link_are_refused(client: TestClient) -> None:
    doc = parse(submit(client, dict(GOOD, act_on="2030-01-01", links="javascript:alert(1)")).text)
    assert "masa depan" in text_of(doc, "//*[@id='act_on-error']")
    assert "https://" in text_of(doc, "//*[@id='links-error']")


def test_nip_is_optional_but_checked_when_given(client: TestClient) -> None:
    doc = parse(submit(client, dict(GOOD, person_nip="12345")).text)
    assert doc.xpath("//*[@id='person_nip-error']")
    assert submit(client, dict(GOOD, person_nip="")).status_code == 201


def test_disguised_upload_is_refused_with_a_clear_message(client: TestClient) -> None:
    fake = b"MZ\x90\x00" + b"\x00" * 200
    response = submit(client, GOOD, [("files", ("foto.jpg", fake, "image/jpeg"))])
    assert response.status_code == 422
    doc = parse(response.text)
    assert text_of(doc, "//*[@id='files-error']")
    assert doc.xpath("//textarea[@id='description']")[0].text == GOOD["description"]


def test_wrong_type_and_disguised_type_get_different_clear_messages(client: TestClient) -> None:
    text_file = ("files", ("catatan.txt", b"Ini hanya catatan teks biasa." * 10, "text/plain"))
    program_as_photo = ("files", ("foto.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg"))
    messages = []
    for upload in (text_file, program_as_photo):
        response = submit(client, GOOD, [upload])
        assert response.status_code == 422
        messages.append(text_of(parse(response.text), "//*[@id='files-error']"))
    assert all(messages) and messages[0] != messages[1]
    assert "diperiksa dari isinya" in messages[0]  # the reporter learns why a renamed file fails too


def test_too_large_upload_is_refused_beside_the_field(tmp_path, world: World) -> None:  # type: ignore[no-untyped-def]
    from netralitas.web.app import create_app
    from tests.web.helpers import make_settings

    app = create_app(make_settings(tmp_path, max_upload_bytes=2048), clock=world.clock, backend=world.backend)
    image = Image.frombytes("RGB", (200, 200), random.Random(1).randbytes(200 * 200 * 3))
    big = io.BytesIO()
    image.save(big, format="PNG")
    with TestClient(app) as small:
        response = submit(small, GOOD, [("files", ("besar.png", big.getvalue(), "image/png"))])
    assert response.status_code == 422
    assert "terlalu besar" in text_of(parse(response.text), "//*[@id='files-error']")


def test_unknown_and_malformed_receipts_get_the_same_answer(client: TestClient) -> None:
    token = csrf_from(client.get("/status").text)
    answers = []
    for receipt in ("ABCD-EFGH-JKMN-PQRS-TVWX", "salah"):
        response = client.post("/status", data={"receipt": receipt, "csrf_token": token})
        answers.append((response.status_code, text_of(parse(response.text), "//*[@id='status-error']")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404


def test_receipt_checks_are_rate_limited(client: TestClient) -> None:
    token = csrf_from(client.get("/status").text)
    codes = [
        client.post("/status", data={"receipt": f"ZZZZ-{n:04d}", "csrf_token": token}).status_code
        for n in range(12)
    ]
    assert codes[0] == 404 and codes[-1] == 429


def test_reporter_and_officer_exchange_messages(client: TestClient, world: World) -> None:
    receipt = text_of(parse(submit(client, GOOD).text), "//*[@id='receipt']")
    token = csrf_from(client.get("/status").text)
    reply = client.post(
        "/status/pesan", data={"receipt": receipt, "body": "Ada video juga.", "csrf_token": token}
    )
    doc = parse(reply.text)
    assert "Ada video juga." in text_of(doc, "//section[contains(@class,'messages')]")


def test_expired_form_token_keeps_the_report_and_stores_nothing(client: TestClient, world: World) -> None:
    client.get("/lapor")
    response = client.post("/lapor", data={**GOOD, "csrf_token": "kedaluwarsa"})
    assert response.status_code == 422
    doc = parse(response.text)
    assert "terlalu lama" in text_of(doc, "//*[@id='form-errors']")
    assert doc.xpath("//textarea[@id='description']")[0].text == GOOD["description"]
    with world.store.unit_of_work() as uow:
        assert uow.reports.find() == []
    nonce = doc.xpath("//input[@name='form_nonce']/@value")[0]
    again = client.post("/lapor", data={**GOOD, "csrf_token": csrf_from(response.text), "form_nonce": nonce})
    assert again.status_code == 201


def test_sending_the_same_form_twice_files_one_report(client: TestClient, world: World) -> None:
    page = parse(client.get("/lapor").text)
    hidden = {"csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0],
              "form_nonce": page.xpath("//input[@name='form_nonce']/@value")[0]}  # fmt: skip
    first = client.post("/lapor", data={**GOOD, **hidden})
    assert first.status_code == 201
    again = client.post("/lapor", data={**GOOD, **hidden})
    assert again.status_code == 409 and parse(again.text).xpath("//*[@id='already-sent']")
    assert not parse(again.text).xpath("//*[@id='receipt']")
    with world.store.unit_of_work() as uow:
        assert len(uow.reports.find()) == 1


def test_knowledge_date_is_checked_and_counts_the_report_window(client: TestClient, world: World) -> None:
    early = submit(client, {**GOOD, "known_on": "2024-09-30"})
    assert early.status_code == 422
    doc = parse(early.text)
    assert "sebelum tanggal kejadian" in text_of(doc, "//*[@id='known_on-error']")
    assert doc.xpath("//input[@id='known_on']/@value") == ["2024-09-30"]
    number = text_of(parse(submit(client, {**GOOD, "known_on": "2024-10-05"}).text), "//*[@id='case-number']")
    from tests.web.test_consoles import case_url_from_queue  # it imports this module

    login(client, "intake", PASSWORD)
    page = parse(client.get(case_url_from_queue(client, number)).text)
    window = page.xpath("//p[@class='report-window']")[0]
    assert window.get("data-basis") == "known_on" and "5 Oktober 2024" in window.text_content()
