"""The guidance pages in real Chromium: an officer on a desktop uploads a roster and writes a
circular; an ASN on a 390 px phone opens the personal link, acknowledges and signs the pledge."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from netralitas.db.outreach_repositories import outreach_uow_factory
from netralitas.outreach.access import OPERATOR
from netralitas.outreach.links import make_token
from netralitas.outreach.rosters import register_units
from netralitas.sending.jobs import link_secret
from tests.browser.conftest import Site
from tests.browser.test_journeys import sign_in
from tests.factories import SLEMAN
from tests.outreach.rosterdata import csv_bytes, nip, person
from tests.web.helpers import make_settings

pytestmark = pytest.mark.browser
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_officer_uploads_roster_and_writes_circular_then_asn_acknowledges_on_a_phone(
    browser: Any, site: Site, tmp_path: Path
) -> None:
    engine = site.backend.make_uow().engine  # type: ignore[attr-defined]
    make_uow = outreach_uow_factory(engine)
    units = [("DISDIK", "Dinas Pendidikan"), ("KEC-DEPOK", "Kecamatan Depok")]
    register_units(make_uow, datetime.now(UTC), OPERATOR, SLEMAN.id, units)
    roster = tmp_path / "daftar.csv"
    roster.write_bytes(
        csv_bytes(person(1), "Salah;123;DISDIK;Guru;PNS;;", person(2, "KEC-DEPOK", "Camat Depok"))
    )
    page = sign_in(browser, site, "ppk_sleman")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/pembinaan")
    page.click(f"a[href='/pembinaan/instansi/{SLEMAN.id}']")
    page.set_input_files("#file", str(roster))
    page.check("input[name=mode][value=all]")
    page.click("form[enctype] button[type=submit]")
    assert page.locator("#problems td").first.inner_text() == "3"
    assert page.locator("#active-count").inner_text() == "0"
    page.set_input_files("#file", str(roster))
    page.check("input[name=mode][value=valid_only]")
    page.click("form[enctype] button[type=submit]")
    assert page.locator("#active-count").inner_text() == "2"
    page.click("text=Tulis surat edaran dari templat")
    assert "Yang TIDAK BOLEH" in page.locator("#body").input_value()  # the latest election by default
    page.goto(f"{site.url}/pembinaan/instansi/{SLEMAN.id}/edaran/baru?election=pilkada-2024&on=2024-09-20")
    assert "Yang TIDAK BOLEH" in page.locator("#body").input_value()
    page.fill("#title", "")
    page.click("#circular-form button[type=submit]")
    assert page.locator("#title-error").is_visible()
    page.fill("#title", "Edaran netralitas ASN")
    page.check("input[name=wants_pledge]")
    page.click("#circular-form button[type=submit]")
    page.wait_for_selector("#recipients")
    assert page.locator("#recipients").inner_text() == "2"
    assert fits(page)
    circular_id = page.url.rsplit("/", 1)[1]
    with make_uow() as uow:
        member = next(m for m in list(uow.rosters.members(SLEMAN.id)) if m.nip == nip(2))
    now = datetime.now(UTC)
    token = make_token(link_secret(make_settings(Path("."))), circular_id, member.id, now, 30)
    phone = browser.new_context(**PHONE_390).new_page()
    phone.goto(f"{site.url}/t/{token}")
    phone.click("#ack-button")
    phone.wait_for_selector("#ack-done")
    phone.fill("#name", "Pegawai Dua")
    phone.fill("#nip", nip(1))
    phone.click("#pledge-button")
    assert phone.locator("#nip-error").is_visible()
    assert phone.locator("#name").input_value() == "Pegawai Dua"
    phone.fill("#nip", nip(2))
    phone.click("#pledge-button")
    phone.wait_for_selector("#pledge-done")
    assert phone.locator("#certificate").is_visible()
    assert fits(phone)
    phone.screenshot(path=str(tmp_path / "link-390.png"), full_page=True)
    phone.goto(f"{site.url}/t/{token[:-3]}abc")
    assert "tidak sah" in phone.locator("#link-error").inner_text()
    page.reload()
    assert "1 (50%)" in page.locator("#ack-rate").inner_text()
