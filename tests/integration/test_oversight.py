"""Oversight on a real database (SQLite and PostgreSQL): the facts match a recount of the cases and
follow every change; the dashboard and the maps are scoped, audited, and name bad filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, select

from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import TransitionRequest
from netralitas.cases.officer_actions import transition_case
from netralitas.cases.roles import Actor, Role
from netralitas.cases.workflow import CaseStatus
from netralitas.config import Settings
from netralitas.db import analytics_cube as cube
from netralitas.db import models as m
from netralitas.db.analytics_queries import SqlFacts, sync_facts
from netralitas.db.uow import SqlUnitOfWork
from tests.integration.oversight_helpers import recount, seed, web_client
from tests.web.helpers import login, parse, text_of


def _classify(text: str) -> str | None:
    return "camat" if "camat" in text.lower() else None


def _counts(engine: Engine, dimension: Dimension, where: FactFilter = FactFilter()) -> dict[str, int]:
    with engine.connect() as conn:
        return SqlFacts(conn).counts(dimension, where)


def _same_as_recount(engine: Engine, today: date) -> None:
    """The pre-aggregated counts answer exactly as a scan of the facts does."""
    with engine.connect() as conn:
        fast, slow = SqlFacts(conn), SqlFacts(conn, use_counts=False)
        for where in (FactFilter(), FactFilter(region="33"), FactFilter(election_ids=("pilkada-2024",))):
            assert fast.total(where) == slow.total(where)
            for dimension in Dimension:
                assert fast.counts(dimension, where) == slow.counts(dimension, where), (dimension, where)
            assert fast.monthly(where) == slow.monthly(where)
            for by in ("agency_id", "regency_code"):
                strip = lambda rows: sorted((replace(r, max_days=None) for r in rows), key=repr)  # noqa: E731
                assert strip(fast.ppk(where, today, by)) == strip(slow.ppk(where, today, by))


def test_facts_match_a_recount_and_follow_changes(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, engine: Engine
) -> None:
    seed(make_uow, kit)
    with engine.begin() as conn:
        synced = sync_facts(conn, _classify, kit.clock.now())
    assert synced == 15
    for dimension in (Dimension.STATUS, Dimension.PROVINCE, Dimension.BEHAVIOUR):
        assert _counts(engine, dimension) == dict(recount(engine, dimension.value)), dimension
    _same_as_recount(engine, date(2024, 12, 1))
    with engine.begin() as conn:  # nothing changed since: nothing re-derived but the margin
        assert sync_facts(conn, _classify, kit.clock.now()) <= 2
    # a case moves on: the next sync sees it
    with engine.connect() as conn:
        row = (
            conn.execute(select(m.Case.__table__).where(m.Case.__table__.c.status == "received"))
            .mappings()
            .one()
        )  # type: ignore[attr-defined]
    with make_uow() as uow:
        user = uow.users.by_username("penerima.jateng")
    assert user is not None
    officer = Actor(user.id, user.username, Role.INTAKE_OFFICER, user.region_code)
    kit.clock.set(datetime(2025, 1, 6, 3, 0, tzinfo=UTC))  # type: ignore[attr-defined]  # after the demo's dates
    later = kit.clock.now()
    request = TransitionRequest(case_id=row["id"], version=row["version"], target=CaseStatus.ADMIN_CHECK)
    transition_case(make_uow(), kit, officer, request)
    with engine.begin() as conn:
        assert sync_facts(conn, _classify, later) >= 1
    assert _counts(engine, Dimension.STATUS) == dict(recount(engine, "status"))
    _same_as_recount(engine, date(2024, 12, 1))
    with engine.begin() as conn:  # a full recount gives the counts the deltas kept
        before = SqlFacts(conn).counts(Dimension.BEHAVIOUR, FactFilter())
        cube.rebuild(conn)
        assert SqlFacts(conn).counts(Dimension.BEHAVIOUR, FactFilter()) == before
    with engine.begin() as conn:  # only the moved case is within the margin of the watermark
        assert sync_facts(conn, _classify, later + timedelta(hours=1)) == 1


def test_region_filter_is_a_range_inside_the_province(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, engine: Engine
) -> None:
    seed(make_uow, kit)
    with engine.begin() as conn:
        sync_facts(conn, _classify, kit.clock.now())
    by_province = _counts(engine, Dimension.PROVINCE)
    inside = _counts(engine, Dimension.PROVINCE, FactFilter(region="33"))
    assert inside == {"33": by_province["33"]}


def test_dashboard_is_scoped_audited_and_names_bad_filters(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, settings: Settings
) -> None:
    seeded = seed(make_uow, kit)
    with web_client(settings, seeded) as client:
        login(client, "pengawas.bkn", seeded.password("pengawas.bkn"))
        page = client.get("/pantauan")
        assert page.status_code == 200
        doc = parse(page.text)
        assert text_of(doc, "//p[@id='total']").startswith("15 ")
        status_rows = doc.xpath("//table[@id='tabel-tahap']//tr[@data-key]")
        assert sum(int(r.xpath("./td")[1].text) for r in status_rows) == 15
        assert doc.xpath("//svg[@id='grafik-tahap']//g[@class='bar']")
        assert doc.xpath("//a[starts-with(@href, '/pantauan/csv/perilaku.csv')]")
        with make_uow() as uow:
            last = uow.audit.last()
        assert last is not None and last.action == "cases.listed"
        assert (last.detail["purpose"], last.detail["total"]) == ("pantauan", 15)

        bad = client.get("/pantauan?wilayah=99.99&pemilihan=pemilu-2099&dari=kemarin&perilaku=menari")
        assert bad.status_code == 422
        doc = parse(bad.text)
        for field in ("wilayah", "pemilihan", "dari", "perilaku"):
            assert doc.xpath(f"//*[@id='{field}-error']"), field
            assert doc.xpath(f"//*[@id='{field}']/@aria-invalid") == ["true"]
        assert "99.99" in text_of(doc, "//*[@id='wilayah-error']")
        assert text_of(doc, "//p[@id='total']").startswith("15 ")  # the figures without the bad filters

        recs, decs = m.Recommendation.__table__, m.PpkDecision.__table__
        engine = make_uow().engine
        with engine.connect() as conn:
            sent = len(set(conn.execute(select(recs.c.case_id)).scalars()))  # type: ignore[attr-defined]
            decided = len(set(conn.execute(select(decs.c.case_id)).scalars()))  # type: ignore[attr-defined]
        ppk_rows = parse(client.get("/pantauan").text).xpath("//table[@id='tabel-ppk']//tr[@data-agency]")
        assert sum(int(r.xpath("./td")[1].text) for r in ppk_rows) == sent > 0
        assert sum(int(r.xpath("./td")[2].text) for r in ppk_rows) == decided > 0

        csv_text = client.get("/pantauan/csv/tahap.csv").text
        assert csv_text.splitlines()[0] == "kunci,label,kasus"
        assert sum(int(line.rsplit(",", 1)[1]) for line in csv_text.splitlines()[1:]) == 15

        compared = parse(client.get("/pantauan?pemilihan=pilkada-2024").text)
        assert "pilkada-2020" in text_of(compared, "//section[@id='bagian-perbandingan']")


def test_ppk_sees_only_their_agency_and_admin_is_refused(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, settings: Settings, engine: Engine
) -> None:
    seeded = seed(make_uow, kit)
    cases = m.Case.__table__
    with engine.connect() as conn:
        own = len(conn.execute(select(cases.c.id).where(cases.c.agency_id == "pemda-33.74")).all())  # type: ignore[attr-defined]
    with web_client(settings, seeded) as client:
        login(client, "ppk.semarang", seeded.password("ppk.semarang"))
        doc = parse(client.get("/pantauan").text)
        assert text_of(doc, "//p[@id='total']").startswith(f"{own} ")
        wider = client.get("/pantauan?wilayah=34")
        assert wider.status_code == 422 and parse(wider.text).xpath("//*[@id='wilayah-error']")
        client.post("/keluar")
    with web_client(settings, seeded) as client:
        login(client, "admin", seeded.password("admin"))
        assert client.get("/pantauan").status_code == 403
        assert client.get("/pantauan/peta").status_code == 403
    with make_uow() as uow:
        last = uow.audit.last()
    assert last is not None and last.action == "access.denied"


def test_maps_link_regions_to_their_case_list_and_stay_small(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, settings: Settings
) -> None:
    seeded = seed(make_uow, kit)
    with web_client(settings, seeded) as client:
        login(client, "pengawas.bkn", seeded.password("pengawas.bkn"))
        national = client.get("/pantauan/peta?tingkat=kabkota")
        assert national.status_code == 200 and len(national.content) < 1_000_000
        doc = parse(national.text)
        regions = doc.xpath("//svg[@id='peta']//a/*[@data-code]")
        assert len(regions) == 514
        semarang = doc.xpath("//svg[@id='peta']//a[*[@data-code='33.74']]/@href")
        assert semarang == ["/petugas?region=33.74"]
        listed = client.get(semarang[0])
        assert listed.status_code == 200
        rows = {r.get("data-code"): r for r in doc.xpath("//table[@id='tabel-peta']//tr[@data-code]")}
        queue_total = text_of(parse(listed.text), "//main//p[contains(., 'kasus')]")
        assert queue_total.split()[0] == rows["33.74"].xpath("./td")[2].text

        provinces = parse(client.get("/pantauan/peta?wilayah=33&ukuran=diputus").text)
        codes = {r.get("data-code") for r in provinces.xpath("//table[@id='tabel-peta']//tr[@data-code]")}
        assert codes == {"33"}
        index = client.get("/pantauan/peta?tingkat=kabkota&ukuran=kerawanan")  # guidance index, no roster yet
        assert index.status_code == 200
        assert parse(index.text).xpath("//select[@id='ukuran']/option[@value='kerawanan'][@selected]")
        bad = client.get("/pantauan/peta?tingkat=desa&ukuran=rahasia")
        assert bad.status_code == 422
        doc = parse(bad.text)
        assert doc.xpath("//*[@id='tingkat-error']") and doc.xpath("//*[@id='ukuran-error']")
