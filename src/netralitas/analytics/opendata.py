"""Open data: aggregated, anonymised case figures for anyone (``/data-terbuka``), as tidy CSV and
JSON with a Frictionless ``datapackage.json`` for CKAN portals ("Satu Data").

Only counts per province, behaviour, stage group and month are published — never a case, a
person, an agency or a kab/kota. Every table goes through :func:`suppression.protect`: cells
from 1 to 4 and the cells needed to hide them are published as ``x``."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netralitas.analytics.dashboard import Names, label_of
from netralitas.analytics.filters import FactFilter
from netralitas.analytics.model import Dimension, FactSource
from netralitas.analytics.suppression import TOTAL, Protected, protect
from netralitas.rules.catalogue import Catalogue

SUPPRESSED = "x"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
STAGE_GROUPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "dalam_proses": (
        "Dalam proses",
        "In progress",
        (
            "received",
            "admin_check",
            "verification",
            "validation",
            "examination",
            "recommendation_sent",
            "escalated",
        ),
    ),
    "diputus_sanksi": (
        "Diputus/dijatuhi sanksi",
        "Decided or sanctioned",
        ("ppk_decided", "followup_confirmed", "sanctioned"),
    ),
    "tidak_terbukti": ("Tidak terbukti", "Not proven", ("not_proven",)),
    "lainnya": (
        "Ditutup karena alasan lain",
        "Closed for other reasons",
        ("dismissed", "merged", "out_of_scope", "forwarded"),
    ),
}
_GROUP_OF = {s: g for g, (_i, _e, statuses) in STAGE_GROUPS.items() for s in statuses}


@dataclass(frozen=True)
class OpenTable:
    name: str
    title: str
    description: str
    row_field: str
    col_field: str
    row_labels: dict[str, str]
    col_labels: dict[str, str]
    protected: Protected

    def records(self) -> list[dict[str, str | int]]:
        """Tidy rows (one per cell, totals included as ``jumlah``); suppressed values are ``x``."""
        out: list[dict[str, str | int]] = []
        for r in (*self.protected.rows, TOTAL):
            for c in (*self.protected.cols, TOTAL):
                shown = self.protected.shown((r, c))
                out.append(
                    {
                        f"{self.row_field}": "jumlah" if r == TOTAL else r,
                        f"{self.row_field}_label": "Jumlah" if r == TOTAL else self.row_labels.get(r, r),
                        f"{self.col_field}": "jumlah" if c == TOTAL else c,
                        f"{self.col_field}_label": "Jumlah" if c == TOTAL else self.col_labels.get(c, c),
                        "jumlah_kasus": SUPPRESSED if shown is None else shown,
                    }
                )
        return out

    def csv_text(self) -> str:
        out = io.StringIO()
        fields = [
            self.row_field,
            f"{self.row_field}_label",
            self.col_field,
            f"{self.col_field}_label",
            "jumlah_kasus",
        ]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.records())
        return out.getvalue()

    def schema(self) -> dict[str, Any]:
        text = {"type": "string"}
        return {
            "fields": [
                {"name": self.row_field, "description": "Kode baris ('jumlah' = total)", **text},
                {"name": f"{self.row_field}_label", "description": "Nama baris", **text},
                {"name": self.col_field, "description": "Kode kolom ('jumlah' = total)", **text},
                {"name": f"{self.col_field}_label", "description": "Nama kolom", **text},
                {
                    "name": "jumlah_kasus",
                    "type": "integer",
                    "constraints": {"minimum": 0},
                    "description": f"Jumlah kasus; '{SUPPRESSED}' = disembunyikan",
                },
            ],
            "missingValues": [SUPPRESSED],
        }


def _table(
    name: str,
    title: str,
    description: str,
    fields: tuple[str, str],
    counts: dict[tuple[str, str], int],
    labels: tuple[dict[str, str], dict[str, str]],
) -> OpenTable:
    rows = sorted({r for r, _ in counts} | set(labels[0]))
    cols = sorted({c for _, c in counts} | set(labels[1]))
    return OpenTable(
        name, title, description, fields[0], fields[1], labels[0], labels[1], protect(rows, cols, counts)
    )


def open_tables(source: FactSource, catalogue: Catalogue, names: Names, where: FactFilter) -> list[OpenTable]:
    def province(code: str) -> str:
        return names.region(code) if code else "Wilayah belum diketahui"

    by_behaviour = source.cross(Dimension.PROVINCE, Dimension.BEHAVIOUR, where)
    by_status = source.cross(Dimension.PROVINCE, Dimension.STATUS, where)
    grouped: dict[tuple[str, str], int] = {}
    for (p, status), n in by_status.items():
        key = (p, _GROUP_OF.get(status, "lainnya"))
        grouped[key] = grouped.get(key, 0) + n
    monthly = {(f"{m:%Y-%m}", "kasus"): n for m, n in source.monthly(where).items()}
    provinces = {p: province(p) for p, _ in by_status}
    behaviours = {b: label_of(catalogue, names, Dimension.BEHAVIOUR, b)[0] for _, b in by_behaviour}
    stages = {g: v[0] for g, v in STAGE_GROUPS.items()}
    return [
        _table(
            "kasus-provinsi-perilaku",
            "Kasus menurut provinsi dan perilaku",
            "Jumlah kasus dugaan pelanggaran netralitas ASN per provinsi dan perilaku utama penilaian.",
            ("kode_provinsi", "perilaku"),
            by_behaviour,
            (provinces, behaviours),
        ),
        _table(
            "kasus-provinsi-tahap",
            "Kasus menurut provinsi dan tahap penanganan",
            "Jumlah kasus per provinsi menurut kelompok tahap penanganan.",
            ("kode_provinsi", "tahap"),
            grouped,
            (provinces, stages),
        ),
        _table(
            "kasus-bulan",
            "Kasus menurut bulan dibuka",
            "Jumlah kasus menurut bulan kasus dibuka.",
            ("bulan", "ukuran"),
            monthly,
            ({m: m for m, _ in monthly}, {"kasus": "Kasus"}),
        ),
    ]


def datapackage(
    tables: list[OpenTable],
    *,
    catalogue_version: str,
    extracted_at: datetime,
    election: str | None,
    link: Callable[[str], str],
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor (v1) of the tables."""
    scope = f" (pemilihan {election})" if election else ""
    return {
        "profile": "tabular-data-package",
        "name": "netralitas-asn-kasus" + (f"-{election}" if election else ""),
        "title": f"Kasus dugaan pelanggaran netralitas ASN{scope}",
        "description": "Angka agregat tanpa data pribadi; sel di bawah 5 dan pelindungnya ditulis 'x'.",
        "licenses": [LICENCE],
        "sources": [
            {"title": "Netralitas: berkas kasus pengawasan netralitas ASN (agregat)", "path": link("")}
        ],
        "version": catalogue_version,
        "created": extracted_at.isoformat(),
        "keywords": ["netralitas", "ASN", "pemilu", "pilkada", "Satu Data"],
        "netralitas": {
            "catalogue_version": catalogue_version,
            "extracted_on": extracted_at.date().isoformat(),
            "suppression": {"threshold": 5, "marker": SUPPRESSED, "secondary": True},
        },
        "resources": [
            {
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "path": link(f"{t.name}.csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": t.schema(),
            }
            for t in tables
        ],
    }


def as_json(tables: list[OpenTable], day: date) -> dict[str, Any]:
    return {"extracted_on": day.isoformat(), "tables": {t.name: t.records() for t in tables}}
