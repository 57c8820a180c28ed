"""CLI commands of the rules area: ``rules check|list|show|allowed`` and top-level ``assess``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from netralitas.errors import DomainError
from netralitas.rules.catalogue import Catalogue, default_catalogue, load_catalogue
from netralitas.rules.engine import Assessment, Facts, assess
from netralitas.rules.facts import parse_employee_type
from netralitas.rules.model import LEVEL_LABELS, TRACK_LABELS, Violation

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
        typer.echo(f"Galat: tanggal {value!r} tidak sah; gunakan format YYYY-MM-DD.", err=True)
        raise typer.Exit(2) from None


@rules_app.command("check")
def check_command(
    path: Annotated[Path | None, typer.Option(help="Direktori katalog (bawaan: data paket).")] = None,
) -> None:
    """Periksa katalog; keluar non-nol dengan nama berkas bila ada galat / validate the catalogue."""
    try:
        cat = load_catalogue(path)
    except DomainError as exc:
        typer.echo(f"Berkas/file: {exc.details.get('file', '?')} ({exc.details.get('kind', '?')})", err=True)
        raise _fail(exc, 1) from None
    pending = sum(1 for v in cat.violations.values() if v.review_status == "needs_review")
    typer.echo(
        f"Katalog valid / valid catalogue: {len(cat.violations)} pelanggaran ({pending} needs_review), "
        f"{len(cat.elections)} pemilihan, {len(cat.deadlines)} tenggat; versi {cat.version}"
    )


def _violation_line(v: Violation, on: date | None) -> str:
    version = v.version_on(on) if on is not None else v.current
    level = str(version.level) if version is not None and version.level is not None else "-"
    status = str(version.review_status) if version is not None else "-"
    return f"{v.id:32} {v.track:22} {level:13} {status:13} {v.title_id}"


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
    typer.echo(f"{'id':32} {'jalur/track':22} {'tingkat':13} {'status':13} judul")
    for v in items:
        typer.echo(_violation_line(v, day))
    typer.echo(f"({len(items)} aturan; katalog {cat.version})")


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
    for line in _show_lines(v, day):
        typer.echo(line)


def _show_lines(v: Violation, day: date | None) -> list[str]:
    c = v.conditions
    lines = [f"{v.id}: {v.title_id}", f"  ({v.title_en})", f"  Kelompok: {v.group}", f"  {v.description}"]
    lines.append(f"  Jalur: {TRACK_LABELS[v.track]} ({v.track})")
    lines.append(
        f"  Perilaku: {', '.join(sorted(c.behaviours_any))}; pegawai: {', '.join(sorted(c.employee_types))}"
    )
    unsure = f" (perlu ditinjau pada: {', '.join(sorted(c.unsure_stages))})" if c.unsure_stages else ""
    kinds = ", ".join(sorted(c.election_kinds))
    lines.append(f"  Tahap: {c.candidate_stage}{unsure}; waktu: {c.period}; pemilihan: {kinds}")
    if c.qualifiers_all or c.qualifiers_any or c.qualifiers_none:
        lines.append(
            f"  Kualifikasi wajib: {sorted(c.qualifiers_all)}; salah satu: {sorted(c.qualifiers_any)}; "
            f"pengecualian: {sorted(c.qualifiers_none)}"
        )
    versions = [v.version_on(day)] if day is not None else list(v.versions)
    if day is not None and versions[0] is None:
        lines.append(f"  Tidak berlaku pada {day.isoformat()}.")
    for ver in (x for x in versions if x is not None):
        level = LEVEL_LABELS[ver.level] if ver.level is not None else "dicabut"
        cites = "; ".join(b.cite() for b in ver.legal_basis)
        lines.append(f"  Sejak {ver.from_on.isoformat()}: {level} [{ver.review_status}] — {cites}")
        if ver.note:
            lines.append(f"    catatan: {ver.note}")
    if v.penalty:
        lines.append(f"  Ancaman: {v.penalty}")
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
            f"{e.id:14} {e.kind:8} penetapan calon {e.candidate_determination_on} · kampanye "
            f"{e.campaign_start_on}..{e.campaign_end_on} · tenang {e.quiet_start_on}..{e.quiet_end_on} · "
            f"pemungutan {e.vote_on} [{e.review_status}]"
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
        typer.echo(f"{step:32} {d.amount:3} {d.unit:12} [{d.review_status}]{flag} {d.label_id}{due}")


@rules_app.command("allowed")
def allowed_command() -> None:
    """Perilaku yang umumnya boleh bagi ASN / generally allowed conduct."""
    for a in default_catalogue().allowed_conduct:
        typer.echo(f"{a.id}: {a.title_id} [{a.review_status}] — {'; '.join(b.cite() for b in a.legal_basis)}")


def _render(a: Assessment) -> list[str]:
    f = a.facts
    lines = [f"Penilaian / assessment ({a.catalogue_version})"]
    lines.append(
        f"  Fakta: {', '.join(sorted(f.behaviours))}; {f.employee_type}; {f.act_on.isoformat()}; "
        f"pemilihan: {a.election.id if a.election else '-'}"
    )
    lines.append(f"  Tahap pencalonan: {a.stage.value or 'tidak diketahui'} — {a.stage.reason}")
    lines += [f"  PERINGATAN: {w}" for w in a.warnings]
    if not a.findings:
        lines.append("  Tidak ada pelanggaran / no violation found.")
    for x in a.findings:
        lines.append(f"  * {x.rule_id} [{x.review_status}] {x.title}")
        lines.append(f"    jalur {TRACK_LABELS[x.track]}, tingkat: {LEVEL_LABELS[x.level]}")
        lines.append(f"    dasar: {'; '.join(b.cite() for b in x.legal_basis)}")
        lines += [f"    sanksi: {s}" for s in x.sanctions]
        if x.authority is not None:
            lines.append(f"    berwenang: {x.authority.name}")
        lines += [f"    pengawas: {s.name}" for s in x.supervision]
        lines += [f"    tenggat: {d.label_id} {d.amount} {d.unit} [{d.review_status}]" for d in x.deadlines]
        lines += [f"    alasan: {e}" for e in x.explanation]
        lines += [f"    perlu ditinjau: {n}" for n in x.review_notes]
    lines += [f"  - bukan temuan: {n.reason}" for n in a.non_findings]
    lines.append(f"  {a.overall_explanation} [{a.overall_review_status}]")
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
    app.add_typer(rules_app, name="rules")
    app.command("assess")(assess_command)
