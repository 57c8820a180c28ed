"""The officer queue's filters as the address carries them: region by name (a province, then a
kab/kota, from the Kemendagri data), agency, "Kasus saya", sort. Unknown values are dropped with
a message shown beside their filter (the messages are Indonesian ids translated by the page)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from starlette.datastructures import QueryParams

from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Agency, CaseAssignment, User
from netralitas.cases.roles import Actor, region_contains
from netralitas.web.i18n import N_
from netralitas.web.regions import Region, known_codes, provinces

#: ``urut`` values of the address and the order each asks for.
SORTS = {"terbaru": "newest", "tenggat": "deadline"}

UNKNOWN_PROVINCE = N_("Provinsi tidak dikenal; saringan wilayah tidak dipakai.")
UNKNOWN_REGENCY = N_(
    "Kabupaten/kota tidak dikenal atau bukan bagian provinsi yang dipilih; saringan ini tidak dipakai."
)
UNKNOWN_REGION = N_("Kode wilayah tidak dikenal; saringan wilayah tidak dipakai.")
UNKNOWN_AGENCY = N_("Instansi tidak dikenal; saringan instansi tidak dipakai.")
UNKNOWN_SORT = N_("Urutan tidak dikenal; diurutkan dari yang terbaru.")
UNKNOWN_STATUS = N_("Status tidak dikenal diabaikan.")


@dataclass(frozen=True)
class Picker:
    """The choices of the region picker within the viewer's scope."""

    provinces: tuple[Region, ...]
    regencies: tuple[Region, ...]


@dataclass(frozen=True)
class QueueFilters:
    region: str
    agency_id: str | None
    mine: bool
    sort: str
    kept: dict[str, str]
    errors: dict[str, str]
    picker: Picker
    agencies: tuple[Agency, ...] = field(default=())


def _overlaps(scope: str, code: str) -> bool:
    return region_contains(scope, code) or region_contains(code, scope)


def agency_visible(actor: Actor, agency: Agency) -> bool:
    """Whether the agency filter offers ``agency`` to ``actor``."""
    return (agency.region_code == "" or _overlaps(actor.region_code, agency.region_code)) and (
        actor.agency_id in (None, agency.id)
    )


def read_queue_filters(params: QueryParams, actor: Actor, agencies: Sequence[Agency]) -> QueueFilters:
    errors: dict[str, str] = {}
    province = params.get("provinsi", "").strip()[:20]
    regency = params.get("kabkota", "").strip()[:20]
    legacy = params.get("region", "").strip()[:20]  # the map and older links: a raw code
    known = known_codes()
    if legacy and not (province or regency):
        if legacy in known:
            province, regency = legacy.split(".")[0], legacy if "." in legacy else ""
        else:
            errors["provinsi"] = UNKNOWN_REGION
    if (province and province not in known) or "." in province:
        errors["provinsi"], province, regency = UNKNOWN_PROVINCE, "", ""
    if regency and (regency not in known or regency.split(".")[0] != (province or regency.split(".")[0])):
        errors["kabkota"], regency = UNKNOWN_REGENCY, ""
    if regency and not province:
        province = regency.split(".")[0]
    region = regency or province
    if not region and legacy and legacy not in known and "provinsi" not in errors:
        errors["provinsi"] = UNKNOWN_REGION
    visible = tuple(a for a in agencies if agency_visible(actor, a))
    raw_agency = params.get("instansi", "").strip()[:64]
    agency_id: str | None = None
    if raw_agency:
        if any(a.id == raw_agency for a in visible):
            agency_id = raw_agency
        else:
            errors["instansi"] = UNKNOWN_AGENCY
    raw_sort = params.get("urut", "").strip()
    if raw_sort and raw_sort not in SORTS:
        errors["urut"] = UNKNOWN_SORT
    sort_key = raw_sort if raw_sort in SORTS else "terbaru"
    mine = params.get("saya") == "1"
    picker = _picker(actor.region_code, province)
    kept = {
        "provinsi": province,
        "kabkota": regency,
        "instansi": agency_id or "",
        "urut": sort_key,
        "saya": "1" if mine else "",
    }
    return QueueFilters(region, agency_id, mine, SORTS[sort_key], kept, errors, picker, visible)


@functools.lru_cache(maxsize=2048)
def _picker(scope: str, province: str) -> Picker:
    """The picker's choices for a scope and a chosen province (the region data is fixed: kept)."""
    provs = tuple(Region(p.code, p.name) for p in provinces() if _overlaps(scope, p.code))
    chosen = province or (scope.split(".")[0] if scope else "")
    regencies: tuple[Region, ...] = ()
    for p in provinces():
        if p.code == chosen:
            regencies = tuple(r for r in p.regencies if _overlaps(scope, r.code))
    return Picker(provs, regencies)


def officer_names(
    uow: UnitOfWork, officers: Sequence[User], holders: Mapping[str, CaseAssignment]
) -> dict[str, str]:
    """Display names of the assignees shown (from the picker's officers, else read by id)."""
    names = {u.id: u.display_name for u in officers}
    missing = {a.assignee_id for a in holders.values()} - set(names)
    if missing:
        with uow.reading():
            for uid in sorted(missing):
                user = uow.users.get(uid)
                names[uid] = user.display_name if user else uid[:8]
    return names
