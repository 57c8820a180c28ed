"""The dashboard and the map in real Chromium, on a desktop screen and a 390 px phone: the charts
fit the screen, filters say what is wrong beside them, and a click on a region opens its cases."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from netralitas.composition import build_backend, build_kit
from netralitas.db.migrate import upgrade
from netralitas.demo.seeding import seed_demo
from netralitas.web.app import create_app
from tests.browser.conftest import Site, _free_port
from tests.web.helpers import make_settings

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
SHOTS = Path(__file__).parents[2] / "docs" / "img"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, dict[str, str]]]:
    settings = make_settings(tmp_path_factory.mktemp("oversight"))
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    backend = replace(backend, kit=build_kit(settings, screening=False))
    demo = seed_demo(backend.make_uow, backend.kit, per_status=1)
    passwords = {u: p for u, p, _r, _s in demo.credentials}
    server = uvicorn.Server(uvicorn.Config(create_app(settings, backend=backend), host="127.0.0.1",
                                           port=_free_port(), log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield Site(f"http://127.0.0.1:{server.config.port}", backend), passwords
    server.should_exit = True
    thread.join(timeout=10)


def _page(browser: Any, site: Site, passwords: dict[str, str], size: dict[str, Any]) -> Any:
    context = browser.new_context(**size)
    page = context.new_page()
    page.goto(f"{site.url}/masuk")
    page.fill("#username", "pengawas.bkn")
    page.fill("#password", passwords["pengawas.bkn"])
    page.click("form button[type=submit]")
    page.wait_for_url("**/petugas**")
    return page


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1"))


@pytest.mark.browser
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_dashboard_charts_fit_and_bad_filters_are_named(
    browser: Any, demo_site: tuple[Site, dict[str, str]], size: dict[str, Any]
) -> None:
    site, passwords = demo_site
    page = _page(browser, site, passwords, size)
    page.goto(f"{site.url}/pantauan")
    assert page.locator("#total").inner_text().startswith("15 ")
    chart = page.locator("svg#grafik-tahap")
    box = chart.bounding_box()
    assert box is not None and 0 < box["width"] <= size["viewport"]["width"]
    assert chart.locator("g.bar").count() == 15
    assert _fits(page)
    page.locator("#bagian-tahap details summary").click()
    assert page.locator("#tabel-tahap tr[data-key]").count() == 15
    page.fill("#wilayah", "99.99")
    page.click("#saring button[type=submit]")
    assert "99.99" in page.locator("#wilayah-error").inner_text()
    assert page.locator("#wilayah").input_value() == "99.99"  # what was typed stays
    if size is PHONE:
        page.goto(f"{site.url}/pantauan?pemilihan=pilkada-2024")
        page.locator("#bagian-waktu").screenshot(path=str(SHOTS / "pantauan-phone.png"))
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_map_region_click_opens_its_cases(
    browser: Any, demo_site: tuple[Site, dict[str, str]], size: dict[str, Any]
) -> None:
    site, passwords = demo_site
    page = _page(browser, site, passwords, size)
    page.goto(f"{site.url}/pantauan/peta?tingkat=kabkota")
    svg = page.locator("svg#peta")
    box = svg.bounding_box()
    assert box is not None and box["width"] <= size["viewport"]["width"]
    assert svg.locator("path.region").count() == 514
    assert _fits(page)
    if size is DESKTOP:
        page.locator("#bagian-peta").screenshot(path=str(SHOTS / "peta-kabkota.png"))
    page.goto(f"{site.url}/pantauan/peta?tingkat=provinsi")
    region = page.locator("svg#peta path.region[data-code='33']")
    region.scroll_into_view_if_needed()
    region.click(force=True)
    page.wait_for_url("**/petugas?region=33")
    assert page.locator("#provinsi").input_value() == "33"  # the queue's region picker (by name)
    page.context.close()
