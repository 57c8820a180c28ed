"""The rule engine: a pure function from facts and the catalogue to findings per track.

It applies the rules in force on the date of the act, chooses bakal calon vs calon explicitly
(and says why), and explains both findings and non-findings.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date

from netralitas.errors import NotFoundError
from netralitas.rules.behaviours import Behaviour
from netralitas.rules.catalogue import Catalogue
from netralitas.rules.facts import Facts, check_facts
from netralitas.rules.findings import Assessment, Finding, NonFinding, StageChoice
from netralitas.rules.matching import Situation, Verdict, judge
from netralitas.rules.model import (
    EMPLOYEE_TYPE_LABELS,
    LEVEL_LABELS,
    LEVEL_ORDER,
    STAGE_LABELS,
    STAGE_SOURCE_LABELS,
    TRACK_LABELS,
    Authority,
    Deadline,
    Election,
    EmployeeType,
    Level,
    ReviewStatus,
    Track,
    Violation,
    ViolationVersion,
)
from netralitas.rules.overall import overall as _overall
from netralitas.rules.positions import PositionMatch, derive

ASN_TRACKS = (Track.ETHICS, Track.DISCIPLINE, Track.DISMISSAL)
NEEDS = ReviewStatus.NEEDS_REVIEW
OK = ReviewStatus.CONFIRMED

__all__ = ["Assessment", "EmployeeType", "Facts", "Finding", "NonFinding", "assess"]


def assess(facts: Facts, catalogue: Catalogue) -> Assessment:
    """Judge ``facts`` against ``catalogue``. Pure; raises ValidationError for bad input."""
    given = check_facts(facts, catalogue.qualifiers, catalogue.elections)
    trace: list[str] = [
        f"Katalog {catalogue.version}; tanggal perbuatan {given.act_on.isoformat()} (aturan dan sanksi); "
        f"tanggal penanganan {given.procedure_on.isoformat()} (instansi dan tenggat)."
    ]
    warnings: list[str] = []
    facts, position = derive(given, catalogue.positions, trace, warnings)
    election = _resolve_election(facts, catalogue, trace, warnings)
    situation = _situation(facts, election, trace, warnings, position)
    askable, examples = _position_hints(catalogue)
    situation = replace(
        situation,
        qualifier_labels={q.id: q.label_id for q in catalogue.qualifiers.values()},
        position_qualifiers=askable,
        position_examples=examples,
    )
    findings: list[Finding] = []
    non_findings: list[NonFinding] = []
    if Behaviour.NONE.value in facts.behaviours:
        _explain_none(facts, catalogue, non_findings, warnings)
    for violation in catalogue.violations.values():
        verdict = judge(violation, situation)
        if verdict is None:
            continue
        if isinstance(verdict, NonFinding):
            non_findings.append(verdict)
        else:
            findings.append(_finding(violation, verdict, situation, catalogue, trace))
    findings, covered = _drop_covered(findings, catalogue)
    findings.sort(key=_finding_order)
    conditional = [f for f in findings if f.conditional]
    findings = [f for f in findings if not f.conditional]
    non_findings.extend(covered)
    _explain_non_asn(facts, findings, non_findings)
    _warn_nothing_in_force(facts, catalogue, findings + conditional, warnings)
    level, review, overall = _overall(findings, conditional)
    trace.append(
        f"{len(findings)} temuan, {len(conditional)} temuan bersyarat, {len(non_findings)} bukan temuan."
    )
    return Assessment(
        given,
        election,
        situation.stage,
        tuple(findings),
        tuple(non_findings),
        tuple(warnings),
        level,
        review,
        overall,
        catalogue.version,
        tuple(trace),
        position,
        tuple(conditional),
    )


# --- context -------------------------------------------------------------------------------------


def _position_hints(cat: Catalogue) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Qualifiers a position can add, each with a few position names to ask about."""
    examples: dict[str, list[str]] = {}
    for p in cat.positions.values():
        for q in p.qualifiers:
            examples.setdefault(q, []).append(p.synonyms[0])
    return frozenset(examples), {q: tuple(names[:4]) for q, names in examples.items()}


def _resolve_election(facts: Facts, cat: Catalogue, trace: list[str], warnings: list[str]) -> Election | None:
    if facts.election_id is not None:
        election = cat.election(facts.election_id)
        trace.append(f"Pemilihan ditetapkan pengguna: {election.id}.")
        if not election.covers(facts.act_on):
            warnings.append(
                f"Tanggal {facts.act_on.isoformat()} di luar jendela waktu {election.id} "
                f"({election.window_start_on.isoformat()} s.d. {election.window_end_on.isoformat()}); "
                "periksa kembali pemilihannya."
            )
        return election
    covering = cat.elections_covering(facts.act_on)
    if len(covering) == 1:
        trace.append(
            f"Pemilihan disimpulkan dari tanggal: {covering[0].id} "
            "(jendela waktu mencakup tanggal perbuatan)."
        )
        return covering[0]
    if covering:
        ids = ", ".join(e.id for e in covering)
        warnings.append(
            f"Tanggal dicakup beberapa pemilihan ({ids}); sebutkan pemilihannya. "
            "Syarat masa kampanye dan tahap pencalonan tidak dapat dinilai."
        )
    else:
        warnings.append(
            "Tidak ada pemilihan dalam katalog yang mencakup tanggal ini: syarat masa kampanye dan tahap "
            "pencalonan tidak dapat dinilai; temuan tetap diberikan dan ditandai perlu ditinjau."
        )
    trace.append("Pemilihan tidak diketahui.")
    return None


def _situation(
    facts: Facts,
    election: Election | None,
    trace: list[str],
    warnings: list[str],
    position: PositionMatch | None,
) -> Situation:
    stage = _stage(facts, election, warnings)
    label = STAGE_LABELS[stage.value] if stage.value else "tidak diketahui"
    trace.append(f"Tahap pencalonan: {label} ({STAGE_SOURCE_LABELS[stage.source]}). {stage.reason}")
    in_campaign = election.is_campaign_period(facts.act_on) if election is not None else None
    six_months = None
    if election is not None:
        start = _months_before(election.candidate_determination_on, 6)
        six_months = start <= facts.act_on
    if in_campaign is not None and election is not None:
        trace.append(
            f"Masa kampanye {election.campaign_start_on.isoformat()} "
            f"s.d. {election.campaign_end_on.isoformat()}: "
            f"tanggal perbuatan {'di dalam' if in_campaign else 'di luar'} masa kampanye."
        )
    return Situation(facts, election, stage, in_campaign, six_months, position)


def _stage(facts: Facts, election: Election | None, warnings: list[str]) -> StageChoice:
    if facts.candidate_stage is not None:
        reason = facts.candidate_stage_reason or ""
        if not reason:
            warnings.append("Tahap pencalonan ditetapkan petugas tanpa alasan; catat alasannya pada kasus.")
        return StageChoice(
            facts.candidate_stage, "officer", f"Ditetapkan petugas: {reason or '(tanpa alasan)'}", NEEDS
        )
    if election is None:
        return StageChoice(
            None, "unknown", "Tanpa pemilihan, tanggal penetapan calon tidak diketahui.", NEEDS
        )
    det = election.candidate_determination_on
    when = f"Perbuatan {facts.act_on.isoformat()}"
    where = f"penetapan calon {det.isoformat()} ({election.id})"
    if facts.act_on < det:
        return StageChoice(
            "bakal_calon", "date", f"{when} sebelum {where}: yang didukung masih bakal calon.", NEEDS
        )
    return StageChoice("calon", "date", f"{when} pada/sesudah {where}: yang didukung sudah calon.", NEEDS)


def _months_before(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


# --- building a finding ---------------------------------------------------------------------------


def _finding(v: Violation, verdict: Verdict, s: Situation, cat: Catalogue, trace: list[str]) -> Finding:
    version: ViolationVersion = verdict.version
    level = version.level
    assert level is not None
    explanation = list(verdict.explanation)
    review = list(verdict.review)
    sanctions, ladder_id = _sanctions(v, level, s, cat, explanation, review)
    track = cat.track(v.track)
    authority = _authority(cat, track.authority_function, s.facts.procedure_on, trace)
    supervision = tuple(
        a for fn in track.supervision_functions if (a := _authority(cat, fn, s.facts.procedure_on, trace))
    )
    deadlines = _deadlines(cat, v.track, s, trace)
    if version.review_status is NEEDS or (authority is not None and authority.review_status is NEEDS):
        review.append("Rumusan/dasar aturan ini belum dikonfirmasi pada teks resmi.")
    if v.criminal_range is not None and v.criminal_range.review_status is NEEDS:
        review.append("Rentang ancaman pidana belum dikonfirmasi pada teks resmi.")
    status = NEEDS if review else OK
    return Finding(
        v.id,
        v.title_id,
        v.title_en,
        v.track,
        level,
        sanctions,
        ladder_id,
        version.legal_basis + v.basis_for(s.facts.employee_type),
        authority,
        supervision,
        deadlines,
        tuple(explanation),
        status,
        tuple(dict.fromkeys((*review, *v.review_notes))),
        v.penalty,
        v.criminal_range,
        verdict.condition,
    )


def _sanctions(
    v: Violation, level: Level, s: Situation, cat: Catalogue, explanation: list[str], review: list[str]
) -> tuple[tuple[str, ...], str | None]:
    if v.track not in ASN_TRACKS:
        return ((v.penalty,) if v.penalty else ()), None
    if level is Level.CASE_BY_CASE:
        if v.track is Track.DISMISSAL and v.penalty:
            return (v.penalty,), None
        return ("Diputus kasus per kasus oleh Satgas Netralitas ASN / PPK.",), None
    etype = s.facts.employee_type
    if etype is EmployeeType.UNKNOWN:
        review.append("Jenis pegawai belum diketahui: bentuk sanksi bergantung pada PNS/PPPK.")
        explanation.append("Jenis pegawai belum diketahui; bentuk sanksi tidak dapat dipilih.")
        return (), None
    found = cat.ladder_on(v.track, etype, s.facts.act_on)
    if found is None:
        review.append(
            f"Tidak ada tangga sanksi {TRACK_LABELS[v.track]} untuk {EMPLOYEE_TYPE_LABELS[etype]} "
            "pada tanggal ini."
        )
        return (), None
    ladder, version = found
    options = (version.levels or {}).get(level, ())
    cites = "; ".join(b.cite() for b in version.legal_basis)
    explanation.append(
        f"Sanksi menurut {ladder.label_id} ({cites}) yang berlaku sejak {version.from_on.isoformat()}: "
        f"{LEVEL_LABELS[level]}; bentuk konkret dipilih PPK."
    )
    if version.review_status is NEEDS:
        review.append(f"Tangga sanksi {ladder.id} untuk tanggal ini belum dikonfirmasi.")
    return options, ladder.id


def _authority(cat: Catalogue, function: str, on: date, trace: list[str]) -> Authority | None:
    try:
        return cat.authority_on(function, on)
    except NotFoundError:
        trace.append(f"Tidak ada instansi untuk fungsi {function} pada {on.isoformat()}.")
        return None


def _deadlines(cat: Catalogue, track: Track, s: Situation, trace: list[str]) -> tuple[Deadline, ...]:
    info = cat.track(track)
    steps = list(info.deadlines.get("all", ()))
    kinds = [s.election.kind] if s.election is not None else ["pemilu", "pilkada"]
    for kind in kinds:
        steps.extend(info.deadlines.get(kind, ()))
    out: list[Deadline] = []
    for step in dict.fromkeys(steps):
        try:
            out.append(cat.deadline_on(step, s.facts.procedure_on))
        except NotFoundError:
            trace.append(
                f"Tenggat {step} tidak berlaku pada {s.facts.procedure_on.isoformat()} "
                "(belum berlaku atau sudah dicabut)."
            )
    return tuple(out)


# --- post-processing -----------------------------------------------------------------------------

_TRACK_ORDER = (Track.ETHICS, Track.DISCIPLINE, Track.DISMISSAL, Track.CRIME, Track.CANDIDATE_CONSEQUENCE)


def _finding_order(f: Finding) -> tuple[int, int, str]:
    severity = LEVEL_ORDER.index(f.level) if f.level in LEVEL_ORDER else -1
    return _TRACK_ORDER.index(f.track), -severity, f.rule_id


def _drop_covered(findings: list[Finding], cat: Catalogue) -> tuple[list[Finding], list[NonFinding]]:
    ids = {f.rule_id for f in findings}
    kept: list[Finding] = []
    covered: list[NonFinding] = []
    for f in findings:
        by = [other for other in cat.violation(f.rule_id).covered_by if other in ids]
        if by:
            covered.append(
                NonFinding(
                    f.rule_id,
                    f"Dicakup oleh temuan {', '.join(by)} untuk perbuatan yang sama; tidak diulang.",
                )
            )
        else:
            kept.append(f)
    return kept, covered


def _explain_none(facts: Facts, cat: Catalogue, out: list[NonFinding], warnings: list[str]) -> None:
    allowed = "; ".join(f"{a.title_id} ({a.id})" for a in cat.allowed_conduct)
    out.append(
        NonFinding(
            None,
            "Label 'none': tidak ada perbuatan terlarang (mis. mencoblos di bilik suara, ajakan "
            f"umum memilih, imbauan netralitas). Perilaku yang umumnya boleh: {allowed}.",
        )
    )
    if len(facts.behaviours) > 1:
        warnings.append("Label 'none' digabung dengan label lain; label lain tetap dinilai.")


def _warn_nothing_in_force(
    facts: Facts, cat: Catalogue, findings: list[Finding], warnings: list[str]
) -> None:
    acts = facts.behaviours - {Behaviour.NONE.value}
    if findings or not acts:
        return
    in_force = {b for v in cat.violations_on(facts.act_on) for b in v.conditions.behaviours_any}
    missing = sorted(acts - in_force)
    if missing:
        warnings.append(
            f"Tidak ada aturan dalam katalog untuk {', '.join(missing)} "
            f"yang berlaku pada {facts.act_on.isoformat()} "
            "(mis. SKB 2020 atau surat edaran KASN belum dimasukkan); periksa aturan yang berlaku saat itu."
        )


def _explain_non_asn(facts: Facts, findings: list[Finding], out: list[NonFinding]) -> None:
    if facts.employee_type is not EmployeeType.NON_ASN:
        return
    crimes = [f.rule_id for f in findings if f.track in (Track.CRIME, Track.CANDIDATE_CONSEQUENCE)]
    tail = f" Jalur pidana/calon tetap dapat berlaku: {', '.join(crimes)}." if crimes else ""
    out.append(
        NonFinding(
            None,
            f"{EMPLOYEE_TYPE_LABELS[EmployeeType.NON_ASN]}: tidak dikenai "
            f"sanksi kode etik, disiplin atau pemberhentian ASN.{tail}",
        )
    )
