"""On SQLite the queue page only reads: it loads while another connection holds the write lock
(the account, the list, the counts and the deadline badges all read from a WAL snapshot)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from netralitas.cases.accounts import create_user
from netralitas.cases.payloads import CaseOpen, UserCreate
from netralitas.cases.reporting import submit_report
from netralitas.cases.roles import Role
from netralitas.db.migrate import upgrade
from netralitas.web.app import create_app
from netralitas.web.backend import build_backend
from tests.web.factories import PASSWORD
from tests.web.helpers import login, make_settings, parse, text_of


def test_queue_reads_beside_a_running_writer(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    upgrade(settings.effective_database_url)
    backend = build_backend(settings)
    officer = UserCreate(username="intake", display_name="Petugas", role=Role.INTAKE_OFFICER,
                         password=PASSWORD, region_code="34")  # fmt: skip
    create_user(backend.make_uow(), backend.kit, None, officer)
    report = CaseOpen(description="Camat mengunggah foto pose dua jari bersama calon bupati.",
                      act_on=date(2024, 10, 1), region_code="34.04", person_name="Budi")  # fmt: skip
    number = submit_report(backend.make_uow(), backend.kit, report).case_number
    with TestClient(create_app(settings, backend=backend)) as client:
        login(client, "intake", PASSWORD)
        database = tmp_path / "netralitas.db"
        assert settings.effective_database_url.endswith(str(database)) and database.is_file()
        writer = sqlite3.connect(database, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")  # another process is writing
            page = client.get("/petugas")
        finally:
            writer.execute("ROLLBACK")
            writer.close()
    assert page.status_code == 200
    assert number in text_of(parse(page.text), "//table[@id='queue']")
