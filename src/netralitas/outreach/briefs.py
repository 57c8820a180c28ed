"""Assembly and meeting briefs (amanat apel pagi, bahan rakor pengawasan netralitas): for a date,
an election and a region, the phase on that date, what changes at the next milestone, the rules
with examples and citations, and recent anonymised figures (groups under 5 suppressed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from netralitas.cases.workflow import CLOSED_STATUSES
from netralitas.errors import ValidationError
from netralitas.outreach.documents import text_pdf
from netralitas.outreach.drafting import allowed_line, day_id, next_change_lines, rule_line
from netralitas.outreach.phases import PhaseChange, PhaseSpan, change_at_next, phase_on, rules_on
from netralitas.outreach.ports import OutreachUnitOfWork
from netralitas.rules.catalogue import Catalogue, default_catalogue
from netralitas.rules.model import Election

#: Groups smaller than this are shown as "<5", never as their number.
MIN_GROUP = 5
FIGURE_DAYS = 90
STATUS_GROUPS = {"baru": "Laporan baru (belum diverifikasi)", "diproses": "Sedang diproses",
                 "selesai": "Selesai"}  # fmt: skip


def suppress(count: int) -> str:
    return "<5" if 0 < count < MIN_GROUP else str(count)


@dataclass(frozen=True)
class Brief:
    election: Election
    region_code: str
    day: date
    phase: PhaseSpan | None
    change: PhaseChange | None
    figures: Mapping[str, str]
    text: str

    @property
    def title(self) -> str:
        where = f" wilayah {self.region_code}" if self.region_code else ""
        return f"Amanat netralitas ASN{where}, {day_id(self.day)}"


def group_status(counts: Mapping[str, int]) -> dict[str, int]:
    grouped = dict.fromkeys(STATUS_GROUPS, 0)
    for status, n in counts.items():
        closed = status in {s.value for s in CLOSED_STATUSES}
        key = "baru" if status in ("received", "admin_check") else "selesai" if closed else "diproses"
        grouped[key] += n
    return grouped


def compose_brief(
    catalogue: Catalogue, election: Election, region_code: str, day: date, counts: Mapping[str, int]
) -> Brief:
    phase = phase_on(election, day)
    change = change_at_next(catalogue, election, day)
    figures = {k: suppress(v) for k, v in group_status(counts).items()}
    lines = [
        "Assalamualaikum warahmatullahi wabarakatuh, salam sejahtera bagi kita semua.",
        "",
        f"Hari ini, {day_id(day)}, {election.name} berada pada tahap: "
        f"{phase.label if phase else 'di luar jendela tahapan'}. "
        f"Pemungutan suara {day_id(election.vote_on)}.",
        "ASN tetap berhak memilih di bilik suara, tetapi wajib netral: tidak berpihak, tidak ikut kampanye.",
        "",
        "Yang tidak boleh dilakukan ASN pada tahap ini:",
        *(rule_line(r) for r in rules_on(catalogue, election, day)[:8]),
        "",
        "Yang boleh:",
        *(allowed_line(a) for a in catalogue.allowed_conduct[:3]),
    ]
    if change is not None:
        lines += [
            "",
            *next_change_lines(change.next.label, change.next.start_on, change.starting, change.ending),
        ]
    lines += ["", f"Laporan dugaan pelanggaran netralitas di wilayah ini, {FIGURE_DAYS} hari terakhir "
              "(kelompok di bawah 5 disamarkan):"]  # fmt: skip
    lines += [f"- {STATUS_GROUPS[k]}: {v}" for k, v in figures.items()]
    lines += ["", "Mari jaga netralitas. Bila ragu, tanyakan dulu sebelum bertindak."]
    return Brief(election, region_code, day, phase, change, figures, "\n".join(lines))


def build_brief(
    make_uow: Callable[[], OutreachUnitOfWork], election_id: str, region_code: str, day: date
) -> Brief:
    catalogue = default_catalogue()
    if election_id not in catalogue.elections:
        raise ValidationError(f"Pemilihan {election_id!r} tidak dikenal.", message_en="Unknown election",
                              details={"fields": {"election_id": "Pilih pemilihan yang ada."}})  # fmt: skip
    with make_uow() as uow:
        counts = uow.case_counts(region_code, day - timedelta(days=FIGURE_DAYS), day)
    return compose_brief(catalogue, catalogue.elections[election_id], region_code, day, counts)


def brief_pdf(brief: Brief) -> bytes:
    footer = (f"Disusun Netralitas dari katalog hukum {default_catalogue().version}. Aturan bertanda "
              "'perlu ditinjau' belum dikonfirmasi petugas hukum.")  # fmt: skip
    return text_pdf(brief.title, brief.text.splitlines(), footer)
