"""Issue 13: the demo data set served for real, and every role's pages at 390 px — the queue,
the overdue view and one case file in every workflow state (deadline tables, decisions, history)
— without horizontal overflow."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from netralitas.cases.ports import CaseQuery
from netralitas.composition import build_backend
from netralitas.db.migrate import upgrade
from netralitas.demo.seeding import DemoResult, seed_demo
from netralitas.web.app import create_app
from tests.browser.conftest import Site, _free_port
from tests.web.helpers import make_settings

pytestmark = pytest.mark.browser
WIDE_ELEMENTS = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > 391).slice(0, 4)
  .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""
PHONE_390 = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, DemoResult]]:
    settings = make_settings(tmp_path_factory.mktemp("demo"))
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    result = seed_demo(backend.make_uow, backend.kit, rng_seed=13, per_status=1)
    port = _free_port()
    app = create_app(settings, backend=backend)
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield Site(f"http://127.0.0.1:{port}", backend), result
    server.should_exit = True
    thread.join(timeout=10)


def _width(page: Any, url: str) -> int:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    width = int(page.evaluate("document.documentElement.scrollWidth"))
    if width > 390:  # name what sticks out, for whoever fixes it
        print(url, page.evaluate(WIDE_ELEMENTS))
    return width


def test_demo_pages_of_every_role_fit_a_390px_phone(browser: Any, demo: tuple[Site, DemoResult]) -> None:
    site, result = demo
    with site.backend.make_uow() as uow:
        cases = uow.cases.search(CaseQuery(limit=100))[0]
    seen: dict[str, int] = {}
    for username, password, role, _scope in result.credentials:
        context = browser.new_context(**PHONE_390)
        page = context.new_page()
        page.goto(f"{site.url}/masuk")
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        if role == "admin":
            paths = ["/admin", "/admin/instansi"]
        elif role == "ppk":
            paths = ["/ppk", *[f"/ppk/kasus/{c.id}" for c in cases if c.agency_id == "pemda-33.74"][:3]]
        else:
            paths = ["/petugas", "/petugas?tenggat=lewat"]
        if role == "supervisor":  # national scope: a case file in every state
            paths += [f"/petugas/kasus/{c.id}" for c in cases]
        for path in paths:
            key = f"{role} {path}" if not path.startswith(("/petugas/kasus", "/ppk/kasus")) else path
            seen[key] = _width(page, f"{site.url}{path}")
        if role == "supervisor":  # demo dated relative to today: no "lewat 744 hari"
            page.goto(f"{site.url}/petugas?tenggat=lewat")
            late = [int(n) for n in re.findall(r"lewat (\d+) hari", page.inner_text("main"))]
            assert late and max(late) < 60, late
        context.close()
    too_wide = {url: width for url, width in seen.items() if width > 390}
    print(f"\n390px demo: {len(seen) - len(too_wide)}/{len(seen)} pages without horizontal overflow")
    assert len(seen) >= 20
    assert not too_wide, too_wide
