"""After the recommendation: escalation when the PPK is late, decision, follow-up, sanction;
officer messages reach the reporter; the sealed original needs a reason."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from tests.factories import HEAVY_FORM, PASSWORD, World, case_in_examination, jpeg_with_gps
from tests.web.helpers import csrf_from, login, parse, text_of
from tests.web.test_consoles import act, status_of


def test_late_ppk_is_escalated_then_decides_and_the_sanction_is_confirmed(
    client: TestClient, world: World
) -> None:
    case = case_in_examination(world)
    url, ppk_url = f"/petugas/kasus/{case['case_id']}", f"/ppk/kasus/{case['case_id']}"
    login(client, "pemeriksa", PASSWORD)
    assert (
        act(client, url, "rekomendasi", {"level": "heavy", "text": "Hukuman disiplin berat."}).status_code
        == 303
    )

    login(client, "pengawas", PASSWORD)
    early = act(client, url, "eskalasi", {"reason": "PPK belum menindaklanjuti."})
    assert early.status_code == 409
    assert text_of(parse(early.text), "//*[@id='eskalasi-error']")
    world.clock.advance(days=60)
    assert act(client, url, "eskalasi", {"reason": "PPK belum menindaklanjuti."}).status_code == 303
    assert status_of(client, url) == "escalated"

    login(client, "ppk_sleman", PASSWORD)
    assert parse(client.get("/ppk").text).xpath(f"//ul[@id='waiting']//a[.='{case['number']}']")
    decision = {"level": "heavy", "form": HEAVY_FORM, "decree_number": "800/9/2024",
                "decree_on": "2024-12-01"}  # fmt: skip
    assert act(client, ppk_url, "putusan", decision).status_code == 303

    login(client, "pengawas", PASSWORD)
    followup = {"note": "SK diterima dan dijalankan.", "confirmed_on": "2024-12-05"}
    assert act(client, url, "tindak-lanjut", followup).status_code == 303
    assert act(client, url, "status", {"target": "sanctioned"}).status_code == 303
    assert status_of(client, url) == "sanctioned"
    timeline = text_of(parse(client.get(url).text), "//section[@id='timeline']")
    assert "800/9/2024" in timeline


def test_officer_message_reaches_the_reporter(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    url = f"/petugas/kasus/{case['case_id']}"
    login(client, "pemeriksa", PASSWORD)
    sent = act(client, url, "pesan", {"report_id": case["report_id"], "body": "Mohon kirim tautan videonya."})
    assert sent.status_code == 303
    empty = act(client, url, "pesan", {"report_id": case["report_id"], "body": ""})
    assert empty.status_code == 422 and parse(empty.text).xpath("//*[@id='pesan-error']")
    token = csrf_from(client.get("/status").text)
    status = parse(client.post("/status", data={"receipt": case["receipt"], "csrf_token": token}).text)
    assert "Mohon kirim tautan videonya." in text_of(status, "//section[contains(@class,'messages')]")


def test_sealed_original_needs_a_reason_and_is_the_exact_upload(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    path = f"/petugas/bukti/{case['evidence_id']}/asli"
    token = csrf_from(client.get(f"/petugas/kasus/{case['case_id']}").text)
    short = client.post(path, data={"csrf_token": token, "reason": "lihat", "case_id": case["case_id"]})
    assert short.status_code == 422
    page = parse(short.text)
    assert page.xpath(f"//form[@id='original-form-{case['evidence_id']}']//*[@id='asli-reason-error']")
    assert page.xpath(f"//textarea[@id='original-reason-{case['evidence_id']}']")[0].text == "lihat"
    original = client.post(path, data={"csrf_token": token, "reason": "Memeriksa metadata asli foto."})
    assert original.status_code == 200
    assert original.headers["content-disposition"].startswith("attachment")
    expected = hashlib.sha256(jpeg_with_gps()).hexdigest()
    assert hashlib.sha256(original.content).hexdigest() == expected


def test_console_in_english(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    login(client, "pemeriksa", PASSWORD)
    doc = parse(client.get(f"/petugas/kasus/{case['case_id']}", params={"lang": "en"}).text)
    assert text_of(doc, "//section[@id='actions']/h2") == "Actions"
    assert text_of(doc, "//*[@id='case-status']") == "Examination"
    panel = doc.xpath(f"//section[@id='triage-{case['report_id']}']")[0]
    notice = text_of(panel, ".//*[contains(@class,'triage-notice')]")
    assert notice == "automatic suggestion — an officer must confirm it"
    labels = panel.xpath(".//ul[@class='suggested-labels']/li/strong")
    assert "Partisan gesture" in {" ".join(li.text_content().split()) for li in labels}


def test_supervisor_holds_a_case_from_purging_and_releases_it(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    url = f"/petugas/kasus/{case['case_id']}"
    login(client, "pengawas", PASSWORD)
    short = act(client, url, "tahan", {"reason": "perlu"})
    assert short.status_code == 422 and parse(short.text).xpath("//*[@id='tahan-error']")
    assert act(client, url, "tahan", {"reason": "Proses hukum sedang berjalan."}).status_code == 303
    assert "Proses hukum" in text_of(parse(client.get(url).text), "//*[@id='hold-reason']")
    assert act(client, url, "tahan", {"release": "1"}).status_code == 303
    assert not parse(client.get(url).text).xpath("//*[@id='hold-reason']")
    login(client, "pemeriksa", PASSWORD)
    assert not parse(client.get(url).text).xpath("//form[@id='hold-form']")
