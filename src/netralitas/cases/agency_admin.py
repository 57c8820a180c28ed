"""Agencies managed by an administrator: add a central agency or a regional government, and
rename an agency (name and its PPK's title). Agencies carry no version, so a rename states the
name and title it was made from and is refused when they changed since (stale form)."""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import Field

from netralitas.cases import audit
from netralitas.cases.agencies import regional_agency
from netralitas.cases.dependencies import Kit
from netralitas.cases.inputs import OptionalText, _Payload
from netralitas.cases.ports import UnitOfWork
from netralitas.cases.records import Agency, AgencyKind
from netralitas.cases.roles import Actor, Role
from netralitas.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,40}")


class AgencyCreate(_Payload):
    #: A Kemendagri province/regency/city code (regional government) or empty for a central agency.
    region_code: str = Field(default="", max_length=20)
    #: Central agencies: the short id after ``pusat-`` (lower-case letters, digits, dashes).
    slug: OptionalText = Field(default=None, max_length=41)
    name: OptionalText = Field(default=None, min_length=3, max_length=300)
    ppk_title: OptionalText = Field(default=None, min_length=3, max_length=200)


class AgencyRename(_Payload):
    agency_id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=3, max_length=300)
    ppk_title: str = Field(min_length=3, max_length=200)
    #: The name and title the administrator saw (stale-form check).
    seen_name: str = Field(max_length=300)
    seen_ppk_title: str = Field(max_length=200)
    #: Region and parent: None leaves them as they are; "" clears (central agency / no parent).
    region_code: str | None = Field(default=None, max_length=20)
    parent_id: str | None = Field(default=None, max_length=64)
    seen_region_code: str | None = Field(default=None, max_length=20)
    seen_parent_id: str | None = Field(default=None, max_length=64)


def _require_admin(actor: Actor) -> None:
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(
            "Hanya administrator yang dapat mengelola instansi.",
            message_en="Only an administrator manages agencies.",
        )


def _new_agency(payload: AgencyCreate) -> Agency:
    if payload.region_code.strip():
        found = regional_agency(payload.region_code.strip())
        return replace(found, name=payload.name or found.name, ppk_title=payload.ppk_title or found.ppk_title)
    if not payload.slug or not _SLUG.fullmatch(payload.slug):
        raise ValidationError(
            "Isi kode wilayah, atau id singkat instansi pusat (huruf kecil, angka, tanda hubung).",
            message_en="Give a region code, or a short id for a central agency (a-z, 0-9, dashes).",
            details={"field": "slug"},
        )
    for field, value in (("name", payload.name), ("ppk_title", payload.ppk_title)):
        if not value:
            raise ValidationError(
                "Wajib diisi untuk instansi pusat.",
                message_en="Required for a central agency.",
                details={"field": field},
            )
    return Agency(
        f"pusat-{payload.slug}", payload.name or "", AgencyKind.CENTRAL, "", payload.ppk_title or ""
    )


def create_agency(uow: UnitOfWork, kit: Kit, actor: Actor, payload: AgencyCreate) -> Agency:
    """Add one agency (audited); an id already present is refused."""
    _require_admin(actor)
    agency = _new_agency(payload)
    with uow:
        if uow.agencies.get(agency.id) is not None:
            raise ConflictError(
                f"Instansi {agency.id} sudah ada.",
                message_en=f"Agency {agency.id} exists.",
                code="agency_exists",
                details={"field": "region_code" if agency.region_code else "slug"},
            )
        uow.agencies.add(agency)
        audit.record(uow, kit, actor.user_id, "agency.created", "agency", agency.id, {"name": agency.name})
        uow.commit()
    kit.agency_cache.forget()
    return agency


def rename_agency(uow: UnitOfWork, kit: Kit, actor: Actor, payload: AgencyRename) -> Agency:
    """Change an agency's name and PPK title from what the administrator saw (audited)."""
    _require_admin(actor)
    with uow:
        current = uow.agencies.get(payload.agency_id)
        if current is None:
            raise NotFoundError("Instansi tidak ditemukan.", message_en="Agency not found.")
        seen = (
            payload.seen_name,
            payload.seen_ppk_title,
            current.region_code if payload.seen_region_code is None else payload.seen_region_code,
            current.parent_id or "" if payload.seen_parent_id is None else payload.seen_parent_id,
        )
        if (current.name, current.ppk_title, current.region_code, current.parent_id or "") != seen:
            raise ConflictError(
                "Instansi ini sudah diubah orang lain sejak halaman dibuka; muat ulang lalu ulangi.",
                message_en="The agency changed since you opened the page; reload and try again.",
            )
        region = current.region_code if payload.region_code is None else _region(payload.region_code)
        parent = current.parent_id if payload.parent_id is None else _parent(uow, current, payload.parent_id)
        changed = replace(
            current, name=payload.name, ppk_title=payload.ppk_title, region_code=region, parent_id=parent
        )
        if changed == current:
            return current
        uow.agencies.replace(changed)
        if (current.name, current.ppk_title) != (changed.name, changed.ppk_title):
            detail = {
                "name": [current.name, changed.name],
                "ppk_title": [current.ppk_title, changed.ppk_title],
            }
            audit.record(uow, kit, actor.user_id, "agency.renamed", "agency", changed.id, detail)
        if (current.region_code, current.parent_id) != (changed.region_code, changed.parent_id):
            moved = {
                "region_code": [current.region_code, changed.region_code],
                "parent_id": [current.parent_id, changed.parent_id],
            }
            audit.record(uow, kit, actor.user_id, "agency.moved", "agency", changed.id, moved)
        uow.commit()
    kit.agency_cache.forget()
    return changed


def _region(code: str) -> str:
    """A Kemendagri province/regency/city code, or "" (a central agency serves the whole country)."""
    code = code.strip()
    return regional_agency(code).region_code if code else ""


def _parent(uow: UnitOfWork, agency: Agency, parent_id: str) -> str | None:
    """An existing agency other than this one and none of its descendants (no cycles)."""
    parent_id = parent_id.strip()
    if not parent_id:
        return None
    seen = {agency.id}
    step: str | None = parent_id
    while step is not None:
        if step in seen:
            raise ValidationError(
                "Instansi induk tidak boleh instansi itu sendiri atau bawahannya.",
                message_en="The parent cannot be the agency itself or one under it.",
                details={"field": "parent_id"},
            )
        found = uow.agencies.get(step)
        if found is None:
            raise ValidationError(
                "Instansi induk tidak dikenal.",
                message_en="Unknown parent agency.",
                details={"field": "parent_id"},
            )
        seen.add(step)
        step = found.parent_id
    return parent_id
