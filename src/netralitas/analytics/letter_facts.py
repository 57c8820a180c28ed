"""The facts a letter is filled from, read off the case file (``cases.sensitive_reads.CaseDetail``), the
catalogue (legal basis, explanation, level labels, election names, deadline rules) and the
issuing office. Nothing of the reporter's identity is ever read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from netralitas import formats
from netralitas.analytics.letters import TEMPLATE_DIR, Finding, LetterFacts
from netralitas.cases.records import Agency
from netralitas.cases.sensitive_reads import CaseDetail
from netralitas.cases.workflow import STATUS_LABELS
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.model import EMPLOYEE_TYPE_LABELS, LEVEL_LABELS, EmployeeType

_LEVELS = {lv.value: label for lv, label in LEVEL_LABELS.items()}
_TYPES = {t.value: label for t, label in EMPLOYEE_TYPE_LABELS.items()}
NEXT_STEPS = {
    "received": "Laporan sedang menunggu pemeriksaan administratif.",
    "admin_check": "Laporan sedang diperiksa kelengkapan administratifnya.",
    "verification": "Laporan sedang diverifikasi oleh Satuan Tugas Netralitas ASN.",
    "validation": "Laporan sedang divalidasi oleh Bawaslu.",
    "examination": "Terlapor sedang diperiksa oleh tim pemeriksa.",
    "recommendation_sent": "Rekomendasi telah dikirim kepada Pejabat Pembina Kepegawaian untuk diputus.",
    "escalated": "Putusan PPK melewati tenggat; penanganan telah dieskalasi.",
    "ppk_decided": "Pejabat Pembina Kepegawaian telah memutus; tindak lanjutnya sedang dipastikan.",
    "followup_confirmed": "Tindak lanjut putusan telah dipastikan.",
    "sanctioned": "Penanganan selesai: terlapor dijatuhi sanksi.",
    "not_proven": "Penanganan selesai: pelanggaran tidak terbukti.",
    "dismissed": "Penanganan selesai: laporan tidak dapat ditindaklanjuti.",
    "merged": "Laporan digabung dengan kasus lain tentang perbuatan yang sama.",
    "out_of_scope": "Terlapor bukan ASN; laporan berada di luar kewenangan ini.",
    "forwarded": "Laporan diteruskan kepada instansi yang berwenang.",
}


FACT_ROWS = (
    ("Nomor kasus", "case_number"),
    ("Nama terlapor", "person_name"),
    ("NIP", "person_nip"),
    ("Jabatan", "person_position"),
    ("Jenis pegawai", "employee_type"),
    ("Instansi", "agency_name"),
    ("Wilayah", "region_name"),
    ("Tanggal perbuatan", "act_on"),
    ("Pemilihan", "election_name"),
)


def long_date(day: date | None) -> str | None:
    """A date in a letter: "27 November 2024" (``formats.long_day``; ``None`` when there is none)."""
    return formats.long_day(day, "id") if day else None


@dataclass(frozen=True)
class Issuer:
    name: str
    address: str
    city: str
    code: str


def load_issuer(override_dir: Path | None = None) -> Issuer:
    path = TEMPLATE_DIR / "issuer.yaml"
    if override_dir is not None and (override_dir / "issuer.yaml").is_file():
        path = override_dir / "issuer.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Issuer(str(data["name"]), str(data["address"]), str(data["city"]), str(data["code"]))


def findings_of(detail: CaseDetail) -> tuple[Finding, ...]:
    if not detail.assessments:
        return ()
    result: Mapping[str, Any] = detail.assessments[-1].result
    return tuple(
        Finding(
            rule_id=str(f["rule_id"]),
            title=str(f["title"]),
            citations=tuple(str(b["citation"]) for b in f.get("legal_basis", [])),
            explanation=tuple(str(x) for x in f.get("explanation", [])),
            level=_LEVELS.get(str(f.get("level")), str(f.get("level"))),
            review_status=str(f.get("review_status", "")),
        )
        for f in result.get("findings", [])
    )


def _deadline(detail: CaseDetail) -> tuple[date | None, str | None]:
    due = [d for d in detail.deadlines if d.step_id == "ppk_decision"]
    if not due:
        return None, None
    d = due[-1]
    unit = "hari kerja" if d.unit == "working_days" else "hari"
    note = "" if d.review_status == "confirmed" else "; ketentuan tenggat ini masih perlu ditinjau"
    return d.due_on, f"{d.amount} {unit} sejak {long_date(d.started_on)}{note}"


def letter_facts(
    detail: CaseDetail,
    agency: Agency | None,
    catalogue: Catalogue,
    issuer: Issuer,
    signer: tuple[str, str],
    today: date,
    region_name: Callable[[str], str],
) -> LetterFacts:
    case, person = detail.case, detail.person
    rec = detail.recommendations[-1] if detail.recommendations else None
    due_on, due_text = _deadline(detail)
    election = catalogue.elections.get(case.election_id or "")
    etype = person.employee_type if person else None
    values: dict[str, str | None] = {
        "case_number": case.number,
        "today": long_date(today),
        "issuer_name": issuer.name,
        "issuer_address": issuer.address,
        "issuer_city": issuer.city,
        "issuer_code": issuer.code,
        "person_name": person.name if person else None,
        "person_nip": person.nip if person else None,
        "person_position": person.position if person else None,
        "employee_type": _TYPES.get(etype) if etype and etype != EmployeeType.UNKNOWN.value else None,
        "agency_name": agency.name if agency else None,
        "ppk_title": agency.ppk_title if agency else None,
        "region_name": region_name(case.region_code) if case.region_code else None,
        "act_on": long_date(case.act_on),
        "election_name": election.name if election else None,
        "status_label": STATUS_LABELS[case.status][0],
        "recommendation_text": rec.text if rec else None,
        "recommendation_level": _LEVELS.get(rec.level, rec.level) if rec else None,
        "recommendation_on": long_date(rec.sent_on) if rec else None,
        "ppk_due_on": long_date(due_on),
        "ppk_deadline_text": due_text,
        "next_step": NEXT_STEPS.get(case.status.value),
        "signer_title": signer[0] or None,
        "signer_name": signer[1] or None,
    }
    table = tuple((label, values[key] or "belum diketahui") for label, key in FACT_ROWS)
    timeline = tuple(
        (
            formats.long_day(e.at, "id"),
            STATUS_LABELS[e.to_status][0] if e.to_status in STATUS_LABELS else e.kind,  # type: ignore[index]
        )
        for e in detail.events
        if e.to_status
    )
    return LetterFacts(values, table, findings_of(detail), timeline)
