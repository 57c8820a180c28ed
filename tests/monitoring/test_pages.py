"""The /petugas/pantau-media pages on the real services, a real database and the real screener:
upload (CSRF, bad lines, limits), progress, filters with evidence marked, scope, CSV export, and a
case opened from a post through the officer's case-opening path."""

from __future__ import annotations

import csv
import io
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from netralitas.cases.accounts import create_user
from netralitas.cases.audit import verify_trail
from netralitas.cases.inputs import UserCreate
from netralitas.cases.roles import Role
from netralitas.clock import FixedClock
from netralitas.composition import Backend, build_kit
from netralitas.db.monitoring_repositories import monitoring_uow_factory
from netralitas.db.uow import SqlUnitOfWork
from netralitas.web.app import create_app
from tests.factories import SEMARANG, SLEMAN
from tests.web.helpers import csrf_from, login, parse, text_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "kata-sandi-uji-123"
NOW = datetime(2024, 10, 7, 3, 0, tzinfo=UTC)
PEOPLE = {
    "intake": (Role.INTAKE_OFFICER, "34", None),
    "intake_jateng": (Role.INTAKE_OFFICER, "33", None),
    "pemeriksa": (Role.EXAMINER, "34", None),
    "pemeriksa_sleman": (Role.EXAMINER, "34.04", None),
    "ppk_sleman": (Role.PPK, "34.04", SLEMAN.id),
}
POSTS = (
    b"text,url,posted_at,author,region\n"
    b'"Camat Depok memasang spanduk caleg Partai Bulan di kantor kecamatan, foto diunggah ke Facebook",'
    b"https://facebook.com/warga/posts/1,2024-10-01,@warga_sleman,34.04\n"
    b"Jadwal posyandu balita minggu depan di balai desa,,2024-10-02,@desa,34.04\n"
    b"Baris rusak,javascript:alert(1),2024-10-02,@x,34.04\n"
    b"Di luar wilayah,,2024-10-02,@y,33.74\n"
)


@contextmanager
def build_site(engine: Engine, db_url: str, tmp_path: Path, **overrides: object) -> Iterator[dict[str, Any]]:
    from tests.web.helpers import make_settings

    settings = make_settings(tmp_path, database_url=db_url, **overrides)
    clock = FixedClock(NOW)
    kit = build_kit(settings, clock=clock)
    with SqlUnitOfWork(engine) as uow:
        uow.agencies.add(SLEMAN)
        uow.agencies.add(SEMARANG)
        uow.commit()
    for name, (role, region, agency) in PEOPLE.items():
        payload = UserCreate(username=name, display_name=name, role=role, password=PASSWORD,
                             region_code=region, agency_id=agency)  # fmt: skip
        create_user(SqlUnitOfWork(engine), kit, None, payload)
    backend = Backend(lambda: SqlUnitOfWork(engine), kit, engine=engine)  # type: ignore[arg-type,return-value]
    app = create_app(settings, clock=clock, backend=backend)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield {"client": client, "app": app, "backend": backend, "settings": settings, "clock": clock}


@pytest.fixture
def site(engine: Engine, db_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    with build_site(engine, db_url, tmp_path) as built:
        yield built


def upload(client: TestClient, data: bytes, name: str = "pantau.csv", token: str | None = None) -> Any:
    token = token if token is not None else csrf_from(client.get("/petugas/pantau-media").text)
    files = {"file": (name, data, "text/csv")}
    return client.post(
        "/petugas/pantau-media/unggah", data={"csrf_token": token}, files=files, follow_redirects=False
    )


def wait(site: dict[str, Any]) -> None:
    site["app"].state.monitoring.jobs.wait()


def test_upload_progress_filters_highlight_export_and_case(site: dict[str, Any]) -> None:
    client = site["client"]
    login(client, "intake", PASSWORD)
    nav = parse(client.get("/petugas").text)
    assert nav.xpath("//nav//a[@href='/petugas/pantau-media']")
    sent = upload(client, POSTS)
    assert sent.status_code == 303
    batch_url = sent.headers["location"]
    wait(site)
    page = client.get(batch_url)
    assert page.status_code == 200
    doc = parse(page.text)
    assert doc.xpath("//section[@id='progress']/@data-status") == ["done"]
    assert doc.xpath("//progress/@value") == ["2"] and doc.xpath("//progress/@max") == ["2"]
    assert not doc.xpath("//meta[@http-equiv='refresh']")  # finished: no more refreshing
    assert [r.text_content() for r in doc.xpath("//table[@id='problems']//tr/td[1]")] == ["4", "5"]
    posts = doc.xpath("//li[contains(@class,'post')]")
    assert [p.get("data-seq") for p in posts] == ["1"]  # the posyandu notice is not flagged
    labels = posts[0].get("data-labels").split()
    assert labels, "the spanduk post is flagged"
    marks = [m.text_content() for m in posts[0].xpath(".//mark[contains(@class,'evidence-mark')]")]
    assert any("spanduk" in m for m in marks)
    everything = parse(client.get(batch_url, params={"semua": "1"}).text)
    assert len(everything.xpath("//li[contains(@class,'post')]")) == 2
    other = parse(
        client.get(batch_url, params={"label": "no_such_label", "min": "0.99", "region": "34.71"}).text
    )
    assert not other.xpath("//li[contains(@class,'post')]")
    by_label = parse(client.get(batch_url, params={"label": labels[0]}).text)
    assert [p.get("data-seq") for p in by_label.xpath("//li[contains(@class,'post')]")] == ["1"]

    exported = client.get(f"{batch_url}/ekspor.csv", params={"semua": "1"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["baris", "teks", "tautan"] and len(rows) == 3
    assert rows[1][2] == "https://facebook.com/warga/posts/1" and rows[1][6]

    form_url = posts[0].xpath(".//a[contains(@class,'open-case')]/@href")[0]
    form = parse(client.get(form_url).text)
    assert "memasang spanduk" in form.xpath("//textarea[@name='description']")[0].text_content()
    assert (
        form.xpath("//textarea[@name='links']")[0].text_content().strip()
        == "https://facebook.com/warga/posts/1"
    )
    assert form.xpath("//input[@name='act_on']/@value") == ["2024-10-01"]
    assert form.xpath("//input[@name='region_code']/@value") == ["34.04"]
    assert form.xpath("//ul[@id='suggested']/li[@data-label]")
    token = csrf_from(client.get(form_url).text)
    values = {"csrf_token": token, "description": "pendek", "links": "bukan tautan", "act_on": "2024-10-01",
              "region_code": "34.04"}  # fmt: skip
    bad = client.post(form_url, data=values)
    assert bad.status_code == 422
    kept = parse(bad.text)
    assert (
        kept.xpath("//textarea[@name='description']")[0].text_content() == "pendek"
    )  # what was typed is kept
    assert kept.xpath("//p[@id='description-error']") and kept.xpath("//p[@id='links-error']")
    values |= {"description": "Camat Depok memasang spanduk caleg di kantor kecamatan.",
               "links": "https://facebook.com/warga/posts/1"}  # fmt: skip
    opened = client.post(form_url, data=values, follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"].startswith("/petugas/kasus/")
    case_page = client.get(opened.headers["location"])
    assert case_page.status_code == 200 and "spanduk" in case_page.text
    again = parse(client.get(batch_url).text)
    assert again.xpath("//a[contains(@class,'case-link')]/@href") == [opened.headers["location"]]
    # a second submission goes to the same case, not a new one
    twice = client.post(form_url, data=values, follow_redirects=False)
    assert twice.headers["location"] == opened.headers["location"]

    backend = site["backend"]
    with backend.make_uow() as uow:
        actions = [e.action for e in uow.audit.iter_all()]
    assert verify_trail(backend.make_uow(), backend.kit).ok
    for action in ("monitoring.uploaded", "monitoring.viewed", "monitoring.exported", "monitoring.listed",
                   "monitoring.case_opened", "case.opened"):  # fmt: skip
        assert action in actions, action


def test_csrf_scope_and_role(site: dict[str, Any]) -> None:
    client = site["client"]
    assert "/masuk" in str(client.get("/petugas/pantau-media").url)  # sign in first
    login(client, "intake", PASSWORD)
    forged = upload(client, POSTS, token="palsu")
    assert forged.status_code == 403
    batch_url = upload(client, POSTS).headers["location"]
    wait(site)
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "intake_jateng", PASSWORD)
    assert batch_url.rsplit("/", 1)[1] not in client.get("/petugas/pantau-media").text
    assert client.get(batch_url).status_code == 403
    assert client.get(f"{batch_url}/ekspor.csv").status_code == 403
    assert client.get(f"{batch_url}/pos/1/kasus").status_code == 403
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "pemeriksa_sleman", PASSWORD)  # a narrower scope does not see a province's batch
    assert client.get(batch_url).status_code == 403
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "pemeriksa", PASSWORD)  # the same region: may read, may not open cases
    page = parse(client.get(batch_url).text)
    assert page.xpath("//li[contains(@class,'post')]") and not page.xpath("//a[contains(@class,'open-case')]")
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, "ppk_sleman", PASSWORD)
    assert client.get("/petugas/pantau-media").status_code == 403


def test_bad_files_say_why_in_indonesian(site: dict[str, Any]) -> None:
    client = site["client"]
    login(client, "intake", PASSWORD)
    empty = upload(client, b"text\n\n")
    assert empty.status_code == 422
    assert "kosong" in text_of(parse(empty.text), "//p[@id='file-error']") or "Tidak ada pos" in empty.text
    nothing = upload(client, b'{"text": ""}\n{rusak\n', name="pos.jsonl")
    doc = parse(nothing.text)
    assert nothing.status_code == 422 and "Tidak ada pos yang dapat disaring" in text_of(
        doc, "//p[@id='file-error']"
    )
    assert [r.text_content() for r in doc.xpath("//table[@id='problems']//tr/td[1]")] == ["1", "2"]
    binary = upload(client, b"text\n\xff\xfe\x00\x01\n")
    assert binary.status_code == 422 and "UTF-8" in text_of(parse(binary.text), "//p[@id='file-error']")
    none = client.post(
        "/petugas/pantau-media/unggah",
        data={"csrf_token": csrf_from(client.get("/petugas/pantau-media").text)},
    )
    assert none.status_code == 422 and "Pilih berkas" in none.text


def _batch_count(site: dict[str, Any]) -> int:
    from sqlalchemy import func, select

    from netralitas.db.monitoring_models import MonitoringBatchRow

    with site["backend"].engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(MonitoringBatchRow)).scalar_one())


def _switch(client: TestClient, username: str) -> None:
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/petugas").text)})
    login(client, username, PASSWORD)


def upload_with(client: TestClient, data: bytes, election: str = "") -> Any:
    token = csrf_from(client.get("/petugas/pantau-media").text)
    return client.post(
        "/petugas/pantau-media/unggah", data={"csrf_token": token, "election_id": election},
        files={"file": ("pantau.csv", data, "text/csv")}, follow_redirects=False,
    )  # fmt: skip


@pytest.mark.parametrize("store", ["memory", "redis", "database"])
def test_uploads_are_rate_limited_per_officer_and_per_client_in_the_shared_store(
    store: str, engine: Engine, db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    import secrets

    storage = {"memory": "memory://", "database": "database"}.get(store) or str(
        request.getfixturevalue("redis_url")
    )
    limits = {"rate_limit_storage": storage, "monitoring_upload_rate": "2/minute",
              "monitoring_upload_client_rate": "3/minute", "secret_key": secrets.token_hex(24)}  # fmt: skip
    with build_site(engine, db_url, tmp_path, **limits) as site:
        client = site["client"]
        login(client, "intake", PASSWORD)
        assert upload_with(client, b"text\n\xff\n").status_code == 422  # a refused file counts too
        assert upload_with(client, POSTS).status_code == 303
        stored = _batch_count(site)
        refused = upload_with(client, POSTS, election="pilkada-2024")
        assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 60
        doc = parse(refused.text)
        message = text_of(doc, "//p[@id='file-error']")
        assert "Terlalu banyak unggahan" in message and "Tidak ada yang disimpan" in message
        assert doc.xpath("//select[@id='election_id']/option[@selected]/@value") == ["pilkada-2024"]
        assert _batch_count(site) == stored  # nothing half-made
        _switch(client, "intake_jateng")  # another account, same client address: 1 left of 3
        assert upload_with(client, POSTS.replace(b"34.04", b"33.74")).status_code == 303
        assert upload_with(client, b"text\nhalo\n").status_code == 429
        if store != "memory":  # a second worker (another app on the same store) sees the same counts
            other = create_app(site["settings"], clock=site["clock"], backend=site["backend"])
            with TestClient(other, raise_server_exceptions=False) as second:
                login(second, "intake", PASSWORD)
                assert upload_with(second, POSTS).status_code == 429


def workbook(*rows: tuple[object, ...]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_ROWS = (
    ("teks", "tautan", "akun", "kode_wilayah", "jenis"),
    ("Camat Depok memasang spanduk caleg Partai Bulan di kantor kecamatan", "https://fb.com/p/1", "@a",
     "34.04", "post"),
    ("Dalam sambutannya kepala dinas mengajak ASN memilih pasangan calon nomor 2 pada pilkada", None, "@b",
     "34.04", "pidato"),
    ("Laporan warga", None, "@c", "34.04", "berita"),
)  # fmt: skip


def test_an_xlsx_upload_with_kinds_is_screened_filtered_exported_and_deleted_by_its_uploader(
    site: dict[str, Any],
) -> None:
    client = site["client"]
    login(client, "intake", PASSWORD)
    token = csrf_from(client.get("/petugas/pantau-media").text)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sent = client.post(
        "/petugas/pantau-media/unggah", data={"csrf_token": token},
        files={"file": ("pantauan.xlsx", workbook(*XLSX_ROWS), xlsx)}, follow_redirects=False,
    )  # fmt: skip
    assert sent.status_code == 303
    batch_url = sent.headers["location"]
    wait(site)
    doc = parse(client.get(batch_url, params={"semua": "1"}).text)
    assert [r.text_content() for r in doc.xpath("//table[@id='problems']//tr/td[1]")] == ["4"]
    assert "berita" in text_of(doc, "//table[@id='problems']//tr/td[2]")
    assert doc.xpath("//li[contains(@class,'post')]//span[@class='post-kind']/@data-kind") == [
        "post",
        "speech",
    ]
    assert doc.xpath("//span[@data-kind='speech']")[0].text_content() == "pidato"
    speeches = parse(client.get(batch_url, params={"semua": "1", "jenis": "speech"}).text)
    assert [p.get("data-seq") for p in speeches.xpath("//li[contains(@class,'post')]")] == ["2"]
    assert speeches.xpath("//select[@id='jenis']/option[@selected]/@value") == ["speech"]
    exported = client.get(f"{batch_url}/ekspor.csv", params={"semua": "1"})
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][-2:] == ["jenis", "nama_wilayah"]
    assert [r[-2] for r in rows[1:]] == ["unggahan", "pidato"] and "Sleman" in rows[1][-1]

    assert doc.xpath("//details[@id='delete-batch']//form[@method='post']")
    _switch(client, "pemeriksa")  # sees the batch, did not upload it
    assert not parse(client.get(batch_url).text).xpath("//details[@id='delete-batch']")
    token = csrf_from(client.get(batch_url).text)
    assert client.post(f"{batch_url}/hapus", data={"csrf_token": token}).status_code == 403
    _switch(client, "intake")
    assert client.post(f"{batch_url}/hapus", data={"csrf_token": "palsu"}).status_code == 403
    token = csrf_from(client.get(batch_url).text)
    gone = client.post(f"{batch_url}/hapus", data={"csrf_token": token}, follow_redirects=False)
    assert gone.status_code == 303
    listing = parse(client.get(gone.headers["location"]).text)
    assert listing.xpath("//p[@id='deleted']") and not listing.xpath("//tr[@data-batch-id]")
    assert client.get(batch_url).status_code == 404
    with site["backend"].make_uow() as uow:
        actions = [e.action for e in uow.audit.iter_all()]
    assert "monitoring.deleted" in actions and actions.count("monitoring.denied") >= 1


def test_the_batch_list_pages_and_says_how_long_batches_are_kept(
    site: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netralitas.monitoring import service

    monkeypatch.setattr(service, "BATCH_LIST_SIZE", 2)
    client = site["client"]
    login(client, "intake", PASSWORD)
    for _ in range(3):
        assert upload(client, b"text\nJadwal posyandu\n").status_code == 303
    wait(site)
    first = parse(client.get("/petugas/pantau-media").text)
    assert len(first.xpath("//tr[@data-batch-id]")) == 2
    assert [c.text_content() for c in first.xpath("//td[@class='uploader']")] == ["intake", "intake"]
    assert first.xpath("//nav[@id='batch-pager']//a[@rel='next']/@href") == ["?page=2"]
    assert "365 hari" in text_of(first, "//p[@id='retention']")
    second = parse(client.get("/petugas/pantau-media", params={"page": "2"}).text)
    assert len(second.xpath("//tr[@data-batch-id]")) == 1
    assert second.xpath("//nav[@id='batch-pager']//a[@rel='prev']")


def test_shutdown_lets_a_running_batch_finish_before_the_engine_goes(
    engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch still screened when the app stops held a pooled connection: disposed under it, that
    connection was never closed (psycopg's ResourceWarning at a later garbage collection failed
    whatever test ran then). Shutdown now waits for the batch before the engine is disposed."""
    from netralitas.sending import monitoring_jobs

    real = monitoring_jobs.run_batch
    started = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> int:
        with engine.connect():  # the batch's connection, held while it works
            started.set()
            time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(monitoring_jobs, "run_batch", slow)
    with build_site(engine, db_url, tmp_path) as built:
        client = built["client"]
        login(client, "intake", PASSWORD)
        batch_url = upload(client, POSTS).headers["location"]
        assert started.wait(10)
        jobs = built["app"].state.monitoring.jobs
    assert not any(t.is_alive() for t in jobs._threads)
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    batch_id = batch_url.rstrip("/").rsplit("/", 1)[-1]
    with monitoring_uow_factory(engine)() as uow:
        batch = uow.batches.get(batch_id)
    assert batch is not None and batch.status == "done"
