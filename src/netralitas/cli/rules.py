"""CLI commands of the rules area: ``rules check|list|show|allowed`` and top-level ``assess``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from netralitas.errors import DomainError
from netralitas.rules.behaviours import BEHAVIOUR_LABELS, Behaviour
from netralitas.rules.catalogue import Catalogue, default_catalogue, load_catalogue
from netralitas.rules.engine import Assessment, Facts, Finding, assess
from netralitas.rules.facts import parse_employee_type
from netralitas.rules.model import (
    ELECTION_KIND_LABELS,
    EMPLOYEE_TYPE_LABELS,
    LEVEL_LABELS,
    LEVEL_SHORT_LABELS,
    PERIOD_LABELS,
    STAGE_LABELS,
    STAGE_SOURCE_LABELS,
    TRACK_LABELS,
    EmployeeType,
    ReviewStatus,
    Violation,
    review_label,
)
from netralitas.rules.review import applicable_versions, rule_review
from netralitas.rules.yamlfile import ERROR_KINDS

rules_app = typer.Typer(help="Katalog aturan netralitas ASN / the legal catalogue.", no_args_is_help=True)


def _fail(exc: DomainError, code: int = 2) -> typer.Exit:
    typer.echo(f"Galat: {exc.message}", err=True)
    if exc.message_en != exc.message:
        typer.echo(f"Error: {exc.message_en}", err=True)
    return typer.Exit(code)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        typer.echo(
            f"Galat: tanggal {value!r} tidak sah; gunakan format YYYY-MM-DD "
            f"/ Error: date {value!r} is not valid; use YYYY-MM-DD.",
            err=True,
        )
        raise typer.Exit(2) from None


@rules_app.command("check")
def check_command(
    path: Annotated[Path | None, typer.Option(help="Direktori katalog (bawaan: data paket).")] = None,
) -> None:
    """Periksa katalog; keluar non-nol dengan nama berkas bila ada galat / validate the catalogue."""
    try:
        cat = load_catalogue(path)
    except DomainError as exc:
        kind = str(exc.details.get("kind", "?"))
        label = ERROR_KINDS.get(kind, kind)
        typer.echo(f"Berkas/file: {exc.details.get('file', '?')} — {label} ({kind})", err=True)
        raise _fail(exc, 1) from None
    pending = sum(1 for v in cat.violations.values() if not rule_review(v, cat).settled)
    typer.echo(
        f"Katalog valid / valid catalogue: {len(cat.violations)} pelanggaran ({pending} perlu ditinjau), "
        f"{len(cat.elections)} pemilihan, {len(cat.deadlines)} tenggat, {len(cat.positions)} jabatan; "
        f"versi {cat.version}"
    )


def _violation_lines(v: Violation, on: date | None, cat: Catalogue) -> list[str]:
    """The rule with its effective status (every applicable version and reading), then each version."""
    version = v.version_on(on) if on is not None else v.current
    level = LEVEL_SHORT_LABELS[version.level] if version is not None and version.level is not None else "-"
    review = rule_review(v, cat, on)
    lines = [
        f"{v.id:32} {TRACK_LABELS[v.track]:18} {level:15} {_status_short(review.status):15} {v.title_id}"
    ]
    for x in applicable_versions(v, on):
        assert x.level is not None
        lines.append(
            f"{'':34}versi sejak {x.from_on.isoformat()}: {LEVEL_SHORT_LABELS[x.level]} · "
            f"{_status_short(x.review_status)}"
        )
    if review.reasons:
        lines.append(f"{'':34}perlu ditinjau karena: {'; '.join(review.reasons)}")
    if review.partial:
        lines.append(f"{'':34}sebagian perlu ditinjau: {'; '.join(review.partial)}")
    return lines


def _status_short(status: ReviewStatus) -> str:
    return "terkonfirmasi" if status is ReviewStatus.CONFIRMED else "perlu ditinjau"


def _types(types: frozenset[EmployeeType]) -> str:
    return ", ".join(EMPLOYEE_TYPE_LABELS[t].split(" (")[0] for t in sorted(types))


def _behaviour(label: str) -> str:
    return f"{label} ({BEHAVIOUR_LABELS[Behaviour(label)][0]})"


@rules_app.command("list")
def list_command(
    on: Annotated[
        str | None, typer.Option("--on", help="Hanya aturan yang berlaku pada tanggal ini (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Daftar pelanggaran / list violations."""
    cat = default_catalogue()
    day = _parse_date(on)
    items = cat.violations_on(day) if day is not None else tuple(cat.violations.values())
    typer.echo(f"{'id':32} {'jalur':18} {'tingkat':15} {'status':15} judul")
    settled = 0
    for v in items:
        settled += rule_review(v, cat, day).settled
        for line in _violation_lines(v, day, cat):
            typer.echo(line)
    typer.echo(
        f"({len(items)} aturan, {settled} terkonfirmasi, {len(items) - settled} perlu ditinjau; "
        f"katalog {cat.version})"
    )


@rules_app.command("show")
def show_command(
    rule_id: Annotated[str, typer.Argument(help="Id aturan, mis. skb-b2.")],
    on: Annotated[str | None, typer.Option("--on", help="Versi yang berlaku pada tanggal ini.")] = None,
) -> None:
    """Tampilkan satu aturan lengkap / show one rule."""
    cat = default_catalogue()
    day = _parse_date(on)
    try:
        v = cat.violation(rule_id)
    except DomainError as exc:
        raise _fail(exc) from None
    for line in _show_lines(v, day, cat):
        typer.echo(line)


def _show_lines(v: Violation, day: date | None, cat: Catalogue) -> list[str]:
    c = v.conditions
    lines = [f"{v.id}: {v.title_id}", f"  ({v.title_en})", f"  Kelompok: {v.group}", f"  {v.description}"]
    lines.append(f"  Jalur: {TRACK_LABELS[v.track]}")
    lines.append(f"  Perilaku: {', '.join(_behaviour(b) for b in sorted(c.behaviours_any))}")
    lines.append(f"  Pegawai: {_types(c.employee_types)}")
    unsure = ", ".join(STAGE_LABELS[x] for x in sorted(c.unsure_stages))
    unsure = f" (perlu ditinjau pada tahap {unsure})" if unsure else ""
    kinds = ", ".join(ELECTION_KIND_LABELS[k] for k in sorted(c.election_kinds))
    lines.append(
        f"  Tahap: {STAGE_LABELS[c.candidate_stage]}{unsure}; waktu: {PERIOD_LABELS[c.period]}; "
        f"pemilihan: {kinds}"
    )
    for title, ids in (
        ("Kualifikasi wajib", c.qualifiers_all),
        ("Kualifikasi (salah satu)", c.qualifiers_any),
        ("Pengecualian", c.qualifiers_none),
    ):
        if ids:
            names = ", ".join(f"{q} ({cat.qualifiers[q].label_id})" for q in sorted(ids))
            lines.append(f"  {title}: {names}")
    versions = [v.version_on(day)] if day is not None else list(v.versions)
    if day is not None and versions[0] is None:
        lines.append(f"  Tidak berlaku pada {day.isoformat()}.")
    for ver in (x for x in versions if x is not None):
        level = LEVEL_LABELS[ver.level] if ver.level is not None else "dicabut"
        cites = "; ".join(b.cite() for b in ver.legal_basis)
        lines.append(
            f"  Sejak {ver.from_on.isoformat()}: {level} [{review_label(ver.review_status)}] — {cites}"
        )
        if ver.note:
            lines.append(f"    catatan: {ver.note}")
        if ver.review.reviewed_by:
            lines.append(f"    ditinjau: {ver.review.reviewed_by}, {ver.review.reviewed_on}")
        if ver.review.question and ver.review_status is ReviewStatus.NEEDS_REVIEW:
            lines.append(f"    pertanyaan: {ver.review.question}")
    if v.penalty:
        lines.append(f"  Ancaman: {v.penalty}")
    if v.criminal_range is not None:
        r = v.criminal_range
        lines.append(f"  Rentang pidana: {r.describe()} [{review_label(r.review_status)}]")
    lines += [f"  Boleh: {e}" for e in v.examples.allowed] + [
        f"  Tidak boleh: {e}" for e in v.examples.not_allowed
    ]
    lines += [f"  Perlu ditinjau: {n}" for n in v.review_notes]
    return lines


@rules_app.command("elections")
def elections_command() -> None:
    """Pemilihan dan tanggal pentingnya / elections and their dates."""
    for e in default_catalogue().elections.values():
        typer.echo(
            f"{e.id:14} {ELECTION_KIND_LABELS[e.kind]:8} penetapan calon {e.candidate_determination_on} · "
            f"kampanye {e.campaign_start_on} s.d. {e.campaign_end_on} · masa tenang {e.quiet_start_on} "
            f"s.d. {e.quiet_end_on} · pemungutan suara {e.vote_on} [{review_label(e.review_status)}]"
        )


@rules_app.command("deadlines")
def deadlines_command(
    on: Annotated[str | None, typer.Option("--on", help="Tanggal (bawaan: hari ini, WIB).")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Hitung tanggal jatuh tempo dari tanggal ini.")
    ] = None,
) -> None:
    """Tenggat prosedur yang berlaku / procedure deadlines in force."""
    from netralitas.clock import SystemClock

    cat = default_catalogue()
    day = _parse_date(on) or SystemClock().today()
    begin = _parse_date(start)
    for step in cat.deadlines:
        try:
            d = cat.deadline_on(step, day)
        except DomainError:
            continue
        due = f" → jatuh tempo {cat.calendar.due_date(begin, d)}" if begin is not None else ""
        flag = " (dapat diatur)" if d.configurable else ""
        typer.echo(f"{step:32} {d.describe():14} [{review_label(d.review_status)}]{flag} {d.label_id}{due}")


@rules_app.command("procedure")
def procedure_command(
    on: Annotated[str | None, typer.Option("--on", help="Tanggal (bawaan: hari ini, WIB).")] = None,
    procedure: Annotated[
        str, typer.Option("--procedure", help="neutrality, pemilu_report atau pilkada_report.")
    ] = "neutrality",
) -> None:
    """Langkah prosedur berurutan yang berlaku / ordered procedure steps in force."""
    from netralitas.clock import SystemClock

    cat = default_catalogue()
    day = _parse_date(on) or SystemClock().today()
    try:
        steps = cat.procedure_on(day, procedure)
    except DomainError as exc:
        raise _fail(exc) from None
    label = cat.procedures[procedure].label_id
    typer.echo(f"{label} — berlaku pada {day.isoformat()}")
    if not steps:
        typer.echo("  Tidak ada prosedur yang berlaku pada tanggal ini.")
    for step in steps:
        who = step.authority.name if step.authority is not None else "belum ada instansi pada tanggal ini"
        due = f"; tenggat {step.deadline.describe()}" if step.deadline is not None else ""
        typer.echo(f"  {step.order}. {step.title_id} [{review_label(step.review_status)}]")
        typer.echo(f"     pelaku: {who}{due}")
        if step.note:
            typer.echo(f"     catatan: {step.note}")


@rules_app.command("allowed")
def allowed_command() -> None:
    """Perilaku yang umumnya boleh bagi ASN / generally allowed conduct."""
    for a in default_catalogue().allowed_conduct:
        cites = "; ".join(b.cite() for b in a.legal_basis)
        typer.echo(f"{a.id}: {a.title_id} [{review_label(a.review_status)}] — {cites}")


def _render(a: Assessment) -> list[str]:
    f = a.facts
    lines = [f"Penilaian / assessment ({a.catalogue_version})"]
    lines.append(f"  Perilaku: {', '.join(_behaviour(b) for b in sorted(f.behaviours))}")
    lines.append(
        f"  Pegawai: {_employee_line(a)}; tanggal perbuatan {f.act_on.isoformat()}; "
        f"pemilihan: {a.election.name if a.election else 'tidak diketahui'}"
    )
    if a.position is not None:
        p = a.position.position
        lines.append(f"  Jabatan: {a.position.text} → {p.label_id} [{review_label(p.review_status)}]")
    elif f.position:
        lines.append(f"  Jabatan: {f.position} (tidak ada dalam daftar jabatan; tidak ada fakta turunan)")
    stage = STAGE_LABELS[a.stage.value] if a.stage.value else "tidak diketahui"
    source = STAGE_SOURCE_LABELS[a.stage.source]
    lines.append(f"  Tahap pencalonan: {stage} ({source}) — {a.stage.reason}")
    lines += [f"  PERINGATAN: {w}" for w in a.warnings]
    if not a.findings:
        lines.append("  Tidak ada pelanggaran / no violation found.")
    for x in a.findings:
        lines += _finding_lines(x)
    for x in a.conditional_findings:
        lines.append(f"  ? BERSYARAT — {x.condition}:")
        lines += _finding_lines(x)
    lines += [f"  - bukan temuan: {n.reason}" for n in a.non_findings]
    lines.append(f"  {a.overall_explanation} [{review_label(a.overall_review_status)}]")
    return lines


def _employee_line(a: Assessment) -> str:
    given = EMPLOYEE_TYPE_LABELS[a.facts.employee_type]
    added = a.position.employee_type_added if a.position is not None else None
    if added is None:
        return given
    return f"{EMPLOYEE_TYPE_LABELS[added]} (diturunkan dari jabatan; isian: {given})"


def _finding_lines(x: Finding) -> list[str]:
    lines = [f"  * {x.rule_id} [{review_label(x.review_status)}] {x.title}"]
    lines.append(f"    jalur {TRACK_LABELS[x.track]}, tingkat: {LEVEL_LABELS[x.level]}")
    lines.append(f"    dasar: {'; '.join(b.cite() for b in x.legal_basis)}")
    lines += [f"    sanksi: {s}" for s in x.sanctions]
    if x.criminal_range is not None:
        lines.append(f"    ancaman pidana: {x.criminal_range.describe()}")
    if x.authority is not None:
        lines.append(f"    berwenang: {x.authority.name}")
    lines += [f"    pengawas: {s.name}" for s in x.supervision]
    lines += [
        f"    tenggat: {d.label_id}: {d.describe()} [{review_label(d.review_status)}]" for d in x.deadlines
    ]
    lines += [f"    alasan: {e}" for e in x.explanation]
    label = "perlu ditinjau" if x.review_status is ReviewStatus.NEEDS_REVIEW else "catatan"
    lines += [f"    {label}: {n}" for n in x.review_notes]
    return lines


def _catalogue() -> Catalogue:
    try:
        return default_catalogue()
    except DomainError as exc:
        raise _fail(exc, 1) from None


def assess_command(
    behaviour: Annotated[
        list[str], typer.Option("--behaviour", "-b", help="Label perilaku (boleh berulang).")
    ],
    on: Annotated[str, typer.Option("--on", help="Tanggal perbuatan YYYY-MM-DD.")],
    employee_type: Annotated[
        str, typer.Option("--employee-type", help="pns, cpns, pppk, non_asn, unknown")
    ] = "unknown",
    election: Annotated[
        str | None, typer.Option("--election", help="Id pemilihan, mis. pilkada-2024.")
    ] = None,
    qualifier: Annotated[
        list[str] | None, typer.Option("--qualifier", "-q", help="Kualifikasi (boleh berulang).")
    ] = None,
    position: Annotated[str | None, typer.Option(help="Jabatan, mis. camat.")] = None,
    stage: Annotated[str | None, typer.Option(help="Tetapkan tahap: bakal_calon atau calon.")] = None,
    stage_reason: Annotated[str | None, typer.Option(help="Alasan petugas menetapkan tahap.")] = None,
    handled_on: Annotated[
        str | None,
        typer.Option("--handled-on", help="Tanggal penanganan (instansi dan tenggat); bawaan: --on."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Keluaran JSON yang stabil.")] = False,
) -> None:
    """Nilai satu perbuatan terhadap katalog / assess an act against the catalogue."""
    act_on = _parse_date(on)
    assert act_on is not None
    cat = _catalogue()
    labels = frozenset(part.strip() for item in behaviour for part in item.split(",") if part.strip())
    try:
        facts = Facts(
            labels,
            act_on,
            election,
            parse_employee_type(employee_type),
            position,
            frozenset(qualifier or ()),
            stage,
            stage_reason,
            _parse_date(handled_on),
        )
        result = assess(facts, cat)
    except DomainError as exc:
        raise _fail(exc) from None
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
        return
    for line in _render(result):
        typer.echo(line)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    from netralitas.cli.rules_review import review_command

    rules_app.command("review")(review_command)
    app.add_typer(rules_app, name="rules")
    app.command("assess")(assess_command)
