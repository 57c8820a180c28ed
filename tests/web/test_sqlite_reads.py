"""On SQLite the queue page reads from a WAL snapshot (the account, the list, the counts and the
deadline badges), but the list is audited: the page is not sent before its ``cases.listed`` entry
is committed, so it waits for a running writer instead of failing, and then shows the list."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response

from netralitas.cases.accounts import create_user
from netralitas.cases.inputs import UserCreate
from netralitas.cases.public_report import ReportSubmission
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Role
from netralitas.composition import build_backend
from netralitas.db.migrate import upgrade
from netralitas.web.app import create_app
from tests.factories import PASSWORD
from tests.web.helpers import login, make_settings, parse, text_of


def test_queue_reads_beside_a_running_writer(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    officer = UserCreate(username="intake", display_name="Petugas", role=Role.INTAKE_OFFICER,
                         password=PASSWORD, region_code="34")  # fmt: skip
    create_user(backend.make_uow(), backend.kit, None, officer)
    report = ReportSubmission(description="Camat mengunggah foto pose dua jari bersama calon bupati.",
                      act_on=date(2024, 10, 1), region_code="34.04", person_name="Budi")  # fmt: skip
    number = submit_report(backend.make_uow(), backend.kit, report).case_number
    with TestClient(create_app(settings, backend=backend)) as client:
        login(client, "intake", PASSWORD)
        database = tmp_path / "netralitas.db"
        assert settings.effective_database_url.endswith(str(database)) and database.is_file()
        writer = sqlite3.connect(database, isolation_level=None)
        pages: list[Response] = []
        try:
            writer.execute("BEGIN IMMEDIATE")  # another process is writing
            reader = threading.Thread(target=lambda: pages.append(client.get("/petugas")))
            reader.start()
            reader.join(timeout=0.5)
            assert reader.is_alive() and not pages  # the list waits for its audit entry
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        reader.join()
    assert pages[0].status_code == 200
    assert number in text_of(parse(pages[0].text), "//table[@id='queue']")
    with backend.make_uow() as uow:
        last = uow.audit.last()
    assert last is not None and (last.action, last.detail["purpose"], last.detail["rows"]) == (
        "cases.listed", "queue", 1,
    )  # fmt: skip
