"""Printable PDFs (fpdf2, built-in fonts: no font files, no network): a brief and a pledge
certificate. The built-in fonts cover Latin-1, enough for Indonesian; other characters are
replaced by their closest ASCII form."""

from __future__ import annotations

from collections.abc import Iterable

from fpdf import FPDF

_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "·": "-", "…": "...",
                        "≠": "!=", "→": "->", "•": "-"})  # fmt: skip


def latin(text: str) -> str:
    return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


def _document(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_title(latin(title))
    pdf.set_creator("Netralitas")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    return pdf


def _output(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


def text_pdf(title: str, lines: Iterable[str], footer: str = "") -> bytes:
    """A plain printable document: headings are lines ending with ':'; bullets start with '- '."""
    pdf = _document(title)
    for line in lines:
        if not line.strip():
            pdf.ln(3)
            continue
        bold = line.endswith(":") and not line.startswith("- ")
        pdf.set_font("Helvetica", "B" if bold else "", 11)
        indent = 5 if line.startswith("- ") else 0
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, 6, latin(line), new_x="LMARGIN", new_y="NEXT")
    if footer:
        pdf.ln(4)
        pdf.set_font("Helvetica", "I", 8)
        pdf.multi_cell(0, 5, latin(footer), new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)


def certificate_pdf(
    number: str, name: str, nip: str, agency: str, statement: str, signed: str, circular_title: str
) -> bytes:
    """The neutrality pledge (pakta integritas netralitas ASN) as signed through a personal link."""
    pdf = _document("PAKTA INTEGRITAS NETRALITAS ASN")
    pdf.set_font("Helvetica", "", 11)
    rows = (
        ("Nomor", number),
        ("Nama", name),
        ("NIP", nip),
        ("Instansi", agency),
        ("Surat edaran", circular_title),
    )
    for label, value in rows:
        pdf.cell(35, 7, latin(label))
        pdf.multi_cell(0, 7, latin(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 6, latin(statement), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 6, latin(f"Ditandatangani secara elektronik melalui tautan pribadi pada {signed}."),
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 8)
    note = "Dibuat oleh Netralitas. Keaslian dapat diperiksa instansi dengan nomor di atas."
    pdf.multi_cell(0, 5, latin(note), new_x="LMARGIN", new_y="NEXT")
    return _output(pdf)
