"""Media monitoring in real Chromium: an officer uploads collected posts on a desktop, the batch
page refreshes itself (no script needed) until the screening is done, the evidence words are
marked; on a 390 px phone the results and the prefilled case form fit the screen, and the case
opens from the post."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site
from tests.browser.test_journeys import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
LONG_LINK = "https://www.facebook.com/permalink.php?story_fbid=" + "1234567890" * 8 + "&id=100000000000001"
POSTS = (
    "text,url,posted_at,author,region\n"
    '"Camat Depok memasang spanduk caleg Partai Bulan di kantor kecamatan, lalu fotonya diunggah ke '
    f'Facebook pribadinya",{LONG_LINK},2024-10-01,@pemantau_sleman_dengan_nama_akun_sangat_panjang,34.04\n'
    "Jadwal posyandu balita minggu depan di balai desa,,2024-10-02,@desa,34.04\n"
    "Baris rusak,bukan-tautan,2024-10-02,@x,34.04\n"
)


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_upload_follow_progress_then_open_a_case_on_a_phone(browser: Any, site: Site, tmp_path: Path) -> None:
    upload = tmp_path / "pantauan.csv"
    upload.write_text(POSTS, encoding="utf-8")
    page = sign_in(browser, site, "intake")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("nav a[href='/petugas/pantau-media']")
    page.set_input_files("#file", str(upload))
    page.click("#upload button[type=submit]")
    # the page reloads itself every few seconds until the batch is done (meta refresh, no script)
    page.wait_for_selector("#progress[data-status=done]", timeout=90_000)
    assert page.locator("#progress-bar").get_attribute("value") == "2"
    assert page.locator("#problems td").first.text_content() == "4"  # folded away in <details>
    post = page.locator("li.post").first
    assert "spanduk" in " ".join(post.locator("mark.evidence-mark").all_inner_texts())
    assert fits(page)
    batch_url = page.url

    phone = browser.new_context(**PHONE_390)
    small = phone.new_page()
    small.goto(f"{site.url}/masuk")
    small.fill("#username", "intake")
    small.fill("#password", PASSWORD)
    small.click("form button[type=submit]")
    small.goto(batch_url)
    assert small.locator("li.post").count() == 1
    assert fits(small), "the results page scrolls sideways on a 390 px phone"
    small.click("a.open-case")
    assert "spanduk" in small.locator("#description").input_value()
    assert small.locator("#links").input_value().strip() == LONG_LINK
    assert small.locator("#suggested li[data-label]").count() >= 1
    assert fits(small), "the case form scrolls sideways on a 390 px phone"
    small.click("#case-form button[type=submit]")
    small.wait_for_url("**/petugas/kasus/**")
    assert fits(small)
    small.goto(batch_url)
    assert small.locator("a.case-link").count() == 1
    phone.close()
    page.close()


def test_an_excel_workbook_goes_through_to_filtered_results(browser: Any, site: Site, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ("Teks", "Tautan", "Akun", "Kode_wilayah", "Jenis"),
        ("Camat Depok memasang spanduk caleg Partai Bulan di kantor kecamatan", LONG_LINK, "@warga", "34.04",
         "post"),
        ("Dalam sambutannya kepala dinas memasang spanduk calon bupati di balai desa", None, "@notulen",
         "34.04", "pidato"),
        ("Jadwal posyandu balita minggu depan", None, "@desa", "34.04", "berita"),
    ):  # fmt: skip
        sheet.append(list(row))
    upload = tmp_path / "pantauan.xlsx"
    book.save(upload)
    page = sign_in(browser, site, "intake")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/petugas/pantau-media")
    page.set_input_files("#file", str(upload))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#progress[data-status=done]", timeout=90_000)
    assert page.locator("#progress-bar").get_attribute("value") == "2"
    assert page.locator("#problems td").first.text_content() == "4"  # the unknown kind, by its row
    assert page.locator("li.post .post-kind").all_inner_texts() == ["unggahan", "pidato"]
    assert "spanduk" in " ".join(page.locator("li.post mark.evidence-mark").all_inner_texts())
    page.select_option("#jenis", "speech")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**jenis=speech**")
    assert page.locator("li.post").count() == 1
    assert page.locator("li.post .post-kind").inner_text() == "pidato"
    page.set_viewport_size({"width": 390, "height": 844})
    assert fits(page), "the filtered results scroll sideways on a 390 px phone"
    page.close()
