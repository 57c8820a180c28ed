"""Issue 13's measure: EVERY HTML page of the web app fits a 390 px phone. The GET routes come
from the app's router, so a new page cannot be missed: a route that is neither mapped to a real
address (with real data and the right signed-in role) nor listed as a download below fails the
test by name. Data: the demo set, plus what it lacks made through the real services (a screened
media-monitoring batch, a roster and a circular with a personal link)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.responses import HTMLResponse
from starlette.routing import Mount

from netralitas.cases.accounts import actor_of
from netralitas.cases.ports import CaseQuery
from netralitas.cases.roles import Actor
from netralitas.cases.workflow import CaseStatus
from netralitas.db.monitoring_repositories import monitoring_uow_factory
from netralitas.db.outreach_repositories import outreach_uow_factory
from netralitas.demo.seeding import DemoResult
from netralitas.monitoring.service import run_batch, upload_batch
from netralitas.outreach.access import OPERATOR
from netralitas.outreach.circulars import CircularInput, create_circular
from netralitas.outreach.links import make_token
from netralitas.outreach.rosterfile import read_roster
from netralitas.outreach.rosters import import_roster, register_units
from netralitas.rules.catalogue import default_catalogue
from netralitas.sending.jobs import link_secret
from netralitas.web.app import create_app
from tests.browser.conftest import Site
from tests.browser.test_demo_pages import PHONE_390, WIDE_ELEMENTS, demo  # noqa: F401  (fixture)
from tests.outreach.rosterdata import csv_bytes, person
from tests.web.helpers import make_settings

pytestmark = pytest.mark.browser
AGENCY = "pemda-33.74"  # the demo PPK's agency (Kota Semarang)

#: GET routes that are not pages: each answers a file or data, not HTML to read on a phone.
NOT_PAGES: dict[str, str] = {
    "/healthz": "health probe (plain text)",
    "/readyz": "readiness probe (JSON)",
    "/favicon.ico": "icon image",
    "/api/openapi.json": "API schema (JSON)",
    "/api/v1/*": "JSON API for programs, not a page",
    "/petugas/ekspor": "case list download (CSV/XLSX)",
    "/petugas/sk/{decision_id}": "decree download (PDF)",
    "/ppk/sk/{decision_id}": "decree download (PDF)",
    "/petugas/bukti/{evidence_id}": "evidence file download (image/PDF attachment)",
    "/petugas/pantau-media/{batch_id}/ekspor.csv": "monitoring results download (CSV)",
    "/pantauan/csv/{name}.csv": "dashboard chart data download (CSV)",
    "/data-terbuka/datapackage.json": "open data package descriptor (JSON)",
    "/data-terbuka/data.json": "open data catalogue (JSON)",
    "/data-terbuka/{name}.csv": "open data table download (CSV)",
    "/pembinaan/apel.pdf": "morning-assembly brief download (PDF)",
    "/pembinaan/edaran/{circular_id}/whatsapp": "WhatsApp message text to copy (plain text)",
    "/pembinaan/edaran/{circular_id}/lampiran/{sha256}": "circular attachment download",
    "/t/{token}/lampiran/{sha256}": "circular attachment download (personal link)",
    "/t/{token}/sertifikat.pdf": "pledge certificate download (PDF)",
    "/kalender.ics": "election calendar download (ICS)",
    "/kalender/{election_id}.ics": "one election's calendar download (ICS)",
}
POSTS = (
    "text,url,posted_at,author,region\n"
    '"Camat Semarang Tengah memasang spanduk calon wali kota di kantor kecamatan lalu mengunggah '
    'fotonya ke Facebook pribadinya",https://www.facebook.com/permalink.php?story_fbid='
    + "1234567890"
    * 8
    + ",2024-10-01,@pemantau_semarang_dengan_nama_akun_yang_sangat_panjang_sekali,33.74\n"
    "Jadwal posyandu balita minggu depan di balai kelurahan,,2024-10-02,@kelurahan,33.74\n"
)


@dataclass(frozen=True)
class Extras:
    batch_id: str
    circular_id: str
    token: str


def get_routes(app: Any) -> Iterator[tuple[str, bool]]:
    """Every GET path, also through FastAPI's lazily included routers (static files aside), and
    whether it declares an HTML answer."""
    for route in app.router.routes:
        if isinstance(route, Mount):
            continue
        found = route.effective_route_contexts() if hasattr(route, "effective_route_contexts") else [route]
        for one in found:
            if "GET" in (getattr(one, "methods", None) or ()):
                answer = getattr(one, "response_class", None)
                yield str(one.path), isinstance(answer, type) and issubclass(answer, HTMLResponse)


def excluded(path: str) -> bool:
    return path in NOT_PAGES or (path.startswith("/api/v1/") and "/api/v1/*" in NOT_PAGES)


def _actor(site: Site, username: str) -> Actor:
    with site.backend.make_uow() as uow:
        user = uow.users.by_username(username)
    assert user is not None, username
    return actor_of(user)


def _extras(site: Site) -> Extras:
    """What the demo lacks, through the real services: a screened monitoring batch uploaded by the
    Central Java intake officer; Semarang's units, roster and a circular with a personal link."""
    engine = site.backend.make_uow().engine  # type: ignore[attr-defined]
    kit = site.backend.kit
    intake, ppk = _actor(site, "penerima.jateng"), _actor(site, "ppk.semarang")
    monitoring = monitoring_uow_factory(engine)
    batch, _ = upload_batch(monitoring, kit.clock, intake, "pantauan.csv", POSTS.encode())
    assert kit.screener is not None
    run_batch(monitoring, kit.clock, kit.screener, batch.id)
    outreach = outreach_uow_factory(engine)
    now = datetime.now(UTC)
    register_units(outreach, now, OPERATOR, AGENCY, [("DISDIK", "Dinas Pendidikan dan Kebudayaan")])
    lines = [person(n, "DISDIK", "Kepala Sekolah Dasar Negeri") for n in (1, 2, 3)]
    assert import_roster(outreach, now, ppk, AGENCY, read_roster(io.BytesIO(csv_bytes(*lines)))).applied
    data = CircularInput(
        AGENCY, "Edaran netralitas ASN menjelang pemilihan wali kota",
        "Seluruh ASN wajib menjaga netralitas dan tidak ikut berkampanye di media sosial.",
        election_id="pilkada-2024", wants_pledge=True,
    )  # fmt: skip
    circular, count = create_circular(outreach, default_catalogue(), now, ppk, data)
    assert count == 3
    with outreach() as uow:
        member = next(iter(uow.rosters.members(AGENCY)))
    secret = link_secret(make_settings(Path(".")))
    return Extras(batch.id, circular.id, make_token(secret, circular.id, member.id, now, 30))


def _first_link(page: Any, url: str, prefix: str) -> str:
    """A real id taken from the list page that links to it."""
    page.goto(url)
    href = page.locator(f"main a[href^='{prefix}']").first.get_attribute("href")
    assert href, f"no link starting {prefix} on {url}"
    return str(href)


def _pages(site: Site, page_of: dict[str | None, Any], extras: Extras) -> dict[str, tuple[str | None, str]]:
    """Route path -> (username to sign in as, or None for the public; address with real data)."""
    with site.backend.make_uow() as uow:
        cases = uow.cases.search(CaseQuery(limit=100))[0]
    open_case = next(c for c in cases if c.status in {CaseStatus.RECEIVED, CaseStatus.ADMIN_CHECK})
    ppk_case = next(c for c in cases if c.agency_id == AGENCY)
    intake = page_of["penerima.jateng"]
    topic = _first_link(page_of[None], f"{site.url}/bolehkah", "/bolehkah/")
    rule = _first_link(intake, f"{site.url}/petugas/katalog", "/petugas/katalog/")
    batch = f"/petugas/pantau-media/{extras.batch_id}"
    post_case = _first_link(intake, f"{site.url}{batch}", f"{batch}/pos/")
    intake_user, ppk, boss = "penerima.jateng", "ppk.semarang", "pengawas.bkn"
    return {
        "/": (None, "/"),
        "/bolehkah": (None, "/bolehkah?q=bolehkah+ASN+memberi+like+unggahan+calon"),
        "/bolehkah/{topic_id}": (None, topic),
        "/kalender": (None, "/kalender"),
        "/lapor": (None, "/lapor"),
        "/status": (None, "/status"),
        "/masuk": (None, "/masuk"),
        "/data-terbuka": (None, "/data-terbuka"),
        "/api/docs": (None, "/api/docs"),
        "/t/{token}": (None, f"/t/{extras.token}"),
        "/t/{token}/kuis": (None, f"/t/{extras.token}/kuis"),
        "/akun/sandi": (intake_user, "/akun/sandi"),
        "/petugas": (intake_user, "/petugas"),
        "/petugas/kasus/{case_id}": (intake_user, f"/petugas/kasus/{open_case.id}"),
        "/petugas/penugasan/{case_id}": (intake_user, f"/petugas/penugasan/{open_case.id}"),
        "/petugas/notifikasi": (intake_user, "/petugas/notifikasi"),
        "/petugas/pantau-media": (intake_user, "/petugas/pantau-media"),
        "/petugas/pantau-media/{batch_id}": (intake_user, batch),
        "/petugas/pantau-media/{batch_id}/pos/{seq}/kasus": (intake_user, post_case),
        "/petugas/penilaian": (intake_user, "/petugas/penilaian"),
        "/petugas/katalog": (intake_user, "/petugas/katalog"),
        "/petugas/katalog/{rule_id}": (intake_user, rule),
        "/petugas/audit": (boss, "/petugas/audit"),
        "/pantauan": (boss, "/pantauan"),
        "/pantauan/peta": (boss, "/pantauan/peta"),
        "/ppk": (ppk, "/ppk"),
        "/ppk/kasus/{case_id}": (ppk, f"/ppk/kasus/{ppk_case.id}"),
        "/pembinaan": (ppk, "/pembinaan"),
        "/pembinaan/instansi/{agency_id}": (ppk, f"/pembinaan/instansi/{AGENCY}"),
        "/pembinaan/instansi/{agency_id}/edaran/baru": (ppk, f"/pembinaan/instansi/{AGENCY}/edaran/baru"),
        "/pembinaan/instansi/{agency_id}/kuis": (ppk, f"/pembinaan/instansi/{AGENCY}/kuis"),
        "/pembinaan/edaran/{circular_id}": (ppk, f"/pembinaan/edaran/{extras.circular_id}"),
        "/pembinaan/apel": (ppk, "/pembinaan/apel"),
        "/pembinaan/kerawanan": (ppk, "/pembinaan/kerawanan"),
        "/admin": ("admin", "/admin"),
        "/admin/instansi": ("admin", "/admin/instansi"),
    }


def test_every_html_page_fits_a_390px_phone(
    browser: Any,
    demo: tuple[Site, DemoResult],  # noqa: F811
    tmp_path: Path,
) -> None:
    site, result = demo
    passwords = {username: password for username, password, _role, _scope in result.credentials}
    extras = _extras(site)
    page_of: dict[str | None, Any] = {None: browser.new_context(**PHONE_390).new_page()}
    for username, password in passwords.items():
        page = browser.new_context(**PHONE_390).new_page()
        page.goto(f"{site.url}/masuk")
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        page_of[username] = page
    pages = _pages(site, page_of, extras)
    declared = dict(get_routes(create_app(make_settings(tmp_path), backend=site.backend)))
    routes = sorted(declared)
    html_excluded = [r for r in routes if excluded(r) and declared[r]]
    unmapped = [r for r in routes if not excluded(r) and r not in pages]
    stale = [p for p in [*pages, *NOT_PAGES] if p != "/api/v1/*" and p not in routes]
    assert not unmapped, (
        f"GET routes with no page address in this test (map them or list them as downloads): {unmapped}"
    )
    assert not html_excluded, f"HTML pages listed as downloads: {html_excluded}"
    assert not stale, f"entries for routes the app no longer has: {stale}"
    failures: list[str] = []
    for route, (user, address) in pages.items():
        page = page_of[user]
        response = page.goto(f"{site.url}{address}")
        status = response.status if response is not None else 0
        if status != 200 or (user is not None and re.search(r"/masuk(\?|$)", page.url)):
            failures.append(f"{route} ({address} as {user}): status {status}, at {page.url}")
            continue
        width = int(page.evaluate("document.documentElement.scrollWidth"))
        if width > 390:
            failures.append(f"{route} ({address} as {user}): {width} px, {page.evaluate(WIDE_ELEMENTS)}")
    print(f"\n{len(pages) - len(failures)} of {len(pages)} pages at 390 px without horizontal overflow")
    assert not failures, "\n".join(failures)
