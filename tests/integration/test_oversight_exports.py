"""Exports of the case list: scoped, audited, CSV and XLSX, empty exports are valid files."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from netralitas.analytics.exports import HEADER
from netralitas.cases.dependencies import Kit
from netralitas.config import Settings
from netralitas.db import models as m
from netralitas.db.uow import SqlUnitOfWork
from tests.integration.oversight_helpers import seed, web_client
from tests.web.helpers import login, parse

CASES = m.Case.__table__


def _sheet_rows(source: Path | io.BytesIO) -> list[tuple[object, ...]]:
    """The rows of the export's sheet; the read-only workbook is closed (it holds the file open)."""
    book = load_workbook(source, read_only=True)
    try:
        return list(book["kasus"].iter_rows(values_only=True))
    finally:
        book.close()


def _count(engine: Engine, *where: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(CASES).where(*where)).scalar_one())  # type: ignore[arg-type]


def test_queue_export_is_scoped_audited_and_valid_when_empty(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, settings: Settings, engine: Engine
) -> None:
    seeded = seed(make_uow, kit)
    in_33 = _count(engine, CASES.c.region_code >= "33", CASES.c.region_code < "33/")  # type: ignore[attr-defined]
    with web_client(settings, seeded) as client:
        login(client, "pemeriksa.jateng", seeded.password("pemeriksa.jateng"))
        links = parse(client.get("/petugas?status=received").text).xpath("//a[@id='ekspor-csv']/@href")
        assert links == ["/petugas/ekspor?format=csv&status=received"]
        response = client.get("/petugas/ekspor?format=csv")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert tuple(rows[0]) == HEADER
        assert len(rows) - 1 == in_33 and all(r[4].startswith("33") for r in rows[1:])
        with make_uow() as uow:
            last = uow.audit.last()
        assert last is not None and last.action == "cases.listed"
        assert (last.detail["purpose"], last.detail["rows"], last.detail["filters"]["region"]) == (
            "ekspor_csv", in_33, "33",
        )  # fmt: skip

        empty = client.get("/petugas/ekspor?format=csv&q=tidak-ada-kasus-begini")
        assert list(csv.reader(io.StringIO(empty.content.decode("utf-8-sig")))) == [list(HEADER)]
        xlsx = client.get("/petugas/ekspor?format=xlsx&status=received")
        assert xlsx.status_code == 200
        values = _sheet_rows(io.BytesIO(xlsx.content))
        assert values[0] == HEADER
        received = _count(engine, CASES.c.status == "received", CASES.c.region_code >= "33",  # type: ignore[attr-defined]
                          CASES.c.region_code < "33/")  # type: ignore[attr-defined]  # fmt: skip
        assert len(values) - 1 == received and {v[2] for v in values[1:]} <= {"received"}
        empty_x = client.get("/petugas/ekspor?format=xlsx&q=tidak-ada-kasus-begini")
        assert _sheet_rows(io.BytesIO(empty_x.content)) == [HEADER]
        assert client.get("/petugas/ekspor?format=pdf").status_code == 422
        outside = client.get("/petugas/ekspor?format=csv&region=34")
        assert outside.status_code == 200  # narrowed to the officer's own region, said in the audit entry
        rows = list(csv.reader(io.StringIO(outside.content.decode("utf-8-sig"))))
        assert all(r[4].startswith("33") for r in rows[1:])


def test_cli_export_writes_csv_and_xlsx(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, cli: Callable[..., tuple[int, str]], tmp_path: Path,
    engine: Engine,
) -> None:  # fmt: skip
    seed(make_uow, kit)
    total = _count(engine)
    code, output = cli("export", "cases", "--format", "csv", "-o", str(tmp_path / "k.csv"))
    assert code == 0, output
    rows = list(csv.reader((tmp_path / "k.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert tuple(rows[0]) == HEADER and len(rows) - 1 == total
    code, output = cli(
        "export", "cases", "--format", "xlsx", "--status", "sanctioned", "-o", str(tmp_path / "k.xlsx")
    )
    assert code == 0, output
    values = _sheet_rows(tmp_path / "k.xlsx")
    assert len(values) - 1 == _count(engine, CASES.c.status == "sanctioned")  # type: ignore[attr-defined]
    code, output = cli("export", "cases", "--status", "bogus", "-o", str(tmp_path / "x.csv"))
    assert code != 0 and "bogus" in output
    with make_uow() as uow:
        last = uow.audit.last()
    assert last is not None and last.detail["purpose"] == "cli_ekspor_xlsx" and last.actor_id == "system"
