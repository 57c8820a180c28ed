"""Roster import: validate each line, upsert by NIP in batches (constant memory), mark leavers.

One import is one transaction. A dry run, or a file with problems imported without
``valid_only``, is rolled back: the report says what *would* happen, nothing is written.
With ``valid_only`` the valid lines are applied and the others reported with their line numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import islice

from netralitas.cases.roles import Actor
from netralitas.errors import ValidationError
from netralitas.identifiers.nip import validate_nip
from netralitas.outreach.access import record, require_agency
from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.outreach.records import Member, OrgUnit, RosterRow, new_id
from netralitas.outreach.rosterfile import Row
from netralitas.rules.catalogue import default_catalogue

BATCH = 2000
#: How long people who left stay in the roster before the purge removes them.
RETENTION_DAYS = 365
#: Problems kept in a report (all are counted).
MAX_PROBLEMS = 1000
EMPLOYEE_TYPES = {"pns": "pns", "cpns": "cpns", "pppk": "pppk", "p3k": "pppk"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    agency_id: str
    import_id: str
    dry_run: bool
    valid_only: bool
    lines: int = 0
    valid: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0
    problem_count: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    applied: bool = False

    def add(self, problem: RowProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


@lru_cache(maxsize=4096)
def position_key(text: str) -> str:
    """The catalogue's position id a title names ('Camat Depok' -> 'camat'), else 'lainnya'."""
    found = default_catalogue().position_for(text) if text else None
    return found.id if found is not None else "lainnya"


def unit_index(units: Iterable[OrgUnit]) -> dict[str, str]:
    """Lower-cased code and name -> unit code."""
    index: dict[str, str] = {}
    for unit in units:
        index[unit.code.strip().lower()] = unit.code
        index[" ".join(unit.name.lower().split())] = unit.code
    return index


def check_row(
    line: int, raw: dict[str, str], units: dict[str, str], today: date
) -> RosterRow | list[RowProblem]:
    """A valid row, or every problem of the line (each with its field)."""
    problems: list[RowProblem] = []
    name = raw.get("name", "")
    if not name or len(name) > 200:
        problems.append(RowProblem(line, "nama", "Nama wajib diisi (paling banyak 200 huruf)."))
    nip = ""
    if raw.get("nip_numeric"):
        problems.append(RowProblem(line, "nip", "NIP tersimpan sebagai angka sehingga digit akhirnya "
                                   "hilang; format kolom NIP sebagai Teks lalu isi ulang."))  # fmt: skip
    else:
        try:
            nip = validate_nip(raw.get("nip", ""), today=today).nip
        except ValidationError as exc:
            problems.append(RowProblem(line, "nip", exc.message))
    unit = units.get(" ".join(raw.get("unit", "").lower().split()))
    if unit is None:
        problems.append(RowProblem(line, "unit", f"Unit {raw.get('unit', '')!r} tidak dikenal untuk "
                                   "instansi ini; daftarkan unitnya dulu."))  # fmt: skip
    kind = EMPLOYEE_TYPES.get(raw.get("employee_type", "").lower() or "pns")
    if kind is None:
        problems.append(RowProblem(line, "jenis", "Jenis pegawai harus PNS, CPNS atau PPPK."))
    email, phone = raw.get("email") or None, raw.get("phone") or None
    if email is not None and not _EMAIL.match(email):
        problems.append(RowProblem(line, "email", f"Alamat surel {email!r} tidak sah."))
    if phone is not None and not _PHONE.match(phone):
        problems.append(RowProblem(line, "telepon", f"Nomor telepon {phone!r} tidak sah."))
    if problems or unit is None or kind is None:
        return problems or [RowProblem(line, "baris", "Baris tidak sah.")]
    position = raw.get("position", "")[:200]
    return RosterRow(line, nip, name, unit, position, position_key(position), kind, email, phone)


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def import_roster(
    make_uow: Callable[[], OutreachUnitOfWork], now: datetime, actor: Actor, agency_id: str,
    rows: Iterator[Row], *, dry_run: bool = False, valid_only: bool = False,
) -> ImportReport:  # fmt: skip
    """Import a roster for ``agency_id`` (see the module doc for what is applied when)."""
    report = ImportReport(agency_id, new_id(), dry_run, valid_only)
    with make_uow() as uow:
        require_agency(uow, actor, agency_id)
        units = unit_index(uow.rosters.units(agency_id))
        for chunk in _batches(rows, BATCH):
            _apply_batch(uow, report, chunk, units, now)
        if report.valid == 0 and report.lines > 0:
            report.add(RowProblem(0, "file", "Tidak ada baris yang sah: tidak ada yang diterapkan."))
        elif report.lines == 0:
            report.add(RowProblem(0, "file", "Berkas tidak berisi baris data."))
        if report.valid:
            report.left = uow.rosters.mark_leavers(agency_id, report.import_id, now.date())
        applies = not dry_run and report.valid > 0 and (report.problem_count == 0 or valid_only)
        if applies:
            record(uow, now, actor.user_id, "roster.imported", "agency", agency_id, _summary(report))
            uow.commit()
            report.applied = True
    return report


def _apply_batch(
    uow: OutreachUnitOfWork, report: ImportReport, chunk: list[Row], units: dict[str, str], now: datetime
) -> None:
    valid: list[RosterRow] = []
    seen_elsewhere: list[str] = []
    for line, raw in chunk:
        report.lines += 1
        checked = check_row(line, raw, units, now.date())
        if isinstance(checked, RosterRow):
            valid.append(checked)
            continue
        for problem in checked:
            report.add(problem)
        nip = raw.get("nip", "").replace(" ", "")
        if not any(p.field == "nip" for p in checked) and nip:
            seen_elsewhere.append(nip)  # a known person with a bad row has not left
    if seen_elsewhere:
        uow.rosters.touch(report.agency_id, report.import_id, seen_elsewhere)
    outcome = uow.rosters.upsert(report.agency_id, report.import_id, valid, now)
    report.inserted += outcome.inserted
    report.updated += outcome.updated
    report.unchanged += outcome.unchanged
    report.valid += len(valid) - len(outcome.duplicates)
    for line, first in outcome.duplicates:
        report.add(RowProblem(line, "nip", f"NIP ganda: orang yang sama sudah ada di baris {first}."))


def _summary(report: ImportReport) -> dict[str, object]:
    keys = ("import_id", "lines", "valid", "inserted", "updated", "unchanged", "left", "problem_count")
    return {k: getattr(report, k) for k in keys} | {"valid_only": report.valid_only}


def register_units(
    make_uow: Callable[[], OutreachUnitOfWork], now: datetime, actor: Actor, agency_id: str,
    pairs: Iterable[tuple[str, str]],
) -> int:  # fmt: skip
    """Add units given as (code, name); codes already registered are kept as they are."""
    with make_uow() as uow:
        require_agency(uow, actor, agency_id)
        units = [OrgUnit(agency_id, code.strip(), name.strip()) for code, name in pairs]
        bad = [u for u in units if not u.code or not u.name]
        if bad:
            raise ValidationError(
                "Setiap unit perlu kode dan nama.", message_en="Each unit needs a code and name."
            )
        added = uow.rosters.add_units(units)
        record(uow, now, actor.user_id, "roster.units_added", "agency", agency_id, {"added": added})
        uow.commit()
    return added


def export_roster(
    make_uow: Callable[[], OutreachUnitOfWork], now: datetime, actor: Actor, agency_id: str, *,
    include_left: bool = False, purpose: str = "export",
) -> Iterator[Member]:  # fmt: skip
    """The roster, audited before a single row is handed out (then streamed, constant memory)."""
    with make_uow() as uow:
        require_agency(uow, actor, agency_id)
        detail = {"include_left": include_left, "purpose": purpose}
        record(uow, now, actor.user_id, "roster.exported", "agency", agency_id, detail)
        uow.commit()
    with make_uow() as uow:
        yield from uow.rosters.members(agency_id, active_only=not include_left)


def purge_leavers(make_uow: Callable[[], OutreachUnitOfWork], now: datetime, keep_days: int) -> int:
    """Delete people who left more than ``keep_days`` ago (with their pledges); audited."""
    with make_uow() as uow:
        removed = uow.rosters.purge_left_before(now.date() - timedelta(days=keep_days))
        record(
            uow, now, "system", "roster.purged", "roster", "*", {"removed": removed, "keep_days": keep_days}
        )
        uow.commit()
    return removed
