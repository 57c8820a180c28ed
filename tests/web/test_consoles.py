"""Officer, PPK and admin consoles through the whole procedure, on the real services."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.model import LEVEL_LABELS, TRACK_LABELS
from tests.factories import PASSWORD, SLEMAN, World, jpeg_with_gps
from tests.web.helpers import csrf_from, login, parse, text_of
from tests.web.test_report_flow import GOOD, submit


def file_report(client: TestClient) -> tuple[str, str]:
    """(receipt, case id) of a fresh public report with a photo."""
    doc = parse(submit(client, GOOD, [("files", ("bukti.jpg", jpeg_with_gps(), "image/jpeg"))]).text)
    receipt = text_of(doc, "//*[@id='receipt']")
    number = text_of(doc, "//*[@id='case-number']")
    return receipt, number


def act(client: TestClient, case_url: str, action: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    doc = parse(client.get(case_url).text)
    version = doc.xpath("//input[@name='version']/@value")
    token = csrf_from(client.get(case_url).text)
    fields = {"csrf_token": token, **({"version": version[0]} if version else {}), **data}
    return client.post(f"{case_url}/{action}", data=fields, follow_redirects=False)


def status_of(client: TestClient, case_url: str) -> str:
    return str(parse(client.get(case_url).text).xpath("//*[@id='case-status']/@data-status")[0])


def case_url_from_queue(client: TestClient, number: str) -> str:
    doc = parse(client.get("/petugas").text)
    links = doc.xpath(f"//table[@id='queue']//a[.='{number}']/@href")
    assert links, f"case {number} not in the queue"
    return str(links[0])


def test_a_report_goes_all_the_way_to_the_ppk_decision(client: TestClient, world: World) -> None:
    receipt, number = file_report(client)

    assert login(client, "intake", PASSWORD).status_code == 200
    url = case_url_from_queue(client, number)
    page = parse(client.get(url).text)
    assert page.xpath("//ul[@class='evidence']//img/@src")
    image = client.get(page.xpath("//ul[@class='evidence']//img/@src")[0])
    assert image.headers["content-type"] == "image/jpeg" and b"KameraPelapor" not in image.content
    assert act(client, url, "status", {"target": "admin_check"}).status_code == 303
    person = {"name": "Budi Santoso", "employee_type": "pns", "position": "Camat", "agency_id": SLEMAN.id}
    assert act(client, url, "terlapor", person).status_code == 303
    assert act(client, url, "status", {"target": "verification"}).status_code == 303
    doc = parse(client.get(url).text)
    step = text_of(doc, "//section[@id='deadlines']//tr[@data-step='taskforce_verification']/td[1]")
    assert step.startswith("Verifikasi laporan oleh Satgas Netralitas ASN (7 hari)")

    login(client, "satgas", PASSWORD)
    facts = {
        "behaviours": ["photo_with_candidate", "partisan_gesture"],
        "act_on": "2024-10-01",
        "election_id": "pilkada-2024",
        "employee_type": "pns",
    }
    assert act(client, url, "penilaian", facts).status_code == 303
    doc = parse(client.get(url).text)
    finding = doc.xpath("//ul[@class='findings']/li[@data-rule-id='skb-b7']")[0]
    rule = default_catalogue().violation("skb-b7")
    assert text_of(finding, "./span[@class='track']") == TRACK_LABELS[rule.track]
    assert text_of(finding, "./span[@class='level']") == LEVEL_LABELS[rule.level]
    assert act(client, url, "status", {"target": "validation"}).status_code == 303

    login(client, "bawaslu", PASSWORD)
    assert act(client, url, "status", {"target": "examination"}).status_code == 303

    login(client, "pemeriksa", PASSWORD)
    text = {"level": "heavy", "text": "Terbukti berfoto dengan pose jari bersama calon bupati."}
    assert act(client, url, "rekomendasi", text).status_code == 303
    assert status_of(client, url) == "recommendation_sent"

    login(client, "ppk_sleman", PASSWORD)
    inbox = parse(client.get("/ppk").text)
    ppk_url = str(inbox.xpath("//ul[@id='waiting']//a/@href")[0])
    ppk_page = parse(client.get(ppk_url).text)
    recommendation = text_of(ppk_page, "//section[@id='recommendations']")
    assert "Terbukti berfoto dengan pose jari" in recommendation
    # The form is picked from the ladder in force (PP 94/2021 Pasal 8 for a PNS).
    code = str(ppk_page.xpath("//select[@id='k-form-code']//option[starts-with(., 'Pembebasan')]/@value")[0])
    assert code.endswith("/heavy/2"), code
    decision = {
        "level": "heavy",
        "form_code": code,
        "decree_number": "800/123/2024",
        "decree_on": "2024-10-20",
    }
    refused = act(client, ppk_url, "putusan", {**decision, "decree_number": "", "decree_on": "kemarin"})
    assert refused.status_code == 422
    page = parse(refused.text)
    for name in ("decree_number", "decree_on"):
        assert page.xpath(f"//form[@id='decision-form']//*[@id='putusan-{name}-error']"), name
    assert page.xpath("//select[@id='k-form-code']//option[@selected]/@value") == [code]
    assert act(client, ppk_url, "putusan", decision).status_code == 303
    assert status_of(client, ppk_url) == "ppk_decided"

    token = csrf_from(client.get("/status").text)
    status = parse(client.post("/status", data={"receipt": receipt, "csrf_token": token}).text)
    assert text_of(status, "//*[@id='status-label']") == "Diputus PPK"


def test_officer_errors_keep_the_input_and_name_the_problem(client: TestClient) -> None:
    _, number = file_report(client)
    login(client, "intake", PASSWORD)
    url = case_url_from_queue(client, number)
    response = act(client, url, "status", {"target": "dismissed", "reason": ""})
    assert response.status_code in (409, 422)
    assert parse(response.text).xpath("//*[@id='status-error']")
    wrong = act(client, url, "status", {"target": "sanctioned"})
    assert wrong.status_code == 409
    assert "admin_check" in text_of(parse(wrong.text), "//*[@id='status-error']")


def test_stale_version_is_refused_and_nothing_changes(client: TestClient) -> None:
    _, number = file_report(client)
    login(client, "intake", PASSWORD)
    url = case_url_from_queue(client, number)
    token = csrf_from(client.get(url).text)
    stale = client.post(f"{url}/status", data={"csrf_token": token, "version": "99", "target": "admin_check"})
    assert stale.status_code == 409
    assert status_of(client, url) == "received"


def test_identity_reveal_needs_a_reason_and_shows_the_identity(client: TestClient) -> None:
    data = dict(GOOD, reporter_name="Rahmat Hidayat", reporter_contact="0812-0000-1111")
    number = text_of(parse(submit(client, data).text), "//*[@id='case-number']")
    login(client, "satgas", PASSWORD)
    url = str(parse(client.get("/petugas").text).xpath(f"//a[.='{number}']/@href")[0])
    report_id = parse(client.get(url).text).xpath("//article[@data-report-id]/@data-report-id")[0]
    token = csrf_from(client.get(url).text)
    short = client.post(f"{url}/identitas", data={"csrf_token": token, "report_id": report_id, "reason": "x"})
    assert short.status_code == 422 and not parse(short.text).xpath("//*[@id='revealed-identity']")
    reason = "Perlu konfirmasi saksi untuk verifikasi."
    shown = client.post(
        f"{url}/identitas", data={"csrf_token": token, "report_id": report_id, "reason": reason}
    )
    assert "Rahmat Hidayat" in text_of(parse(shown.text), "//*[@id='revealed-identity']")
    assert "Rahmat Hidayat" not in client.get(url).text


def test_duplicates_are_suggested_and_can_be_merged(client: TestClient) -> None:
    file_report(client)
    _, second = file_report(client)
    login(client, "intake", PASSWORD)
    url = case_url_from_queue(client, second)
    doc = parse(client.get(url).text)
    suggested = doc.xpath("//form[@id='merge-form']//input[@name='target_case_id']/@value")
    assert suggested, "the identical report should be suggested"
    merged = act(client, url, "gabung", {"target_case_id": suggested[0], "reason": "Laporan yang sama."})
    assert merged.status_code == 303
    assert status_of(client, url) == "merged"


def test_queue_filters_by_status_and_shows_deadline_badges(client: TestClient, world: World) -> None:
    _, number = file_report(client)
    login(client, "intake", PASSWORD)
    url = case_url_from_queue(client, number)
    act(client, url, "status", {"target": "admin_check"})
    act(client, url, "status", {"target": "verification"})
    world.clock.advance(days=10)
    doc = parse(client.get("/petugas", params={"status": "verification"}).text)
    row = doc.xpath(f"//tr[td/a[.='{number}']]")[0]
    assert row.xpath(".//span[contains(@class,'deadline-overdue')]")
    other = parse(client.get("/petugas", params={"status": "received"}).text)
    assert not other.xpath(f"//a[.='{number}']")
    late = parse(client.get("/petugas", params={"tenggat": "lewat"}).text)
    assert late.xpath(
        f"//table[@id='overdue']//tr[td/a[.='{number}']]//span[contains(@class,'deadline-overdue')]"
    )
    none_late = parse(client.get("/petugas", params={"tenggat": "lewat", "status": "received"}).text)
    assert not none_late.xpath(f"//table[@id='overdue']//a[.='{number}']")


def test_admin_creates_a_user_and_sees_errors_beside_the_form(client: TestClient) -> None:
    login(client, "admin", PASSWORD)
    token = csrf_from(client.get("/admin").text)
    fields = {"username": "petugas.baru", "display_name": "Petugas Baru", "role": "taskforce",
              "password": "sandi-panjang-sekali", "region_code": "34", "agency_id": ""}  # fmt: skip
    created = client.post("/admin/pengguna", data={**fields, "csrf_token": token}, follow_redirects=False)
    assert created.status_code == 303
    doc = parse(client.get("/admin").text)
    assert doc.xpath("//table[@id='users']//td[.='petugas.baru']")
    again = client.post("/admin/pengguna", data={**fields, "csrf_token": token})
    assert again.status_code == 409
    page = parse(again.text)
    assert page.xpath("//*[@id='user-error']") and page.xpath("//input[@id='username']/@value") == [
        "petugas.baru"
    ]
    assert page.xpath("//input[@id='password']/@value") in ([], [""])


def test_login_is_rate_limited_per_account(client: TestClient) -> None:
    codes = [login(client, "intake", "salah-sandi").status_code for _ in range(6)]  # type: ignore[attr-defined]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert login(client, "satgas", PASSWORD).status_code == 200  # type: ignore[attr-defined]


def test_console_pages_send_strangers_to_the_login(client: TestClient) -> None:
    response = client.get("/petugas", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/masuk")


def test_login_never_redirects_off_site(client: TestClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        token = csrf_from(client.get("/masuk").text)
        data = {"username": "intake", "password": PASSWORD, "csrf_token": token, "next": target}
        response = client.post("/masuk", data=data, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/petugas"


def test_queue_region_filter_outside_scope_is_explained_beside_the_field(client: TestClient) -> None:
    _, number = file_report(client)
    login(client, "intake", PASSWORD)
    doc = parse(client.get("/petugas", params={"region": "33"}).text)
    assert doc.xpath("//*[@id='region-error']")
    assert doc.xpath(f"//table[@id='queue']//a[.='{number}']")
