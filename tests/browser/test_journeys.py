"""End to end in Chromium: report on a phone → officers → PPK → the reporter sees the outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Site
from tests.factories import PASSWORD, SLEMAN, write_photo

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp")


def sign_in(browser: Any, site: Site, username: str) -> Any:
    page = browser.new_page()
    page.goto(f"{site.url}/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    return page


def move(page: Any, target: str, reason: str | None = None) -> None:
    form = page.locator(f"form.move[data-target='{target}']")
    if reason:
        form.locator("textarea").fill(reason)
    form.locator("button").click()
    page.wait_for_selector("#ok-message")
    assert page.get_attribute("#case-status", "data-status") == target


def file_report(browser: Any, site: Site, tmp_path: Path) -> tuple[str, str]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site.url}/lapor")
    page.fill("#person_name", "Budi Santoso")
    page.fill("#person_position", "Camat Depok")
    page.select_option("#employee_type", "pns")
    page.fill("#description", "Camat mengunggah foto pose dua jari bersama calon bupati di Instagram.")
    page.select_option("#election_id", "pilkada-2024")
    page.fill("#act_on", "2024-10-01")
    page.select_option("#region_code", "34.04")
    page.fill("#links", "https://instagram.com/p/contoh")
    page.set_input_files("#files", str(write_photo(tmp_path)))
    page.screenshot(path=str(SHOTS / "netralitas-report-form.png"), full_page=True)
    page.click("#report-form button[type=submit]")
    receipt = page.inner_text("#receipt").strip()
    number = page.inner_text("#case-number").strip()
    page.screenshot(path=str(SHOTS / "netralitas-receipt.png"), full_page=True)
    context.close()
    return receipt, number


def open_case(page: Any, site: Site, number: str) -> None:
    page.goto(f"{site.url}/petugas")
    page.click(f"#queue a:text-is('{number}')")
    page.wait_for_selector("#case-number")


def confirm_suggestion(page: Any) -> None:
    """The screening suggestion for the reporter's text is advice; the officer confirms it."""
    block = page.locator("section.triage")
    assert "saran otomatis — perlu dikonfirmasi petugas" in block.locator(".triage-notice").inner_text()
    assert block.get_attribute("data-status") == "suggested"
    suggested = block.locator("ul.suggested-labels li").evaluate_all("els => els.map(e => e.dataset.label)")
    assert "partisan_gesture" in suggested
    marked = page.locator("p.report-text mark").all_inner_texts()
    assert any("dua jari" in words for words in marked)
    block.locator("details summary").click()
    checked = block.locator("input[name=labels]:checked").evaluate_all("els => els.map(e => e.value)")
    assert sorted(checked) == sorted(suggested)
    block.locator("form.triage-form button").click()
    page.wait_for_selector("#ok-message")
    assert page.locator("section.triage").get_attribute("data-status") == "confirmed"


def test_report_to_decision_and_back_to_the_reporter(browser: Any, site: Site, tmp_path: Path) -> None:
    receipt, number = file_report(browser, site, tmp_path)
    assert len(receipt.replace("-", "")) >= 20

    intake = sign_in(browser, site, "intake")
    open_case(intake, site, number)
    assert intake.locator("ul.evidence img").count() == 1
    confirm_suggestion(intake)
    move(intake, "admin_check")
    intake.click("#person summary")
    intake.fill("#p-name", "Budi Santoso")
    intake.select_option("#p-type", "pns")
    intake.select_option("#p-agency", SLEMAN.id)
    intake.click("#person form button")
    intake.wait_for_selector("#ok-message")
    move(intake, "verification")
    intake.close()

    satgas = sign_in(browser, site, "satgas")
    open_case(satgas, site, number)
    satgas.check("input[name=behaviours][value=photo_with_candidate]")
    satgas.check("input[name=behaviours][value=partisan_gesture]")
    satgas.select_option("#a-election", "pilkada-2024")
    satgas.select_option("#a-type", "pns")
    satgas.click("#assess-form button[type=submit]")
    satgas.wait_for_selector("ul.findings li[data-rule-id='skb-b7']")
    satgas.screenshot(path=str(SHOTS / "netralitas-case.png"), full_page=True)
    move(satgas, "validation")
    satgas.close()

    bawaslu = sign_in(browser, site, "bawaslu")
    open_case(bawaslu, site, number)
    move(bawaslu, "examination")
    bawaslu.close()

    examiner = sign_in(browser, site, "pemeriksa")
    open_case(examiner, site, number)
    examiner.select_option("#r-level", "heavy")
    examiner.fill(
        "#r-text", "Terbukti berfoto dengan pose jari bersama calon bupati; hukuman disiplin berat."
    )
    examiner.click("#recommend-form button")
    examiner.wait_for_selector("#ok-message")
    assert examiner.get_attribute("#case-status", "data-status") == "recommendation_sent"
    examiner.close()

    ppk = sign_in(browser, site, "ppk_sleman")
    ppk.click(f"#waiting a:text-is('{number}')")
    ppk.select_option("#k-level", "heavy")
    form = ppk.locator("#k-form-code option", has_text="Pembebasan dari jabatannya").first
    ppk.select_option("#k-form-code", form.get_attribute("value"))
    ppk.fill("#k-number", "800/123/2024")
    ppk.fill("#k-date", "2024-10-20")
    ppk.click("#decision-form button")
    ppk.wait_for_selector("#ok-message")
    assert ppk.get_attribute("#case-status", "data-status") == "ppk_decided"
    ppk.close()

    context = browser.new_context(**PHONE)
    reporter = context.new_page()
    reporter.goto(f"{site.url}/status")
    reporter.fill("#receipt", receipt)
    reporter.click("form button[type=submit]")
    assert reporter.inner_text("#status-label").strip() == "Diputus PPK"
    reporter.screenshot(path=str(SHOTS / "netralitas-status.png"), full_page=True)
    context.close()


def test_missing_field_keeps_what_was_typed(browser: Any, site: Site) -> None:
    """With JavaScript switched off: the pages must work without it."""
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site.url}/lapor")
    text = "Lurah membagikan kaos bergambar calon wali kota kepada warga saat posyandu."
    page.fill("#description", text)
    page.fill("#person_position", "Lurah")
    page.fill("#act_on", "2024-10-03")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("#region_code-error")
    assert page.input_value("#description") == text
    assert page.input_value("#person_position") == "Lurah"
    assert page.locator("#receipt").count() == 0
    page.screenshot(path=str(SHOTS / "netralitas-form-error.png"), full_page=True)
    context.close()


def test_officer_of_another_region_is_refused(browser: Any, site: Site, tmp_path: Path) -> None:
    _, number = file_report(browser, site, tmp_path)
    intake = sign_in(browser, site, "intake")
    open_case(intake, site, number)
    case_url = intake.url
    intake.close()
    outsider = sign_in(browser, site, "intake_jateng")
    outsider.goto(f"{site.url}/petugas")
    assert outsider.locator(f"#queue a:text-is('{number}')").count() == 0
    response = outsider.goto(case_url)
    assert response is not None and response.status == 403
    assert outsider.locator("#error-message").inner_text().strip()
    outsider.close()
