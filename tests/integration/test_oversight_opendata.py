"""Open data is public, aggregated, suppressed and described by a Frictionless data package."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from sqlalchemy import Engine, select

from netralitas.cases.dependencies import Kit
from netralitas.config import Settings
from netralitas.db import models as m
from netralitas.db.uow import SqlUnitOfWork
from tests.integration.oversight_helpers import seed, web_client
from tests.web.helpers import parse


def test_open_data_is_public_suppressed_and_packaged(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, settings: Settings, engine: Engine
) -> None:
    seeded = seed(make_uow, kit)
    persons = m.ReportedPerson.__table__
    with engine.connect() as conn:
        names = [n for (n,) in conn.execute(select(persons.c.name))]  # type: ignore[attr-defined]
    with web_client(settings, seeded) as client:  # nobody signs in
        page = client.get("/data-terbuka")
        assert page.status_code == 200
        doc = parse(page.text)
        cells = doc.xpath("//table[@class='open-data']//td")
        assert cells and all(c.text == "x" or not 0 < int(c.text) < 5 for c in cells)
        assert doc.xpath("//td[@class='suppressed']")  # the small demo has small cells
        package = client.get("/data-terbuka/datapackage.json").json()
        assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["sources"]
        assert package["version"] == kit.catalogue.version and package["created"]  # type: ignore[attr-defined]
        assert package["netralitas"]["suppression"]["threshold"] == 5
        everything = page.text + str(package)
        for resource in package["resources"]:
            path = resource["path"].split("/data-terbuka/", 1)[1]
            text = client.get("/data-terbuka/" + path).text
            everything += text
            rows = list(csv.DictReader(io.StringIO(text)))
            fields = [f["name"] for f in resource["schema"]["fields"]]
            assert list(rows[0]) == fields
            for row in rows:
                value = row["jumlah_kasus"]
                assert value in resource["schema"]["missingValues"] or int(value) == 0 or int(value) >= 5
        data = client.get("/data-terbuka/data.json").json()
        assert set(data["tables"]) == {r["name"] for r in package["resources"]}
        for name in names:
            assert name not in everything and name not in str(data)
        bad = client.get("/data-terbuka?pemilihan=pemilu-1955")
        assert bad.status_code == 422 and parse(bad.text).xpath("//*[@id='pemilihan-error']")
        assert client.get("/data-terbuka/tidak-ada.csv").status_code == 404
