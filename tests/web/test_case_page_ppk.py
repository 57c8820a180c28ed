"""Issue 13 (case page): the PPK reads the facts without the reporter channel; the decision picks
its form from the sanction ladder; 'Cocokkan terlapor' keeps what is stored; the history names
who acted and the recommendation names the body that sent it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import PASSWORD, World, case_in_examination
from tests.web.helpers import csrf_from, login, parse, text_of
from tests.web.test_consoles import act, status_of

REPORTER_SECRET = "Tolong cek juga foto kedua, rumah saya di sebelah balai desa"
OFFICER_NOTE = "Mohon kirim foto yang lebih jelas"


def _token(client: TestClient, username: str) -> dict[str, str]:
    token = client.post("/api/v1/token", json={"username": username, "password": PASSWORD}).json()["token"]
    return {"authorization": f"Bearer {token}"}


def _with_conversation(client: TestClient, world: World) -> dict[str, str]:
    """A Sleman case recommended to the PPK, after an officer and the reporter exchanged messages."""
    case = case_in_examination(world)
    url = f"/petugas/kasus/{case['case_id']}"
    login(client, "pemeriksa", PASSWORD)
    assert (
        act(client, url, "pesan", {"body": OFFICER_NOTE, "report_id": case["report_id"]}).status_code == 303
    )
    token = csrf_from(client.get("/status").text)
    sent = client.post(
        "/status/pesan", data={"csrf_token": token, "receipt": case["receipt"], "body": REPORTER_SECRET}
    )
    assert sent.status_code == 200
    text = {"level": "heavy", "text": "Terbukti berfoto dengan pose jari."}
    assert act(client, url, "rekomendasi", text).status_code == 303
    return case


def test_the_ppk_page_shows_the_facts_but_nothing_of_the_reporter(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    login(client, "pemeriksa", PASSWORD)
    officer_page = client.get(f"/petugas/kasus/{case['case_id']}").text
    assert REPORTER_SECRET in officer_page
    assert parse(officer_page).xpath("//section[@id='messages']")

    login(client, "ppk_sleman", PASSWORD)
    html = client.get(f"/ppk/kasus/{case['case_id']}").text
    page = parse(html)
    # The facts, the evidence copy and the recommendation are there ...
    assert "Camat Depok berfoto" in text_of(page, "//p[contains(@class, 'report-text')]")
    assert page.xpath("//ul[@class='evidence']//img")
    assert "Terbukti berfoto dengan pose jari" in text_of(page, "//section[@id='recommendations']")
    # ... the reporter channel is not: messages, identity, originals, receipt, reporter's name.
    for hidden in (REPORTER_SECRET, OFFICER_NOTE, "Warga Sleman", "0811", case["receipt"]):
        assert hidden not in html, hidden
    assert not page.xpath("//section[@id='messages']") and not page.xpath("//form[@id='message-form']")
    assert not page.xpath("//form[contains(@action, '/identitas')]")
    assert not page.xpath("//form[contains(@action, '/asli')]")
    assert "Pelapor anonim" not in html and page.xpath("//*[@id='no-reporter-channel']")


def test_the_ppk_cannot_message_the_reporter_on_the_web_or_the_api(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    login(client, "ppk_sleman", PASSWORD)
    token = csrf_from(client.get(f"/ppk/kasus/{case['case_id']}").text)
    body = {"csrf_token": token, "body": "Halo pelapor", "report_id": case["report_id"]}
    assert client.post(f"/ppk/kasus/{case['case_id']}/pesan", data=body).status_code in (403, 422)
    # The officers' route refuses too: the core does, not the page.
    assert client.post(f"/petugas/kasus/{case['case_id']}/pesan", data=body).status_code == 403
    original = client.post(
        f"/petugas/bukti/{case['evidence_id']}/asli",
        data={"csrf_token": token, "reason": "ingin melihat asli"},
    )
    assert original.status_code == 403
    auth = _token(client, "ppk_sleman")
    api = client.post(
        f"/api/v1/cases/{case['case_id']}/messages",
        json={"report_id": case["report_id"], "body": "Halo pelapor"},
        headers=auth,
    )
    assert api.status_code == 403
    with world.backend.make_uow() as uow:
        bodies = [m.body for m in uow.messages.find(report_id=case["report_id"])]
    assert "Halo pelapor" not in bodies


def test_the_api_case_file_of_a_ppk_carries_no_reporter_identity(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    officer = client.get(f"/api/v1/cases/{case['case_id']}", headers=_token(client, "pemeriksa")).json()
    assert officer["messages"] and officer["reports_with_identity"] == [case["report_id"]]
    ppk = client.get(f"/api/v1/cases/{case['case_id']}", headers=_token(client, "ppk_sleman"))
    assert ppk.status_code == 200
    data = ppk.json()
    assert data["messages"] == [] and data["reports_with_identity"] == [] and data["report_windows"] == []
    assert data["reporter_channel"] is False
    (report,) = data["reports"]
    assert "receipt_hash" not in report and not report.get("receipt_tag") and report["known_on"] is None
    assert report["description"].startswith("Camat Depok")
    for hidden in (REPORTER_SECRET, OFFICER_NOTE, "Warga Sleman", case["receipt"]):
        assert hidden not in ppk.text


def test_the_decision_picks_a_ladder_form_or_another_with_a_reason(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    login(client, "ppk_sleman", PASSWORD)
    url = f"/ppk/kasus/{case['case_id']}"
    page = parse(client.get(url).text)
    options = page.xpath("//select[@id='k-form-code']//option/text()")
    # The act is of 2024 and the person a PNS: PP 94/2021 Pasal 8's forms, not PP 53/2010's.
    assert any("Pemotongan tunjangan kinerja 25% selama 6 bulan" in o for o in options)
    assert not any("Penundaan kenaikan gaji berkala" in o for o in options)
    assert page.xpath("//select[@id='k-form-code']//option[@value='lainnya']")
    base = {"level": "heavy", "decree_number": "800/9/2024", "decree_on": "2024-10-20"}
    # 'lainnya' without a reason: refused beside the reason, what was typed kept.
    other = {**base, "form_code": "lainnya", "form": "Teguran keras dan mutasi"}
    refused = act(client, url, "putusan", other)
    assert refused.status_code == 422
    doc = parse(refused.text)
    assert doc.xpath("//*[@id='putusan-form_other_reason-error']")
    assert doc.xpath("//input[@id='k-form']/@value") == ["Teguran keras dan mutasi"]
    assert doc.xpath("//select[@id='k-form-code']//option[@selected]/@value") == ["lainnya"]
    assert doc.xpath("//input[@id='k-number']/@value") == ["800/9/2024"]
    # A form of another level is refused.
    light = str(page.xpath("//select[@id='k-form-code']//option[starts-with(., 'Teguran lisan')]/@value")[0])
    wrong = act(client, url, "putusan", {**base, "form_code": light})
    assert wrong.status_code == 422 and parse(wrong.text).xpath("//*[@id='putusan-form_code-error']")
    done = act(client, url, "putusan", {**other, "form_other_reason": "Bentuk menurut peraturan instansi."})
    assert done.status_code == 303
    assert status_of(client, url) == "ppk_decided"
    with world.backend.make_uow() as uow:
        (decision,) = uow.decisions.find(case_id=case["case_id"])
    assert decision.form_code == "lainnya" and decision.form == "Teguran keras dan mutasi"
    assert decision.form_other_reason == "Bentuk menurut peraturan instansi."
    shown = text_of(parse(client.get(url).text), "//section[@id='recommendations']")
    assert "di luar tangga sanksi" in shown and "Bentuk menurut peraturan instansi." in shown


def test_the_api_lists_the_forms_and_stores_the_code(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    auth = _token(client, "ppk_sleman")
    listed = client.get(f"/api/v1/cases/{case['case_id']}/sanction-forms", headers=auth).json()
    heavy = [f for f in listed["items"] if f["level"] == "heavy"]
    assert listed["other"] == "lainnya" and heavy
    assert all(f["citation"].startswith("PP 94/2021") for f in heavy)
    version = client.get(f"/api/v1/cases/{case['case_id']}", headers=auth).json()["case"]["version"]
    body = {"version": version, "level": "heavy", "form_code": heavy[0]["code"],
            "decree_number": "800/1/2024", "decree_on": "2024-10-20"}  # fmt: skip
    bad = client.post(
        f"/api/v1/cases/{case['case_id']}/decision", json={**body, "form_code": "nope/1"}, headers=auth
    )
    assert bad.status_code == 422 and bad.json()["error"]["details"]["field"] == "form_code"
    ok = client.post(f"/api/v1/cases/{case['case_id']}/decision", json=body, headers=auth)
    assert ok.status_code == 200, ok.text
    with world.backend.make_uow() as uow:
        (decision,) = uow.decisions.find(case_id=case["case_id"])
    assert decision.form_code == heavy[0]["code"] and decision.form == heavy[0]["label"]


def test_identify_form_reopens_with_what_is_stored(client: TestClient, world: World) -> None:
    case = case_in_examination(world)
    url = f"/petugas/kasus/{case['case_id']}"
    login(client, "pemeriksa", PASSWORD)
    person = {"name": "Budi Santoso", "nip": "", "employee_type": "pns", "position": "Camat Depok",
              "agency_id": "pemda-34.04"}  # fmt: skip
    assert act(client, url, "terlapor", person).status_code == 303
    page = parse(client.get(url).text)
    assert page.xpath("//input[@id='p-position']/@value") == ["Camat Depok"]
    assert page.xpath("//select[@id='p-type']/option[@selected]/@value") == ["pns"]
    assert page.xpath("//select[@id='p-agency']/option[@selected]/@value") == ["pemda-34.04"]
    assert text_of(page, "//*[@id='person-agency']") == "Pemerintah Kabupaten Sleman"
    assert text_of(page, "//*[@id='case-agency']") == "Pemerintah Kabupaten Sleman"
    # Saving the form again as it reopened keeps the position.
    again = {k: (v[0] if v else "") for k, v in {
        "name": page.xpath("//input[@id='p-name']/@value"),
        "nip": page.xpath("//input[@id='p-nip']/@value"),
        "employee_type": page.xpath("//select[@id='p-type']/option[@selected]/@value"),
        "position": page.xpath("//input[@id='p-position']/@value"),
        "agency_id": page.xpath("//select[@id='p-agency']/option[@selected]/@value"),
    }.items()}  # fmt: skip
    assert act(client, url, "terlapor", again).status_code == 303
    assert text_of(parse(client.get(url).text), "//*[@id='person-position']") == "Camat Depok"


def test_history_names_who_acted_and_the_report_received(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    login(client, "pengawas", PASSWORD)
    page = parse(client.get(f"/petugas/kasus/{case['case_id']}").text)
    lines = [text_of(li, ".") for li in page.xpath("//ol[@class='timeline']/li")]
    assert lines[0].count("Laporan diterima") == 1 and "Warga Sleman" not in " ".join(lines)
    moves = [line for line in page.xpath("//ol[@class='timeline']/li[contains(@class, 'history-event')]")]
    actors = {text_of(li, ".//span[@class='actor']") for li in moves}
    assert "Intake (Petugas penerimaan (pemeriksaan administratif))" in actors
    assert any(a.startswith("Satgas (Satgas Netralitas ASN") for a in actors)
    recommendation = page.xpath("//ol[@class='timeline']/li[contains(@class, 'history-recommendation')]")
    assert recommendation and "Pemeriksa" in text_of(recommendation[0], ".")
    sender = text_of(page, "//section[@id='recommendations']//span[@class='sender']")
    # The examiner (no agency) of Sleman sent it, under BKN's supervision: not just "BKN".
    assert sender.startswith("Tim Pemeriksa") and "Sleman" in sender and "Badan Kepegawaian Negara" in sender


def test_investigators_see_where_and_when_a_photo_was_taken_audited(client: TestClient, world: World) -> None:
    case = _with_conversation(client, world)
    login(client, "pemeriksa", PASSWORD)
    html = client.get(f"/petugas/kasus/{case['case_id']}").text
    capture = parse(html).xpath(f"//*[@id='capture-{case['evidence_id']}']")
    assert capture, "no capture summary"
    assert text_of(capture[0], ".//span[@class='taken-in']") == "Kabupaten Sleman"
    assert "-7.8, 110.4" in text_of(capture[0], ".")
    assert "7.766" not in html and "KameraPelapor" not in html
    with world.backend.make_uow() as uow:
        reads = [
            e for e in uow.audit.for_subject("case", case["case_id"]) if e.action == "evidence.capture_read"
        ]
    assert reads and reads[-1].actor_id == world.user_ids["pemeriksa"]
    assert list(reads[-1].detail["evidence_ids"]) == [case["evidence_id"]]
    login(client, "ppk_sleman", PASSWORD)
    ppk = client.get(f"/ppk/kasus/{case['case_id']}").text
    assert not parse(ppk).xpath("//p[@class='capture']") and "-7.8, 110.4" not in ppk
