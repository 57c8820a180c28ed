"""The /pembinaan pages and the personal link pages, on the real services and a real database."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import Engine

from netralitas.cases.accounts import create_user
from netralitas.cases.inputs import UserCreate
from netralitas.cases.roles import Role
from netralitas.clock import FixedClock
from netralitas.composition import Backend, build_kit
from netralitas.db.outreach_repositories import outreach_uow_factory
from netralitas.db.uow import SqlUnitOfWork
from netralitas.outreach.access import OPERATOR
from netralitas.outreach.links import make_token
from netralitas.outreach.rosters import register_units
from netralitas.sending.jobs import link_secret
from netralitas.web.app import create_app
from tests.factories import PASSWORD, SLEMAN, add_agencies
from tests.outreach.rosterdata import csv_bytes, nip, person
from tests.web.helpers import csrf_from, login, make_settings, parse, text_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

NOW = datetime(2024, 9, 20, 2, 0, tzinfo=UTC)  # two days before candidate determination (pilkada-2024)


@pytest.fixture
def site(engine: Engine, db_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    settings = make_settings(tmp_path, database_url=db_url, secret_key="kunci-uji-pembinaan")
    clock = FixedClock(NOW)
    kit = build_kit(settings, clock=clock)
    add_agencies(lambda: SqlUnitOfWork(engine), (SLEMAN,))
    for name, role, agency in (("ppk_sleman", Role.PPK, SLEMAN.id), ("intake", Role.INTAKE_OFFICER, None)):
        payload = UserCreate(username=name, display_name=name, role=role, password=PASSWORD,
                             region_code="34.04", agency_id=agency)  # fmt: skip
        create_user(SqlUnitOfWork(engine), kit, None, payload)
    make_uow = outreach_uow_factory(engine)
    register_units(
        make_uow, NOW, OPERATOR, SLEMAN.id, [("DISDIK", "Dinas Pendidikan"), ("KEC-DEPOK", "Kecamatan Depok")]
    )
    backend = Backend(lambda: SqlUnitOfWork(engine), kit)  # type: ignore[arg-type,return-value]
    app = create_app(settings, clock=clock, backend=backend)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield {"client": client, "settings": settings, "make_uow": make_uow, "clock": clock}


def upload(client: TestClient, data: bytes, mode: str) -> Any:
    token = csrf_from(client.get(f"/pembinaan/instansi/{SLEMAN.id}").text)
    files = {"file": ("daftar.csv", data, "text/csv")}
    return client.post(
        f"/pembinaan/instansi/{SLEMAN.id}/daftar", data={"mode": mode, "csrf_token": token}, files=files
    )


def test_roster_upload_reports_lines_then_applies(site: dict[str, Any]) -> None:
    client = site["client"]
    assert "/masuk" in str(client.get("/pembinaan").url)  # sign in first
    login(client, "ppk_sleman", PASSWORD)
    bad = csv_bytes(person(1), "X;123;DISDIK;Guru;PNS;;", person(2, "KEC-DEPOK", "Camat Depok"))
    page = upload(client, bad, "all")
    assert page.status_code == 422
    doc = parse(page.text)
    assert text_of(doc, "//table[@id='problems']//td[1]") == "3"
    assert "Tidak ada yang diterapkan" in text_of(doc, "//*[@id='outcome']")
    assert text_of(doc, "//*[@id='active-count']") == "0"
    page = upload(client, bad, "valid_only")
    assert text_of(parse(page.text), "//*[@id='active-count']") == "2"


def test_circular_from_template_link_ack_pledge_certificate_and_quiz(site: dict[str, Any]) -> None:
    client, make_uow = site["client"], site["make_uow"]
    login(client, "ppk_sleman", PASSWORD)
    upload(client, csv_bytes(person(1), person(2, "KEC-DEPOK", "Camat Depok")), "all")
    form_page = client.get(f"/pembinaan/instansi/{SLEMAN.id}/edaran/baru?election=pilkada-2024")
    doc = parse(form_page.text)
    body = doc.xpath("//textarea[@id='body']")[0].text_content()
    assert "Sebelum penetapan calon" in body and "SKB" in body
    values = {
        "csrf_token": csrf_from(form_page.text),
        "title": "",
        "body": body,
        "election_id": "pilkada-2024",
    }
    values |= {"phase": "pra_penetapan", "reminder_threshold": "80", "link_days": "30", "wants_pledge": "1"}
    refused = client.post(f"/pembinaan/instansi/{SLEMAN.id}/edaran", data=values)
    assert refused.status_code == 422
    refused_doc = parse(refused.text)
    assert refused_doc.xpath("//p[@id='title-error']")
    assert body.strip() in refused_doc.xpath("//textarea[@id='body']")[0].text_content()  # kept as typed
    titled = values | {"title": "Edaran netralitas Pilkada"}
    made = client.post(f"/pembinaan/instansi/{SLEMAN.id}/edaran", data=titled, follow_redirects=False)
    assert made.status_code == 303
    circular_url = made.headers["location"]
    circular_id = circular_url.rsplit("/", 1)[1]
    assert text_of(parse(client.get(circular_url).text), "//*[@id='recipients']") == "2"
    with make_uow() as uow:
        member = next(m for m in list(uow.rosters.members(SLEMAN.id)) if m.nip == nip(2))
    secret = link_secret(site["settings"])
    token = make_token(secret, circular_id, member.id, NOW, 30)
    public = TestClient(client.app, raise_server_exceptions=False)
    link_page = public.get(f"/t/{token}")
    ack = public.post(f"/t/{token}/baca", data={"csrf_token": csrf_from(link_page.text)})
    assert parse(ack.text).xpath("//*[@id='ack-done']")
    twice = public.post(f"/t/{token}/baca", data={"csrf_token": csrf_from(link_page.text)})
    assert "tidak dicatat dua kali" in text_of(parse(twice.text), "//*[@id='ack-done']")
    wrong = public.post(
        f"/t/{token}/pakta", data={"csrf_token": csrf_from(link_page.text), "name": "Budi", "nip": nip(1)}
    )
    assert wrong.status_code == 422 and parse(wrong.text).xpath("//p[@id='nip-error']")
    assert parse(wrong.text).xpath("//input[@id='name']/@value") == ["Budi"]
    signed = public.post(
        f"/t/{token}/pakta",
        data={"csrf_token": csrf_from(link_page.text), "name": "Pegawai Dua", "nip": nip(2)},
    )
    assert parse(signed.text).xpath("//*[@id='pledge-done']")
    pdf = public.get(f"/t/{token}/sertifikat.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Pegawai Dua" in text and nip(2) in text
    rates = parse(client.get(circular_url).text)
    assert "1 (50%)" in text_of(rates, "//*[@id='ack-rate']")
    assert "Dinas Pendidikan" in text_of(rates, "//ul[@id='not-reached']")
    quiz = public.get(f"/t/{token}/kuis")
    names = sorted(set(parse(quiz.text).xpath("//input[@type='radio']/@name")))
    answers = {n: "boleh" for n in names} | {"csrf_token": csrf_from(quiz.text)}
    marked = parse(public.post(f"/t/{token}/kuis", data=answers).text)
    assert len(marked.xpath("//ol[@id='explanations']/li")) == len(names) >= 4
    results = parse(client.get(f"/pembinaan/instansi/{SLEMAN.id}/kuis").text)
    assert "disamarkan" in text_of(results, "//table[@id='quiz-units']")  # 1 attempt < 5


def test_expired_and_tampered_links_get_a_clear_page(site: dict[str, Any]) -> None:
    client = site["client"]
    secret = link_secret(site["settings"])
    old = make_token(secret, "c" * 32, "m" * 32, NOW - timedelta(days=40), 30)
    page = client.get(f"/t/{old}")
    assert page.status_code == 410 and parse(page.text).xpath("//*[@id='link-error']/@data-code") == [
        "link_expired"
    ]
    bad = client.get(f"/t/{old[:-2]}xx")
    assert bad.status_code == 400 and "tidak sah" in text_of(parse(bad.text), "//*[@id='link-error']")


def test_calendar_feeds_brief_and_index(site: dict[str, Any]) -> None:
    client = site["client"]
    feed = client.get("/kalender/pilkada-2024.ics")
    assert feed.headers["content-type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(feed.content).walk("VEVENT")]
    campaign = next(e for e in events if str(e["uid"]).startswith("pilkada-2024-kampanye"))
    assert campaign.decoded("dtstart").isoformat() == "2024-09-25"
    assert len(Calendar.from_ical(client.get("/kalender.ics").content).walk("VEVENT")) > len(events)
    assert client.get("/kalender/tidak-ada.ics").status_code == 404
    assert client.get("/kalender").status_code == 200
    login(client, "ppk_sleman", PASSWORD)
    brief = parse(client.get("/pembinaan/apel?election=pilkada-2024&region=34.04&on=2024-09-20").text)
    text = text_of(brief, "//section[@id='brief']//pre")
    assert "Sebelum penetapan calon" in text and "Mulai 22 September 2024" in text
    pdf = client.get(brief.xpath("//a[@id='brief-pdf']/@href")[0])
    assert "Sebelum penetapan calon" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    upload(client, csv_bytes(person(1)), "all")
    index = parse(client.get("/pembinaan/kerawanan").text)
    assert text_of(index, "//table[@id='index']//tr[1]/td[1]") == "34.04"


def test_circular_attachments_are_pdf_only_and_reach_the_link(site: dict[str, Any]) -> None:
    from netralitas.outreach.documents import text_pdf

    client, make_uow = site["client"], site["make_uow"]
    login(client, "ppk_sleman", PASSWORD)
    upload(client, csv_bytes(person(1)), "all")
    page = client.get(f"/pembinaan/instansi/{SLEMAN.id}/edaran/baru?election=pilkada-2024")
    values = {
        "csrf_token": csrf_from(page.text),
        "title": "Edaran berlampiran",
        "body": "Isi edaran netralitas " * 3,
    }
    values |= {"reminder_threshold": "80", "link_days": "30"}
    url = f"/pembinaan/instansi/{SLEMAN.id}/edaran"
    refused = client.post(
        url, data=values, files={"attachments": ("se.pdf", b"MZ not a pdf", "application/pdf")}
    )
    doc = parse(refused.text)
    assert refused.status_code == 422 and "bukan PDF" in text_of(doc, "//p[@id='attachments-error']")
    assert doc.xpath("//input[@id='title']/@value") == ["Edaran berlampiran"]
    pdf = text_pdf("Surat Edaran Bupati", ["Nomor 100/2024"])
    made = client.post(url, data=values, files={"attachments": ("SE bupati.pdf", pdf, "application/pdf")},
                       follow_redirects=False)  # fmt: skip
    circular_id = made.headers["location"].rsplit("/", 1)[1]
    href = parse(client.get(made.headers["location"]).text).xpath("//ul[@id='attachments']//a/@href")[0]
    assert client.get(href).content == pdf
    with make_uow() as uow:
        (member,) = list(uow.rosters.members(SLEMAN.id))
    token = make_token(link_secret(site["settings"]), circular_id, member.id, NOW, 30)
    public = TestClient(client.app, raise_server_exceptions=False)
    link_href = parse(public.get(f"/t/{token}").text).xpath("//ul[@id='attachments']//a/@href")[0]
    assert public.get(link_href).content == pdf
    assert public.get(f"/t/{token}/lampiran/{'0' * 64}").status_code == 404
