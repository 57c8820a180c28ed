"""The overall recommendation of an assessment: the heaviest ASN-track level, and its review status."""

from __future__ import annotations

from netralitas.rules.findings import Finding
from netralitas.rules.model import LEVEL_LABELS, LEVEL_ORDER, Level, ReviewStatus, Track

ASN_TRACKS = (Track.ETHICS, Track.DISCIPLINE, Track.DISMISSAL)
NEEDS = ReviewStatus.NEEDS_REVIEW
OK = ReviewStatus.CONFIRMED


def overall(findings: list[Finding], conditional: list[Finding]) -> tuple[Level | None, ReviewStatus, str]:
    level, status, text = _overall_of(findings)
    if conditional:
        ids = ", ".join(f.rule_id for f in conditional)
        text += f" Temuan bersyarat (tidak dihitung; tanyakan faktanya): {ids}."
        status = NEEDS
    return level, status, text


def _overall_of(findings: list[Finding]) -> tuple[Level | None, ReviewStatus, str]:
    graded = [f for f in findings if f.track in ASN_TRACKS and f.level in LEVEL_ORDER]
    open_cases = [f.rule_id for f in findings if f.track in ASN_TRACKS and f.level is Level.CASE_BY_CASE]
    if not graded:
        if open_cases:
            return None, NEEDS, f"Tingkat diputus kasus per kasus ({', '.join(open_cases)})."
        return None, OK, "Tidak ada temuan kode etik/disiplin/pemberhentian ASN."
    heaviest = max(graded, key=lambda f: LEVEL_ORDER.index(f.level))
    text = f"Rekomendasi keseluruhan: {LEVEL_LABELS[heaviest.level]} (terberat, dari {heaviest.rule_id})."
    status = heaviest.review_status
    if len(graded) > 1:
        status = NEEDS
        text += " Aturan penggabungan beberapa pelanggaran belum dikonfirmasi, jadi perlu ditinjau."
    if open_cases:
        text += f" Ditambah temuan yang diputus kasus per kasus: {', '.join(open_cases)}."
    return heaviest.level, status, text
