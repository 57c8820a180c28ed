"""Issue 13: every page a reporter, an officer, a PPK and an administrator reach, at 390 px, has
no horizontal overflow; dates are long Indonesian dates; labels instead of internal ids; the
favicon and the self-hosted API documentation load without any CDN."""

from __future__ import annotations

import re
from typing import Any

import pytest

from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.reporting import submit_report
from netralitas.cases.workflow import CaseStatus
from tests.browser.conftest import Site, sign_in
from tests.factories import SLEMAN

pytestmark = pytest.mark.browser
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
             "has_touch": True}  # fmt: skip
ISO_DAY = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def _report(site: Site) -> tuple[str, str]:
    payload = parse_report_submission({
        "description": "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.",
        "region_code": "34.04", "agency_id": SLEMAN.id, "person_name": "Budi Santoso",
        "person_position": "Camat", "employee_type": "pns", "election_id": "pilkada-2024",
        "act_on": site.backend.kit.clock.today(),
    })  # fmt: skip
    sent = submit_report(site.backend.make_uow(), site.backend.kit, payload)
    return sent.receipt, sent.case_id


def _overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _visit(page: Any, url: str, seen: dict[str, int], name: str = "") -> None:
    response = page.goto(url)
    assert response is not None and response.status < 500, url
    seen[name or url.split("//", 1)[1].split("/", 1)[-1] or "/"] = _overflow(page)


def test_every_reachable_page_fits_a_390px_phone(browser: Any, site: Site) -> None:
    receipt, case_id = _report(site)
    seen: dict[str, int] = {}
    public = browser.new_context(**PHONE_390)
    page = public.new_page()
    for path in ("/", "/lapor", "/bolehkah", "/bolehkah?q=foto+dengan+calon", "/kalender", "/status",
                 "/masuk", "/api/docs"):  # fmt: skip
        _visit(page, f"{site.url}{path}", seen)
    page.goto(f"{site.url}/status")
    page.fill("#receipt", receipt)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    seen["status (hasil)"] = _overflow(page)
    submitted = page.inner_text("main")
    assert not ISO_DAY.search(submitted), submitted  # "3 Desember 2026", not 2026-12-03
    public.close()
    officer = browser.new_context(**PHONE_390)
    page = sign_in(officer, site, "intake")
    for path in ("/petugas", "/petugas?tenggat=lewat", f"/petugas/kasus/{case_id}", "/akun/sandi"):
        _visit(page, f"{site.url}{path}", seen)
    page.goto(f"{site.url}/petugas")
    queue = page.inner_text("#queue")
    assert "intake_officer" not in page.inner_text("main") and "Petugas penerimaan" in page.inner_text("main")
    assert not ISO_DAY.search(queue) and "Kabupaten Sleman" in queue
    officer.close()
    outsider = browser.new_context(**PHONE_390)
    page = sign_in(outsider, site, "intake_jateng")
    _visit(page, f"{site.url}/petugas/kasus/{case_id}", seen, "403 (kasus di luar wilayah)")
    refusal = page.inner_text("#error-message")
    assert "view_case" not in page.inner_text("main") and "membuka berkas kasus ini" in refusal
    outsider.close()
    for username, paths in (("ppk_sleman", ("/ppk",)), ("admin", ("/admin", "/admin/instansi"))):
        context = browser.new_context(**PHONE_390)
        page = sign_in(context, site, username)
        for path in paths:
            _visit(page, f"{site.url}{path}", seen)
        context.close()
    too_wide = {url: width for url, width in seen.items() if width > 390}
    print(f"\n390px: {len(seen) - len(too_wide)}/{len(seen)} pages without horizontal overflow: {seen}")
    assert not too_wide, too_wide
    with site.backend.make_uow() as uow:
        case = uow.cases.get(case_id)
    assert case is not None and case.status == CaseStatus.RECEIVED


def test_favicon_and_api_docs_need_no_cdn(browser: Any, site: Site) -> None:
    context = browser.new_context(**PHONE_390)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site.url) else None)
    page.goto(f"{site.url}/api/docs")
    icon = page.get_attribute("link[rel=icon]", "href")
    assert icon == "/static/favicon.svg"
    assert page.request.get(f"{site.url}{icon}").headers["content-type"].startswith("image/svg+xml")
    spec = page.request.get(f"{site.url}/api/openapi.json").json()
    methods = {"get", "post", "put", "patch", "delete"}
    operations = sum(1 for item in spec["paths"].values() for method in item if method in methods)
    assert page.locator("#api-operations > li").count() == operations > 10
    page.locator("#api-operations > li summary").first.click()
    assert page.locator("#api-operations > li details[open]").count() == 1
    assert not outside, outside
    context.close()
