"""Oversight on a real database (SQLite and PostgreSQL): the facts match a recount of the cases and
follow every change; the dashboard and the maps are scoped, audited, and name bad filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from netralitas.analytics.facts import derive_fact
from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import MergeRequest, TransitionRequest
from netralitas.cases.officer_actions import merge_cases, transition_case
from netralitas.cases.roles import Actor, Role
from netralitas.cases.workflow import CaseStatus
from netralitas.config import Settings
from netralitas.db import analytics_cube as cube
from netralitas.db import models as m
from netralitas.db.analytics_queries import SqlFacts, fact_row, pending_changes, read_inputs, sync_facts
from netralitas.db.uow import SqlUnitOfWork
from tests.integration.oversight_helpers import recount, seed, web_client
from tests.web.helpers import login, parse, text_of


def _classify(text: str) -> str | None:
    return "camat" if "camat" in text.lower() else None


def _counts(engine: Engine, dimension: Dimension, where: FactFilter = FactFilter()) -> dict[str, int]:
    with engine.connect() as conn:
        return SqlFacts(conn).counts(dimension, where)


def _filters(engine: Engine) -> list[FactFilter]:
    """National, province, kab/kota, election and behaviour views and their combinations (every
    behaviour present), all of which the cube answers, and national periods (whole months from
    the cube, the days of partial months from the facts)."""
    facts = m.OversightFact.__table__
    with engine.connect() as conn:
        behaviours = sorted(set(conn.execute(select(facts.c.behaviour)).scalars()))  # type: ignore[attr-defined]
    out = [FactFilter(), FactFilter(region="33"), FactFilter(region="33.74"), FactFilter(region="31")]
    out += [replace(f, election_ids=("pilkada-2024",)) for f in out]
    for behaviour in behaviours:
        out += [FactFilter(behaviour=behaviour), FactFilter(region="33", behaviour=behaviour)]
        out.append(FactFilter(region="33", behaviour=behaviour, election_ids=("pilkada-2024", "pemilu-2024")))
    assert all(cube.serves(f) for f in out)
    periods = [(date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 9, 15), date(2024, 12, 10)),
               (None, date(2024, 10, 31)), (date(2024, 10, 1), None), (date(2024, 11, 2), None)]  # fmt: skip
    for start, end in periods:  # whole months from the cube, partial ones from the facts
        national = FactFilter(opened_from=start, opened_to=end)
        out += [national, replace(national, election_ids=("pilkada-2024",))]
        assert cube.split_period(national) is not None
    out.append(FactFilter(opened_from=date(2024, 10, 5), opened_to=date(2024, 10, 20)))  # facts only
    return out


def _same_as_recount(engine: Engine, today: date) -> None:
    """The facts equal a fresh derivation from the cases, the cube kept by deltas equals a full
    recount of the facts, and every dashboard query read from the cube answers exactly as a scan
    of the facts does."""
    facts = m.OversightFact.__table__
    with engine.connect() as conn:
        stored = {r["case_id"]: dict(r) for r in conn.execute(select(facts)).mappings()}
        ids = list(conn.execute(select(m.Case.__table__.c.id)).scalars())  # type: ignore[attr-defined]
        derived = {i.case_id: fact_row(derive_fact(i, _classify)) for i in read_inputs(conn, ids)}
        assert stored == derived
        assert pending_changes(conn) == 0
    with engine.connect() as conn:  # the cube kept by deltas equals a full recount (rolled back)
        kept = _cube_rows(conn)
        cube.rebuild(conn)
        assert _cube_rows(conn) == kept
        conn.rollback()
    filters = _filters(engine)
    with engine.connect() as conn:
        fast, slow = SqlFacts(conn), SqlFacts(conn, use_counts=False)
        assert fast.total(FactFilter(opened_from=date(2024, 9, 15), opened_to=date(2024, 12, 10))) > 0
        for where in filters:
            assert fast.total(where) == slow.total(where), where
            for dimension in Dimension:
                assert fast.counts(dimension, where) == slow.counts(dimension, where), (dimension, where)
            assert fast.monthly(where) == slow.monthly(where)
            for by in ("agency_id", "regency_code"):
                strip = lambda rows: sorted((replace(r, max_days=None) for r in rows), key=repr)  # noqa: E731
                assert strip(fast.ppk(where, today, by)) == strip(slow.ppk(where, today, by))
            if len(where.region) != 5 and where.opened_from is None and where.opened_to is None:
                assert fast.cross(Dimension.PROVINCE, Dimension.STATUS, where) == slow.cross(
                    Dimension.PROVINCE, Dimension.STATUS, where
                )


def _cube_rows(conn: Connection) -> dict[tuple[str, ...], tuple[int, ...]]:
    rows = conn.execute(select(cube.CUBE)).mappings()
    return {
        tuple(r[k] for k in cube.KEYS): tuple(r[k] for k in cube.MEASURES)
        for r in rows
        if any(r[k] for k in cube.MEASURES)
    }


def _officer(make_uow: Callable[[], SqlUnitOfWork], username: str, role: Role) -> Actor:
    with make_uow() as uow:
        user = uow.users.by_username(username)
    assert user is not None
    return Actor(user.id, user.username, role, user.region_code)


def _open_cases(engine: Engine, status: str) -> list[Any]:
    cases = m.Case.__table__
    with engine.connect() as conn:
        stmt = select(cases).where(cases.c.status == status).order_by(cases.c.number)  # type: ignore[attr-defined]
        return list(conn.execute(stmt).mappings())


def _sync(engine: Engine, now: datetime) -> int:
    with engine.begin() as conn:
        return sync_facts(conn, _classify, now)


def test_facts_and_cube_match_a_recount_after_transitions_and_merges(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, engine: Engine
) -> None:
    seed(make_uow, kit)
    with engine.connect() as conn:
        cases = int(conn.execute(select(func.count()).select_from(m.Case.__table__)).scalar_one())
    assert _sync(engine, kit.clock.now()) == cases == 15
    for dimension in (Dimension.STATUS, Dimension.PROVINCE, Dimension.BEHAVIOUR):
        assert _counts(engine, dimension) == dict(recount(engine, dimension.value)), dimension
    _same_as_recount(engine, date(2024, 12, 1))
    assert _sync(engine, kit.clock.now()) == 0  # nothing changed since: nothing re-derived

    kit.clock.set(datetime(2025, 1, 6, 3, 0, tzinfo=UTC))  # type: ignore[attr-defined]  # after the demo's dates
    later = kit.clock.now()
    intake = _officer(make_uow, "penerima.jateng", Role.INTAKE_OFFICER)
    row = _open_cases(engine, "received")[0]
    request = TransitionRequest(case_id=row["id"], version=row["version"], target=CaseStatus.ADMIN_CHECK)
    transition_case(make_uow(), kit, intake, request)
    assert _sync(engine, later) == 1
    assert _counts(engine, Dimension.STATUS) == dict(recount(engine, "status"))
    _same_as_recount(engine, date(2024, 12, 1))

    # a merge closes the source and moves its reports (what the target's facts come from) over
    source, target = _open_cases(engine, "verification")[0], _open_cases(engine, "validation")[0]
    merger = _officer(make_uow, "satgas.pusat", Role.TASKFORCE)
    merge = MergeRequest(source_case_id=source["id"], source_version=source["version"],
                         target_case_id=target["id"], reason="Laporan yang sama")  # fmt: skip
    merge_cases(make_uow(), kit, merger, merge)
    assert _sync(engine, later) == 2
    assert _counts(engine, Dimension.STATUS) == dict(recount(engine, "status"))
    _same_as_recount(engine, date(2025, 1, 6))


def test_a_change_stamped_long_before_it_commits_is_not_missed(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, engine: Engine
) -> None:
    """The old sync re-read cases by ``updated_at`` minus 5 minutes: a transaction that committed
    later than that after stamping the case was missed. The change log has no window."""
    seed(make_uow, kit)
    kit.clock.set(datetime(2025, 1, 6, 3, 0, tzinfo=UTC))  # type: ignore[attr-defined]
    assert _sync(engine, kit.clock.now()) == 15
    intake = _officer(make_uow, "penerima.jateng", Role.INTAKE_OFFICER)
    row = _open_cases(engine, "received")[0]
    kit.clock.set(datetime(2025, 1, 6, 1, 0, tzinfo=UTC))  # type: ignore[attr-defined]  # stamped 2 h earlier
    request = TransitionRequest(case_id=row["id"], version=row["version"], target=CaseStatus.ADMIN_CHECK)
    transition_case(make_uow(), kit, intake, request)
    assert _sync(engine, datetime(2025, 1, 6, 3, 5, tzinfo=UTC)) == 1
    assert _counts(engine, Dimension.STATUS) == dict(recount(engine, "status"))
    if engine.dialect.name == "postgresql":  # a real writer still open while the sync runs
        uow = make_uow()
        with uow:
            case = uow.cases.get(row["id"])
            assert case is not None
            uow.cases.update(replace(case, status=CaseStatus.VERIFICATION), case.version)
            assert _sync(engine, kit.clock.now()) == 0  # not committed yet: neither seen nor lost
            uow.commit()
        assert _sync(engine, kit.clock.now()) == 1
        assert _counts(engine, Dimension.STATUS) == dict(recount(engine, "status"))
    _same_as_recount(engine, date(2025, 1, 6))


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


def test_the_first_sync_derives_every_case_even_loaded_behind_the_repository(
    make_uow: Callable[[], SqlUnitOfWork], kit: Kit, engine: Engine
) -> None:
    seed(make_uow, kit)
    with engine.begin() as conn:  # as a bulk load leaves it: cases without change rows
        conn.execute(m.CaseChange.__table__.delete())
    assert _sync(engine, kit.clock.now()) == 15
    assert _sync(engine, kit.clock.now()) == 0
    _same_as_recount(engine, date(2024, 12, 1))
