"""Issue 13 (console): an officer filters the queue by region name, assigns cases in bulk, finds
them under "Kasus saya", reads notifications; a supervisor reads the audit trail and checks the
chain. At desktop and 390 px, with no horizontal overflow on any of these pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netralitas.cases.notifications import sweep
from netralitas.cases.public_report import parse_report_submission
from netralitas.cases.reporting import submit_report
from tests.browser.conftest import Site, sign_in
from tests.factories import SLEMAN

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
             "has_touch": True}  # fmt: skip
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"


def _report(site: Site, region: str, text: str) -> str:
    payload = parse_report_submission({
        "description": text, "region_code": region, "person_name": "Budi Santoso", "person_position": "Camat",
        "employee_type": "pns", "election_id": "pilkada-2024", "act_on": site.backend.kit.clock.today(),
        **({"agency_id": SLEMAN.id} if region == "34.04" else {}),
    })  # fmt: skip
    return submit_report(site.backend.make_uow(), site.backend.kit, payload).case_number


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("size", [DESKTOP, PHONE_390], ids=["desktop", "390px"])
def test_officer_and_supervisor_console_journey(browser: Any, site: Site, size: dict[str, Any]) -> None:
    sleman = _report(site, "34.04", "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.")
    kota = _report(site, "34.71", "Lurah membagikan kaos bergambar calon wali kota di kantor kelurahan.")
    sweep(site.backend.make_uow(), site.backend.kit, site.backend.kit.clock.today())
    checked: list[str] = []
    context = browser.new_context(**size)
    page = sign_in(context, site, "intake")
    page.goto(f"{site.url}/petugas")
    assert _fits(page)
    checked.append("queue")
    page.select_option("#provinsi", "34")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**provinsi=34**")
    page.select_option("#kabkota", "34.04")
    page.select_option("#urut", "tenggat")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**kabkota=34.04**")
    assert sleman in page.inner_text("#queue") and kota not in page.inner_text("#queue")
    assert (
        page.locator("#kabkota").input_value() == "34.04" and page.locator("#urut").input_value() == "tenggat"
    )
    assert _fits(page)
    page.goto(f"{site.url}/petugas?provinsi=34")
    for number in (sleman, kota):
        row = page.locator(f"#queue tr:has(a:text-is('{number}'))")
        row.locator("input[type=checkbox]").check()
    page.select_option("#bulk-assignee", index=1)
    page.click("#bulk-assign")
    page.wait_for_url("**/petugas/massal")
    assert page.locator("#bulk-results tr.ok").count() == 2
    assert _fits(page)
    checked.append("bulk result")
    page.goto(f"{site.url}/petugas?saya=1")
    assert page.locator("#my-cases[aria-current='page']").count() == 1 and _fits(page)
    checked.append("my cases")
    if size is PHONE_390:
        page.goto(f"{site.url}/petugas?provinsi=34")
        page.screenshot(path="/tmp/console-queue-390.png", full_page=True)
    page.goto(f"{site.url}/petugas/notifikasi")
    assert page.locator("#notes li[data-kind='new_case']").count() >= 2
    assert _fits(page)
    checked.append("notifications")
    page.click("#read-all button")
    page.wait_for_url("**ok=dibaca")
    case_link = page.locator("#notes a").first.get_attribute("href")
    assert case_link is not None
    page.goto(f"{site.url}{case_link}")
    page.click("#assign-link")
    assert page.locator("#assign-form").is_visible() and _fits(page)
    checked.append("assignment")
    if size is DESKTOP:
        page.goto(f"{site.url}/petugas?provinsi=34")
        page.screenshot(path=str(SHOTS / "console-queue.png"), full_page=True)
    context.close()
    context = browser.new_context(**size)
    page = sign_in(context, site, "pengawas")
    page.goto(f"{site.url}/petugas/audit?aksi=case.assigned")
    assert page.locator("#audit tbody tr").count() >= 2
    assert _fits(page)
    page.click("#verify-link")
    assert page.locator("#chain-ok").is_visible(), page.inner_text("#chain-status")
    assert _fits(page)
    checked.append("audit")
    if size is DESKTOP:
        page.screenshot(path=str(SHOTS / "console-audit.png"), full_page=True)
    page.fill("#dari", "2024-01-01")
    page.fill("#pelaku", "orang-asing")
    page.click("#audit-filters button[type=submit]")
    assert page.locator("#pelaku-error").is_visible() and _fits(page)
    context.close()
    print(f"console pages without horizontal overflow at {size['viewport']['width']} px: {len(checked) + 1}")
