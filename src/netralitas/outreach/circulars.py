"""Circulars (surat edaran): writing one, addressing it to the roster, and the acknowledgement
and pledge rates per unit and position, the units not reached and those due a reminder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from netralitas.cases.roles import Actor
from netralitas.errors import NotFoundError, ValidationError
from netralitas.outreach.access import record, require_agency
from netralitas.outreach.attachments import Attachment
from netralitas.outreach.ports import OutreachUnitOfWork, RateRow
from netralitas.outreach.records import Circular, new_id
from netralitas.rules.catalogue import Catalogue

MakeUow = Callable[[], OutreachUnitOfWork]


@dataclass(frozen=True)
class CircularInput:
    agency_id: str
    title: str
    body: str
    election_id: str | None = None
    phase: str | None = None
    target_units: tuple[str, ...] = ()
    target_positions: tuple[str, ...] = ()
    wants_pledge: bool = False
    reminder_threshold: float = 0.8
    link_days: int = 30
    citations: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()


def _check(data: CircularInput, catalogue: Catalogue, units: set[str]) -> None:
    fields: dict[str, str] = {}
    if not 5 <= len(data.title.strip()) <= 300:
        fields["title"] = "Judul wajib diisi (5-300 huruf)."
    if len(data.body.strip()) < 20:
        fields["body"] = "Isi surat edaran terlalu pendek (minimal 20 huruf)."
    if data.election_id and data.election_id not in catalogue.elections:
        fields["election_id"] = f"Pemilihan {data.election_id!r} tidak dikenal."
    unknown = [u for u in data.target_units if u not in units]
    if unknown:
        fields["target_units"] = f"Unit tidak dikenal: {', '.join(unknown)}."
    bad_positions = [p for p in data.target_positions if p not in catalogue.positions and p != "lainnya"]
    if bad_positions:
        fields["target_positions"] = f"Jabatan tidak dikenal: {', '.join(bad_positions)}."
    if not 0 < data.reminder_threshold <= 1:
        fields["reminder_threshold"] = "Ambang pengingat harus di antara 1 dan 100 persen."
    if not 1 <= data.link_days <= 180:
        fields["link_days"] = "Masa berlaku tautan 1-180 hari."
    if fields:
        raise ValidationError(
            "Periksa isian surat edaran.",
            message_en="Check the circular's fields.",
            details={"fields": fields},
        )


def create_circular(
    make_uow: MakeUow, catalogue: Catalogue, now: datetime, actor: Actor, data: CircularInput
) -> tuple[Circular, int]:
    """Store the circular and address it to the active members it targets; (circular, recipients)."""
    with make_uow() as uow:
        require_agency(uow, actor, data.agency_id)
        _check(data, catalogue, {u.code for u in uow.rosters.units(data.agency_id)})
        circular = Circular(
            new_id(), data.agency_id, data.title.strip(), data.body.strip(), data.election_id or None,
            data.phase or None, data.target_units, data.target_positions, data.wants_pledge,
            data.reminder_threshold, data.link_days, actor.user_id, now, data.citations,
        )  # fmt: skip
        uow.circulars.add(circular)
        for attachment in data.attachments:
            uow.circulars.add_attachment(circular.id, attachment)
        count = uow.circulars.address(circular)
        record(uow, now, actor.user_id, "circular.created", "circular", circular.id, {"recipients": count})
        uow.commit()
    return circular, count


def get_circular(uow: OutreachUnitOfWork, actor: Actor, circular_id: str) -> Circular:
    circular = uow.circulars.get(circular_id)
    if circular is None:
        raise NotFoundError("Surat edaran tidak ditemukan.", message_en="Circular not found.")
    require_agency(uow, actor, circular.agency_id)
    return circular


@dataclass(frozen=True)
class Rate:
    key: str
    recipients: int
    acknowledged: int
    pledged: int

    @property
    def ack_rate(self) -> float:
        return self.acknowledged / self.recipients if self.recipients else 0.0

    @property
    def pledge_rate(self) -> float:
        return self.pledged / self.recipients if self.recipients else 0.0


@dataclass(frozen=True)
class RatesView:
    circular: Circular
    by_unit: tuple[Rate, ...]
    by_position: tuple[Rate, ...]
    unit_names: dict[str, str]

    @property
    def total(self) -> Rate:
        rows = self.by_unit
        return Rate("total", sum(r.recipients for r in rows), sum(r.acknowledged for r in rows),
                    sum(r.pledged for r in rows))  # fmt: skip

    @property
    def not_reached(self) -> tuple[Rate, ...]:
        """Units none of whose recipients has acknowledged yet."""
        return tuple(r for r in self.by_unit if r.acknowledged == 0)

    @property
    def below_threshold(self) -> tuple[Rate, ...]:
        """Units whose acknowledgement rate is under the circular's reminder threshold."""
        return tuple(r for r in self.by_unit if r.ack_rate < self.circular.reminder_threshold)


def _rates(rows: list[RateRow]) -> tuple[Rate, ...]:
    return tuple(Rate(r.key, r.recipients, r.acknowledged, r.pledged) for r in rows)


def circular_rates(make_uow: MakeUow, now: datetime, actor: Actor, circular_id: str) -> RatesView:
    """Rates per unit and per position (counts only: who acknowledged is never listed here)."""
    with make_uow() as uow:
        circular = get_circular(uow, actor, circular_id)
        names = {u.code: u.name for u in uow.rosters.units(circular.agency_id)}
        view = RatesView(
            circular, _rates(uow.circulars.rates(circular_id, "unit_code")),
            _rates(uow.circulars.rates(circular_id, "position_key")), names,
        )  # fmt: skip
    return view
