"""Official letters of a case (recommendation to the PPK, case summary, notice to the reporter)
from templates an agency can edit (YAML in ``data/letters``, overridable per installation).

A template names the facts it needs (``requires``); a letter for a case lacking any of them is
refused with the missing facts named in Indonesian, never printed with blanks. Placeholders are
plain names from :data:`FACT_LABELS` (no attribute or index access), checked when loaded."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from netralitas.errors import ValidationError

TEMPLATE_DIR = Path(__file__).parent / "data" / "letters"
KINDS = ("recommendation", "summary", "reporter_notice")
BLOCKS = ("facts", "findings", "timeline")

#: Every fact a template may use, with its Indonesian name (used to say what is missing).
FACT_LABELS: dict[str, str] = {
    "case_number": "nomor kasus",
    "today": "tanggal surat",
    "year": "tahun",
    "seq": "nomor urut",
    "code": "kode surat",
    "issuer_name": "nama instansi penerbit",
    "issuer_address": "alamat instansi penerbit",
    "issuer_city": "kota instansi penerbit",
    "issuer_code": "kode instansi penerbit",
    "person_name": "nama terlapor",
    "person_nip": "NIP terlapor",
    "person_position": "jabatan terlapor",
    "employee_type": "jenis pegawai terlapor",
    "agency_name": "instansi terlapor",
    "ppk_title": "jabatan PPK (alamat surat)",
    "region_name": "wilayah",
    "act_on": "tanggal perbuatan",
    "election_name": "pemilihan",
    "status_label": "status kasus",
    "findings": "penilaian (ketentuan yang dilanggar)",
    "recommendation_text": "isi rekomendasi",
    "recommendation_level": "tingkat hukuman yang direkomendasikan",
    "recommendation_on": "tanggal rekomendasi",
    "ppk_due_on": "tenggat putusan PPK",
    "ppk_deadline_text": "dasar tenggat PPK",
    "next_step": "langkah berikutnya",
    "signer_title": "jabatan penanda tangan",
    "signer_name": "nama penanda tangan",
}


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    citations: tuple[str, ...]
    explanation: tuple[str, ...]
    level: str
    review_status: str


@dataclass(frozen=True)
class LetterFacts:
    values: Mapping[str, str | None]
    facts_table: tuple[tuple[str, str], ...]
    findings: tuple[Finding, ...]
    timeline: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Template:
    kind: str
    code: str
    numbering: str
    sifat: str
    lampiran: str
    hal: str
    letterhead: tuple[str, ...]
    place: str
    addressee: tuple[str, ...]
    requires: tuple[str, ...]
    body: tuple[str, ...]
    signer_title: str
    signer_name: str
    tembusan: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A paragraph (``text``), or a labelled table (``rows``), or a numbered list of findings."""

    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Letter:
    kind: str
    letterhead: tuple[str, ...]
    place_date: str
    number: str
    sifat: str
    lampiran: str
    hal: str
    addressee: tuple[str, ...]
    blocks: tuple[Block, ...]
    signer_title: str
    signer_name: str
    tembusan: tuple[str, ...]


def _names(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _check_placeholders(texts: Sequence[str], source: str) -> None:
    for text in texts:
        for name in _names(text):
            if name not in FACT_LABELS:
                raise ValueError(f"{source}: tempat isian tidak dikenal {{{name}}}")


def load_template(kind: str, override_dir: Path | None = None) -> Template:
    """The template of ``kind``: ``override_dir/<kind>.yaml`` when it exists, else the shipped one."""
    if kind not in KINDS:
        raise ValidationError(
            f"Jenis surat '{kind}' tidak dikenal.", message_en=f"Unknown letter kind '{kind}'."
        )
    path = TEMPLATE_DIR / f"{kind}.yaml"
    if override_dir is not None and (override_dir / f"{kind}.yaml").is_file():
        path = override_dir / f"{kind}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    tuples = ("letterhead", "addressee", "requires", "body", "tembusan")
    fields = {
        k: tuple(str(x) for x in data[k]) if k in tuples else str(data[k])
        for k in Template.__dataclass_fields__
    }
    template = Template(**cast(dict[str, Any], fields))
    texts = [template.numbering, template.hal, template.place, template.signer_title, template.signer_name]
    texts += [*template.letterhead, *template.addressee, *(b for b in template.body if b not in BLOCKS)]
    _check_placeholders(texts, str(path))
    unknown = [r for r in template.requires if r not in FACT_LABELS]
    if unknown:
        raise ValueError(f"{path}: fakta wajib tidak dikenal: {', '.join(unknown)}")
    return template


def missing_facts(template: Template, facts: LetterFacts) -> list[str]:
    """Facts the template needs that the case lacks (``requires`` and every placeholder used)."""
    used = set(template.requires)
    for text in (template.hal, *template.addressee, *template.body, template.signer_name):
        used.update(_names(text))
    missing = []
    for name in sorted(used):
        if name == "findings":
            if not facts.findings:
                missing.append(name)
        elif name not in ("seq", "year", "code") and not facts.values.get(name):
            missing.append(name)
    return missing


def _fill(text: str, values: Mapping[str, object]) -> str:
    return text.format_map({k: v for k, v in values.items()})


def compose(template: Template, facts: LetterFacts, number: str) -> Letter:
    """The letter, or ``ValidationError`` (code ``letter_facts_missing``) naming what is missing."""
    missing = missing_facts(template, facts)
    if missing:
        named = ", ".join(FACT_LABELS[m] for m in missing)
        raise ValidationError(
            f"Surat tidak dapat dibuat karena fakta berikut belum ada di berkas kasus: {named}.",
            message_en=f"The letter cannot be made; the case file lacks: {', '.join(missing)}.",
            code="letter_facts_missing",
            details={"missing": missing},
        )
    values = {k: v or "" for k, v in facts.values.items()}
    blocks = []
    for part in template.body:
        if part == "facts":
            blocks.append(Block(rows=facts.facts_table))
        elif part == "findings":
            blocks.append(Block(findings=facts.findings))
        elif part == "timeline":
            blocks.append(Block(rows=facts.timeline))
        else:
            blocks.append(Block(text=_fill(part, values)))
    return Letter(
        kind=template.kind,
        letterhead=tuple(_fill(line, values) for line in template.letterhead),
        place_date=f"{_fill(template.place, values)}, {values.get('today', '')}",
        number=number,
        sifat=template.sifat,
        lampiran=template.lampiran,
        hal=_fill(template.hal, values),
        addressee=tuple(_fill(line, values) for line in template.addressee),
        blocks=tuple(blocks),
        signer_title=_fill(template.signer_title, values),
        signer_name=_fill(template.signer_name, values),
        tembusan=template.tembusan,
    )


def letter_number(template: Template, seq: int, year: int, issuer_code: str) -> str:
    return template.numbering.format_map(
        {"seq": seq, "year": year, "code": template.code, "issuer_code": issuer_code}
    )
