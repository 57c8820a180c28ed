"""A real server on a free loopback port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from netralitas.composition import Backend, build_backend
from netralitas.db.migrate import upgrade
from netralitas.web.app import create_app
from tests.factories import PASSWORD, add_agencies, seed_people
from tests.web.helpers import make_settings

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@dataclass
class Site:
    url: str
    backend: Backend


def sign_in(context: Any, site: Site, username: str) -> Any:
    """A new page of ``context`` signed in as ``username`` (the test password)."""
    page = context.new_page()
    page.goto(f"{site.url}/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    return page


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder: Path = tmp_path_factory.mktemp("site")
    settings = make_settings(folder)
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    add_agencies(backend.make_uow)
    seed_people(backend.make_uow, backend.kit)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, backend=backend), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield Site(f"http://127.0.0.1:{port}", backend)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
