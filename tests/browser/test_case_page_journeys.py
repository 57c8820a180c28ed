"""Issue 13 (case page, PPK, reporter) in a real browser, at desktop size and on a 390 px phone:
the examiner's case page (capture summary, history, out-of-window explanation), the rules engine
and catalogue pages, the PPK's page without the reporter channel and the decision picked from the
sanction ladder, the reporter adding evidence from /status, the admin's agency edit. Every page
is checked for horizontal overflow; screenshots go to docs/img/case-examiner-desktop.png,
case-ppk-phone.png and status-evidence-phone.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netralitas.cases.accounts import actor_of
from netralitas.cases.decisions import send_recommendation
from netralitas.cases.inputs import RecommendationCreate
from tests.browser.conftest import Site, sign_in
from tests.factories import World, case_in_examination, jpeg_with_gps

pytestmark = pytest.mark.browser
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
              "has_touch": True},
}  # fmt: skip
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"


def _recommended(site: Site) -> dict[str, str]:
    world = World(site.backend, None, site.backend.kit.clock)  # type: ignore[arg-type]
    case = case_in_examination(world)
    with site.backend.make_uow() as uow:
        examiner = uow.users.by_username("pemeriksa")
        version = uow.cases.get(case["case_id"]).version  # type: ignore[union-attr]
    assert examiner is not None
    request = RecommendationCreate(case_id=case["case_id"], version=version, level="heavy",
                                   text="Terbukti berfoto dengan pose dua jari bersama calon.")  # fmt: skip
    send_recommendation(site.backend.make_uow(), site.backend.kit, actor_of(examiner), request)
    return case


def _width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_case_page_ppk_and_reporter_journeys(browser: Any, site: Site, size: str) -> None:
    case = _recommended(site)
    limit = SIZES[size]["viewport"]["width"]  # type: ignore[index]
    widths: dict[str, int] = {}

    examiner = browser.new_context(**SIZES[size])
    page = sign_in(examiner, site, "pemeriksa")
    page.goto(f"{site.url}/petugas/kasus/{case['case_id']}")
    widths["kasus (pemeriksa)"] = _width(page)
    assert "Kabupaten Sleman" in page.inner_text(f"#capture-{case['evidence_id']}")
    assert page.locator(".out-of-window").count() == 1  # a 2024 act reported today
    assert "Laporan diterima" in page.inner_text("#timeline")
    assert "Tim Pemeriksa" in page.inner_text("#recommendations .sender")
    if size == "desktop":
        page.locator("#reports article").first.screenshot(path=str(SHOTS / "case-examiner-desktop.png"))
    page.click("#assess-page-link")
    page.check("input[name=behaviours][value=use_state_facilities]")
    page.click("#engine-form button.primary")
    page.wait_for_load_state()
    widths["penilaian"] = _width(page)
    assert page.locator("#engine-result ul.findings > li").count() >= 1
    assert "use_state_facilities" not in page.inner_text("#engine-result")
    page.goto(f"{site.url}/petugas/katalog")
    widths["katalog"] = _width(page)
    page.goto(f"{site.url}/petugas/katalog/pp94-5n3")
    widths["katalog/pp94-5n3"] = _width(page)
    examiner.close()

    ppk = browser.new_context(**SIZES[size])
    page = sign_in(ppk, site, "ppk_sleman")
    page.goto(f"{site.url}/ppk/kasus/{case['case_id']}")
    widths["kasus (PPK)"] = _width(page)
    text = page.inner_text("main")
    assert "Warga Sleman" not in text and page.locator("#messages").count() == 0
    assert page.locator("#no-reporter-channel").count() == 1
    if size == "phone":
        page.locator("#decision-form").screenshot(path=str(SHOTS / "case-ppk-phone.png"))
    page.select_option("#k-level", "heavy")
    label = page.locator("#k-form-code option", has_text="Pembebasan dari jabatannya").first
    page.select_option("#k-form-code", label.get_attribute("value"))
    page.fill("#k-number", "800/12/2024")
    page.fill("#k-date", "2024-10-20")
    page.click("#decision-form button[type=submit]")
    page.wait_for_load_state()
    assert page.get_attribute("#case-status", "data-status") == "ppk_decided"
    assert "Pembebasan dari jabatannya" in page.inner_text("#recommendations .decided-form")
    ppk.close()

    reporter = browser.new_context(**SIZES[size])
    page = reporter.new_page()
    page.goto(f"{site.url}/status")
    page.fill("#receipt", case["receipt"])
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert "pengawas memastikan" in page.inner_text("#status-explanation")
    page.set_input_files("#more-files", files=[{"name": "lagi.jpg", "mimeType": "image/jpeg",
                                                "buffer": jpeg_with_gps()}])  # fmt: skip
    page.click("#evidence-form button[type=submit]")
    page.wait_for_load_state()
    widths["status (bukti ditambah)"] = _width(page)
    assert "1 berkas bukti diterima" in page.inner_text("#evidence-added")
    assert page.inner_text("#evidence-count") == "2 berkas"
    if size == "phone":
        page.locator("#report-status").screenshot(path=str(SHOTS / "status-evidence-phone.png"))
    reporter.close()

    admin = browser.new_context(**SIZES[size])
    page = sign_in(admin, site, "admin")
    page.goto(f"{site.url}/admin/instansi")
    page.click("tr[data-agency='pemda-34.04'] summary")
    page.select_option("[id='u-pemda-34.04']", "pemda-33.74")
    page.click("tr[data-agency='pemda-34.04'] form button[type=submit]")
    page.wait_for_load_state()
    widths["admin/instansi"] = _width(page)
    assert "Pemerintah Kota Semarang" in page.inner_text("tr[data-agency='pemda-34.04'] .agency-parent")
    admin.close()

    too_wide = {name: w for name, w in widths.items() if w > limit}
    print(
        f"\n{size} ({limit}px): {len(widths) - len(too_wide)}/{len(widths)} pages without overflow: {widths}"
    )
    assert not too_wide, too_wide
