"""Filters of the oversight pages, read from untrusted query parameters.

An unknown value is never silently ignored nor turned into an empty chart: it is reported beside
its filter (Indonesian first, English second) and the figures are shown without it."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date

from netralitas.rules.behaviours import Behaviour


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    message_en: str


@dataclass(frozen=True)
class OversightFilter:
    """What the viewer asked for (before narrowing to their scope)."""

    election_id: str | None = None
    region: str = ""
    agency_id: str | None = None
    opened_from: date | None = None
    opened_to: date | None = None
    behaviour: str | None = None

    def to_params(self) -> dict[str, str]:
        """The query parameters that give this filter back (for links and CSV URLs)."""
        params = {
            "pemilihan": self.election_id or "",
            "wilayah": self.region,
            "instansi": self.agency_id or "",
            "dari": self.opened_from.isoformat() if self.opened_from else "",
            "sampai": self.opened_to.isoformat() if self.opened_to else "",
            "perilaku": self.behaviour or "",
        }
        return {k: v for k, v in params.items() if v}


@dataclass(frozen=True)
class Scope:
    """What the viewer may see: a region prefix ("" national) and optionally one agency."""

    region: str = ""
    agency_id: str | None = None


@dataclass(frozen=True)
class FactFilter:
    """The filter as applied: the request narrowed to the viewer's scope."""

    region: str = ""
    agency_id: str | None = None
    election_ids: tuple[str, ...] = ()
    opened_from: date | None = None
    opened_to: date | None = None
    behaviour: str | None = None

    def for_election(self, election_id: str) -> FactFilter:
        return replace(self, election_ids=(election_id,))


_REGION = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_BEHAVIOURS = frozenset(b.value for b in Behaviour)


def parse_filter(
    params: Mapping[str, str],
    *,
    elections: Collection[str],
    regions: Collection[str],
    agencies: Collection[str] | None = None,
) -> tuple[OversightFilter, tuple[FieldError, ...]]:
    """Read ``pemilihan``, ``wilayah``, ``instansi``, ``dari``, ``sampai`` and ``perilaku``.
    Each bad value becomes a :class:`FieldError` and is dropped from the filter. ``agencies``
    None skips the agency check (the caller checks it against the database)."""
    errors: list[FieldError] = []
    election = _choice(params, "pemilihan", elections, errors, "Pemilihan", "Election")
    behaviour = _choice(params, "perilaku", _BEHAVIOURS, errors, "Perilaku", "Behaviour")
    region = params.get("wilayah", "").strip()
    if region and (not _REGION.match(region) or region not in regions):
        errors.append(
            FieldError(
                "wilayah",
                f"Kode wilayah '{region[:20]}' tidak dikenal; tulis kode Kemendagri seperti 33 atau 33.74.",
                f"Unknown region code '{region[:20]}'; use a Kemendagri code such as 33 or 33.74.",
            )
        )
        region = ""
    agency = params.get("instansi", "").strip() or None
    if agency is not None and agencies is not None and agency not in agencies:
        errors.append(
            FieldError(
                "instansi", f"Instansi '{agency[:64]}' tidak dikenal.", f"Unknown agency '{agency[:64]}'."
            )
        )
        agency = None
    start = _day(params, "dari", errors)
    end = _day(params, "sampai", errors)
    if start and end and start > end:
        errors.append(
            FieldError(
                "sampai", "Tanggal akhir sebelum tanggal awal.", "The end date is before the start date."
            )
        )
        end = None
    return OversightFilter(election, region, agency, start, end, behaviour), tuple(errors)


def _choice(
    params: Mapping[str, str],
    name: str,
    known: Collection[str],
    errors: list[FieldError],
    label: str,
    label_en: str,
) -> str | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    if value in known:
        return value
    errors.append(
        FieldError(
            name,
            f"{label} '{value[:40]}' tidak dikenal; pilih dari daftar.",
            f"Unknown {label_en.lower()} '{value[:40]}'; choose from the list.",
        )
    )
    return None


def _day(params: Mapping[str, str], name: str, errors: list[FieldError]) -> date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value)
    except ValueError:
        errors.append(
            FieldError(
                name,
                f"Tanggal '{value[:20]}' tidak terbaca; tulis TTTT-BB-HH, mis. 2024-02-14.",
                f"Unreadable date '{value[:20]}'; write YYYY-MM-DD, e.g. 2024-02-14.",
            )
        )
        return None


def region_in(scope: str, code: str) -> bool:
    """True when ``code`` lies inside ``scope`` ("" contains every region)."""
    return scope == "" or code == scope or code.startswith(scope + ".")


def narrow(request: OversightFilter, scope: Scope) -> tuple[FactFilter, tuple[FieldError, ...]]:
    """The request inside the viewer's scope. A region or agency outside it is an error beside
    that filter and the scope itself is used instead (never a wider view)."""
    errors: list[FieldError] = []
    region = request.region
    if region_in(scope.region, region):
        pass
    elif region_in(region, scope.region):
        region = scope.region
    else:
        errors.append(
            FieldError(
                "wilayah",
                "Wilayah itu di luar kewenangan Anda; ditampilkan wilayah Anda.",
                "That region is outside your scope; your own region is shown.",
            )
        )
        region = scope.region
    agency = request.agency_id
    if scope.agency_id is not None:
        if agency not in (None, scope.agency_id):
            errors.append(
                FieldError(
                    "instansi",
                    "Instansi itu di luar kewenangan Anda; ditampilkan instansi Anda.",
                    "That agency is outside your scope; your own agency is shown.",
                )
            )
        agency = scope.agency_id
    elections = (request.election_id,) if request.election_id else ()
    applied = FactFilter(region, agency, elections, request.opened_from, request.opened_to, request.behaviour)
    return applied, tuple(errors)
