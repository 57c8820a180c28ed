"""The agency list kept per process: read once per TTL, dropped at once by this process's own
agency changes, and a change from elsewhere seen when the copy expires."""

from __future__ import annotations

from tests.factories import ADMIN, BANTUL, SLEMAN, add_agencies, make_kit, make_store

from netralitas.cases.agency_admin import AgencyCreate, AgencyRename, create_agency, rename_agency
from netralitas.cases.reference_cache import AgencyCache


def test_changes_here_are_seen_at_once_and_others_within_the_ttl() -> None:
    store, now = make_store(), [0.0]
    kit = make_kit(agency_cache=AgencyCache(ttl=30.0, clock=lambda: now[0]))
    cache = kit.agency_cache
    first = cache.agencies(store.unit_of_work())
    assert SLEMAN.id in {a.id for a in first}
    add_agencies(store.unit_of_work, [BANTUL])  # written by another process: no service, no forget
    now[0] = 29.0
    assert cache.agencies(store.unit_of_work()) == first
    now[0] = 31.0
    assert BANTUL.id in {a.id for a in cache.agencies(store.unit_of_work())}

    create_agency(store.unit_of_work(), kit, ADMIN, AgencyCreate(region_code="34.01"))
    assert "34.01" in {a.region_code for a in cache.agencies(store.unit_of_work())}
    renamed = AgencyRename(agency_id=SLEMAN.id, name="Pemkab Sleman Baru", ppk_title=SLEMAN.ppk_title,
                           seen_name=SLEMAN.name, seen_ppk_title=SLEMAN.ppk_title)  # fmt: skip
    rename_agency(store.unit_of_work(), kit, ADMIN, renamed)
    names = {a.id: a.name for a in cache.agencies(store.unit_of_work())}
    assert names[SLEMAN.id] == "Pemkab Sleman Baru"


def test_chosen_lists_follow_the_copy_they_were_chosen_from() -> None:
    store, kit = make_store(), make_kit()
    cache = kit.agency_cache

    def chosen() -> set[str]:
        return {a.id for a in cache.chosen(store.unit_of_work(), "diy", lambda a: a.region_code[:2] == "34")}

    assert chosen() == {SLEMAN.id}
    create_agency(store.unit_of_work(), kit, ADMIN, AgencyCreate(region_code="34.01"))
    assert len(chosen()) == 2 and SLEMAN.id in chosen()
